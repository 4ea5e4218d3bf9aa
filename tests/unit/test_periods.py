"""Periods as staff type them: one reader for /statistik, /ekspor and `python -m bot export`."""

from __future__ import annotations

from datetime import date

import pytest

from models.reference.periods import BadRange, parse_range, read_date

TODAY = date(2024, 12, 5)
YEAR_START = date(2024, 1, 1)  # /statistik without dates: the year so far
MONTH_START = date(2024, 12, 1)  # /ekspor without dates: the month so far


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], (date(2024, 1, 1), TODAY)),
        (["2024-01-01", "2024-11-30"], (date(2024, 1, 1), date(2024, 11, 30))),
        (["1-1-2024", "30/11/2024"], (date(2024, 1, 1), date(2024, 11, 30))),
        (["01-01-2024", "30.11.2024"], (date(2024, 1, 1), date(2024, 11, 30))),
        (["2024"], (date(2024, 1, 1), date(2024, 12, 31))),
        (["2024-02"], (date(2024, 2, 1), date(2024, 2, 29))),
        (["2023-12", "2024-02"], (date(2023, 12, 1), date(2024, 2, 29))),
        (["2024-03-15"], (date(2024, 3, 15), TODAY)),
        (["2024", "2024-06"], (date(2024, 1, 1), date(2024, 6, 30))),
    ],
)
def test_days_months_and_years(args: list[str], expected: tuple[date, date]) -> None:
    assert parse_range(args, today=TODAY, default_start=YEAR_START) == expected


def test_without_dates_each_command_has_its_own_start() -> None:
    assert parse_range([], today=TODAY, default_start=MONTH_START) == (MONTH_START, TODAY)
    assert parse_range(["2024-11-01"], today=TODAY, default_start=MONTH_START) == (
        date(2024, 11, 1),
        TODAY,
    )


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (["kemarin"], "stats.bad_date"),
        (["2024-13-01"], "stats.bad_date"),
        (["2024-02-30"], "stats.bad_date"),
        (["2024-13"], "stats.bad_date"),
        (["1", "2", "3"], "stats.bad_date"),
        (["2024", "2025", "2026"], "stats.bad_date"),
        (["2024-11-30", "2024-01-01"], "stats.bad_order"),
        (["2024-02", "2024-01"], "stats.bad_order"),
    ],
)
def test_bad_ranges_say_why(args: list[str], key: str) -> None:
    with pytest.raises(BadRange) as caught:
        parse_range(args, today=TODAY, default_start=YEAR_START)
    assert caught.value.key == key


def test_one_date_at_either_end_of_a_period() -> None:
    assert read_date("2024-02", end=False) == date(2024, 2, 1)
    assert read_date("2024-02", end=True) == date(2024, 2, 29)
    assert read_date("2023", end=True) == date(2023, 12, 31)
    assert read_date(" 30-11-2024 ", end=True) == date(2024, 11, 30)
