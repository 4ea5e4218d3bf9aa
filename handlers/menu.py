"""/status, /bahasa and the main-menu buttons for people without a report in progress."""

from __future__ import annotations

from telegram import Update

from handlers import intake
from handlers.context import BotContext, viewer_of
from handlers.render import inline_markup
from models.cases.records import cases_of_reporter
from models.people.accounts import set_language
from views.intake import reporter_cases_text
from views.intake_buttons import MENU_STATUS, chosen_language, language_buttons
from views.text import t


async def status(update: Update, context: BotContext) -> None:
    """/status: the reporter's cases, newest first, each with its status."""
    chat = update.effective_chat
    assert chat is not None
    with context.db.session() as session:
        account = viewer_of(session, update, context)
        cases = cases_of_reporter(session, account)
        session.commit()
    text = reporter_cases_text(account.language, cases, context.config.tz)
    await context.bot.send_message(chat.id, text)


async def choose_language(update: Update, context: BotContext) -> None:
    """/bahasa: offers the languages as buttons."""
    chat = update.effective_chat
    assert chat is not None
    markup = inline_markup(language_buttons())
    await context.bot.send_message(chat.id, t("id", "lang.ask"), reply_markup=markup)


async def set_language_tapped(update: Update, context: BotContext) -> None:
    """Stores the chosen language and confirms in it."""
    query = update.callback_query
    assert query is not None
    code = chosen_language(query.data)
    await query.answer()
    if code is None:
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
