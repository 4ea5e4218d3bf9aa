"""Periods as the office types them: `/statistik`, `/ekspor` and `python -m bot export`.

A date is a day (`2024-11-30`, `30-11-2024`, `30/11/2024`, `30.11.2024`), a month (`2024-11`)
or a year (`2024`). A month or a year stands for its first day at the start of a period and
for its last day at its end, so `/statistik 2024` is the whole year and `/ekspor 2024-02` the
whole of February.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo

BAD_DATE = "stats.bad_date"
BAD_ORDER = "stats.bad_order"

_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_YEAR = re.compile(r"\d{4}")


class BadRange(ValueError):
    """The words are not a period; `key` names the catalogue text saying why."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _last_of_month(first: date) -> date:
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def read_date(text: str, *, end: bool) -> date:
    """One date of a period; a month or a year is its first day, or its last when `end`."""
    cleaned = re.sub(r"\s+", "", text)
    try:
        if m := _DAY.fullmatch(cleaned):
            if m[1]:
                return date(int(m[1]), int(m[2]), int(m[3]))
            return date(int(m[6]), int(m[5]), int(m[4]))
        if m := _MONTH.fullmatch(cleaned):
            first = date(int(m[1]), int(m[2]), 1)
            return _last_of_month(first) if end else first
        if _YEAR.fullmatch(cleaned):
            return date(int(cleaned), 12, 31) if end else date(int(cleaned), 1, 1)
    except ValueError:
        pass
    raise BadRange(BAD_DATE)


def parse_range(args: Sequence[str], *, today: date, default_start: date) -> tuple[date, date]:
    """`[]` -> `default_start` to today; `[from]` -> from to today, or all of a lone month or
    year; `[from, to]` -> both included."""
    if len(args) > 2:
        raise BadRange(BAD_DATE)
    if not args:
        return default_start, today
    start = read_date(args[0], end=False)
    if len(args) == 2:
        end = read_date(args[1], end=True)
    elif _DAY.fullmatch(re.sub(r"\s+", "", args[0])):
        end = today
    else:
        end = read_date(args[0], end=True)
    if end < start:
        raise BadRange(BAD_ORDER)
    return start, end


def day_bounds(start: date, end: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """The moments of a period of local days: [start 00:00, end+1 00:00) in `tz`, as UTC."""
    low = datetime.combine(start, time(0), tzinfo=tz).astimezone(UTC)
    high = datetime.combine(end + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    return low, high
