"""Exports of cases for the office: what an export holds, and the access it leaves on record.

The files themselves (XLSX with a sheet per table, CSV with a row per person, their column
names and labels) are made by views/exports.py from the `Export` returned here. Every export
is recorded on each case it contains as an access event.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from sqlmodel import Session, col, select

from models.audit import log as audit
from models.cases.headcount import Count, Headcount, headcount, is_counted
from models.reference.periods import day_bounds
from models.storage.tables import Account, Agency, Case, CaseEvent, EventKind, Person, Referral


@dataclass(frozen=True)
class Export:
    """The cases reported from `start` to `end`, their people and referrals."""

    start: date
    end: date
    tz: tzinfo  # the office's: the days of the range, and how times are shown
    cases: list[Case]
    persons: list[Person]  # by case, then position
    referrals: list[tuple[Referral, Agency]]
    assignees: dict[int, str]  # account id -> the name staff see
    headcount: Headcount

    @property
    def case_ids(self) -> list[int]:
        return [c.id for c in self.cases if c.id is not None]

    @property
    def counted(self) -> Count:
        """The figures of the export, as /statistik gives them for the same days."""
        return self.headcount.count(self.cases)

    @property
    def people(self) -> int:
        return self.counted.people

    @property
    def left_out(self) -> Count:
        """Rejected and duplicate cases: listed in the files, left out of the figures."""
        cases = [c for c in self.cases if not is_counted(c)]
        return Count(len(cases), self.headcount.total(cases))

    def basename(self) -> str:
        return f"kasus-{self.start:%Y%m%d}-{self.end:%Y%m%d}"


def cases_between(session: Session, start: date, end: date, tz: tzinfo) -> list[Case]:
    low, high = day_bounds(start, end, tz)
    return list(
        session.exec(
            select(Case)
            .where(col(Case.created_at) >= low, col(Case.created_at) < high)
            .order_by(col(Case.created_at), col(Case.id))
        )
    )


def collect(session: Session, *, start: date, end: date, tz: tzinfo) -> Export:
    """The cases reported from `start` to `end` (inclusive, local days), with what goes along."""
    cases = cases_between(session, start, end, tz)
    ids = [c.id for c in cases if c.id is not None]
    persons = (
        list(
            session.exec(
                select(Person)
                .where(col(Person.case_id).in_(ids))
                .order_by(col(Person.case_id), col(Person.position), col(Person.id))
            )
        )
        if ids
        else []
    )
    referrals = (
        list(
            session.exec(
                select(Referral, Agency)
                .join(Agency, col(Agency.id) == col(Referral.agency_id))
                .where(col(Referral.case_id).in_(ids))
                .order_by(col(Referral.created_at), col(Referral.id))
            ).all()
        )
        if ids
        else []
    )
    staff_ids = {c.assignee_id for c in cases if c.assignee_id is not None}
    staff = (
        session.exec(select(Account).where(col(Account.id).in_(staff_ids))).all()
        if staff_ids
        else []
    )
    return Export(
        start=start,
        end=end,
        tz=tz,
        cases=cases,
        persons=persons,
        referrals=referrals,
        assignees={a.id: a.display_name or f"#{a.id}" for a in staff if a.id is not None},
        headcount=headcount(session, ids),
    )


def record_access(
    session: Session,
    case_ids: Iterable[int],
    *,
    actor_id: int | None,
    now: datetime,
    what: dict[str, Any],
) -> int:
    """One access event per exported case (no commit); access is not activity."""
    count = 0
    for case_id in case_ids:
        session.add(
            CaseEvent(
                case_id=case_id, kind=EventKind.ACCESS, actor_id=actor_id, data=what, created_at=now
            )
        )
        audit.record(
            session, actor_id=actor_id, action="case.export", now=now, case_id=case_id,
            detail=",".join(f"{k}={v}" for k, v in sorted(what.items())),
        )  # fmt: skip
        count += 1
    return count


def export_cases(
    session: Session,
    *,
    start: date,
    end: date,
    tz: tzinfo,
    formats: Sequence[str],
    actor_id: int | None,
    via: str,
    now: datetime,
) -> Export:
    """What the files of `formats` will hold, with the access recorded on every case in them
    (no commit: the caller commits with whatever it does with the files)."""
    export = collect(session, start=start, end=end, tz=tz)
    record_access(
        session,
        export.case_ids,
        actor_id=actor_id,
        now=now,
        what={
            "export": list(formats),
            "from": start.isoformat(),
            "to": end.isoformat(),
            "via": via,
        },
    )
    return export
