"""What a person reads in the intake: questions, notices and closing texts, as plain data.

handlers/render.py turns these views into Telegram messages and keyboards. `INTAKE_TEXTS` is
the conversation's port to the catalogue (models/intake/ports.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from zoneinfo import ZoneInfo

from i18n import LANGUAGES
from i18n.consent import CONSENT_TEXT_VERSION
from models.intake.io import Outcome, Question, Recap
from models.intake.ports import IntakeTexts
from models.storage.tables import Case
from models.texts import Msg, msg
from views import answers
from views.intake_buttons import (
    Buttons,
    intake_callback_data,
    menu_buttons,
    open_case_buttons,
)
from views.text import plain, t


@dataclass(frozen=True)
class ShareKeyboard:
    """A reply keyboard: one button that shares the contact or location, plain buttons below."""

    request: Literal["contact", "location"]
    label: str
    others: list[str]


@dataclass(frozen=True)
class QuestionView:
    text: str  # Telegram HTML
    buttons: Buttons  # inline, under the text
    share: ShareKeyboard | None = None


@dataclass(frozen=True)
class OutcomeView:
    """Notices first, then the question or the closing text."""

    notices: list[str]
    question: QuestionView | None
    closing: str | None
    # The main menu under the closing text; without it, a reply keyboard still shown goes.
    menu: Buttons | None
    # Sent on its own to take a reply keyboard away when the next question has inline buttons:
    # what the shared contact or location gave.
    keyboard_gone: str
    # Shown under a closed multi-select question instead of the label tapped ("Selesai").
    answered: str | None = None


def label_texts(label: Msg | str) -> set[str]:
    """A button label as it reads in every language."""
    return {plain(lang, label) for lang in LANGUAGES}


INTAKE_TEXTS = IntakeTexts(label_texts=label_texts, consent_version=CONSENT_TEXT_VERSION)

_RECAPS: dict[str, Callable[[Mapping[str, Any]], Msg]] = {
    "summary": answers.summary_text,
    "osummary": answers.officer_summary_text,
    "members": answers.members_so_far,
    "received": answers.received_text,
}


OFFICER_FLOW = "officer"


def worded_for(message: Msg, flow: str) -> Msg:
    """A field officer's /lapor speaks about the group ("asal rombongan"): each text that has
    an `<key>.officer` variant, also inside another text, takes it in the officer's flow."""
    if flow != OFFICER_FLOW:
        return message
    key = f"{message.key}.officer"
    params = {
        name: worded_for(value, flow) if isinstance(value, Msg) else value
        for name, value in message.params.items()
    }
    return Msg(key if key in LANGUAGES["id"] else message.key, params)


def intake_text(lang: str, message: Msg | Recap, *, office: str, flow: str = "intake") -> str:
    """A text of the intake in the reader's language; `{office}` is available to every text."""
    if isinstance(message, Recap):
        message = _RECAPS[message.kind](message.answers)
    message = worded_for(message, flow)
    return t(lang, message.key, **{"office": office, **message.params})


def question_view(
    lang: str, question: Question, *, office: str, flow: str = "intake"
) -> QuestionView:
    body = intake_text(lang, question.text, office=office, flow=flow)
    if question.request is not None:
        key = "btn.share_contact" if question.request == "contact" else "btn.share_location"
        others = [plain(lang, b.label) for b in question.reply_buttons]
        return QuestionView(body, [], ShareKeyboard(question.request, t(lang, key), others))
    buttons = [
        [(plain(lang, b.label), intake_callback_data(question.step, b.value)) for b in row]
        for row in question.rows
        if row
    ]
    return QuestionView(body, buttons)


def outcome_view(outcome: Outcome, *, office: str, flow: str = "intake") -> OutcomeView:
    """`flow` is the dialog's ("officer": the texts about a group, see `worded_for`)."""
    lang = outcome.language
    return OutcomeView(
        notices=[intake_text(lang, n, office=office, flow=flow) for n in outcome.notices],
        question=(
            question_view(lang, outcome.question, office=office, flow=flow)
            if outcome.question is not None
            else None
        ),
        closing=(
            intake_text(lang, outcome.closing, office=office)
            if outcome.closing is not None
            else None
        ),
        menu=(
            menu_buttons(lang)
            if outcome.offer_menu
            else open_case_buttons(lang)
            if outcome.offer_open_case_menu
            else None
        ),
        keyboard_gone=(
            intake_text(lang, outcome.keyboard_gone, office=office)
            if outcome.keyboard_gone is not None
            else t(lang, "note.ok")
        ),
        answered=(
            intake_text(lang, outcome.answered, office=office)
            if outcome.answered is not None
            else None
        ),
    )


def resume_note(lang: str) -> str:
    """Said before a question owed since the bot stopped."""
    return t(lang, "note.resume_after_restart")


def reporter_cases_text(lang: str, cases: Sequence[Case], tz: ZoneInfo, *, office: str) -> str:
    """/status: a reporter's cases, as given (newest first), each with its date and status
    (a refused case says where to go: the office's address and phone)."""
    if not cases:
        return t(lang, "status.none")
    lines = [t(lang, "status.header")] + [
        t(
            lang,
            "status.line",
            number=case.number,
            date=case.created_at.astimezone(tz).strftime("%d-%m-%Y"),
            status=msg(f"rstatus.{case.status}", office=office),
        )
        for case in cases
    ]
    return "\n".join(lines)
