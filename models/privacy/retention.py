"""Retention: closed cases are erased after RETENTION_DAYS, drafts abandoned for longer than
DRAFT_RETENTION_DAYS are deleted, and the admins hear of an erasure request a day before its
3x24-hour deadline. Run by the scheduler's tick; each run does only what is left to do, so
running it twice changes nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, select

from models.outbox.ports import Renderer
from models.outbox.queue import enqueue
from models.people.staff import admins
from models.privacy.erasure import Cause, erase_case
from models.privacy.rights import REMIND_BEFORE, Kind, State
from models.storage.tables import CLOSED_STATUSES, Case, CaseErasure, Dialog, PrivacyRequest


@dataclass(frozen=True)
class Retention:
    """How long data is kept (bot/config.py: RETENTION_DAYS, DRAFT_RETENTION_DAYS)."""

    closed_case_days: int
    draft_days: int


@dataclass(frozen=True)
class ErasureDue:
    """For an admin: an erasure request that nobody decided yet, due at `due_at`."""

    request_id: int
    due_at: datetime
    left: timedelta  # until the deadline
    cases: int


@dataclass(frozen=True)
class RetentionRun:
    erased_cases: int
    deleted_drafts: int
    reminders: int


def run_retention(
    session: Session, now: datetime, retention: Retention, *, renderer: Renderer
) -> RetentionRun:
    """Everything retention owes at `now` (commits once)."""
    erased = erase_expired(session, now, retention.closed_case_days)
    drafts = delete_abandoned_drafts(session, now, retention.draft_days)
    reminded = remind_erasures(session, now, renderer=renderer)
    session.commit()
    return RetentionRun(erased, drafts, reminded)


def erase_expired(session: Session, now: datetime, days: int) -> int:
    """Erases closed cases closed more than `days` ago (no commit)."""
    erased = select(CaseErasure.case_id)
    due = session.exec(
        select(Case).where(
            col(Case.status).in_([s.value for s in CLOSED_STATUSES]),
            col(Case.closed_at).is_not(None),
            col(Case.closed_at) <= now - timedelta(days=days),
            col(Case.id).not_in(erased),
        )
    ).all()
    return sum(erase_case(session, case, cause=Cause.RETENTION, now=now) for case in due)


def delete_abandoned_drafts(session: Session, now: datetime, days: int) -> int:
    """Deletes intake drafts nobody touched for `days` (no commit)."""
    result = session.exec(
        delete(Dialog).where(col(Dialog.updated_at) <= now - timedelta(days=days))
    )
    return int(result.rowcount or 0)


def remind_erasures(session: Session, now: datetime, *, renderer: Renderer) -> int:
    """Tells each admin, once, of an open erasure request a day before its deadline."""
    due = session.exec(
        select(PrivacyRequest).where(
            PrivacyRequest.kind == Kind.ERASURE,
            PrivacyRequest.status == State.OPEN,
            col(PrivacyRequest.reminded_at).is_(None),
            col(PrivacyRequest.due_at) <= now + REMIND_BEFORE,
        )
    ).all()
    queued = 0
    for request in due:
        assert request.id is not None and request.due_at is not None
        cases = session.exec(select(Case.id).where(Case.reporter_id == request.account_id)).all()
        notice = ErasureDue(request.id, request.due_at, request.due_at - now, len(cases))
        for admin in admins(session):
            shown = renderer(notice, admin.language)
            queued += enqueue(
                session,
                key=f"privacy:due:{request.id}:{admin.id}",
                chat_id=admin.telegram_user_id,
                account_id=admin.id,
                text=shown.text,
                reply_markup=shown.reply_markup,
                now=now,
            )
        request.reminded_at = now
        session.add(request)
    return queued
