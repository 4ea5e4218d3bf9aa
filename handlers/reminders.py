"""Answers to reminders: "snooze 1 day" on a case reminder, a reporter's arrival check-in,
and keeping track of who blocked (or unblocked) the bot."""

from __future__ import annotations

import logging

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import select
from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest

from handlers.context import BotContext, viewer_of
from models.people.reachability import mark_unreachable, seen
from models.schedule.responses import NotAllowed, record_checkin, snooze
from models.storage.tables import Account, Case
from models.texts import msg
from views import case_buttons, renderer
from views.case_buttons import keyboard, parse_case_data, parse_checkin_data
from views.reminders import checkin_answer, checkin_buttons, snoozed
from views.text import plain, render, t

logger = logging.getLogger(__name__)

# bot/app.py routes these buttons here (before the case buttons' `^c:`).
SNOOZE_PATTERN = case_buttons.SNOOZE_PATTERN
CHECKIN_PATTERN = case_buttons.CHECKIN_PATTERN
GONE = (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT)


async def snooze_tapped(update: Update, context: BotContext) -> None:
    """Snoozes the case's follow-ups for a day, if the person pressing may; says until when."""
    query = update.callback_query
    assert query is not None
    parsed = parse_case_data(query.data)
    with context.db.session() as session:
        account = viewer_of(session, update, context)
        lang = account.language
        case = session.get(Case, parsed.case_id) if parsed is not None else None
        try:
            if case is None:
                raise NotAllowed
            until = snooze(session, case, actor=account, now=context.now())
        except NotAllowed:
            session.commit()
            await query.answer(plain(lang, msg("rem.not_allowed")), show_alert=True)
            return
        session.commit()
        text = snoozed(case.number, until, context.config.tz, lang)
    await query.answer(text)


async def checkin_tapped(update: Update, context: BotContext) -> None:
    """Stores the reporter's "arrived" / "not yet"; thanks them and, for "not yet", leaves the
    "arrived" button for later (the assignee is reminded through the outbox)."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    parsed = parse_checkin_data(query.data)
    with context.db.session() as session:
        account = viewer_of(session, update, context)
        lang = account.language
        case = session.get(Case, parsed.case_id) if parsed is not None else None
        try:
            if case is None or parsed is None:
                raise NotAllowed
            record_checkin(
                session,
                case,
                reporter=account,
                arrived=parsed.arrived,
                now=context.now(),
                policy=context.config.policy,
                renderer=renderer.render,
                # The case history keeps the answer in the office's language.
                note=plain("id", checkin_answer(parsed.arrived)),
            )
        except NotAllowed:
            session.commit()
            await query.answer(plain(lang, msg("checkin.not_yours")), show_alert=True)
            return
        session.commit()
    context.kick_outbox()
    await query.answer()
    arrived = parsed.arrived
    # A question too old for Telegram to hand back stays as it is; the thanks still go out.
    if isinstance(query.message, Message) and query.message.text_html:
        await _mark_answered(query.message, parsed.case_id, arrived, lang)
    await context.bot.send_message(
        user.id, t(lang, "checkin.thanks_yes" if arrived else "checkin.thanks_no")
    )


async def _mark_answered(question: Message, case_id: int, arrived: bool, lang: str) -> None:
    """The question shows the answer; after "not yet" only "arrived" is left to press."""
    answer = render(lang, checkin_answer(arrived))
    buttons = (
        None
        if arrived
        else InlineKeyboardMarkup.de_json(
            keyboard(checkin_buttons(case_id, lang, ask_no=False)), None
        )
    )
    try:
        await question.edit_text(f"{question.text_html}\n\n<b>→ {answer}</b>", reply_markup=buttons)
    except BadRequest as exc:
        logger.info("could not mark the check-in answered: %s", exc.message)


async def note_reachability(update: Update, context: BotContext) -> None:
    """Runs before every other handler: a person who writes can be reached again; one who
    blocks the bot cannot (the team is told once). Best effort: a failure here is logged and
    the update is handled as usual."""
    try:
        _note_reachability(update, context)
    except SQLAlchemyError as exc:
        logger.warning(
            "update %s: reachability not recorded (%s)", update.update_id, type(exc).__name__
        )


def _note_reachability(update: Update, context: BotContext) -> None:
    member = update.my_chat_member
    if member is not None:
        if member.chat.type != ChatType.PRIVATE:
            return
        with context.db.session() as session:
            if member.new_chat_member.status in GONE:
                account = session.exec(
                    select(Account).where(Account.telegram_user_id == member.chat.id)
                ).first()
                if account is not None and account.id is not None:
                    if mark_unreachable(
                        session,
                        account.id,
                        now=context.now(),
                        staff_chat_id=context.config.staff_chat_id,
                        renderer=renderer.render,
                    ):
                        context.kick_outbox()
            else:
                seen(session, member.chat.id)
        return
    user = update.effective_user
    if user is not None and (update.message or update.edited_message or update.callback_query):
        with context.db.session() as session:
            seen(session, user.id)
