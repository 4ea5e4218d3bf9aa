"""Counting people: the one rule behind every figure (/statistik, the digest, the weekly and
monthly reports, the exports).

A person is counted by their own row. Every case has one Person row per person: an officer's
group has a row per member, and a reporter speaking for a group ("we are 3") has their own
row and one unnamed row per companion (models.cases.records.create_case). What became of a
person is their own status, never their case's status times its group size. Rejected cases
and duplicates are left out of the figures, so a story told twice counts once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import Subquery, func
from sqlmodel import Session, col, select

from models.storage.tables import Case, CaseStatus, Person

# Rejected cases and duplicates are listed but never counted.
NOT_COUNTED = (CaseStatus.DITOLAK.value, CaseStatus.DUPLIKAT.value)


@dataclass(frozen=True)
class Count:
    """Cases and the people in them."""

    cases: int
    people: int


def is_counted(case: Case) -> bool:
    return case.status not in NOT_COUNTED


@dataclass(frozen=True)
class Headcount:
    """How many people each case has (its Person rows)."""

    per_case: Mapping[int, int]

    def of(self, case: Case) -> int:
        return self.per_case.get(case.id or 0, 0)

    def total(self, cases: Iterable[Case]) -> int:
        """The people of `cases`, whatever their status (a breakdown by case status)."""
        return sum(self.of(case) for case in cases)

    def count(self, cases: Iterable[Case]) -> Count:
        """The counted cases among `cases` and their people: the office's figures."""
        counted = [case for case in cases if is_counted(case)]
        return Count(len(counted), self.total(counted))


def people_per_case() -> Subquery:
    """The same rule for SQL aggregates: (case_id, people), one row per case with people."""
    return (
        select(col(Person.case_id).label("case_id"), func.count(col(Person.id)).label("people"))
        .group_by(col(Person.case_id))
        .subquery()
    )


def headcount(session: Session, case_ids: Collection[int]) -> Headcount:
    if not case_ids:
        return Headcount({})
    rows = session.exec(
        select(Person.case_id, func.count(col(Person.id)))
        .where(col(Person.case_id).in_(case_ids))
        .group_by(col(Person.case_id))
    ).all()
    return Headcount({case_id: int(n) for case_id, n in rows})


def count_people(session: Session, cases: Collection[Case]) -> Count:
    """The counted cases among `cases` and the people in them."""
    return headcount(session, [c.id for c in cases if c.id is not None]).count(cases)


def people_by_status(session: Session, cases: Iterable[Case]) -> Counter[str]:
    """The people of the counted cases among `cases`, by their own status."""
    ids = [c.id for c in cases if c.id is not None and is_counted(c)]
    if not ids:
        return Counter()
    rows = session.exec(
        select(Person.status, func.count(col(Person.id)))
        .where(col(Person.case_id).in_(ids))
        .group_by(col(Person.status))
    ).all()
    return Counter({status: int(n) for status, n in rows})
