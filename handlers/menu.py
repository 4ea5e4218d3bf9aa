"""/status, /bahasa and the main-menu buttons for people without a report in progress."""

from __future__ import annotations

from telegram import Message, Update

from handlers import intake
from handlers.context import BotContext, viewer_of
from handlers.render import inline_markup
from handlers.unit import Unit, in_unit
from models.cases.records import cases_of_reporter
from models.people.accounts import set_language
from views.intake import reporter_cases_text
from views.intake_buttons import MENU_STATUS, chosen_language, language_buttons
from views.privacy import rights
from views.text import t


@in_unit
def status(update: Update, context: BotContext, unit: Unit) -> None:
    """/status: the reporter's cases, newest first, each with its status."""
    status_in(update, context, unit)


def status_in(update: Update, context: BotContext, unit: Unit) -> None:
    chat = update.effective_chat
    assert chat is not None
    account = viewer_of(unit.session, update, context)
    cases = cases_of_reporter(unit.session, account)
    office = context.config.office_contact
    text = reporter_cases_text(account.language, cases, context.config.tz, office=office)
    if cases:  # how long we keep their data and how to see, correct or erase it
        text += "\n\n" + rights(account.language, context.config.retention_days)
    unit.send(chat.id, text)


@in_unit
def choose_language(update: Update, context: BotContext, unit: Unit) -> None:
    """/bahasa: offers the languages as buttons."""
    chat = update.effective_chat
    assert chat is not None
    unit.send(chat.id, t("id", "lang.ask"), reply_markup=inline_markup(language_buttons()))


@in_unit
def set_language_tapped(update: Update, context: BotContext, unit: Unit) -> None:
    """Stores the chosen language and confirms in it."""
    query = update.callback_query
    assert query is not None
    unit.answer(query.id)
    code = chosen_language(query.data)
    if code is None:
        return
    account = viewer_of(unit.session, update, context)
    set_language(unit.session, account, code, context.now())
    message = query.message
    if isinstance(message, Message):
        unit.edit(message.chat.id, message.message_id, t(code, "lang.set"))
    else:
        unit.send(query.from_user.id, t(code, "lang.set"))


@in_unit
def menu_tapped(update: Update, context: BotContext, unit: Unit) -> None:
    """The main-menu buttons: start a report or show the reporter's cases."""
    query = update.callback_query
    assert query is not None
    unit.answer(query.id)
    if query.data == MENU_STATUS:
        status_in(update, context, unit)
    else:
        intake.start_in(update, context, unit)
