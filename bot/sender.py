"""The one sender for everything that is not a direct reply: drains the outbox.

Runs as a background task beside the poller. Handlers and jobs enqueue (in the same
transaction as the change that caused the message) and then `kick()` the sender.

It keeps Telegram's flood limits itself (about 30 messages a second overall; in a private
chat about one a second, with the short bursts Telegram allows: at most 3 in any 3 seconds;
20 a minute per group) and sends each chat's messages in the order they were queued. A 429
puts the message (and the rest of that chat's batch) back until `retry_after` has passed; a
403 (the person blocked the bot) gives the message up at once, marks the person unreachable
and tells the team once, with no retry loop. On a clean stop, claimed messages not yet sent
are released at once, so the next start (or another process) sends them without waiting for
the claim's lease to run out.

It talks to Telegram through a bot object of its own, without PTB's AIORateLimiter: that
limiter retries a 429 by sleeping inside the call and halts every request meanwhile, while the
outbox can simply put the message back.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError
from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Defaults, ExtBot
from telegram.request import HTTPXRequest

from bot.config import Settings
from models.outbox.queue import DEFAULT_LEASE, Claimed, claim_due, mark_failed, mark_sent, release
from models.people.reachability import mark_unreachable
from models.storage.db import Database
from views.renderer import render

logger = logging.getLogger(__name__)

IDLE_SECONDS = 2.0
T = TypeVar("T")


def retry_seconds(value: float | timedelta) -> float:
    """Telegram's retry_after in seconds (PTB gives an int or, when asked to, a timedelta)."""
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def sender_bot(settings: Settings) -> ExtBot[None]:
    """A bot object for the sender alone: HTML by default, no rate limiter of PTB's."""
    return ExtBot(
        settings.require_token(),
        base_url=settings.bot_api_root,
        base_file_url=settings.bot_file_root,
        defaults=Defaults(
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
        request=HTTPXRequest(connection_pool_size=4, media_write_timeout=60),
    )


class Throttle:
    """Telegram's flood limits, kept on our side so that a 429 stays rare.

    Times are monotonic seconds from `clock` (a fake one in tests).
    """

    def __init__(
        self,
        *,
        overall_per_second: int = 30,
        private_burst: int = 3,
        private_seconds: float = 3.0,
        group_per_minute: int = 20,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.overall_per_second = overall_per_second
        # Per chat: at most `limit` messages in any `window` seconds.
        self.private = (private_burst, private_seconds)
        self.group = (group_per_minute, 60.0)
        self.clock = clock
        self._overall: deque[float] = deque()
        self._chats: dict[int, deque[float]] = {}
        self._paused: dict[int, float] = {}

    @staticmethod
    def is_group(chat_id: int) -> bool:
        return chat_id < 0

    def wait(self, chat_id: int) -> float:
        """Seconds until one more message to `chat_id` may go (0: now)."""
        now = self.clock()
        waits = [self._paused.get(chat_id, now) - now]
        while self._overall and self._overall[0] <= now - 1.0:
            self._overall.popleft()
        if len(self._overall) >= self.overall_per_second:
            waits.append(self._overall[0] + 1.0 - now)
        stamps = self._chats.get(chat_id)
        if stamps:
            limit, window = self.group if self.is_group(chat_id) else self.private
            while stamps and stamps[0] <= now - window:
                stamps.popleft()
            if len(stamps) >= limit:
                waits.append(stamps[0] + window - now)
        return max(0.0, *waits)

    def record(self, chat_id: int) -> None:
        now = self.clock()
        self._overall.append(now)
        limit, _ = self.group if self.is_group(chat_id) else self.private
        stamps = self._chats.setdefault(chat_id, deque(maxlen=max(1, limit)))
        stamps.append(now)
        if len(self._chats) > 2000:
            self._forget(now)

    def pause(self, chat_id: int, seconds: float) -> None:
        """Telegram said wait (429): nothing more to this chat until then."""
        self._paused[chat_id] = max(self._paused.get(chat_id, 0.0), self.clock() + seconds)

    def _forget(self, now: float) -> None:
        for chat_id, stamps in list(self._chats.items()):
            if not stamps or stamps[-1] <= now - 60.0:
                del self._chats[chat_id]
        for chat_id, until in list(self._paused.items()):
            if until <= now:
                del self._paused[chat_id]


class Outcome(Enum):
    SENT = "sent"
    GIVEN_UP = "given_up"
    LATER = "later"  # put back; the chat's next messages wait too


class OutboxSender:
    def __init__(
        self,
        bot: Any,
        db: Database,
        clock: Callable[[], datetime],
        *,
        staff_chat_id: int | None = None,
        throttle: Throttle | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        batch_size: int = 20,
        lease: timedelta = DEFAULT_LEASE,
        max_wait: float = 3.0,
    ) -> None:
        self.bot = bot
        self.db = db
        self.clock = clock
        self.staff_chat_id = staff_chat_id
        self.throttle = throttle or Throttle()
        self.sleep = sleep
        self.batch_size = batch_size
        self.lease = lease
        # A chat that must wait longer than this is put back in the outbox instead.
        self.max_wait = max_wait
        self._kick = asyncio.Event()
        # Kicks asked for and drain passes finished, for `settled()`.
        self._requested = 0
        self._completed = 0
        self._passes = asyncio.Condition()

    def kick(self) -> None:
        """Something was enqueued: drain now rather than at the next tick."""
        self._requested += 1
        self._kick.set()

    async def settled(self) -> None:
        """Returns once a drain pass that started after this call has finished: everything
        due by then has been tried (for the command line and tests)."""
        self.kick()
        target = self._requested
        async with self._passes:
            await self._passes.wait_for(lambda: self._completed >= target)

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self._kick.clear()
            started = self._requested
            try:
                await self.drain(stop)
            except Exception:
                logger.exception("outbox drain failed")
            async with self._passes:
                self._completed = started
                self._passes.notify_all()
            kicked = asyncio.ensure_future(self._kick.wait())
            stopping = asyncio.ensure_future(stop.wait())
            await asyncio.wait(
                {kicked, stopping}, timeout=IDLE_SECONDS, return_when=asyncio.FIRST_COMPLETED
            )
            kicked.cancel()
            stopping.cancel()

    async def drain(self, stop: asyncio.Event | None = None) -> int:
        """Sends every due message; returns how many went out."""
        sent = 0
        while stop is None or not stop.is_set():
            with self.db.session() as session:
                batch = claim_due(
                    session, now=self.clock(), limit=self.batch_size, lease=self.lease
                )
            if not batch:
                break
            sent += await self._send_batch(batch, stop)
        return sent

    async def _send_batch(self, batch: list[Claimed], stop: asyncio.Event | None) -> int:
        """Each chat's messages in order; chats interleaved as the limits allow."""
        queues: dict[int, deque[Claimed]] = {}
        for claimed in batch:
            queues.setdefault(claimed.chat_id, deque()).append(claimed)
        sent = 0
        while queues:
            if stop is not None and stop.is_set():
                for chat_id in list(queues):
                    self._put_back(queues.pop(chat_id), self.clock(), "stopping")
                break
            waits = {chat_id: self.throttle.wait(chat_id) for chat_id in queues}
            for chat_id, wait in waits.items():
                if wait > self.max_wait:
                    later = self.clock() + timedelta(seconds=wait)
                    self._put_back(queues.pop(chat_id), later, "flood limit")
            if not queues:
                break
            chat_id = min(queues, key=lambda c: waits[c])
            if waits[chat_id] > 0:
                await self.sleep(waits[chat_id])
            claimed = queues[chat_id].popleft()
            outcome = await self._send_one(claimed)
            if outcome is Outcome.SENT:
                sent += 1
            if outcome is Outcome.LATER:
                rest = queues.pop(chat_id)
                later = self.clock() + timedelta(seconds=max(1.0, self.throttle.wait(chat_id)))
                self._put_back(rest, later, "waiting for an earlier message")
            elif not queues[chat_id]:
                del queues[chat_id]
        return sent

    def _put_back(self, items: deque[Claimed], not_before: datetime, reason: str) -> None:
        if not items:
            return
        with self.db.session() as session:
            for claimed in items:
                release(session, claimed, not_before=not_before, reason=reason)

    async def _send_one(self, claimed: Claimed) -> Outcome:
        self.throttle.record(claimed.chat_id)
        try:
            message = await self._deliver(claimed)
        except Forbidden as exc:
            await self._unreachable(claimed, exc.message)
            return Outcome.GIVEN_UP
        except RetryAfter as exc:
            seconds = retry_seconds(exc.retry_after)
            self.throttle.pause(claimed.chat_id, seconds)
            later = self.clock() + timedelta(seconds=seconds)
            logger.info("outbox message %s: 429, retrying after %.0f s", claimed.id, seconds)
            await self._record(lambda s: release(s, claimed, not_before=later, reason="429"))
            return Outcome.LATER
        except BadRequest as exc:
            reason = f"400 {exc.message}"
            logger.error("outbox message %s refused: %s", claimed.id, exc.message)
            await self._record(lambda s: mark_failed(s, claimed, reason=reason))
            return Outcome.GIVEN_UP
        except (NetworkError, TelegramError) as exc:
            delay = min(60 * claimed.attempts, 900)
            later = self.clock() + timedelta(seconds=delay)
            logger.warning("outbox message %s: %s; retrying in %d s", claimed.id, exc, delay)
            await self._record(lambda s: release(s, claimed, not_before=later, reason="network"))
            return Outcome.LATER
        message_id = message.message_id
        await self._record(
            lambda s: mark_sent(s, claimed, now=self.clock(), telegram_message_id=message_id)
        )
        return Outcome.SENT

    async def _record(self, write: Callable[[Any], T], attempts: int = 5) -> T | None:
        """Writes a message's fate, retrying a database hiccup: once Telegram has a message,
        losing the "sent" mark would send it again after the lease."""
        for attempt in range(attempts):
            try:
                with self.db.session() as session:
                    return write(session)
            except DBAPIError:
                if attempt == attempts - 1:
                    logger.exception("could not record an outbox result")
                    return None
                await self.sleep(0.5 * 2**attempt)
        return None

    async def _deliver(self, claimed: Claimed) -> Message:
        markup = (
            InlineKeyboardMarkup.de_json(claimed.reply_markup, self.bot)
            if claimed.reply_markup
            else None
        )
        if claimed.kind == "document":
            return await self.bot.send_document(
                claimed.chat_id,
                document=claimed.blob,
                filename=claimed.filename,
                caption=claimed.text or None,
                reply_markup=markup,
            )
        if claimed.kind == "photo":
            return await self.bot.send_photo(
                claimed.chat_id,
                photo=claimed.blob,
                caption=claimed.text or None,
                reply_markup=markup,
            )
        return await self.bot.send_message(claimed.chat_id, claimed.text, reply_markup=markup)

    async def _unreachable(self, claimed: Claimed, reason: str) -> None:
        """403: blocked (or removed from the group). Give the message up; no retry loop."""
        await self._record(lambda s: mark_failed(s, claimed, reason=f"403 {reason}"))
        if claimed.account_id is None:
            logger.warning("outbox message %s: 403 from a chat without an account", claimed.id)
            return
        account_id = claimed.account_id

        def remember(session: Any) -> int:
            return mark_unreachable(
                session,
                account_id,
                now=self.clock(),
                staff_chat_id=self.staff_chat_id,
                renderer=render,
            )

        notices = await self._record(remember)
        logger.info("outbox message %s: recipient blocked the bot", claimed.id)
        if notices:
            self.kick()
