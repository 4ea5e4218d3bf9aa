"""/status, /bahasa and the main-menu buttons for people without a report in progress."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from handlers import intake
from handlers.context import BotContext, viewer_of
from i18n import LANGUAGES
from models.cases.records import cases_of_reporter
from models.people.accounts import set_language
from models.texts import msg
from views.intake_buttons import MENU_STATUS
from views.text import t

LANGUAGE_PREFIX = "lang:"
LANGUAGE_NAMES = {"id": "🇮🇩 Bahasa Indonesia", "en": "🇬🇧 English"}


async def status(update: Update, context: BotContext) -> None:
    """/status: the reporter's cases, newest first, each with its status."""
    chat = update.effective_chat
    assert chat is not None
    with context.db.session() as session:
        account = viewer_of(session, update, context)
        cases = cases_of_reporter(session, account)
        session.commit()
    lang = account.language
    if not cases:
        await context.bot.send_message(chat.id, t(lang, "status.none"))
        return
    tz = context.config.tz
    lines = [t(lang, "status.header")] + [
        t(
            lang,
            "status.line",
            number=case.number,
            date=case.created_at.astimezone(tz).strftime("%d-%m-%Y"),
            status=msg(f"rstatus.{case.status}"),
        )
        for case in cases
    ]
    await context.bot.send_message(chat.id, "\n".join(lines))


async def choose_language(update: Update, context: BotContext) -> None:
    """/bahasa: offers the languages as buttons."""
    chat = update.effective_chat
    assert chat is not None
    markup = InlineKeyboardMarkup(
        [[InlineKeyboardButton(name, callback_data=f"{LANGUAGE_PREFIX}{code}")]
         for code, name in LANGUAGE_NAMES.items()]
    )  # fmt: skip
    await context.bot.send_message(chat.id, t("id", "lang.ask"), reply_markup=markup)


async def set_language_tapped(update: Update, context: BotContext) -> None:
    """Stores the chosen language and confirms in it."""
    query = update.callback_query
    assert query is not None
    code = (query.data or "").removeprefix(LANGUAGE_PREFIX)
    await query.answer()
    if code not in LANGUAGES:
        return
    with context.db.session() as session:
        account = viewer_of(session, update, context)
        set_language(session, account, code, context.now())
        session.commit()
    await query.edit_message_text(t(code, "lang.set"))


async def menu_tapped(update: Update, context: BotContext) -> None:
    """The main-menu buttons: start a report or show the reporter's cases."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    if query.data == MENU_STATUS:
        await status(update, context)
    else:
        await intake.start(update, context)
