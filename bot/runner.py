"""Runs the bot: migrate, re-deliver owed questions, then poll.

PTB's own Updater confirms a batch of updates to Telegram (by asking for the next offset)
before the handlers have run, so a crash could lose what a person just sent. This loop
confirms a batch only after every update in it was handled; handlers are idempotent per
update (models.intake.flow checks `last_update_id`), so a batch delivered again after a
crash changes nothing twice. Updates of one person run in order; different people run
concurrently.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from telegram import Update
from telegram.error import Conflict, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import Application

from bot.app import build_application
from bot.config import Settings
from bot.scheduler import schedule
from bot.sender import OutboxSender, retry_seconds, sender_bot
from handlers.commands import publish_all
from handlers.intake import resend_owed_questions
from models.cases.notices import reconcile_new_case_notices
from models.people.staff import ensure_admins
from models.storage.db import Database, utcnow
from models.storage.migrate import upgrade
from views.renderer import render

logger = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]


def _ordering_key(update: Update) -> int:
    if update.effective_user is not None:
        return update.effective_user.id
    if update.effective_chat is not None:
        return update.effective_chat.id
    return 0


async def process_batch(application: Application[Any, Any, Any, Any, Any, Any],
                        updates: Iterable[Update]) -> None:  # fmt: skip
    """Handles a batch: each person's updates in order, different people concurrently."""
    per_person: dict[int, list[Update]] = defaultdict(list)
    for update in updates:
        per_person[_ordering_key(update)].append(update)

    async def in_order(items: list[Update]) -> None:
        for update in items:
            await application.process_update(update)

    await asyncio.gather(*(in_order(items) for items in per_person.values()))


async def _pause(stop: asyncio.Event, seconds: float) -> None:
    """Waits `seconds`, or less if the bot is told to stop meanwhile."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)


class Poller:
    """Long polling that confirms a batch only once it has been handled."""

    def __init__(self, application: Application[Any, Any, Any, Any, Any, Any], timeout: int):
        self.application = application
        self.timeout = timeout
        self.offset: int | None = None

    async def _fetch(self) -> list[Update]:
        return list(
            await self.application.bot.get_updates(
                offset=self.offset, timeout=self.timeout, allowed_updates=ALLOWED_UPDATES
            )
        )

    async def run(self, stop: asyncio.Event) -> None:
        backoff = 1.0
        while not stop.is_set():
            fetch = asyncio.ensure_future(self._fetch())
            stopping = asyncio.ensure_future(stop.wait())
            done, _ = await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if fetch not in done:
                fetch.cancel()
                break
            stopping.cancel()
            try:
                updates = fetch.result()
            except RetryAfter as exc:
                await _pause(stop, retry_seconds(exc.retry_after))
                continue
            except (TimedOut, NetworkError, Conflict) as exc:
                # Conflict: another process polls with the same token (a second instance on
                # the same database, or the old one during a restart). Back off, don't die.
                logger.warning("polling failed (%s); retrying in %.0f s", exc, backoff)
                await _pause(stop, backoff)
                backoff = min(backoff * 2, 30.0)
                continue
            backoff = 1.0
            if not updates:
                continue
            await process_batch(self.application, updates)
            self.offset = updates[-1].update_id + 1
        await self._confirm()

    async def _confirm(self) -> None:
        """On a clean stop, tell Telegram the handled updates are done."""
        if self.offset is None:
            return
        try:
            await self.application.bot.get_updates(offset=self.offset, timeout=0, limit=1)
        except TelegramError as exc:
            logger.info("could not confirm the last updates on stop: %s", exc)


async def run_bot(
    settings: Settings,
    *,
    stop: asyncio.Event | None = None,
    db: Database | None = None,
    handle_signals: bool = False,
    ready: asyncio.Event | None = None,
    clock: Callable[[], datetime] = utcnow,
    on_ready: Callable[[Application[Any, Any, Any, Any, Any, Any]], None] | None = None,
) -> None:
    """Migrates the database and runs the bot until `stop` is set (or SIGINT/SIGTERM).

    `ready` is set once the bot is about to poll (tests and the simulator wait for it);
    `on_ready` is called with the application just before (tests run scheduled jobs with it).
    """
    stop = stop or asyncio.Event()
    db = db or Database.from_url(settings.database_url)
    upgrade(db.engine)
    with db.session() as session:
        ensure_admins(session, settings.admin_telegram_ids, now=clock())
        reconcile_new_case_notices(
            session, staff_chat_id=settings.staff_chat_id, now=clock(), renderer=render
        )
    application = build_application(settings, db, clock=clock)
    sender = OutboxSender(sender_bot(settings), db, clock, staff_chat_id=settings.staff_chat_id)
    application.bot_data["sender"] = sender
    schedule(application)
    if handle_signals:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
    async with application, sender.bot:
        await application.start()
        await publish_all(application)
        await resend_owed_questions(application.bot, db, clock(), office=settings.office_contact)
        me = application.bot.username
        logger.info("bot @%s is running", me)
        sending = asyncio.create_task(sender.run(stop))
        if on_ready is not None:
            on_ready(application)
        if ready is not None:
            ready.set()
        try:
            await Poller(application, settings.polling_timeout).run(stop)
        finally:
            stop.set()
            await sending
        await application.stop()
    db.dispose()
