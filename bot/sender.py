"""The one sender for everything that is not a direct reply: drains the outbox.

Runs as a background task beside the poller. Handlers and jobs enqueue (in the same
transaction as the change that caused the message) and then `kick()` the sender.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from telegram import InlineKeyboardMarkup, Message
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from models.db import Database
from models.outbox import Claimed, claim_due, mark_failed, mark_sent, release
from models.tables import Account

logger = logging.getLogger(__name__)

IDLE_SECONDS = 2.0


def retry_seconds(value: object) -> float:
    total_seconds = getattr(value, "total_seconds", None)
    return float(total_seconds() if total_seconds else value)  # type: ignore[arg-type]


class OutboxSender:
    def __init__(self, bot: Any, db: Database, clock: Callable[[], datetime]) -> None:
        self.bot = bot
        self.db = db
        self.clock = clock
        self._kick = asyncio.Event()

    def kick(self) -> None:
        """Something was enqueued: drain now rather than at the next tick."""
        self._kick.set()

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self._kick.clear()
            try:
                await self.drain()
            except Exception:
                logger.exception("outbox drain failed")
            kicked = asyncio.ensure_future(self._kick.wait())
            stopping = asyncio.ensure_future(stop.wait())
            await asyncio.wait(
                {kicked, stopping}, timeout=IDLE_SECONDS, return_when=asyncio.FIRST_COMPLETED
            )
            kicked.cancel()
            stopping.cancel()

    async def drain(self) -> int:
        """Sends every due message; returns how many went out."""
        sent = 0
        while True:
            with self.db.session() as session:
                batch = claim_due(session, now=self.clock())
            if not batch:
                return sent
            for claimed in batch:
                sent += await self._send_one(claimed)

    async def _send_one(self, claimed: Claimed) -> int:
        try:
            message = await self._deliver(claimed)
        except Forbidden as exc:
            self._unreachable(claimed, exc.message)
            return 0
        except RetryAfter as exc:
            later = self.clock() + timedelta(seconds=retry_seconds(exc.retry_after))
            with self.db.session() as session:
                release(session, claimed, not_before=later, reason="429 retry after")
            return 0
        except BadRequest as exc:
            logger.error("outbox message %s refused: %s", claimed.id, exc.message)
            with self.db.session() as session:
                mark_failed(session, claimed, reason=f"400 {exc.message}")
            return 0
        except (NetworkError, TelegramError) as exc:
            delay = min(60 * claimed.attempts, 900)
            with self.db.session() as session:
                release(
                    session,
                    claimed,
                    not_before=self.clock() + timedelta(seconds=delay),
                    reason=f"network: {exc}",
                )
            return 0
        with self.db.session() as session:
            mark_sent(session, claimed, now=self.clock(), telegram_message_id=message.message_id)
        return 1

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

    def _unreachable(self, claimed: Claimed, reason: str) -> None:
        """403: the person blocked the bot. Give up on this message; remember they are gone."""
        with self.db.session() as session:
            mark_failed(session, claimed, reason=f"403 {reason}")
            if claimed.account_id is not None:
                account = session.get(Account, claimed.account_id)
                if account is not None and account.unreachable_at is None:
                    account.unreachable_at = self.clock()
                    session.add(account)
                    session.commit()
        logger.info("outbox message %s: recipient blocked the bot", claimed.id)
