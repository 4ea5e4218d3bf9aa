"""Answers to reminders: "snooze 1 day" on a case reminder, a reporter's arrival check-in,
and keeping track of who blocked (or unblocked) the bot."""

from __future__ import annotations

from sqlmodel import select
from telegram import Message, Update
from telegram.constants import ChatMemberStatus, ChatType

from handlers.context import BotContext, viewer_of
from handlers.unit import Unit, in_unit
from models.people.access import is_team
from models.people.reachability import mark_unreachable, seen
from models.schedule.responses import NotAllowed, record_checkin, snooze
from models.storage.tables import Account, Case
from models.texts import msg
from views import case_buttons, renderer
from views.case_buttons import keyboard, parse_case_data, parse_checkin_data
from views.reminders import checkin_answer, checkin_buttons, snoozed
from views.text import plain, render, t

# bot/app.py routes these buttons here (before the case buttons' `^c:`).
SNOOZE_PATTERN = case_buttons.SNOOZE_PATTERN
CHECKIN_PATTERN = case_buttons.CHECKIN_PATTERN
GONE = (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT)


@in_unit
def snooze_tapped(update: Update, context: BotContext, unit: Unit) -> None:
    """Snoozes the case's follow-ups for a day, if the person pressing may; says until when."""
    query = update.callback_query
    assert query is not None
    session = unit.session
    parsed = parse_case_data(query.data)
    account = viewer_of(session, update, context)
    lang = account.language
    # Only the team snoozes (staff, or the case's officer): nobody else looks a case up.
    case = session.get(Case, parsed.case_id) if parsed is not None and is_team(account) else None
    try:
        if case is None:
            raise NotAllowed
        until = snooze(session, case, actor=account, now=context.now())
    except NotAllowed:
        unit.answer(query.id, plain(lang, msg("rem.not_allowed")), alert=True)
        return
    unit.answer(query.id, snoozed(case.number, until, context.config.tz, lang))


@in_unit
def checkin_tapped(update: Update, context: BotContext, unit: Unit) -> None:
    """Stores the reporter's "arrived" / "not yet"; thanks them and, for "not yet", leaves the
    "arrived" button for later (the assignee is reminded through the outbox)."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    session = unit.session
    parsed = parse_checkin_data(query.data)
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
        unit.answer(query.id, plain(lang, msg("checkin.not_yours")), alert=True)
        return
    unit.answer(query.id)
    arrived = parsed.arrived
    # A question too old for Telegram to hand back stays as it is; the thanks still go out.
    if isinstance(query.message, Message) and query.message.text_html:
        _mark_answered(unit, query.message, parsed.case_id, arrived, lang)
    unit.send(user.id, t(lang, "checkin.thanks_yes" if arrived else "checkin.thanks_no"))


def _mark_answered(unit: Unit, question: Message, case_id: int, arrived: bool, lang: str) -> None:
    """The question shows the answer; after "not yet" only "arrived" is left to press."""
    answer = render(lang, checkin_answer(arrived))
    buttons = None if arrived else keyboard(checkin_buttons(case_id, lang, ask_no=False))
    unit.edit(
        question.chat.id,
        question.message_id,
        f"{question.text_html}\n\n<b>→ {answer}</b>",
        reply_markup=buttons,
    )


@in_unit
def note_reachability(update: Update, context: BotContext, unit: Unit) -> None:
    """Runs before every other handler: a person who writes can be reached again; one who
    blocks the bot cannot (the team is told once)."""
    session = unit.session
    member = update.my_chat_member
    if member is not None:
        if member.chat.type != ChatType.PRIVATE:
            return
        if member.new_chat_member.status in GONE:
            account = session.exec(
                select(Account).where(Account.telegram_user_id == member.chat.id)
            ).first()
            if account is not None and account.id is not None:
                mark_unreachable(
                    session,
                    account.id,
                    now=context.now(),
                    staff_chat_id=context.config.staff_chat_id,
                    renderer=renderer.render,
                )
        else:
            seen(session, member.chat.id)
        return
    user = update.effective_user
    if user is not None and (update.message or update.edited_message or update.callback_query):
        seen(session, user.id)
