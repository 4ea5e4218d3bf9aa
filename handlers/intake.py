"""The intake conversation in Telegram: each handler reads input, calls the domain, replies.

The domain (models.intake.flow) commits every answer before anything is sent.
"""

from __future__ import annotations

import logging
from datetime import datetime

from telegram import Bot, Update
from telegram.error import TelegramError

from handlers import admin
from handlers.context import BotContext, viewer_of
from handlers.inputs import to_input
from handlers.render import send_question, show_outcome
from models.intake import flow
from models.intake.io import Outcome
from models.people.access import is_team
from models.storage.db import Database
from views.intake import INTAKE_TEXTS, intake_text, question_view, resume_note
from views.renderer import render
from views.text import t

logger = logging.getLogger(__name__)


def _user(update: Update) -> flow.UserRef:
    user = update.effective_user
    assert user is not None  # handlers are registered for user updates only
    return flow.UserRef(user.id, user.language_code)


async def _deliver(update: Update, context: BotContext, outcome: Outcome) -> None:
    chat = update.effective_chat
    assert chat is not None
    await show_outcome(context, chat.id, outcome, update.callback_query)
    if outcome.dialog_id is not None and outcome.question is not None:
        with context.db.session() as session:
            flow.mark_prompt_delivered(session, outcome.dialog_id)
    if outcome.submitted_case_id is not None:
        context.kick_outbox()


async def start(update: Update, context: BotContext) -> None:
    """/start: consent first, or the current question when a report is in progress;
    /start <code> accepts an invite to the team."""
    chat = update.effective_chat
    assert chat is not None
    if context.args:
        await admin.accept(update, context, context.args[0])
        return
    with context.db.session() as session:
        outcome = flow.start(
            session, user=_user(update), chat_id=chat.id, update_id=update.update_id,
            now=context.now(),
        )  # fmt: skip
    await _deliver(update, context, outcome)


async def lapor(update: Update, context: BotContext) -> None:
    """/lapor: a field officer (or staff) registers someone else, often a whole group."""
    chat = update.effective_chat
    assert chat is not None
    with context.db.session() as session:
        account = viewer_of(session, update, context)
        session.commit()
        if not is_team(account):
            await context.bot.send_message(chat.id, t(account.language, "case.team_only"))
            return
        outcome = flow.start(
            session, user=_user(update), chat_id=chat.id, update_id=update.update_id,
            now=context.now(), flow="officer",
        )  # fmt: skip
    await _deliver(update, context, outcome)


async def answer(update: Update, context: BotContext) -> None:
    """Any message, command or tapped intake button: stores the answer, asks what is next."""
    chat = update.effective_chat
    assert chat is not None
    query = update.callback_query
    inp = to_input(update)
    with context.db.session() as session:
        outcome = flow.handle(
            session,
            user=_user(update),
            chat_id=chat.id,
            update_id=update.update_id,
            inp=inp,
            now=context.now(),
            texts=INTAKE_TEXTS,
            team=flow.Team(staff_chat_id=context.config.staff_chat_id, renderer=render),
        )
    if query is not None:
        await _answer_query(update, context, outcome)
    await _deliver(update, context, outcome)


async def _answer_query(update: Update, context: BotContext, outcome: Outcome) -> None:
    query = update.callback_query
    assert query is not None
    try:
        if outcome.stale:
            office = context.config.office_contact
            await query.answer(intake_text(outcome.language, outcome.notices[0], office=office))
        else:
            await query.answer()
    except TelegramError as exc:
        # A query delivered again after a restart is too old to answer; nothing is lost.
        logger.info("callback query not answered: %s", exc)


async def resend_owed_questions(bot: Bot, db: Database, now: datetime, *, office: str) -> int:
    """Questions stored before the bot stopped but perhaps never sent: sends them now.

    Each goes with a word of apology; it counts as delivered once Telegram took it. Returns how
    many were sent.
    """
    with db.session() as session:
        owed = flow.pending_prompts(session, now)
    sent = 0
    for prompt in owed:
        try:
            await bot.send_message(prompt.chat_id, resume_note(prompt.language))
            await send_question(
                bot, prompt.chat_id, question_view(prompt.language, prompt.question, office=office)
            )
        except TelegramError as exc:
            logger.warning("owed question for dialog %s not delivered: %s", prompt.dialog_id, exc)
            continue
        with db.session() as session:
            flow.mark_prompt_delivered(session, prompt.dialog_id)
        sent += 1
    return sent
