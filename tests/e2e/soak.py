"""Tools for the soak tests: the real bot process killed and started again, people who carry
on through every crash, and the count of messages Telegram accepted more than once.

A person here acts without waiting (`wait=False`) and then waits for `Handled`: the update is
stored, handled, and every reply it queued is out of the outbox's hands. That holds across
any number of kills (a dead process's replies are sent by the next one once their lease has
run out), where the emulator's own wait would also want a callback answer a kill may have
lost (an answer is no message; nothing owes it).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from emulator import BotAPIEmulator
from models.storage.db import Database
from models.storage.tables import InboundStatus, InboundUpdate, Outbox, OutboxStatus
from tests.e2e.conftest import STAFF_CHAT_ID

ROOT = Path(__file__).resolve().parents[2]

# Imports the bot, then waits for a line on stdin before running `python -m bot run` exactly
# as the command line does. A restart then costs the bot's own start-up (migrations, the
# backlog, owed questions: where a crash can hurt) rather than the interpreter's imports.
WARM_START = """
import sys
import bot.runner, models.storage.migrate
from bot.__main__ import main
if sys.stdin.readline():
    raise SystemExit(main(["run"]))
"""

SENDS = ("sendMessage", "sendPhoto", "sendDocument", "sendVoice")


class BotProcess:
    """`python -m bot run` as its own process, pointed at the emulator.

    With `warm=True` the next process is started (and has imported everything) while the
    current one runs, and is let go when the current one is gone.
    """

    def __init__(
        self,
        emulator: BotAPIEmulator,
        database_url: str,
        workdir: Path,
        *,
        env: dict[str, str] | None = None,
        warm: bool = False,
        name: str = "bot",
    ) -> None:
        self.emulator = emulator
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))},
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": emulator.token,
            "TELEGRAM_API_URL": emulator.api_root,
            "DATABASE_URL": database_url,
            "STAFF_CHAT_ID": str(STAFF_CHAT_ID),
            "POLLING_TIMEOUT": "1",
            # The emulator has no limit per private chat, and people here answer at once.
            "SEND_PRIVATE_BURST": "1000",
            "LOG_LEVEL": "WARNING",
            **(env or {}),
        }
        self.workdir = workdir  # no .env there: only the environment above counts
        self.log = workdir / f"{name}.log"
        self.warm = warm
        self.process: asyncio.subprocess.Process | None = None
        self._spare: asyncio.subprocess.Process | None = None
        self.starts = 0
        self.kills = 0
        self.kill_times: list[float] = []  # time.monotonic(), as the emulator's ApiCall.at

    async def _spawn(self, warm: bool) -> asyncio.subprocess.Process:
        args = ("-c", WARM_START) if warm else ("-m", "bot", "run")
        with self.log.open("ab") as log:
            return await asyncio.create_subprocess_exec(
                sys.executable, *args, cwd=self.workdir, env=self.env,
                stdin=asyncio.subprocess.PIPE if warm else asyncio.subprocess.DEVNULL,
                stdout=log, stderr=log,
            )  # fmt: skip

    async def start(self) -> None:
        self.starts += 1
        if not self.warm:
            self.process = await self._spawn(False)
            return
        process = self._spare or await self._spawn(True)
        self._spare = await self._spawn(True)
        assert process.stdin is not None
        process.stdin.write(b"run\n")
        await process.stdin.drain()
        self.process = process

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.returncode is None

    async def kill(self) -> None:
        assert self.process is not None
        if self.process.returncode is not None:
            # It stopped by itself (it could not start, or it crashed): say so, at once.
            raise AssertionError(
                f"the bot exited with {self.process.returncode} by itself:\n{self.log_tail()}"
            )
        self.process.send_signal(signal.SIGKILL)
        self.kill_times.append(time.monotonic())
        self.kills += 1
        await self.process.wait()

    async def stop(self) -> int | None:
        """SIGTERM (a clean stop); the exit code, or None if it had to be killed."""
        code: int | None = None
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            try:
                code = await asyncio.wait_for(self.process.wait(), timeout=15)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        if self._spare is not None:
            assert self._spare.stdin is not None
            self._spare.stdin.close()  # an empty line: the spare exits without running
            await self._spare.wait()
            self._spare = None
        return code

    def log_tail(self, chars: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""


class Handled:
    """Waits until updates are handled and their replies sent: one query every `interval`
    for everyone waiting, rather than one per person every few milliseconds."""

    def __init__(self, db: Database, interval: float = 0.05) -> None:
        self.db = db
        self.interval = interval
        self._waiting: dict[int, asyncio.Future[None]] = {}
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Handled:
        self._task = asyncio.create_task(self._watch())
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()

    async def wait(self, update_id: int, timeout: float) -> None:  # noqa: ASYNC109
        future = self._waiting.setdefault(update_id, asyncio.get_running_loop().create_future())
        try:
            await asyncio.wait_for(asyncio.shield(future), timeout)
        except TimeoutError:
            raise AssertionError(f"update {update_id} not handled within {timeout} s") from None

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            ids = [i for i, f in self._waiting.items() if not f.done()]
            if ids:
                for update_id in await asyncio.to_thread(self._handled, ids):
                    self._waiting.pop(update_id).set_result(None)

    def _handled(self, ids: list[int]) -> set[int]:
        with self.db.session() as session:
            done = set(
                session.execute(
                    select(col(InboundUpdate.update_id)).where(
                        col(InboundUpdate.update_id).in_(ids),
                        col(InboundUpdate.status) != InboundStatus.PENDING,
                    )
                ).scalars()
            )
            owed = session.execute(
                select(col(Outbox.key)).where(
                    col(Outbox.status).in_([OutboxStatus.PENDING, OutboxStatus.SENDING]),
                    col(Outbox.key).like("u:%"),
                )
            ).scalars()
        return done - {int(key.split(":")[1]) for key in owed}


Move = Callable[[Any], Awaitable[Any]]


class NoWait:
    """A person whose every action returns at once (`wait=False`)."""

    def __init__(self, person: Any) -> None:
        self._person = person

    def __getattr__(self, name: str) -> Callable[..., Awaitable[Any]]:
        method = getattr(self._person, name)

        async def call(*args: Any, **kwargs: Any) -> Any:
            return await method(*args, **{**kwargs, "wait": False})

        return call


async def act(person: Any, move: Move, handled: Handled, timeout: float = 120.0) -> Any:  # noqa: ASYNC109
    """One update from the person; returns once it is handled and its replies are sent."""
    reply = await move(NoWait(person))
    await handled.wait(reply.update_id, timeout)
    return reply


@dataclass
class Doubles:
    """Messages Telegram accepted more often than the outbox holds them."""

    window: list[str] = field(default_factory=list)  # a kill between the copies: the window
    other: list[str] = field(default_factory=list)  # anything else: a bug
    # (chat id, text) of each copy too many in the window, for checks on one chat.
    in_window: Counter[tuple[int, str]] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return len(self.window) + len(self.other)

    def add(
        self,
        what: str,
        stamps: list[float],
        claims: int,
        kills: Sequence[float],
        sent: tuple[int, str] | None = None,
    ) -> None:
        """One copy too many. It is the window Telegram leaves open if the process was killed
        between the first copy and the last, and the row was claimed again (its claim ran
        out: the one who sent it never marked it)."""
        killed = any(stamps[0] - 0.1 <= kill <= stamps[-1] for kill in kills)
        if killed and claims >= 2:
            self.window.append(what)
            if sent is not None:
                self.in_window[sent] += 1
        else:
            self.other.append(what)


def _content(params: dict[str, Any]) -> str:
    return str(params.get("text") or params.get("caption") or "")


def doubled_sends(emulator: BotAPIEmulator, db: Database, kill_times: Sequence[float]) -> Doubles:
    """Compares every message Telegram accepted with the outbox rows (one row per message
    the bot meant to send): a chat that got a text more often than rows hold it got a
    double. Edits count too: an edit made again is refused as "message is not modified",
    which the sender takes as done; such a refusal is taken out of the emulator's list of
    rejected calls here when it is the window, and counted."""
    accepted: dict[tuple[int, str], list[float]] = defaultdict(list)
    edits: dict[tuple[int, int, str], list[float]] = defaultdict(list)
    for call in emulator.calls:
        if call.method in SENDS and call.ok:
            accepted[(int(call.params["chat_id"]), _content(call.params))].append(call.at)
        elif call.method == "editMessageText" and (call.ok or _not_modified(call.description)):
            target = (int(call.params["chat_id"]), int(call.params["message_id"]))
            edits[(*target, _content(call.params))].append(call.at)
    with db.session() as session:
        stored = session.execute(
            select(col(Outbox.chat_id), col(Outbox.text), col(Outbox.kind),
                   col(Outbox.target_message_id), col(Outbox.attempts))
        ).tuples().all()  # fmt: skip
    rows: Counter[tuple[int, str]] = Counter()
    claims: dict[tuple[Any, ...], int] = defaultdict(int)
    edit_rows: Counter[tuple[int, int, str]] = Counter()
    for chat_id, text, kind, target, attempts in stored:
        if kind == "edit" and target is not None:
            edit_rows[(chat_id, target, text)] += 1
            claims[(chat_id, target, text)] = max(claims[(chat_id, target, text)], attempts)
        elif kind != "delete":
            rows[(chat_id, text)] += 1
            claims[(chat_id, text)] = max(claims[(chat_id, text)], attempts)
    doubles = Doubles()
    for (chat_id, text), stamps in accepted.items():
        for _ in range(len(stamps) - rows[(chat_id, text)]):
            what = f"chat {chat_id}: {text[:60]!r} x{len(stamps)}"
            doubles.add(what, sorted(stamps), claims[(chat_id, text)], kill_times, (chat_id, text))
    repeated: set[tuple[int, int]] = set()
    for (chat_id, message_id, text), stamps in edits.items():
        for _ in range(len(stamps) - edit_rows[(chat_id, message_id, text)]):
            before = doubles.total - len(doubles.other)
            what = f"edit of chat {chat_id} message {message_id}: {text[:60]!r} x{len(stamps)}"
            doubles.add(what, sorted(stamps), claims[(chat_id, message_id, text)], kill_times)
            if doubles.total - len(doubles.other) > before:
                repeated.add((chat_id, message_id))
    _forgive_repeated_edits(emulator, repeated)
    return doubles


def _not_modified(description: str | None) -> bool:
    return description is not None and "message is not modified" in description


def _forgive_repeated_edits(emulator: BotAPIEmulator, targets: set[tuple[int, int]]) -> None:
    """Takes the "not modified" refusals of edits made again in the window (counted among
    the doubles) out of the emulator's list of rejected calls; every other one stays."""
    forgiven = {
        f"{call.method}: {call.description} | params: {call.params!r:.500}"
        for call in emulator.calls
        if call.method == "editMessageText"
        and _not_modified(call.description)
        and (int(call.params["chat_id"]), int(call.params["message_id"])) in targets
    }
    emulator.state.violations[:] = [v for v in emulator.violations if v not in forgiven]


def too_many_requests(emulator: BotAPIEmulator) -> int:
    """How often the emulator answered 429 (Telegram's flood limits)."""
    return sum(1 for call in emulator.calls if call.error_code == 429)


def polled_since(emulator: BotAPIEmulator, index: int) -> bool:
    """Whether the bot has called getUpdates since `emulator.calls[index]`."""
    return any(call.method == "getUpdates" for call in emulator.calls[index:])
