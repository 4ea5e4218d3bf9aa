"""The bot with a clock the test moves, and its scheduled work run when the test says so."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta

from bot.config import Settings
from bot.scheduler import TickResult, run_tick
from tests.e2e.conftest import RunningBot


class ManualClock:
    """The bot's `clock`: stands still until the test moves it."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


class ScheduledBot(RunningBot):
    """run_bot as the CLI runs it, in this event loop, on a ManualClock.

    APScheduler's own triggers still run on real time (a tick every few minutes, the digest
    at its hour); they decide by the manual clock too, so they can only ever do what `tick()`
    would have done.
    """

    def __init__(self, settings: Settings, clock: ManualClock) -> None:
        super().__init__(settings, clock=clock)

    async def tick(self, *, on_schedule: bool = False) -> TickResult:
        """One run of the scheduled work, now (by the manual clock)."""
        assert self.application is not None, "the bot is not running"
        return await run_tick(self.application, on_schedule=on_schedule)

    async def settled(self) -> None:
        """Waits until the outbox sender has tried everything due now."""
        assert self.application is not None, "the bot is not running"
        await self.application.bot_data["sender"].settled()


@asynccontextmanager
async def scheduled_bot(settings: Settings, clock: ManualClock) -> AsyncIterator[ScheduledBot]:
    """A started ScheduledBot, stopped afterwards (the `sbot` fixtures use it)."""
    running = ScheduledBot(settings, clock)
    await running.start()
    try:
        yield running
    finally:
        await running.stop()
