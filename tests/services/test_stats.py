"""/statistik: counts by status, origin and month, and the office's headline (the date ranges
it reads are tested in tests/unit/test_periods.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from emulator.html_mode import parse_html
from models.insights.stats import Row, compute
from models.storage.db import Database
from models.storage.tables import CaseStatus
from tests.services.insight_cases import make_case
from views.stats import period_label, report
from views.text import render

WIB = ZoneInfo("Asia/Jakarta")


def test_period_labels() -> None:
    assert render("id", period_label(date(2024, 1, 1), date(2024, 11, 30))) == (
        "Januari sampai November 2024"
    )
    assert render("en", period_label(date(2023, 12, 1), date(2024, 2, 29))) == (
        "December 2023 to February 2024"
    )
    assert render("id", period_label(date(2024, 11, 1), date(2024, 11, 30))) == "November 2024"


def _utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_counts_by_status_origin_and_month_in_the_office_time_zone(db: Database) -> None:
    lotim, jember = ("52", "52.03"), ("35", "35.09")
    with db.session() as session:
        # 1 January 00:30 WIB: inside the year although still 31 December in UTC.
        make_case(
            session,
            now=_utc(2023, 12, 31, 17, 30),
            group_size=3,
            origin_province=lotim[0],
            origin_regency=lotim[1],
        )
        # 1 February 00:30 WIB: counts for February.
        make_case(
            session,
            now=_utc(2024, 1, 31, 17, 30),
            group_size=2,
            origin_province=lotim[0],
            origin_regency=lotim[1],
            status=CaseStatus.DIPULANGKAN,
        )
        make_case(
            session,
            now=_utc(2024, 2, 10, 3),
            group_size=4,
            origin_province=jember[0],
            origin_regency=jember[1],
        )
        make_case(session, now=_utc(2024, 2, 11, 3), group_size=1)  # origin unknown
        # Rejected and duplicates: shown by status, not counted elsewhere.
        make_case(
            session,
            now=_utc(2024, 2, 12, 3),
            group_size=9,
            status=CaseStatus.DITOLAK,
            origin_province=jember[0],
            origin_regency=jember[1],
        )
        make_case(session, now=_utc(2024, 2, 13, 3), group_size=3, status=CaseStatus.DUPLIKAT)
        # 1 December 00:30 WIB: outside a range ending 30 November.
        make_case(session, now=_utc(2024, 11, 30, 17, 30), group_size=7)
        make_case(session, now=_utc(2023, 12, 31, 16, 0), group_size=5)  # 23:00 WIB, 2023
        session.commit()
        stats = compute(session, start=date(2024, 1, 1), end=date(2024, 11, 30), tz=WIB)
    assert (stats.cases, stats.people) == (4, 10)
    assert stats.by_status == [
        Row("baru", 3, 8),
        Row("dipulangkan", 1, 2),
        Row("ditolak", 1, 9),
        Row("duplikat", 1, 3),
    ]
    assert stats.by_province == [Row("52", 2, 5), Row("35", 1, 4), Row(None, 1, 1)]
    assert stats.by_regency == [Row("52.03", 2, 5), Row("35.09", 1, 4), Row(None, 1, 1)]
    assert stats.by_month == [Row("2024-01", 1, 3), Row("2024-02", 3, 7)]
    assert stats.approx_people == 10  # small figures are given exactly
    text = render("id", report(stats))
    assert "<b>10 orang dari Januari sampai November 2024.</b>" in text
    assert "• Kabupaten Lombok Timur: 2 kasus, 5 orang" not in text  # short names
    assert "• Lombok Timur: 2 kasus, 5 orang" in text
    assert "• Nusa Tenggara Barat: 2 kasus, 5 orang" in text
    assert "• tidak diketahui: 1 kasus, 1 orang" in text
    assert "• Februari 2024: 3 kasus, 7 orang" in text
    assert "• Ditolak: 1 kasus, 9 orang" in text
    parse_html(text)
    parse_html(render("en", report(stats)))


def test_the_headline_is_about_n_people_rounded_to_tens(db: Database) -> None:
    with db.session() as session:
        for n in range(37):  # 37 cases of 5 or 6 people: 187 people
            make_case(session, now=_utc(2024, 1 + n % 11, 3, 3), group_size=5 + (n < 2))
        session.commit()
        stats = compute(session, start=date(2024, 1, 1), end=date(2024, 11, 30), tz=WIB)
    assert (stats.cases, stats.people, stats.approx_people) == (37, 187, 190)
    text = render("id", report(stats))
    assert "<b>Sekitar 190 orang dari Januari sampai November 2024.</b>" in text
    assert "37 kasus, 187 orang" in text
    assert "About 190 people from January to November 2024." in render("en", report(stats))
    assert len(text) < 4096


def test_an_empty_range_says_so(db: Database) -> None:
    with db.session() as session:
        stats = compute(session, start=date(2020, 1, 1), end=date(2020, 1, 31), tz=WIB)
    assert (stats.cases, stats.people, stats.by_month) == (0, 0, [])
    text = render("id", report(stats))
    assert "<b>0 orang dari Januari 2020.</b>" in text and "• belum ada" in text
