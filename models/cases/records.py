"""Cases: numbering, creation from a finished draft, and what a reporter may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from models.outbox.ports import Renderer
from models.storage.db import insert_for
from models.storage.tables import (
    CLOSED_STATUSES,
    Account,
    Attachment,
    Case,
    CaseCounter,
    CaseEvent,
    CaseSource,
    CaseStatus,
    Consent,
    EventKind,
    Person,
)

NUMBER_PREFIX = "KBR"
# The name of a companion the reporter counted but did not name (views show a label).
UNNAMED = ""


def format_case_number(year: int, seq: int) -> str:
    return f"{NUMBER_PREFIX}-{year}-{seq:04d}"


def next_case_number(session: Session, year: int) -> tuple[int, str]:
    """Take the next number for `year` atomically: safe with many submitting at once.

    The row lock taken by UPDATE ... RETURNING serialises concurrent takers on PostgreSQL;
    SQLite serialises writers anyway.
    """
    session.execute(
        insert_for(session, CaseCounter)
        .values(year=year, last_seq=0)
        .on_conflict_do_nothing(index_elements=["year"])
    )
    seq = session.execute(
        update(CaseCounter)
        .where(col(CaseCounter.year) == year)
        .values(last_seq=CaseCounter.last_seq + 1)
        .returning(col(CaseCounter.last_seq))
    ).scalar_one()
    return seq, format_case_number(year, seq)


@dataclass(frozen=True)
class NewCase:
    """Everything an intake collected, as plain values."""

    reporter: Account
    answers: dict[str, Any]
    consent_id: int | None
    source: CaseSource = CaseSource.SELF


def create_case(session: Session, new: NewCase, *, now: datetime, year: int) -> Case:
    """Store a case, a row per person, attachments and the "created" event (no commit)."""
    a = new.answers
    reporter_id = new.reporter.id
    assert reporter_id is not None, "the reporter's account is stored first"
    seq, number = next_case_number(session, year)
    vulnerabilities = list(a.get("vulnerabilities", []))
    case = Case(
        number=number,
        year=year,
        seq=seq,
        status=CaseStatus.BARU,
        urgent=bool(vulnerabilities),
        source=new.source,
        reporter_id=reporter_id,
        language=new.reporter.language,
        origin_province_code=a.get("origin_province"),
        origin_regency_code=a.get("origin_regency"),
        location_text=a.get("location_text"),
        latitude=a.get("latitude"),
        longitude=a.get("longitude"),
        location_district_code=a.get("location_district"),
        group_size=len(a["members"]) if a.get("members") else a.get("group_size", 1),
        recruiter_name=a.get("recruiter_name"),
        recruiter_phone=a.get("recruiter_phone"),
        employer=a.get("employer"),
        work_type=a.get("work_type") or a.get("work_type_text"),
        work_ended=_work_ended(a),
        wages_unpaid=a.get("wages_unpaid"),
        wages_amount=a.get("wages_amount"),
        needs=list(a.get("needs", [])),
        needs_other=a.get("needs_other"),
        vulnerabilities=vulnerabilities,
        work_site=a.get("work_site"),
        story=a.get("story"),
        created_at=now,
        updated_at=now,
        last_activity_at=now,
    )
    if new.source == CaseSource.OFFICER:
        # The officer who registered the group handles it until someone reassigns it.
        case.assignee_id = reporter_id
        case.assigned_at = now
    session.add(case)
    session.flush()
    assert case.id is not None  # given by the flush
    session.add_all(_people(case.id, a, new.source, vulnerabilities, case.group_size, now))
    for item in a.get("files", []):
        session.add(
            Attachment(
                case_id=case.id,
                kind=item["kind"],
                purpose=item.get("purpose"),
                telegram_file_id=item["file_id"],
                file_unique_id=item["unique_id"],
                uploaded_by_id=reporter_id,
                created_at=now,
            )
        )
    if new.consent_id is not None:
        consent = session.get(Consent, new.consent_id)
        if consent is not None:
            consent.case_id = case.id
            session.add(consent)
    session.add(
        CaseEvent(
            case_id=case.id,
            kind=EventKind.CREATED,
            actor_id=reporter_id,
            to_status=CaseStatus.BARU,
            created_at=now,
        )
    )
    if a.get("vulnerabilities_text"):
        # The health words as the reporter typed them ("anak saya panas dari kemarin"): the
        # ticked conditions say what was understood, the words what staff should read.
        session.add(
            CaseEvent(
                case_id=case.id,
                kind=EventKind.NOTE,
                actor_id=reporter_id,
                note=a["vulnerabilities_text"],
                data={"about": "health"},
                created_at=now,
            )
        )
    return case


def _work_ended(answers: dict[str, Any]) -> str | None:
    """The option chosen, or the words typed with the date they were understood as
    ("2 minggu lalu (2026-11-17)"; a month as 2026-11, a year as 2026)."""
    if answers.get("work_ended"):
        return str(answers["work_ended"])
    words, on = answers.get("work_ended_text"), answers.get("work_ended_on")
    if not words:
        return None
    if not on:
        return str(words)
    cut = {"year": 4, "month": 7}.get(answers.get("work_ended_precision") or "", 10)
    return f"{words} ({on[:cut]})"[:200]


def _people(
    case_id: int,
    answers: dict[str, Any],
    source: str,
    vulnerabilities: list[str],
    group_size: int,
    now: datetime,
) -> list[Person]:
    """One row per person: the members an officer listed, or the reporter themselves; then,
    for a reporter speaking for a group ("we are 3"), one unnamed row per companion, so that
    every person is counted and followed by their own status (models.cases.headcount)."""
    members = answers.get("members") or [{**answers, "vulnerabilities": vulnerabilities}]
    people = [
        Person(
            case_id=case_id,
            position=position,
            is_reporter=source == CaseSource.SELF and position == 1,
            full_name=member["full_name"],
            nik=member.get("nik"),
            sex=member.get("sex"),
            birth_date=date.fromisoformat(member["birth_date"])
            if member.get("birth_date")
            else None,
            age=member.get("age"),
            age_group=member.get("age_group"),
            phone=member.get("phone"),
            vulnerabilities=list(member.get("vulnerabilities", [])),
            created_at=now,
        )
        for position, member in enumerate(members, start=1)
    ]
    people += [
        Person(case_id=case_id, position=position, full_name=UNNAMED, created_at=now)
        for position in range(len(members) + 1, group_size + 1)
    ]
    return people


def cases_of_reporter(session: Session, reporter: Account, limit: int = 20) -> list[Case]:
    return list(
        session.exec(
            select(Case)
            .where(Case.reporter_id == reporter.id)
            .order_by(col(Case.created_at).desc())
            .limit(limit)
        )
    )


def open_case_of_reporter(session: Session, reporter: Account) -> Case | None:
    """The newest case the person reported for themselves that is not closed, if any."""
    return session.exec(
        select(Case)
        .where(
            Case.reporter_id == reporter.id,
            Case.source == CaseSource.SELF,
            col(Case.status).not_in(CLOSED_STATUSES),
        )
        .order_by(col(Case.created_at).desc(), col(Case.id).desc())
        .limit(1)
    ).first()


def case_created(
    session: Session,
    case: Case,
    *,
    staff_chat_id: int | None,
    now: datetime,
    renderer: Renderer,
) -> None:
    """Everything that follows a new case, in the same transaction: the team's notices, the
    recruiter register, and the duplicate/repeat check (which tells staff what it finds)."""
    from models.cases.duplicates import check_new_case
    from models.cases.notices import enqueue_new_case_notices
    from models.cases.recruiters import link_case_recruiters

    enqueue_new_case_notices(session, case, staff_chat_id=staff_chat_id, now=now, renderer=renderer)
    link_case_recruiters(session, case, now=now)
    check_new_case(session, case, staff_chat_id=staff_chat_id, now=now, renderer=renderer)
