"""Cases made through the domain functions, for the search, register and statistics tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, select

from models.cases.records import NewCase, case_created, create_case
from models.cases.recruiters import link_case_recruiters
from models.people.accounts import get_or_create_account
from models.storage.tables import Account, Case, Person, Role
from views.renderer import render

NOW = datetime(2024, 6, 1, 3, 0, tzinfo=UTC)


def account(session: Session, telegram_id: int, role: Role = Role.REPORTER) -> Account:
    found = get_or_create_account(
        session, telegram_user_id=telegram_id, language_code="id", now=NOW
    )
    found.role = role
    session.add(found)
    session.flush()
    return found


def make_case(
    session: Session,
    *,
    name: str = "Warga",
    reporter_id: int = 900_000,
    now: datetime = NOW,
    status: str | None = None,
    members: list[dict[str, Any]] | None = None,
    notify: bool = False,
    staff_chat_id: int | None = None,
    **answers: Any,
) -> Case:
    """A case as an intake makes it; `members` are the people after the reporter.

    `notify=True` runs everything that follows a new case (notices, register, duplicate
    check); otherwise only the recruiter register is filled.
    """
    reporter = account(session, reporter_id)
    case = create_case(
        session,
        NewCase(reporter=reporter, answers={"full_name": name, **answers}, consent_id=None),
        now=now,
        year=now.year,
    )
    name_members(session, case, members or [])
    if notify:
        case_created(session, case, staff_chat_id=staff_chat_id, now=now, renderer=render)
    else:
        link_case_recruiters(session, case, now=now)
    if status is not None:
        case.status = status
        session.add(case)
        session.flush()
    return case


def name_members(session: Session, case: Case, members: list[dict[str, Any]]) -> None:
    """The people after the reporter, as staff learn them: each fills the unnamed row the
    reporter's count left at its position, or is added after them."""
    assert case.id is not None
    rows = {p.position: p for p in session.exec(select(Person).where(Person.case_id == case.id))}
    for position, member in enumerate(members, start=2):
        row = rows.get(position) or Person(
            case_id=case.id, position=position, full_name="", created_at=case.created_at
        )
        for field, value in member.items():
            setattr(row, field, value)
        session.add(row)
    session.flush()
