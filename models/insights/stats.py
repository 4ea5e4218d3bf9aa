"""`/statistik`: the figures the office reports, for a date range of case reports.

A case counts in the range when it was reported (created) on a day in it, in the office's time
zone. People are counted by their own rows (models.cases.headcount): a worker reporting for
three counts three. Rejected and duplicate cases are shown by status but left out of every
other figure, so a story told twice is counted once. views/stats.py renders the figures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, tzinfo

from sqlmodel import Session, col, select

from models.cases.headcount import Headcount, headcount, is_counted
from models.reference.periods import day_bounds
from models.storage.tables import Case, CaseStatus

# Headline figures from this size on are rounded to tens ("sekitar 190 orang").
ROUND_FROM = 50


@dataclass(frozen=True)
class Row:
    """One line of a breakdown: a label code, its cases and people."""

    code: str | None
    cases: int
    people: int


@dataclass(frozen=True)
class Stats:
    start: date
    end: date
    cases: int  # counted cases (not rejected, not duplicates)
    people: int
    by_status: list[Row]  # every case in the range, rejected and duplicates too
    by_province: list[Row]
    by_regency: list[Row]
    by_month: list[Row]  # "YYYY-MM"

    @property
    def approx_people(self) -> int:
        if self.people < ROUND_FROM:
            return self.people
        return int(round(self.people, -1))


def _rows(cases: list[Case], people: Headcount, key: Callable[[Case], str | None]) -> list[Row]:
    """One row per value of `key`, the largest number of people first."""
    groups: dict[str | None, list[Case]] = defaultdict(list)
    for case in cases:
        groups[key(case)].append(case)
    rows = [Row(code, len(group), people.count(group).people) for code, group in groups.items()]
    return sorted(rows, key=lambda r: (-r.people, -r.cases, r.code or "~"))


def compute(session: Session, *, start: date, end: date, tz: tzinfo) -> Stats:
    """Counts for the cases reported from `start` to `end` (both included, in `tz`)."""
    low, high = day_bounds(start, end, tz)
    cases = list(
        session.exec(
            select(Case)
            .where(col(Case.created_at) >= low, col(Case.created_at) < high)
            .order_by(col(Case.created_at), col(Case.id))
        )
    )
    people = headcount(session, [c.id for c in cases if c.id is not None])
    counted = [c for c in cases if is_counted(c)]
    total = people.count(counted)

    order = [s.value for s in CaseStatus]
    # Every status is shown with its own people, rejected and duplicate cases too.
    by_status = [
        Row(status, len(group), people.total(group))
        for status in order
        if (group := [c for c in cases if c.status == status])
    ]
    by_month = _rows(counted, people, lambda c: c.created_at.astimezone(tz).strftime("%Y-%m"))
    return Stats(
        start=start,
        end=end,
        cases=total.cases,
        people=total.people,
        by_status=by_status,
        by_province=_rows(counted, people, lambda c: c.origin_province_code),
        by_regency=_rows(counted, people, lambda c: c.origin_regency_code),
        by_month=sorted(by_month, key=lambda r: r.code or ""),
    )
