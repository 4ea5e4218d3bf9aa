"""Messages between staff and the reporter, through the bot: every one is stored on the case
(the full text, in its history) and queued for the other side; the reporter sees the office,
never a staff member's own account.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from models.cases.lifecycle import NotAllowed, record_event, require_handler, tell
from models.cases.messages import FromOffice, FromReporter, WaitingInGroup
from models.outbox.ports import Renderer
from models.outbox.queue import enqueue
from models.people.staff import GROUP_LANGUAGE
from models.storage.tables import CLOSED_STATUSES, Account, Case, EventKind

# A message is at most 4096 characters; a relayed text leaves room for its frame. The full
# text is always in the case's history.
RELAYED_TEXT_MAX = 3500


def message_reporter(
    session: Session, case: Case, *, actor: Account, text: str, now: datetime, renderer: Renderer
) -> None:
    """Staff write to the reporter through the bot; the reporter sees the office, not the
    staff member's own account."""
    assert case.id is not None
    require_handler(actor, case)
    reporter = session.get(Account, case.reporter_id)
    if reporter is None or reporter.id == actor.id:
        raise NotAllowed("case.no_reporter_chat")
    event = record_event(session, case, EventKind.MESSAGE_OUT, actor=actor, now=now, note=text)
    session.flush()
    tell(
        session,
        reporter,
        case,
        key=f"relay-out:{event.id}",
        message=FromOffice(case.id, case.number, text),
        urgent=True,
        now=now,
        renderer=renderer,
    )


def latest_open_case(session: Session, reporter: Account) -> Case | None:
    return session.exec(
        select(Case)
        .where(Case.reporter_id == reporter.id, col(Case.status).not_in(list(CLOSED_STATUSES)))
        .order_by(col(Case.created_at).desc())
    ).first()


def message_from_reporter(
    session: Session,
    case: Case,
    *,
    reporter: Account,
    text: str,
    now: datetime,
    staff_chat_id: int | None,
    renderer: Renderer,
) -> None:
    """A reporter's message is stored on the case and forwarded to the assignee; with no
    assignee, the staff chat is told there is a message (without its content)."""
    assert case.id is not None
    event = record_event(session, case, EventKind.MESSAGE_IN, actor=reporter, now=now, note=text)
    session.flush()
    assignee = session.get(Account, case.assignee_id) if case.assignee_id else None
    if assignee is not None and assignee.active:
        tell(
            session,
            assignee,
            case,
            key=f"relay-in:{event.id}",
            message=FromReporter(case.id, case.number, text),
            urgent=True,
            now=now,
            renderer=renderer,
        )
    elif staff_chat_id is not None:
        shown = renderer(WaitingInGroup(case.id, case.number), GROUP_LANGUAGE)
        enqueue(
            session,
            key=f"relay-in:{event.id}",
            chat_id=staff_chat_id,
            case_id=case.id,
            text=shown.text,
            reply_markup=shown.reply_markup,
            urgent=True,
            now=now,
        )
