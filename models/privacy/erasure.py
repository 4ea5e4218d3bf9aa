"""Erasing a case's personal data, on a reporter's request or after the retention period.

What goes: names, NIKs, phone numbers, birth dates, exact locations, free texts (the story,
notes, messages, the recruiter's and employer's names), attachments (their Telegram file
refs) and what the outbox delivered about the case. What stays, so the figures still add up:
the case row with its number, status, dates, region codes, group size and categories (needs,
work type, vulnerabilities), one person row per person (status, sex, age group), the consent
records and the audit log (ids and codes only).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, delete, select, update

from models.audit.log import record
from models.cases.lifecycle import NotAllowed
from models.cases.records import UNNAMED
from models.privacy.rights import (
    Kind,
    State,
    may_decide_erasure,
    open_request,
    reported_cases,
)
from models.storage.tables import (
    Account,
    Attachment,
    Case,
    CaseErasure,
    CaseEvent,
    Dialog,
    Outbox,
    OutboxStatus,
    Person,
    PrivacyRequest,
    Referral,
    Travel,
)

CASE_ERASED = (
    "location_text", "latitude", "longitude", "recruiter_name", "recruiter_phone", "employer",
    "work_ended", "needs_other", "work_site", "story",
)  # fmt: skip
PERSON_ERASED = ("nik", "birth_date", "phone", "age")


class Cause:
    REQUEST = "request"
    RETENTION = "retention"


def is_erased(session: Session, case_id: int) -> bool:
    return session.get(CaseErasure, case_id) is not None


def erase_case(
    session: Session, case: Case, *, cause: str, now: datetime, actor_id: int | None = None
) -> bool:
    """Erases the case's personal data (no commit); False if it was erased before."""
    assert case.id is not None
    if is_erased(session, case.id):
        return False
    for name in CASE_ERASED:
        setattr(case, name, None)
    case.updated_at = now
    session.add(case)
    for person in session.exec(select(Person).where(Person.case_id == case.id)):
        person.full_name = UNNAMED
        for name in PERSON_ERASED:
            setattr(person, name, None)
        session.add(person)
    files = session.exec(delete(Attachment).where(col(Attachment.case_id) == case.id))
    session.exec(update(CaseEvent).where(col(CaseEvent.case_id) == case.id).values(note=None))
    session.exec(update(Referral).where(col(Referral.case_id) == case.id).values(note=None))
    session.exec(
        update(Travel)
        .where(col(Travel.case_id) == case.id)
        .values(booking_code=None, ticket_number=None, handed_to=None)
    )
    # What the bot delivered about the case; what is still to go is left to go.
    session.exec(
        update(Outbox)
        .where(
            col(Outbox.case_id) == case.id,
            col(Outbox.status).in_([OutboxStatus.SENT, OutboxStatus.FAILED]),
        )
        .values(text="", reply_markup=None, file_ref=None, blob=None)
    )
    session.exec(
        update(PrivacyRequest).where(col(PrivacyRequest.case_id) == case.id).values(value=None)
    )
    session.add(CaseErasure(case_id=case.id, cause=cause, erased_at=now))
    record(
        session, actor_id=actor_id, action="privacy.erase", now=now, case_id=case.id,
        detail=f"{cause} files={files.rowcount}",
    )  # fmt: skip
    return True


def confirm_erasure(
    session: Session, request_id: int | None, *, actor: Account, now: datetime
) -> tuple[PrivacyRequest, int]:
    """Staff confirm an erasure: it is done at once (no commit); returns the cases erased."""
    if not may_decide_erasure(actor):
        raise NotAllowed("case.not_allowed")
    request = open_request(session, request_id, Kind.ERASURE)
    reporter = session.get(Account, request.account_id)
    erased = 0
    for case in reported_cases(session, reporter) if reporter is not None else []:
        if erase_case(session, case, cause=Cause.REQUEST, now=now, actor_id=actor.id):
            erased += 1
    # Drafts of the reporter go too.
    session.exec(delete(Dialog).where(col(Dialog.account_id) == request.account_id))
    request.status = State.ERASED
    request.decided_at = now
    request.decided_by_id = actor.id
    session.add(request)
    record(
        session, actor_id=actor.id, action="privacy.erasure_confirmed", now=now,
        target_account_id=request.account_id, detail=f"cases={erased}",
    )  # fmt: skip
    return request, erased
