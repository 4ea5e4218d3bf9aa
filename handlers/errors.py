"""The error handler, registered last: logs without personal data, tells the person."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError

from handlers.context import BotContext
from models.people.accounts import language_for
from views.text import t

logger = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    """Logs the failure (type and traceback, never the message text) and apologises."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(error, Forbidden):
        logger.info("update %s: the person blocked the bot", update_id)
        return
    logger.error("update %s failed", update_id, exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    user = update.effective_user
    lang = language_for(user.language_code if user else None)
    try:
        await context.bot.send_message(update.effective_chat.id, t(lang, "error.internal"))
    except TelegramError:
        logger.warning("update %s: could not send the apology either", update_id)
