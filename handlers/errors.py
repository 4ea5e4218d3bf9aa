"""When handling an update fails: the error handler, the apology, and the flood notice.

Inside the update pipeline an error only marks the update's unit of work as failed; the
pipeline rolls it back, tries again, and parks the update after a few attempts, and only then
apologises (the answer was not stored, so "send it again" is true). Logs carry the update id
and the error's type and place, never what the person wrote.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from datetime import datetime
from typing import Any

from sqlmodel import Session
from telegram import Update
from telegram.error import Forbidden, TelegramError

from handlers.context import BotContext
from handlers.unit import current_or_none
from models.outbox.queue import REPLY_PRIORITY, Claimed, Message, enqueue_claimed
from models.people.accounts import language_for
from views.text import t

logger = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    """Marks the update's unit of work as failed (the pipeline decides what follows)."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(error, Forbidden):
        logger.info("update %s: the person blocked the bot", update_id)
        return
    unit = current_or_none()
    if unit is not None and error is not None:
        unit.error = error
        return
    logger.error("update %s failed outside the pipeline: %s", update_id, type(error).__name__)


def _language(update: Update) -> str:
    user = update.effective_user
    return language_for(user.language_code if user else None)


def apologise(session: Session, update: Update, *, update_id: int, now: datetime) -> list[Claimed]:
    """The apology for an update given up on, queued (no commit); nothing for a group or a
    channel, where the bot says nothing it was not asked for."""
    chat = update.effective_chat
    if chat is None or chat.type != "private":
        return []
    apology = Message(
        key=f"u:{update_id}:apology",
        chat_id=chat.id,
        text=t(_language(update), "error.internal"),
        priority=REPLY_PRIORITY,
    )
    return enqueue_claimed(session, [apology], token=f"apology-{update_id}", now=now)


def flood_notice(
    session: Session, person_key: int, *, update: Update, now: datetime
) -> list[Claimed]:
    """Tells a person flooding the bot, once, that their messages are read one by one (no
    commit); nothing in a group or a channel."""
    chat = update.effective_chat
    if chat is None or chat.type != "private":
        return []
    notice = Message(
        key=f"flood:{person_key}:{update.update_id}",
        chat_id=chat.id,
        text=t(_language(update), "error.flood"),
        priority=REPLY_PRIORITY,
    )
    return enqueue_claimed(session, [notice], token=f"flood-{update.update_id}", now=now)


async def best_effort(call: Awaitable[Any]) -> None:
    """A Telegram call whose failure changes nothing for anyone (answering a button, the
    command menu): logged, never retried."""
    try:
        await call
    except TelegramError as exc:
        logger.info("best-effort call failed: %s", type(exc).__name__)
