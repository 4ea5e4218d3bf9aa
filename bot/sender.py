"""The one sender for everything the bot sends: replies, edits and the outbox.

Replies come through `deliver`, right after the update's commit; everything else (notices,
reminders, relays, digests) is drained from the outbox by `run`. Handlers and jobs enqueue in
the same transaction as the change that caused the message, and the pipeline kicks the sender
after every commit.

Every send takes its place in the shared rate budget first (models/outbox/budget.py: in the
database, so every process on one database and a restarted one keep Telegram's flood limits
together): about 30 messages a second overall; in a private chat about one a second, with the
short bursts Telegram allows (at most 3 in any 3 seconds); 20 a minute per group. Each chat's
messages go in the order they were queued, chats take turns, and a chat that must wait longer
than `max_wait` is put back in the outbox until its turn comes. A 429 pauses the chat for
`retry_after` (in the budget, for every process) and puts its messages back; a 403 (the
person blocked the bot) gives the message up at once, marks the person unreachable and tells
the team once, with no retry loop. On a clean stop, claimed messages not yet sent are released
at once, so the next start (or another process) sends them without waiting for the lease.
While this process holds claims it renews their lease every third of it, so a send slower than
the lease (a large export, a slow API server) is not taken over by another process and sent
twice; only the claims of a process that died run out.

It talks to Telegram through a bot object of its own, without PTB's AIORateLimiter: that
limiter keeps its limits in one process's memory, and it retries a 429 by sleeping inside the
call and halting every request meanwhile, while the outbox can simply put the message back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter, deque
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError
from telegram import (
    ForceReply,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Defaults, ExtBot
from telegram.request import HTTPXRequest

from bot.config import Settings
from models.outbox.budget import DEFAULT_LIMITS, Limits, pause, reserve, settle
from models.outbox.queue import (
    DEFAULT_LEASE,
    Claimed,
    claim_due,
    mark_failed,
    mark_sent,
    release,
    renew,
)
from models.people.reachability import mark_unreachable
from models.storage.db import Database, utcnow
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


def _markup(
    data: dict[str, Any] | None, bot: Any
) -> InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply | None:
    """A stored keyboard back as the Bot API object it was: inline, reply keyboard, removal."""
    if not data:
        return None
    if "inline_keyboard" in data:
        return InlineKeyboardMarkup.de_json(data, bot)
    if "keyboard" in data:
        return ReplyKeyboardMarkup.de_json(data, bot)
    if data.get("remove_keyboard"):
        return ReplyKeyboardRemove.de_json(data, bot)
    return ForceReply.de_json(data, bot)


class Outcome(Enum):
    SENT = "sent"
    GIVEN_UP = "given_up"


@dataclass(frozen=True)
class Later:
    """Put back until `not_before`; the chat's next messages wait too."""

    not_before: datetime


class OutboxSender:
    def __init__(
        self,
        bot: Any,
        db: Database,
        clock: Callable[[], datetime],
        *,
        staff_chat_id: int | None = None,
        limits: Limits = DEFAULT_LIMITS,
        budget_clock: Callable[[], datetime] = utcnow,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        batch_size: int = 20,
        lease: timedelta = DEFAULT_LEASE,
        max_wait: float = 3.0,
        renew_every: float | None = None,
    ) -> None:
        self.bot = bot
        self.db = db
        # The outbox's time (due, sent, leases): tests may hold it still.
        self.clock = clock
        self.staff_chat_id = staff_chat_id
        self.limits = limits
        # The budget's time: the wall clock every process on the database shares, which
        # `sleep` moves on (tests fake both).
        self.budget_clock = budget_clock
        self.sleep = sleep
        self.batch_size = batch_size
        self.lease = lease
        # A chat that must wait longer than this is put back in the outbox instead.
        self.max_wait = max_wait
        # Claims in hand (token -> batches holding it), renewed every `renew_every` seconds
        # of real time while there are any.
        self.renew_every = lease.total_seconds() / 3 if renew_every is None else renew_every
        self._held: Counter[str] = Counter()
        self._heartbeat: asyncio.Task[None] | None = None
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
            batch = await asyncio.to_thread(self._claim)
            if not batch:
                break
            sent += await self._send_batch(batch, stop)
        return sent

    async def deliver(self, claimed: list[Claimed]) -> int:
        """Sends messages the caller claimed itself (replies, right after their commit), in
        order, within the same budget as everything else."""
        if not claimed:
            return 0
        return await self._send_batch(claimed, None)

    async def _send_batch(self, batch: list[Claimed], stop: asyncio.Event | None) -> int:
        async with self._holding(batch):
            return await self._send_held(batch, stop)

    @contextlib.asynccontextmanager
    async def _holding(self, batch: Sequence[Claimed]) -> AsyncIterator[None]:
        """While the batch is in hand, its claims are renewed (one heartbeat for all batches)."""
        tokens = {claimed.token for claimed in batch}
        self._held.update(tokens)
        if self._heartbeat is None or self._heartbeat.done():
            self._heartbeat = asyncio.create_task(self._renew_held())
        try:
            yield
        finally:
            self._held.subtract(tokens)
            for token in tokens:
                if self._held[token] <= 0:
                    del self._held[token]
            if not self._held and self._heartbeat is not None:
                self._heartbeat.cancel()
                self._heartbeat = None

    async def _renew_held(self) -> None:
        """Renews the lease of every claim in hand, a few times per lease."""
        while self._held:
            await asyncio.sleep(self.renew_every)
            tokens = list(self._held)
            try:
                await asyncio.to_thread(self._renew, tokens)
            except DBAPIError as exc:
                # The next beat tries again; a claim runs out only after a whole lease.
                logger.warning("outbox claims not renewed (%s)", type(exc).__name__)

    def _renew(self, tokens: list[str]) -> int:
        with self.db.session() as session:
            return renew(session, tokens, now=self.clock())

    async def _send_held(self, batch: list[Claimed], stop: asyncio.Event | None) -> int:
        """Each chat's messages in order; chats take turns, each as soon as the budget lets it."""
        queues: dict[int, deque[Claimed]] = {}
        for claimed in batch:
            queues.setdefault(claimed.chat_id, deque()).append(claimed)
        # Chats the budget told to wait a moment (budget time): not asked again before then.
        ready: dict[int, datetime] = {}
        # Well before the claim's lease runs out and another sender takes the messages over.
        give_back = self.clock() + self.lease / 2
        sent = 0
        while queues:
            if stop is not None and stop.is_set():
                await self._put_back_all(queues, self.clock(), "stopping")
                break
            if self.clock() >= give_back:
                await self._put_back_all(queues, self.clock(), "waited too long for the budget")
                break
            now = self.budget_clock()
            chat_id = next((c for c in queues if ready.get(c, now) <= now), None)
            if chat_id is None:
                await self.sleep(min((ready[c] - now).total_seconds() for c in queues))
                continue
            try:
                reserved_at, wait = await asyncio.to_thread(self._reserve, chat_id)
            except DBAPIError as exc:
                # No budget, no send: the messages wait in the outbox for the next pass.
                logger.warning("send budget unavailable (%s); trying later", type(exc).__name__)
                await self._put_back_all(queues, self.clock(), "send budget unavailable")
                break
            if wait > self.max_wait:
                later = self.clock() + timedelta(seconds=wait)
                await self._put_back(queues.pop(chat_id), later, "flood limit")
                continue
            if wait > 0:
                ready[chat_id] = reserved_at + timedelta(seconds=wait)
                continue
            # The chat goes to the end of the turn: the others' next messages come first.
            messages = queues.pop(chat_id)
            outcome = await self._send_one(messages.popleft(), reserved_at)
            if outcome is Outcome.SENT:
                sent += 1
            if isinstance(outcome, Later):
                # Not before the message that must go first.
                await self._put_back(messages, outcome.not_before, "waiting for an earlier message")
            elif messages:
                queues[chat_id] = messages
        return sent

    def _claim(self) -> list[Claimed]:
        with self.db.session() as session:
            return claim_due(session, now=self.clock(), limit=self.batch_size, lease=self.lease)

    def _reserve(self, chat_id: int) -> tuple[datetime, float]:
        """One send to the chat from the shared budget: (when, 0.0), or (when, seconds to wait)."""
        now = self.budget_clock()
        with self.db.session() as session:
            return now, reserve(session, chat_id, now, self.limits)

    async def _put_back(self, items: deque[Claimed], not_before: datetime, reason: str) -> None:
        if not items:
            return

        def write(session: Any) -> None:
            for claimed in items:
                release(session, claimed, not_before=not_before, reason=reason)

        await self._record(write)

    async def _put_back_all(
        self, queues: dict[int, deque[Claimed]], not_before: datetime, reason: str
    ) -> None:
        for chat_id in list(queues):
            await self._put_back(queues.pop(chat_id), not_before, reason)

    async def _send_one(self, claimed: Claimed, reserved_at: datetime) -> Outcome | Later:
        """Sends one message (its place in the budget is reserved) and records its fate."""
        try:
            message = await self._deliver(claimed)
        except Forbidden as exc:
            reason = f"403 {exc.message}"
            await self._finish(
                claimed, reserved_at, lambda s: mark_failed(s, claimed, reason=reason)
            )
            await self._unreachable(claimed)
            return Outcome.GIVEN_UP
        except RetryAfter as exc:
            # The pause goes into the budget, so every process leaves the chat alone (and, if
            # another chat was told to wait too, every chat: models/outbox/budget.pause).
            seconds = retry_seconds(exc.retry_after)
            now = self.budget_clock()
            later = self.clock() + timedelta(seconds=seconds)
            logger.info("outbox message %s: 429, retrying after %.0f s", claimed.id, seconds)

            def wait(session: Any) -> None:
                pause(session, claimed.chat_id, now + timedelta(seconds=seconds), now=now)
                release(session, claimed, not_before=later, reason="429")

            await self._record(wait)
            return Later(later)
        except BadRequest as exc:
            reason = f"400 {exc.message}"
            logger.error("outbox message %s refused: %s", claimed.id, exc.message)
            await self._finish(
                claimed, reserved_at, lambda s: mark_failed(s, claimed, reason=reason)
            )
            return Outcome.GIVEN_UP
        except (NetworkError, TelegramError) as exc:
            delay = min(60 * claimed.attempts, 900)
            later = self.clock() + timedelta(seconds=delay)
            logger.warning("outbox message %s: %s; retrying in %d s", claimed.id, exc, delay)
            await self._finish(
                claimed,
                reserved_at,
                lambda s: release(s, claimed, not_before=later, reason="network"),
            )
            return Later(later)
        message_id = message.message_id if message is not None else None
        await self._finish(
            claimed,
            reserved_at,
            lambda s: mark_sent(s, claimed, now=self.clock(), telegram_message_id=message_id),
        )
        return Outcome.SENT

    async def _finish(
        self, claimed: Claimed, reserved_at: datetime, write: Callable[[Any], object]
    ) -> None:
        """Records a message's fate and, in the same transaction, counts its send in the
        budget from the moment Telegram answered."""
        answered = self.budget_clock()

        def both(session: Any) -> None:
            settle(session, claimed.chat_id, reserved_at, answered)
            write(session)

        await self._record(both)

    def _write(self, write: Callable[[Any], T]) -> T:
        with self.db.session() as session:
            return write(session)

    async def _record(self, write: Callable[[Any], T], attempts: int = 5) -> T | None:
        """Writes a message's fate, retrying a database hiccup: once Telegram has a message,
        losing the "sent" mark would send it again after the lease."""
        for attempt in range(attempts):
            try:
                return await asyncio.to_thread(self._write, write)
            except DBAPIError:
                if attempt == attempts - 1:
                    logger.exception("could not record an outbox result")
                    return None
                await self.sleep(0.5 * 2**attempt)
        return None

    async def _deliver(self, claimed: Claimed) -> Message | None:
        """One Bot API call for the row; the sent message (None for an edit or a deletion)."""
        markup = _markup(claimed.reply_markup, self.bot)
        chat_id, caption = claimed.chat_id, claimed.text or None
        file = claimed.file_ref or claimed.blob
        match claimed.kind:
            case "edit":
                assert claimed.target_message_id is not None
                try:
                    await self.bot.edit_message_text(
                        claimed.text, chat_id, claimed.target_message_id, reply_markup=markup
                    )
                except BadRequest as exc:
                    if "not modified" not in exc.message.lower():
                        raise
                return None
            case "delete":
                assert claimed.target_message_id is not None
                try:
                    await self.bot.delete_message(chat_id, claimed.target_message_id)
                except BadRequest:
                    # Already gone (deleted by the person, or older than 48 hours): nothing to do.
                    pass
                return None
            case "document":
                return await self.bot.send_document(
                    chat_id, document=file, filename=claimed.filename, caption=caption,
                    reply_markup=markup,
                )  # fmt: skip
            case "photo":
                return await self.bot.send_photo(
                    chat_id, photo=file, caption=caption, reply_markup=markup
                )
            case "voice":
                return await self.bot.send_voice(
                    chat_id, voice=file, caption=caption, reply_markup=markup
                )
        return await self.bot.send_message(chat_id, claimed.text, reply_markup=markup)

    async def _unreachable(self, claimed: Claimed) -> None:
        """403: blocked (or removed from the group). Remember it and tell the team once."""
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
