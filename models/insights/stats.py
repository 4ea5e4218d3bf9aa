"""`/statistik`: the figures the office reports, for a date range of case reports.

A case counts in the range when it was reported (created) on a day in it, in the office's time
zone. "People" is the sum of the cases' group sizes: a worker reporting for three counts three.
Rejected and duplicate cases are shown by status but left out of every other figure, so a
story told twice is counted once.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from sqlalchemy import func
from sqlmodel import Session, col, select

from models.cases.recruiters import NOT_COUNTED
from models.reference import regions
from models.storage.tables import Case, CaseStatus
from models.texts import Join, Msg, msg

# Headline figures from this size on are rounded to tens ("sekitar 190 orang").
ROUND_FROM = 50


class BadRange(ValueError):
    """The arguments are not a date range; `key` is the catalogue text saying why."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_YEAR = re.compile(r"\d{4}")


def _read(text: str, *, end: bool) -> date:
    """A day (`2024-11-30`, `30-11-2024`), a month (`2024-11`) or a year (`2024`).

    A month or year stands for its first day at the start of a range, its last at the end.
    """
    try:
        if m := _DAY.fullmatch(text):
            if m[1]:
                return date(int(m[1]), int(m[2]), int(m[3]))
            return date(int(m[6]), int(m[5]), int(m[4]))
        if m := _MONTH.fullmatch(text):
            first = date(int(m[1]), int(m[2]), 1)
            if not end:
                return first
            return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        if _YEAR.fullmatch(text):
            return date(int(text), 12, 31) if end else date(int(text), 1, 1)
    except ValueError:
        pass
    raise BadRange("stats.bad_date")


def parse_range(args: list[str], *, today: date) -> tuple[date, date]:
    """`[]` -> 1 January to today; `[from]` -> from to today (a lone year or month: all of
    it); `[from, to]`. Dates may be days, months or years."""
    if len(args) > 2:
        raise BadRange("stats.bad_date")
    if not args:
        return date(today.year, 1, 1), today
    start = _read(args[0], end=False)
    if len(args) == 2:
        end = _read(args[1], end=True)
    elif _DAY.fullmatch(args[0]):
        end = today
    else:
        end = _read(args[0], end=True)
    if end < start:
        raise BadRange("stats.bad_order")
    return start, end


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


def _bounds(start: date, end: date, tz: tzinfo) -> tuple[datetime, datetime]:
    low = datetime.combine(start, time(0), tz).astimezone(UTC)
    high = datetime.combine(end + timedelta(days=1), time(0), tz).astimezone(UTC)
    return low, high


def _rows(pairs: list[tuple[str | None, int, int]]) -> list[Row]:
    rows = [Row(code, int(cases), int(people or 0)) for code, cases, people in pairs]
    return sorted(rows, key=lambda r: (-r.people, -r.cases, r.code or "~"))


def compute(session: Session, *, start: date, end: date, tz: tzinfo) -> Stats:
    """Counts for the cases reported from `start` to `end` (both included, in `tz`)."""
    low, high = _bounds(start, end, tz)
    in_range = (col(Case.created_at) >= low, col(Case.created_at) < high)
    counted = (*in_range, col(Case.status).not_in(NOT_COUNTED))
    cases = func.count(col(Case.id))
    people = func.coalesce(func.sum(Case.group_size), 0)

    def grouped(column: object, *where: object) -> list[tuple[str | None, int, int]]:
        return [
            (code, n, p)
            for code, n, p in session.execute(
                select(column, cases, people).where(*where).group_by(column)  # type: ignore[call-overload]
            ).all()
        ]

    order = [s.value for s in CaseStatus]
    by_status = sorted(
        (Row(code, int(n), int(p)) for code, n, p in grouped(Case.status, *in_range)),
        key=lambda r: order.index(r.code) if r.code in order else len(order),
    )
    months: Counter[str] = Counter()
    month_people: Counter[str] = Counter()
    for created_at, size in session.execute(
        select(Case.created_at, Case.group_size).where(*counted)
    ).all():
        month = created_at.astimezone(tz).strftime("%Y-%m")
        months[month] += 1
        month_people[month] += size
    total_cases = sum(months.values())
    return Stats(
        start=start,
        end=end,
        cases=total_cases,
        people=sum(month_people.values()),
        by_status=by_status,
        by_province=_rows(grouped(Case.origin_province_code, *counted)),
        by_regency=_rows(grouped(Case.origin_regency_code, *counted)),
        by_month=[Row(m, months[m], month_people[m]) for m in sorted(months)],
    )


def period_label(start: date, end: date) -> Msg:
    """`Januari sampai November 2024`, `Desember 2023 sampai Februari 2024`, `November 2024`."""
    if (start.year, start.month) == (end.year, end.month):
        return msg("stats.period.month", month=msg(f"month.{end.month}"), year=end.year)
    if start.year == end.year:
        return msg(
            "stats.period.same_year",
            start=msg(f"month.{start.month}"),
            end=msg(f"month.{end.month}"),
            year=end.year,
        )
    return msg(
        "stats.period.years",
        start=msg(f"month.{start.month}"),
        start_year=start.year,
        end=msg(f"month.{end.month}"),
        end_year=end.year,
    )


def _region_name(code: str | None) -> Msg | str:
    region = regions.get(code) if code else None
    return region.short_name if region is not None else msg("stats.unknown_origin")


def _month_name(code: str | None) -> Msg:
    year, month = (code or "0-0").split("-")
    return msg("stats.month", month=msg(f"month.{int(month)}"), year=year)


def _lines(rows: list[Row], label: object, limit: int) -> Join:
    shown = [
        msg("stats.row", label=label(r.code), cases=r.cases, people=r.people)  # type: ignore[operator]
        for r in rows[:limit]
    ]
    if len(rows) > limit:
        rest = rows[limit:]
        shown.append(
            msg(
                "stats.row.rest",
                count=len(rest),
                cases=sum(r.cases for r in rest),
                people=sum(r.people for r in rest),
            )
        )
    return Join(tuple(shown), sep="\n")


def report(stats: Stats, *, limit: int = 10) -> Msg:
    """The whole `/statistik` message."""
    headline = msg(
        "stats.headline.about" if stats.approx_people != stats.people else "stats.headline.exact",
        people=stats.approx_people,
        period=period_label(stats.start, stats.end),
    )
    return msg(
        "stats.report",
        start=stats.start.strftime("%d-%m-%Y"),
        end=stats.end.strftime("%d-%m-%Y"),
        headline=headline,
        cases=stats.cases,
        people=stats.people,
        by_status=_lines(stats.by_status, lambda code: msg(f"status.{code}"), len(stats.by_status))
        if stats.by_status
        else msg("stats.none"),
        by_province=_lines(stats.by_province, _region_name, limit)
        if stats.by_province
        else msg("stats.none"),
        by_regency=_lines(stats.by_regency, _region_name, limit)
        if stats.by_regency
        else msg("stats.none"),
        by_month=_lines(stats.by_month, _month_name, 24) if stats.by_month else msg("stats.none"),
    )
