"""The intake conversation in Telegram: each handler reads input, calls the domain, replies.

Each runs in its update's unit of work: the answer, the update's "done" mark and the reply
commit together, and the reply goes out after the commit (handlers/unit.py).
"""

from __future__ import annotations

import logging

from telegram import Update

from handlers import admin
from handlers.context import BotContext, viewer_of
from handlers.inputs import to_input
from handlers.render import show_outcome
from handlers.unit import Unit, in_unit
from models.intake import flow
from models.intake.io import Outcome
from models.people.access import is_team
from models.texts import msg
from views.intake import INTAKE_TEXTS, intake_text
from views.renderer import render
from views.text import t

logger = logging.getLogger(__name__)


def _user(update: Update) -> flow.UserRef:
    user = update.effective_user
    assert user is not None  # handlers are registered for user updates only
    return flow.UserRef(user.id, user.language_code)


def _deliver(unit: Unit, update: Update, context: BotContext, outcome: Outcome) -> None:
    chat = update.effective_chat
    assert chat is not None
    query = update.callback_query
    office = context.config.office_contact
    if query is not None:
        stale = msg("hint.stale_button")
        notice = intake_text(outcome.language, stale, office=office) if outcome.stale else None
        unit.answer(query.id, notice)
    show_outcome(unit, office, chat.id, outcome, query)
    if outcome.dialog_id is not None and outcome.question is not None:
        # The question is owed by the outbox now, in the same transaction.
        flow.mark_prompt_delivered(unit.session, outcome.dialog_id)


@in_unit
def start(update: Update, context: BotContext, unit: Unit) -> None:
    """/start: consent first, or the current question when a report is in progress, or (with
    a report of one's own still open) its number and status; /start <code> accepts an invite."""
    if context.args:
        admin.accept(update, context, unit, context.args[0])
        return
    start_in(update, context, unit, open_case_first=True)


def start_in(
    update: Update, context: BotContext, unit: Unit, *, open_case_first: bool = False
) -> None:
    """Begins a report, or asks the current question again."""
    chat = update.effective_chat
    assert chat is not None
    outcome = flow.start(
        unit.session, user=_user(update), chat_id=chat.id, update_id=update.update_id,
        now=context.now(), open_case_first=open_case_first,
    )  # fmt: skip
    _deliver(unit, update, context, outcome)


@in_unit
def lapor(update: Update, context: BotContext, unit: Unit) -> None:
    """/lapor: a field officer (or staff) registers someone else, often a whole group."""
    chat = update.effective_chat
    assert chat is not None
    account = viewer_of(unit.session, update, context)
    if not is_team(account):
        unit.send(chat.id, t(account.language, "case.team_only"))
        return
    outcome = flow.start(
        unit.session, user=_user(update), chat_id=chat.id, update_id=update.update_id,
        now=context.now(), flow="officer",
    )  # fmt: skip
    _deliver(unit, update, context, outcome)


def answer_in(update: Update, context: BotContext, unit: Unit) -> None:
    """Any message, command or tapped intake button: stores the answer, asks what is next."""
    chat = update.effective_chat
    assert chat is not None
    outcome = flow.handle(
        unit.session,
        user=_user(update),
        chat_id=chat.id,
        update_id=update.update_id,
        inp=to_input(update),
        now=context.now(),
        texts=INTAKE_TEXTS,
        team=flow.Team(staff_chat_id=context.config.staff_chat_id, renderer=render),
    )
    _deliver(unit, update, context, outcome)


answer = in_unit(answer_in)
