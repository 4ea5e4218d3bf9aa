"""The cases naming a recruiter or employer, for the police or the labour office.

They hold names, NIKs and phone numbers, so every exported case gets an ACCESS event saying
who exported it and when. The spreadsheet itself is made by views/recruiter_export.py.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from models.audit import log as audit
from models.cases.headcount import Headcount, headcount
from models.cases.recruiters import RankedRecruiter, cases_naming, ranking
from models.storage.tables import Account, Case, CaseEvent, EventKind, Person, Recruiter

EXPORT_KIND = "recruiters"


@dataclass(frozen=True)
class RecruiterCases:
    """One record's cases (or every record's, if `recruiter_id` is None) and their people."""

    recruiter_id: int | None
    made_at: datetime
    ranked: list[RankedRecruiter]  # the register's summary rows
    naming: list[tuple[Recruiter, Case]]  # by the record's name, then the case
    cases: list[Case]  # each once, by id
    people: dict[int, list[Person]]  # case id -> its people, by position
    headcount: Headcount


def recruiter_cases(
    session: Session, *, actor: Account, recruiter_id: int | None, now: datetime
) -> RecruiterCases:
    """The cases naming one record (or any), recorded as ACCESS events by `actor` (no commit).

    The caller checks that `actor` may export (staff or admin).
    """
    pairs = cases_naming(session, None if recruiter_id is None else [recruiter_id])
    case_ids = sorted({case_id for _, case_id in pairs})
    records = {
        r.id: r
        for r in session.exec(
            select(Recruiter).where(col(Recruiter.id).in_({rid for rid, _ in pairs}))
        )
    }
    cases = {c.id: c for c in session.exec(select(Case).where(col(Case.id).in_(case_ids)))}
    people: dict[int, list[Person]] = defaultdict(list)
    for person in session.exec(
        select(Person)
        .where(col(Person.case_id).in_(case_ids))
        .order_by(col(Person.case_id), col(Person.position), col(Person.id))
    ):
        people[person.case_id].append(person)
    for case_id in case_ids:
        session.add(
            CaseEvent(
                case_id=case_id,
                kind=EventKind.ACCESS,
                actor_id=actor.id,
                data={"export": EXPORT_KIND, "recruiter_id": recruiter_id},
                created_at=now,
            )
        )
        audit.record(
            session, actor_id=actor.id, action="case.export", now=now, case_id=case_id,
            detail=f"export={EXPORT_KIND},recruiter_id={recruiter_id}",
        )  # fmt: skip
    return RecruiterCases(
        recruiter_id=recruiter_id,
        made_at=now,
        ranked=[
            r for r in ranking(session) if recruiter_id is None or r.recruiter_id == recruiter_id
        ],
        naming=[
            (records[rid], cases[case_id])
            for rid, case_id in sorted(pairs, key=lambda p: (records[p[0]].name_key, p[1]))
        ],
        cases=[cases[case_id] for case_id in case_ids],
        people=dict(people),
        headcount=headcount(session, case_ids),
    )
