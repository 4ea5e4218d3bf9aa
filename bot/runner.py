"""Runs the bot: migrate, then receive updates into the inbox and handle them.

PTB's own Updater confirms updates to Telegram before the handlers have run, so a crash could
lose what a person just sent. Here the poller stores each update in the inbox (the database)
first and only then asks for the next offset; the pipeline (bot/pipeline.py) handles each
person's updates in order and marks each done in the same transaction as its effect, so an
update is neither lost nor handled twice, and one slow update holds up nobody else.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import warnings
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from telegram.error import Conflict, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import Application
from telegram.warnings import PTBUserWarning

from bot import webhook
from bot.app import build_application
from bot.config import Settings
from bot.pipeline import Pipeline
from bot.scheduler import schedule
from bot.sender import OutboxSender, retry_seconds, sender_bot
from handlers.commands import publish_all
from handlers.owed import queue_owed_questions
from models.cases.notices import reconcile_new_case_notices
from models.outbox.budget import Limits
from models.people.staff import ensure_admins
from models.storage.db import Database, utcnow
from models.storage.migrate import upgrade
from views.renderer import render

logger = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]
# At start, how long the updates stored before a crash may take before owed questions go out.
BACKLOG_FIRST = 30.0


async def _pause(stop: asyncio.Event, seconds: float) -> None:
    """Waits `seconds`, or less if the bot is told to stop meanwhile."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)


class Poller:
    """Long polling: stores each batch in the inbox, then confirms it by asking for more."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        timeout: int,
        pipeline: Pipeline,
    ) -> None:
        self.application = application
        self.timeout = timeout
        self.pipeline = pipeline
        self.offset: int | None = None

    async def _fetch(self) -> list[dict[str, Any]]:
        # Raw JSON, not PTB's Update objects: an update PTB cannot read must still be stored
        # (and parked) rather than stop the loop before its offset is passed.
        params: dict[str, Any] = {"timeout": self.timeout, "allowed_updates": ALLOWED_UPDATES}
        if self.offset is not None:
            params["offset"] = self.offset
        with warnings.catch_warnings():
            # PTB suggests get_updates, which parses every update and fails the whole batch
            # on the first it cannot read; raw JSON is what we want here.
            warnings.simplefilter("ignore", PTBUserWarning)
            result = await self.application.bot.do_api_request(
                "getUpdates", api_kwargs=params, read_timeout=self.timeout + 10
            )
        if not isinstance(result, list):
            return []
        return [item for item in result if isinstance(item, dict)]

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
                if updates:
                    await self.pipeline.receive(updates)
            except RetryAfter as exc:
                await _pause(stop, retry_seconds(exc.retry_after))
                continue
            except (TimedOut, NetworkError, Conflict) as exc:
                # Conflict: another process polls with the same token (a second instance on
                # the same database, or the old one during a restart). Back off, don't die.
                logger.warning(
                    "polling failed (%s); retrying in %.0f s", type(exc).__name__, backoff
                )
                await _pause(stop, backoff)
                backoff = min(backoff * 2, 5.0)
                continue
            except Exception as exc:  # the database refused the batch: fetch it again
                logger.warning("could not store updates (%s); retrying", type(exc).__name__)
                await _pause(stop, backoff)
                backoff = min(backoff * 2, 5.0)
                continue
            backoff = 1.0
            ids = [u["update_id"] for u in updates if isinstance(u.get("update_id"), int)]
            if ids:
                self.offset = max(ids) + 1
        await self._confirm()

    async def _confirm(self) -> None:
        """On a clean stop, tell Telegram the stored updates need not come again."""
        if self.offset is None:
            return
        try:
            await self.application.bot.get_updates(offset=self.offset, timeout=0, limit=1)
        except TelegramError as exc:
            logger.info("could not confirm the last updates on stop: %s", type(exc).__name__)


async def _when_reachable(start: Callable[[], Awaitable[None]], stop: asyncio.Event) -> bool:
    """Starts what needs the Bot API, waiting out an API server that is down (backoff, at most
    5 s between tries); False if told to stop first."""
    backoff = 0.5
    while not stop.is_set():
        try:
            await start()
            return True
        except (TimedOut, NetworkError) as exc:
            logger.warning(
                "Bot API not reachable (%s); retrying in %.1f s", type(exc).__name__, backoff
            )
            await _pause(stop, backoff)
            backoff = min(backoff * 2, 5.0)
    return False


async def _serve(
    settings: Settings,
    application: Application[Any, Any, Any, Any, Any, Any],
    db: Database,
    sender: OutboxSender,
    clock: Callable[[], datetime],
    stop: asyncio.Event,
    ready: asyncio.Event | None,
    on_ready: Callable[[Application[Any, Any, Any, Any, Any, Any]], None] | None,
) -> None:
    """Handles updates until `stop`: the pipeline, the sender and the poller side by side."""
    await application.start()
    await publish_all(application)
    pipeline = Pipeline(application, db, clock, deliver=sender.deliver, kick_sender=sender.kick)
    application.bot_data["pipeline"] = pipeline
    dispatching = asyncio.create_task(pipeline.run(stop))
    sending = asyncio.create_task(sender.run(stop))
    owed = asyncio.create_task(
        _queue_owed_after_backlog(pipeline, db, clock, settings.office_contact, sender.kick)
    )
    logger.info("bot @%s is running", application.bot.username)
    if on_ready is not None:
        on_ready(application)
    if ready is not None:
        ready.set()
    try:
        if settings.webhook_url:
            await webhook.serve(application, settings, pipeline, stop, ALLOWED_UPDATES)
        else:
            await webhook.drop_webhook(application.bot, stop)
            await Poller(application, settings.polling_timeout, pipeline).run(stop)
    finally:
        stop.set()
        owed.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await owed
        await dispatching
        await sending
        await application.stop()


async def _queue_owed_after_backlog(
    pipeline: Pipeline,
    db: Database,
    clock: Callable[[], datetime],
    office: str,
    kick: Callable[[], None],
) -> None:
    """Questions owed since a stop are queued once the updates stored before it are handled,
    so a waiting answer never lands on a question asked again. Polling does not wait for it:
    a restart after a crash answers everyone else at once (a dead process's queues come free
    when their leases run out, a few seconds)."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(pipeline.settled(), BACKLOG_FIRST)
    try:
        await asyncio.to_thread(queue_owed_questions, db, clock(), office=office)
    except Exception as exc:  # the database went away: the next start queues them
        logger.warning("owed questions not queued (%s)", type(exc).__name__)
        return
    kick()


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
    db = db or Database.from_url(settings.database_url, settings.data_crypto())
    upgrade(db.engine)
    with db.session() as session:
        ensure_admins(session, settings.admin_telegram_ids, now=clock())
        reconcile_new_case_notices(
            session, staff_chat_id=settings.staff_chat_id, now=clock(), renderer=render
        )
    application = build_application(settings, db, clock=clock)
    limits = Limits(
        private_burst=settings.send_private_burst, private_seconds=settings.send_private_seconds
    )
    sender = OutboxSender(
        sender_bot(settings), db, clock, staff_chat_id=settings.staff_chat_id, limits=limits
    )
    application.bot_data["sender"] = sender
    schedule(application)
    if handle_signals:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
    if not await _when_reachable(application.initialize, stop):
        db.dispose()
        return
    try:
        if not await _when_reachable(sender.bot.initialize, stop):
            return
        await _serve(settings, application, db, sender, clock, stop, ready, on_ready)
    finally:
        await sender.bot.shutdown()
        await application.shutdown()
        db.dispose()
