"""Notices about cases for the team, enqueued in the outbox (never sent directly).

In the staff group chat a notice carries no name, NIK or phone number; the buttons lead to
the full card, which is shown only in a private chat to someone allowed to see it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlmodel import Session, col, select

from models.cases.lists import CaseLine
from models.outbox.ports import Renderer
from models.outbox.queue import enqueue
from models.people.staff import GROUP_LANGUAGE, accounts_with_role, member_name
from models.storage.tables import Account, Case, Role


@dataclass(frozen=True)
class NewCaseNotice:
    """A new case for the team: its line and its needs (buttons: take, open, verify).

    A case that already has an assignee (an officer's own registration) names them, and
    nobody is offered to take it.
    """

    case: CaseLine
    needs: tuple[str, ...]
    needs_other: str | None
    assignee: str | None = None


class Target(NamedTuple):
    chat_id: int
    account_id: int | None
    language: str


def team_targets(session: Session, staff_chat_id: int | None) -> list[Target]:
    """Where the team hears about a case: the staff group, or with no group every active
    staff member and admin in private."""
    if staff_chat_id is not None:
        return [Target(staff_chat_id, None, GROUP_LANGUAGE)]
    return [
        Target(a.telegram_user_id, a.id, a.language)
        for a in accounts_with_role(session, Role.STAFF, Role.ADMIN)
    ]


def enqueue_new_case_notices(
    session: Session,
    case: Case,
    *,
    staff_chat_id: int | None,
    now: datetime,
    renderer: Renderer,
) -> int:
    """The staff group gets the notice; with no group, every active staff member in private.

    Idempotent (keyed by case and chat), so it is safe to call again after a crash.
    """
    assert case.id is not None
    assignee = session.get(Account, case.assignee_id) if case.assignee_id else None
    notice = NewCaseNotice(
        CaseLine.of(case),
        tuple(case.needs),
        case.needs_other,
        member_name(assignee) if assignee else None,
    )
    count = 0
    for chat_id, account_id, lang in team_targets(session, staff_chat_id):
        shown = renderer(notice, lang)
        count += enqueue(
            session,
            key=f"new-case:{case.id}:{chat_id}",
            chat_id=chat_id,
            account_id=account_id,
            case_id=case.id,
            text=shown.text,
            reply_markup=shown.reply_markup,
            urgent=True,
            now=now,
        )
    return count


def reconcile_new_case_notices(
    session: Session, *, staff_chat_id: int | None, now: datetime, renderer: Renderer
) -> int:
    """After a crash between storing a case and queueing its notice: queue what is missing."""
    recent = session.exec(select(Case).where(col(Case.created_at) >= now - timedelta(days=2))).all()
    count = sum(
        enqueue_new_case_notices(
            session, case, staff_chat_id=staff_chat_id, now=now, renderer=renderer
        )
        for case in recent
    )
    session.commit()
    return count
