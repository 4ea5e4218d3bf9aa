"""The real bot as a separate process (`python -m bot run`), pointed at the emulator."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from emulator import BotAPIEmulator

logger = logging.getLogger(__name__)

START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class BotEnvironment:
    """What `python -m bot run` is told through its environment."""

    api_root: str
    token: str
    database_url: str
    data_key: str
    staff_chat_id: int
    admin_ids: list[int]
    log_level: str = "INFO"
    polling_timeout: int = 10

    def variables(self) -> dict[str, str]:
        return {
            "TELEGRAM_BOT_TOKEN": self.token,
            "TELEGRAM_API_URL": self.api_root,
            "DATABASE_URL": self.database_url,
            "DATA_ENCRYPTION_KEY": self.data_key,
            "STAFF_CHAT_ID": str(self.staff_chat_id),
            "ADMIN_TELEGRAM_IDS": ",".join(str(i) for i in self.admin_ids),
            "LOG_LEVEL": self.log_level,
            "POLLING_TIMEOUT": str(self.polling_timeout),
            "PYTHONUNBUFFERED": "1",
        }


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the bot gets SIGTERM if the simulator dies without cleaning up (kill -9)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class BotProcess:
    """Starts, watches, restarts and stops the bot; its log lines go to our stderr."""

    def __init__(
        self,
        emulator: BotAPIEmulator,
        environment: BotEnvironment,
        *,
        cwd: Path,
        on_state: Callable[[str], None] = lambda state: None,
    ) -> None:
        self.emulator = emulator
        self.environment = environment
        self.cwd = cwd
        self.on_state = on_state
        self.process: asyncio.subprocess.Process | None = None
        self._relay: asyncio.Task[None] | None = None
        self._watch: asyncio.Task[None] | None = None
        self._stopping = False
        self._lock = asyncio.Lock()

    async def start(self) -> None:
        async with self._lock:
            await self._start()

    async def _start(self) -> None:
        self._stopping = False
        self.on_state("starting")
        polls_before = self._polls()
        env = {**os.environ, **self.environment.variables()}
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=self.cwd,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            # Its own session: Ctrl-C in the terminal reaches only the simulator, which then
            # stops the bot first and the emulator after it.
            start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
        self._relay = asyncio.create_task(self._relay_output(self.process))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + START_TIMEOUT
        while self._polls() == polls_before:
            if self.process.returncode is not None:
                await self._relay
                self.on_state("crashed")
                raise RuntimeError(
                    f"the bot exited with status {self.process.returncode} while starting "
                    "(its output is above)"
                )
            if loop.time() > deadline:
                await self._terminate()
                self.on_state("crashed")
                raise RuntimeError(f"the bot did not start polling within {START_TIMEOUT:.0f} s")
            await asyncio.sleep(0.05)
        self._watch = asyncio.create_task(self._watch_exit(self.process))
        self.on_state("running")

    def _polls(self) -> int:
        # Counted when a long poll begins (a call is logged only when it returns).
        return self.emulator.state.updates.poll_count

    async def _relay_output(self, process: asyncio.subprocess.Process) -> None:
        """Copies the bot's output, line by line, however long a line is (a full pipe would
        block the bot)."""
        assert process.stdout is not None
        pending = b""
        while chunk := await process.stdout.read(65536):
            *lines, pending = (pending + chunk).split(b"\n")
            for line in lines:
                sys.stderr.write(f"bot | {line.decode(errors='replace')}\n")
            sys.stderr.flush()
        if pending:
            sys.stderr.write(f"bot | {pending.decode(errors='replace')}\n")
            sys.stderr.flush()

    async def _watch_exit(self, process: asyncio.subprocess.Process) -> None:
        status = await process.wait()
        if not self._stopping:
            logger.warning("the bot stopped on its own (status %s)", status)
            self.on_state("crashed")

    async def stop(self) -> None:
        async with self._lock:
            await self._stop()

    async def _stop(self) -> None:
        self._stopping = True
        if self._watch is not None:
            self._watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watch
            self._watch = None
        await self._terminate()
        self.on_state("stopped")

    async def _terminate(self) -> None:
        process = self.process
        if process is None:
            return
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), STOP_TIMEOUT)
            except TimeoutError:
                logger.warning("the bot did not stop within %.0f s; killing it", STOP_TIMEOUT)
                process.kill()
                await process.wait()
        if self._relay is not None:
            await self._relay
            self._relay = None
        self.process = None

    async def restart(self) -> None:
        """Stop and start again: shows that nothing is lost across a restart."""
        async with self._lock:
            await self._stop()
            await self._start()
