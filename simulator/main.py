"""`python -m bot simulate`: the emulator, the real bot process and the web page, together."""

from __future__ import annotations

import asyncio
import errno
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

from emulator import BotAPIEmulator
from models.storage.crypto import DataCrypto, dev_key
from models.storage.db import Database, utcnow
from models.storage.migrate import upgrade
from simulator.bot_process import BotEnvironment, BotProcess
from simulator.cli import DEFAULT_DATABASE
from simulator.personas import STAFF_GROUP_ID, admin_ids, known_account_ids, register_team
from simulator.simulation import Simulation
from simulator.web import build_web_app


class SimulatorError(RuntimeError):
    """The simulator cannot start; the message is one line for the person running it."""


@dataclass(frozen=True)
class SimulatorOptions:
    host: str = "127.0.0.1"
    port: int = 8080
    database: Path = DEFAULT_DATABASE
    demo_data: bool = False
    fresh: bool = False
    log_level: str = "INFO"

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.database}"

    @property
    def data_key(self) -> str:
        """The simulator's DATA_ENCRYPTION_KEY, kept beside its database (made on first use)."""
        return dev_key(self.database.with_suffix(".key"))


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def prepare_database(options: SimulatorOptions) -> list[int]:
    """Migrate, register the team personas, load demo data if asked; the known account ids."""
    if options.fresh:
        _remove_database(options.database)
    db = Database.from_url(options.database_url, DataCrypto.from_setting(options.data_key))
    try:
        upgrade(db.engine)
        with db.session() as session:
            register_team(session, now=utcnow())
            if options.demo_data:
                from simulator.demo_data import has_demo_data, load_demo_data

                if not has_demo_data(session):
                    print("Demo data: playing January-November 2024 (a few seconds)…", flush=True)
                loaded = load_demo_data(session)
                if loaded:
                    print(f"Demo data: {loaded} fictional cases of January-November 2024 loaded.")
                else:
                    print("Demo data: already in this database (use --fresh to start over).")
            return known_account_ids(session)
    finally:
        db.dispose()


async def serve(
    options: SimulatorOptions,
    stop: asyncio.Event,
    *,
    on_ready: Callable[[str], None] = print,
) -> None:
    """Runs everything until `stop` is set; `on_ready` gets the page's address."""
    accounts = await asyncio.to_thread(prepare_database, options)
    emulator = BotAPIEmulator()
    await emulator.start("127.0.0.1", 0)
    simulation = Simulation(emulator)
    # People in the database have talked to the bot before: the bot may write to them.
    simulation.open_private_chats(accounts)
    simulation.start()
    environment = BotEnvironment(
        api_root=emulator.api_root,
        token=emulator.token,
        database_url=options.database_url,
        data_key=options.data_key,
        staff_chat_id=STAFF_GROUP_ID,
        admin_ids=admin_ids(),
        log_level=options.log_level,
    )
    bot = BotProcess(emulator, environment, cwd=Path.cwd(), on_state=simulation.set_bot_state)
    runner = web.AppRunner(
        build_web_app(simulation, restart=bot.restart), access_log=None, shutdown_timeout=1.0
    )
    await runner.setup()
    try:
        site = web.TCPSite(runner, options.host, options.port)
        try:
            await site.start()
        except OSError as exc:
            reason = "in use" if exc.errno == errno.EADDRINUSE else "not available"
            raise SimulatorError(
                f"cannot listen on {options.host}:{options.port} (address {reason}); "
                "choose another port with --port"
            ) from None
        host, port = runner.addresses[0][:2]
        shown_host = f"[{host}]" if ":" in host else host
        try:
            await bot.start()
        except RuntimeError as exc:
            raise SimulatorError(str(exc)) from None
        on_ready(f"http://{shown_host}:{port}/")
        await stop.wait()
    finally:
        await bot.stop()
        await runner.cleanup()
        await simulation.stop()
        await emulator.stop()


async def _main(options: SimulatorOptions) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def stopping() -> None:
        # A second Ctrl-C interrupts a shutdown that hangs (the bot dies with us anyway).
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
        print("Stopping the simulator…", flush=True)
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopping)

    def ready(address: str) -> None:
        print(f"Simulator ready: open {address}  (Ctrl-C stops it)", flush=True)

    await serve(options, stop, on_ready=ready)
    print("Simulator stopped.", flush=True)


def run(options: SimulatorOptions) -> int:
    """Runs the simulator until Ctrl-C or SIGTERM; returns the exit status."""
    try:
        asyncio.run(_main(options))
    except SimulatorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0
