"""End-to-end fixtures: the real Application, polling the Bot API emulator over HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import Any

import pytest
from telegram.ext import Application

from bot.config import Settings
from bot.runner import run_bot
from emulator import BotAPIEmulator, Group
from models.inbox.store import is_handled
from models.storage.db import Database, utcnow
from tests.conftest import TEST_DATA_KEY

STAFF_CHAT_ID = -1001000000001
OFFICE = 'Dinsos Kobar <Jl. Sutan Syahrir> & "Pangkalan Bun"'


class RunningBot:
    """The bot as the CLI runs it, in this event loop; stop/start to simulate restarts.

    `clock` replaces the real one (tests/e2e/scheduled.py moves it by hand).
    """

    def __init__(self, settings: Settings, clock: Callable[[], datetime] = utcnow) -> None:
        self.settings = settings
        self.clock = clock
        self.application: Application[Any, Any, Any, Any, Any, Any] | None = None
        self._stop: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None

    def _started(self, application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        self.application = application

    async def start(self) -> None:
        self._stop = asyncio.Event()
        ready = asyncio.Event()
        self._task = asyncio.create_task(
            run_bot(
                self.settings, stop=self._stop, ready=ready, clock=self.clock,
                on_ready=self._started,
            )
        )  # fmt: skip
        waiter = asyncio.ensure_future(ready.wait())
        await asyncio.wait({waiter, self._task}, timeout=15, return_when=asyncio.FIRST_COMPLETED)
        if self._task.done():
            waiter.cancel()
            self._task.result()  # raises what made it stop
            raise AssertionError("the bot stopped while starting")
        if not ready.is_set():
            raise AssertionError("the bot did not start polling within 15 s")

    async def stop(self) -> None:
        if self._task is None or self._stop is None:
            return
        self._stop.set()
        await asyncio.wait_for(self._task, timeout=15)
        self._task = None
        self.application = None

    async def restart(self) -> None:
        await self.stop()
        await self.start()


@pytest.fixture
async def emulator() -> AsyncIterator[BotAPIEmulator]:
    emu = BotAPIEmulator()
    await emu.start()
    try:
        yield emu
    finally:
        await emu.stop()
    assert emu.violations == [], "the bot made calls Telegram would reject"


@pytest.fixture
def staff_group(emulator: BotAPIEmulator) -> Group:
    """The staff group chat (the bot was added to it, so Telegram knows the chat)."""
    return emulator.group(STAFF_CHAT_ID, "Staf Dinsos Kobar")


def handled_check(db: Database) -> Callable[[int], bool]:
    """The emulator's way to know the bot handled an update: the bot stores an update and
    confirms it at once, so a person's action returns once the inbox says it is done and the
    replies it queued are sent."""

    def check(update_id: int) -> bool:
        with db.session() as session:
            return is_handled(session, update_id)

    return check


@pytest.fixture
def settings(
    emulator: BotAPIEmulator, database_url: str, staff_group: Group, db: Database
) -> Settings:
    emulator.processed_check = handled_check(db)
    return Settings(
        _env_file=None,
        telegram_bot_token=emulator.token,
        telegram_api_url=emulator.api_root,
        database_url=database_url,
        staff_chat_id=STAFF_CHAT_ID,
        office_contact=OFFICE,
        polling_timeout=5,
        # The emulator has no limit per private chat, and people here answer at once.
        send_private_burst=1000,
        data_encryption_key=TEST_DATA_KEY,
    )


@pytest.fixture
async def bot(
    settings: Settings, emulator: BotAPIEmulator, db: Database
) -> AsyncIterator[RunningBot]:
    running = RunningBot(settings)
    await running.start()
    try:
        yield running
    finally:
        await running.stop()
