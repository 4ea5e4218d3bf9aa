"""The text a case button asked a team member to type: a note, a message to the reporter, a
reason to reopen, a referral's note, an admin's reason to skip the checklist.

handlers/cases.py stores what is awaited (a PendingInput); handlers/router.py hands the next
text of that person here, inside the update's unit of work.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session
from telegram import Update

from handlers.cases import markup
from handlers.context import BotContext
from handlers.unit import Unit
from models.cases import lifecycle, relay
from models.cases.lifecycle import NotAllowed
from models.people.access import can_view_case
from models.storage.tables import Account, Agency, Case, CaseStatus, PendingInput
from views import case_card
from views.renderer import render
from views.text import t


def on_pending_text(
    update: Update, context: BotContext, unit: Unit, viewer: Account, pending: PendingInput
) -> None:
    """The text a staff member was asked for: a note, a message, a reason."""
    message, chat = update.effective_message, update.effective_chat
    assert message is not None and chat is not None
    session = unit.session
    lang = viewer.language
    text = (message.text or "").strip()
    if text.lower() in ("/batal", "/cancel"):
        session.delete(pending)
        unit.send(chat.id, t(lang, "case.input_cancelled"))
        return
    if not text or text.startswith("/"):
        unit.send(chat.id, t(lang, "case.input_needed"))
        return
    if len(text) > relay.RELAYED_TEXT_MAX:
        unit.send(chat.id, t(lang, "case.input_too_long", limit=relay.RELAYED_TEXT_MAX))
        return
    case = session.get(Case, pending.case_id) if pending.case_id else None
    if case is None or not can_view_case(session, viewer, case):
        session.delete(pending)
        unit.send(chat.id, t(lang, "case.not_allowed"))
        return
    try:
        # The lifecycle refuses before it writes: a refused text leaves the question open.
        done_key = _apply_pending(session, pending, case, viewer, text, context.now())
    except NotAllowed as refusal:
        unit.send(chat.id, t(lang, refusal.key, **refusal.params))
        return
    session.delete(pending)
    assert case.id is not None
    view = case_card.done(lang, done_key, case.id, case.number)
    unit.send(chat.id, view.text, reply_markup=markup(view.buttons))


def _apply_pending(
    session: Session,
    pending: PendingInput,
    case: Case,
    viewer: Account,
    text: str,
    now: datetime,
) -> str:
    if pending.kind == "note":
        lifecycle.add_note(session, case, actor=viewer, text=text, now=now)
        return "case.note_saved"
    if pending.kind == "relay":
        relay.message_reporter(session, case, actor=viewer, text=text, now=now, renderer=render)
        return "case.message_sent"
    if pending.kind == "reopen":
        lifecycle.reopen(session, case, actor=viewer, now=now, reason=text)
        return "case.reopened"
    if pending.kind == "refer":
        agency = session.get(Agency, pending.data.get("agency_id"))
        if agency is None:
            raise NotAllowed("case.not_allowed")
        note = None if text == "-" else text
        lifecycle.refer(session, case, agency, actor=viewer, now=now, note=note, renderer=render)
        return "case.referred"
    if pending.kind == "override":
        lifecycle.change_status(
            session, case, CaseStatus(pending.data["status"]), actor=viewer, now=now,
            override_reason=text,
        )  # fmt: skip
        return "case.status_changed_override"
    raise NotAllowed("case.not_allowed")
