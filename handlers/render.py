"""Turns the domain's texts and questions into Telegram messages and keyboards."""

from __future__ import annotations

import html
import logging

from telegram import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram.error import BadRequest

from handlers.context import BotContext
from handlers.inputs import intake_callback_data
from models.intake.io import Outcome, Question
from models.texts import Msg
from views.text import plain, t

logger = logging.getLogger(__name__)

MENU_REPORT = "m:report"
MENU_STATUS = "m:status"

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove


def text_of(context: BotContext, lang: str, message: Msg) -> str:
    """Render a catalogue text; `{office}` is always available to every text."""
    params = {"office": context.config.office_contact, **message.params}
    return t(lang, message.key, **params)


def question_markup(lang: str, question: Question) -> Markup | None:
    if question.request is not None:
        label = "btn.share_contact" if question.request == "contact" else "btn.share_location"
        rows = [
            [
                KeyboardButton(
                    t(lang, label),
                    request_contact=question.request == "contact",
                    request_location=question.request == "location",
                )
            ]
        ]
        rows += [[KeyboardButton(plain(lang, b.label))] for b in question.reply_buttons]
        return ReplyKeyboardMarkup(rows, resize_keyboard=True, one_time_keyboard=True)
    if question.rows:
        return InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        plain(lang, b.label),
                        callback_data=intake_callback_data(question.step, b.value),
                    )
                    for b in row
                ]
                for row in question.rows
                if row
            ]
        )
    return None


async def mark_answered(query: CallbackQuery) -> None:
    """Shows the chosen answer under the question and removes its buttons."""
    message = query.message
    if message is None or not hasattr(message, "text_html") or message.text is None:
        return
    markup = message.reply_markup
    label = next(
        (
            button.text
            for row in (markup.inline_keyboard if markup else ())
            for button in row
            if button.callback_data == query.data
        ),
        None,
    )
    if label is None:
        return
    try:
        await message.edit_text(
            f"{message.text_html}\n\n<b>→ {html.escape(label, quote=False)}</b>", reply_markup=None
        )
    except BadRequest as exc:
        logger.info("could not mark an answered question: %s", exc.message)


async def show_outcome(context: BotContext, chat_id: int, lang: str, outcome: Outcome,
                       query: CallbackQuery | None = None) -> None:  # fmt: skip
    """Sends notices, then the question (or the closing text), in that order."""
    bot = context.bot
    if query is not None and outcome.choice_accepted and not outcome.edit_in_place:
        await mark_answered(query)
    pending_remove = outcome.remove_keyboard
    for notice in outcome.notices:
        await bot.send_message(
            chat_id, text_of(context, lang, notice),
            reply_markup=ReplyKeyboardRemove() if pending_remove else None,
        )  # fmt: skip
        pending_remove = False
    if outcome.question is not None:
        text = text_of(context, lang, outcome.question.text)
        markup = question_markup(lang, outcome.question)
        if outcome.edit_in_place and query is not None and query.message is not None:
            try:
                await query.message.edit_text(text, reply_markup=markup)  # type: ignore[union-attr]
                return
            except BadRequest as exc:
                if "not modified" in exc.message:
                    return
                logger.info("edit failed, sending the question anew: %s", exc.message)
        if pending_remove and not isinstance(markup, ReplyKeyboardMarkup):
            if markup is None:
                markup = ReplyKeyboardRemove()
            else:
                await bot.send_message(
                    chat_id, t(lang, "note.ok"), reply_markup=ReplyKeyboardRemove()
                )
        await bot.send_message(chat_id, text, reply_markup=markup)
    if outcome.closing is not None:
        await bot.send_message(
            chat_id,
            text_of(context, lang, outcome.closing),
            reply_markup=menu_markup(lang) if outcome.offer_menu else ReplyKeyboardRemove(),
        )


def menu_markup(lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(t(lang, "btn.menu_report"), callback_data=MENU_REPORT)],
            [InlineKeyboardButton(t(lang, "btn.menu_status"), callback_data=MENU_STATUS)],
        ]
    )
