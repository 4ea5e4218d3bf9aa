"""The bot with a clock the test moves, and its scheduled work run when the test says so."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

from telegram.ext import Application

from bot.config import Settings
from bot.runner import run_bot
from bot.scheduler import TickResult, run_tick


class ManualClock:
    """The bot's `clock`: stands still until the test moves it."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


class ScheduledBot:
    """run_bot as the CLI runs it, in this event loop, on a ManualClock.

    APScheduler's own triggers still run on real time (a tick every few minutes, the digest
    at its hour); they decide by the manual clock too, so they can only ever do what `tick()`
    would have done.
    """

    def __init__(self, settings: Settings, clock: ManualClock) -> None:
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
                self.settings,
                stop=self._stop,
                ready=ready,
                clock=self.clock,
                on_ready=self._started,
            )
        )
        waiter = asyncio.ensure_future(ready.wait())
        await asyncio.wait({waiter, self._task}, timeout=15, return_when=asyncio.FIRST_COMPLETED)
        if self._task.done():
            waiter.cancel()
            self._task.result()
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

    async def tick(self, *, on_schedule: bool = False) -> TickResult:
        """One run of the scheduled work, now (by the manual clock)."""
        assert self.application is not None, "the bot is not running"
        return await run_tick(self.application, on_schedule=on_schedule)

    async def settled(self) -> None:
        """Waits until the outbox sender has tried everything due now."""
        assert self.application is not None, "the bot is not running"
        await self.application.bot_data["sender"].settled()
