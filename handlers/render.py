"""Says what views/intake.py lays out: Telegram messages, their keyboards, edits in place.

Inside an update everything is queued on the update's unit of work (handlers/unit.py) and
goes out after its commit.
"""

from __future__ import annotations

import html

from telegram import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from handlers.unit import Unit
from models.intake.io import Outcome
from views.intake import QuestionView, outcome_view
from views.intake_buttons import Buttons, menu_buttons

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove


def inline_markup(buttons: Buttons) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(label, callback_data=data) for label, data in row]
            for row in buttons
        ]
    )


def question_markup(view: QuestionView) -> Markup | None:
    share = view.share
    if share is not None:
        rows = [
            [
                KeyboardButton(
                    share.label,
                    request_contact=share.request == "contact",
                    request_location=share.request == "location",
                )
            ]
        ]
        rows += [[KeyboardButton(label)] for label in share.others]
        return ReplyKeyboardMarkup(rows, resize_keyboard=True, one_time_keyboard=True)
    if view.buttons:
        return inline_markup(view.buttons)
    return None


def menu_markup(lang: str) -> InlineKeyboardMarkup:
    return inline_markup(menu_buttons(lang))


def mark_answered(unit: Unit, query: CallbackQuery, answered: str | None = None) -> None:
    """Shows the chosen answer under the question and removes its buttons.

    `answered` (HTML) replaces the tapped label: the options of a multi-select closed with
    "Selesai", which would otherwise vanish with the buttons."""
    message = query.message
    # An inaccessible message (too old, or deleted) cannot be edited; the answer is stored anyway.
    if not isinstance(message, Message) or message.text is None:
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
    shown = answered if answered is not None else html.escape(label, quote=False)
    unit.edit(message.chat.id, message.message_id, f"{message.text_html}\n\n<b>→ {shown}</b>")


def _edit_question(
    unit: Unit, query: CallbackQuery, view: QuestionView, markup: Markup | None
) -> bool:
    """Redraws the tapped question in place; False when it has to be sent anew."""
    message = query.message
    if not isinstance(message, Message):
        return False  # too old or deleted: the question is sent anew
    if not (markup is None or isinstance(markup, InlineKeyboardMarkup)):
        return False
    unit.edit(message.chat.id, message.message_id, view.text, reply_markup=markup)
    return True


def show_outcome(
    unit: Unit, office: str, chat_id: int, outcome: Outcome, query: CallbackQuery | None = None
) -> None:
    """Queues the notices, then the question (or the closing text), in that order."""
    view = outcome_view(outcome, office=office, flow=outcome.flow)
    if query is not None and outcome.choice_accepted and not outcome.edit_in_place:
        mark_answered(unit, query, view.answered)
    pending_remove = outcome.remove_keyboard
    for notice in view.notices:
        unit.send(chat_id, notice, reply_markup=ReplyKeyboardRemove() if pending_remove else None)
        pending_remove = False
    if view.question is not None:
        markup = question_markup(view.question)
        if outcome.edit_in_place and query is not None:
            if _edit_question(unit, query, view.question, markup):
                return
        if pending_remove and not isinstance(markup, ReplyKeyboardMarkup):
            if markup is None:
                markup = ReplyKeyboardRemove()
            else:
                unit.send(chat_id, view.keyboard_gone, reply_markup=ReplyKeyboardRemove())
        unit.send(chat_id, view.question.text, reply_markup=markup)
    if view.closing is not None:
        unit.send(
            chat_id,
            view.closing,
            reply_markup=inline_markup(view.menu) if view.menu else ReplyKeyboardRemove(),
        )
