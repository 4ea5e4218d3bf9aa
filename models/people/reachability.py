"""Who the bot can no longer reach (they blocked it), and telling the team once.

Telegram answers 403 to a message for someone who blocked the bot. The sender then marks the
account unreachable and, once per time they blocked it, tells whoever should know: the
assignee of each open case the person reported (or the staff group, or the admins, when
nobody is assigned), or, for a team member, the admins. Follow-up rules and digests skip
unreachable accounts; the mark is cleared as soon as the person writes to the bot again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, update
from sqlmodel import Session, col, select

from models.outbox.ports import Renderer
from models.outbox.queue import enqueue
from models.people.access import role_of
from models.people.staff import GROUP_LANGUAGE, active_account, admins
from models.storage.tables import CLOSED_STATUSES, Account, Case, Role


@dataclass(frozen=True)
class TeamMemberUnreachable:
    """For the admins: a team member blocked the bot (no reminders or digests reach them)."""

    name: str


@dataclass(frozen=True)
class ReporterUnreachable:
    """For whoever handles the case: its reporter blocked the bot; call them instead."""

    case_id: int
    number: str


def mark_unreachable(
    session: Session,
    account_id: int,
    *,
    now: datetime,
    staff_chat_id: int | None,
    renderer: Renderer,
) -> int:
    """The person blocked the bot: remember it and tell the team once (commits).

    Returns how many notices were queued (0 when this block was already known).
    """
    account = session.get(Account, account_id)
    if account is None:
        return 0
    if account.unreachable_at is None:
        account.unreachable_at = now
        session.add(account)
    episode = int(account.unreachable_at.timestamp())
    queued = 0
    if role_of(account) != Role.REPORTER:
        member = TeamMemberUnreachable(account.display_name or f"#{account.id}")
        for admin in admins(session):
            if admin.id == account.id:
                continue
            shown = renderer(member, admin.language)
            queued += enqueue(
                session,
                key=f"unreachable:{account.id}:{episode}:{admin.telegram_user_id}",
                chat_id=admin.telegram_user_id,
                account_id=admin.id,
                text=shown.text,
                reply_markup=shown.reply_markup,
                urgent=True,
                now=now,
            )
    cases = session.exec(
        select(Case).where(
            Case.reporter_id == account.id, col(Case.status).not_in(list(CLOSED_STATUSES))
        )
    ).all()
    for case in cases:
        assert case.id is not None
        notice = ReporterUnreachable(case.id, case.number)
        assignee = active_account(session, case.assignee_id)
        if assignee is not None:
            targets = [(assignee.telegram_user_id, assignee.id, assignee.language)]
        elif staff_chat_id is not None:
            targets = [(staff_chat_id, None, GROUP_LANGUAGE)]
        else:
            targets = [(a.telegram_user_id, a.id, a.language) for a in admins(session)]
        for chat_id, target_id, lang in targets:
            shown = renderer(notice, lang)
            queued += enqueue(
                session,
                key=f"unreachable:{account.id}:{episode}:{case.id}:{chat_id}",
                chat_id=chat_id,
                account_id=target_id,
                case_id=case.id,
                text=shown.text,
                reply_markup=shown.reply_markup,
                urgent=True,
                now=now,
            )
    session.commit()
    return queued


def seen(session: Session, telegram_user_id: int) -> bool:
    """The person wrote to the bot: they can be reached again (commits when it changes)."""
    # An UPDATE's result is a CursorResult, which has the row count.
    result = cast(
        CursorResult[Any],
        session.execute(
            update(Account)
            .where(
                col(Account.telegram_user_id) == telegram_user_id,
                col(Account.unreachable_at).is_not(None),
            )
            .values(unreachable_at=None)
            .execution_options(synchronize_session=False)
        ),
    )
    if result.rowcount:
        session.commit()
        return True
    return False
