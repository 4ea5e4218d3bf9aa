"""The composition root: builds the Application with its handlers, database and settings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from telegram import BotCommand, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    filters,
)

from bot.config import Settings
from handlers import errors, intake, menu
from handlers.context import BotContext
from handlers.render import MENU_REPORT, MENU_STATUS
from i18n import LANGUAGES, t
from models.db import Database, utcnow

COMMANDS = ("start", "status", "kembali", "batal", "bahasa")


def build_application(
    settings: Settings,
    db: Database,
    *,
    clock: Callable[[], datetime] = utcnow,
) -> Application[Any, BotContext, Any, Any, Any, Any]:
    """The bot, wired: no updater (bot.runner polls and confirms updates itself)."""
    application = (
        Application.builder()
        .token(settings.require_token())
        .base_url(settings.bot_api_root)
        .base_file_url(settings.bot_file_root)
        .updater(None)
        .context_types(ContextTypes(context=BotContext))
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                tzinfo=settings.tz,
            )
        )
        # Retries 429s by waiting retry_after; per-group limits as Telegram documents them.
        .rate_limiter(AIORateLimiter(max_retries=3))
        .build()
    )
    application.bot_data.update(settings=settings, db=db, clock=clock)
    register_handlers(application)
    return application


def register_handlers(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    private = filters.ChatType.PRIVATE
    # 1. Commands that work whether or not a report is in progress.
    application.add_handler(CommandHandler("start", intake.start, filters=private))
    application.add_handler(CommandHandler("status", menu.status, filters=private))
    application.add_handler(CommandHandler("bahasa", menu.choose_language, filters=private))
    # 2. Buttons: language, main menu, intake questions.
    application.add_handler(CallbackQueryHandler(menu.set_language_tapped, pattern=r"^lang:"))
    application.add_handler(
        CallbackQueryHandler(menu.menu_tapped, pattern=f"^({MENU_REPORT}|{MENU_STATUS})$")
    )
    # Intake buttons, and any other button (old, forwarded, unknown): the intake answers it
    # as stale and shows where the person is.
    application.add_handler(CallbackQueryHandler(intake.answer))
    # 3. Everything else a person sends in private (answers, /batal, /kembali, stickers,
    #    edited messages...) goes to the intake, which always answers.
    application.add_handler(MessageHandler(private & (filters.UpdateType.MESSAGES), intake.answer))
    # 4. Errors last.
    application.add_error_handler(errors.on_error)


async def publish_commands(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """The command menu, in Indonesian by default and in English for English clients."""
    for lang in LANGUAGES:
        commands = [BotCommand(name, t(lang, f"cmd.{name}")) for name in COMMANDS]
        await application.bot.set_my_commands(
            commands, language_code=None if lang == "id" else lang
        )
