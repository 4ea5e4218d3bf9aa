"""The composition root: builds the Application with its handlers, database and settings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.config import Settings
from bot.scheduler import policy_for
from handlers import (
    admin,
    cases,
    chats,
    errors,
    insights,
    intake,
    menu,
    ops,
    privacy,
    reminders,
    repatriation,
    reports,
    router,
)
from handlers.context import BotContext, HandlerConfig
from models.storage.db import Database, utcnow
from views.intake_buttons import MENU_REPORT, MENU_STATUS


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
        # No rate limiter: messages go through bot/sender.py and its shared budget. This bot
        # polls, answers button taps and sets command menus, which no flood limit counts; PTB's
        # limiter would only halt all of that while it sleeps off a 429.
        .build()
    )
    config = HandlerConfig(
        tz=settings.tz,
        staff_chat_id=settings.staff_chat_id,
        office_contact=settings.office_contact,
        digest_time=settings.digest_time,
        policy=policy_for(settings),
        retention_days=settings.retention_days,
    )
    application.bot_data.update(settings=settings, config=config, db=db, clock=clock)
    register_handlers(application)
    return application


def register_handlers(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    private = filters.ChatType.PRIVATE
    # 0. First of all (group -2): only chats the bot serves go further (private chats and the
    #    staff group); it leaves groups a stranger added it to and ignores channels.
    application.add_handler(TypeHandler(Update, chats.only_where_served), group=-2)
    # Before everything (group -1, does not stop the others): someone who writes can be
    #    reached again, someone who blocks the bot cannot.
    application.add_handler(TypeHandler(Update, reminders.note_reachability), group=-1)
    # 1. Commands that work whether or not a report is in progress.
    application.add_handler(CommandHandler("start", intake.start, filters=private))
    application.add_handler(CommandHandler("status", menu.status, filters=private))
    application.add_handler(CommandHandler("bahasa", menu.choose_language, filters=private))
    # A reporter's rights over their data (UU PDP): see, correct, erase.
    application.add_handler(CommandHandler("datasaya", privacy.datasaya, filters=private))
    application.add_handler(CommandHandler("koreksi", privacy.koreksi, filters=private))
    application.add_handler(CommandHandler("hapusdata", privacy.hapusdata, filters=private))
    # Patterns across cases: search, recruiters, statistics. Also in the staff group (NIK and
    # phone masked there; no other group gets this far); each checks the person's role
    # itself, every time.
    application.add_handler(CommandHandler("cari", insights.cari))
    application.add_handler(CommandHandler("perekrut", insights.perekrut))
    application.add_handler(CommandHandler("statistik", insights.statistik))
    # Team commands; each checks the person's role itself, every time.
    application.add_handler(CommandHandler("kasus", cases.kasus, filters=private))
    application.add_handler(CommandHandler("lapor", intake.lapor, filters=private))
    application.add_handler(CommandHandler("undang", admin.undang, filters=private))
    application.add_handler(CommandHandler("petugas", admin.petugas, filters=private))
    # Updates the pipeline gave up on (admins only).
    application.add_handler(CommandHandler("gagal", ops.gagal, filters=private))
    # The audit log (admins only).
    application.add_handler(CommandHandler("audit", privacy.audit_log, filters=private))
    # Digest, its subscription, exports (/ekspor answers in a group that it is private-only).
    application.add_handler(CommandHandler("digest", reports.digest, filters=private))
    application.add_handler(CommandHandler("langganan", reports.langganan, filters=private))
    application.add_handler(CommandHandler("ekspor", reports.ekspor))
    # 2. Buttons: case actions (also from group notices), case lists, admin, language, menu.
    #    "Snooze 1 day" on a reminder is a case button too: before the generic case handler.
    application.add_handler(
        CallbackQueryHandler(reminders.snooze_tapped, pattern=reminders.SNOOZE_PATTERN)
    )
    application.add_handler(CallbackQueryHandler(cases.case_button, pattern=r"^c:"))
    # A reporter's answer to "have you arrived home?".
    application.add_handler(
        CallbackQueryHandler(reminders.checkin_tapped, pattern=reminders.CHECKIN_PATTERN)
    )
    application.add_handler(CallbackQueryHandler(cases.list_button, pattern=r"^l:"))
    # Sending people home: the travel board, plans, each person's travel steps.
    application.add_handler(
        CallbackQueryHandler(repatriation.travel_button, pattern=repatriation.TRAVEL_PATTERN)
    )
    application.add_handler(CallbackQueryHandler(admin.admin_button, pattern=r"^a:"))
    # Search pages and recruiter exports.
    application.add_handler(CallbackQueryHandler(insights.search_page_tapped, pattern=r"^s:"))
    application.add_handler(CallbackQueryHandler(insights.export_tapped, pattern=r"^rx:"))
    application.add_handler(CallbackQueryHandler(menu.set_language_tapped, pattern=r"^lang:"))
    # Privacy requests: the reporter's choices and the staff's decisions.
    application.add_handler(CallbackQueryHandler(privacy.privacy_button, pattern=r"^pv:"))
    application.add_handler(
        CallbackQueryHandler(menu.menu_tapped, pattern=f"^({MENU_REPORT}|{MENU_STATUS})$")
    )
    # Intake buttons, and any other button (old, forwarded, unknown): the intake answers it
    # as stale and shows where the person is.
    application.add_handler(CallbackQueryHandler(intake.answer))
    # 3. Everything else a person sends in private: a text a team member was asked for, an
    #    intake answer (/batal, /kembali, stickers, edited messages...), a reporter writing to
    #    the office; the intake answers whatever nobody else takes.
    application.add_handler(
        MessageHandler(private & filters.UpdateType.MESSAGES, router.on_private)
    )
    # 4. Errors last.
    application.add_error_handler(errors.on_error)
