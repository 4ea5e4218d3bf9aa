"""Weekly and monthly reports: the figures, the XLSX read back, once per period."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from functools import partial

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from models.schedule import reports
from models.schedule.reports import MONTHLY, WEEKLY, compute, covered, period_start
from models.storage.db import Database
from models.storage.tables import CaseEvent, DigestRun, EventKind, Role
from tests.services.followup_world import World, policy
from tests.services.insight_cases import name_members
from views import reports as report_views

# Monday 7 December 2026, 07:00 WIB; the week before is Monday 30 November to Sunday 6 December.
MONDAY = datetime(2026, 12, 7, 0, 0, tzinfo=UTC)
# The scheduled run, with the views bot/ hands it.
run_report = partial(reports.run_report, views=report_views)


def day(n: float, hours: float = 3) -> datetime:
    """`n` days after Monday 30 November, at 10:00 WIB (plus `hours` - 3)."""
    return datetime(2026, 11, 30, 0, 0, tzinfo=UTC) + timedelta(days=n, hours=hours)


@pytest.fixture
def week(db: Database) -> World:
    world = World(db)
    ani = world.member("Ani", Role.STAFF)
    world.member("Bu Kadis", Role.ADMIN)
    world.member("Pak Sekdin", Role.ADMIN, lang="en")
    lotim = world.case(
        at=day(0), name="Siti", group_size=3, recruiter_name="Pak Joko", assignee=ani
    )
    with db.session() as session:
        name_members(session, lotim, [{"full_name": "Made"}, {"full_name": "Ketut"}])
        session.commit()
    world.case(at=day(2), name="Rina", recruiter_name="pak  JOKO", assignee=ani)
    jember = world.case(
        at=day(3), name="Bambang", province="35", regency="35.09", recruiter_name="Bu Sri"
    )
    world.case(at=day(4), name="Salah", status="ditolak")
    world.case(at=day(-3), name="Minggu Lalu")  # the week before: not in this report
    world.repatriate(lotim, day(4))  # 3 people, 4 days after the report
    world.repatriate(jember, day(5, hours=3 + 24))  # 1 person, 3 days after
    return world


def test_period_boundaries() -> None:
    assert period_start(WEEKLY, date(2026, 12, 9)) == date(2026, 12, 7)
    assert covered(WEEKLY, date(2026, 12, 7)) == (date(2026, 11, 30), date(2026, 12, 6))
    assert period_start(MONTHLY, date(2027, 1, 20)) == date(2027, 1, 1)
    assert covered(MONTHLY, date(2027, 1, 1)) == (date(2026, 12, 1), date(2026, 12, 31))
    assert covered(MONTHLY, date(2026, 3, 1)) == (date(2026, 2, 1), date(2026, 2, 28))


def test_the_weekly_figures(week: World, db: Database) -> None:
    with db.session() as session:
        report = compute(
            session, kind=WEEKLY, start=date(2026, 11, 30), end=date(2026, 12, 6), policy=policy()
        )
    assert (report.cases, report.people, report.repatriated_people) == (3, 5, 4)
    assert report.median_days == 4.0
    assert [(r.label, r.cases, r.people) for r in report.by_province] == [
        ("Nusa Tenggara Barat", 2, 4),
        ("Jawa Timur", 1, 1),
    ]
    assert [(r.label, r.cases, r.people) for r in report.by_regency] == [
        ("Kabupaten Lombok Timur, Nusa Tenggara Barat", 2, 4),
        ("Kabupaten Jember, Jawa Timur", 1, 1),
    ]
    # The two spellings of one recruiter count together.
    assert [(r.label, r.cases, r.people) for r in report.by_recruiter] == [
        ("Pak Joko", 2, 4),
        ("Bu Sri", 1, 1),
    ]
    assert dict(report.by_status) == {"baru": 1, "dipulangkan": 2, "ditolak": 1}
    assert dict(report.by_outcome) == {"menunggu": 1, "dipulangkan": 4}
    assert sum(count for _, count in report.daily) == 3 and len(report.daily) == 7


def test_on_monday_morning_the_admins_get_the_weekly_report_with_chart_and_xlsx_once(
    week: World, db: Database
) -> None:
    with db.session() as session:
        assert (
            run_report(session, WEEKLY, MONDAY - timedelta(minutes=1), policy(), on_schedule=True)
            is None
        )
        assert run_report(session, WEEKLY, MONDAY, policy(), on_schedule=True) is not None
        assert run_report(session, WEEKLY, MONDAY, policy(), on_schedule=True) is None
        assert run_report(session, WEEKLY, MONDAY + timedelta(days=2), policy()) is None
    rows = week.outbox("report:weekly:2026-12-07:")
    by_chat: dict[int, list[str]] = {}
    for row in rows:
        by_chat.setdefault(row.chat_id, []).append(row.kind)
    assert sorted(by_chat.values()) == [["message", "photo", "document"]] * 2
    english = next(r for r in rows if "Weekly report" in r.text)
    assert "30-11-2026 to 06-12-2026" in english.text
    indonesian = next(r for r in rows if "Laporan mingguan" in r.text)
    assert "Kasus: <b>3</b> · Orang: <b>5</b>" in indonesian.text
    assert "Median lama dari lapor sampai dipulangkan: <b>4</b> hari" in indonesian.text
    assert "• Pak Joko: 2 / 4" in indonesian.text
    for secret in ("Siti", "Rina", "Bambang"):
        assert secret not in indonesian.text

    workbook = next(r for r in rows if r.kind == "document")
    assert workbook.filename == "laporan-weekly-20261130-20261206.xlsx"
    book = load_workbook(io.BytesIO(workbook.blob))  # type: ignore[arg-type]
    assert book.sheetnames == [
        "Ringkasan",
        "Provinsi Asal",
        "Kabupaten Asal",
        "Status",
        "Hasil",
        "Perekrut",
        "Orang",
        "Kasus",
        "Rujukan",
    ]
    summary = [[c.value for c in row] for row in book["Ringkasan"].iter_rows()]
    assert summary == [
        ["Keterangan", "Nilai"],
        ["Periode", "30-11-2026 s.d. 06-12-2026"],
        ["Jumlah kasus", 3],
        ["Jumlah orang", 5],
        ["Orang dipulangkan", 4],
        ["Median hari dari lapor sampai dipulangkan", 4],
    ]
    provinces = [[c.value for c in row] for row in book["Provinsi Asal"].iter_rows()]
    assert provinces == [
        ["Provinsi", "Kasus", "Orang"],
        ["Nusa Tenggara Barat", 2, 4],
        ["Jawa Timur", 1, 1],
    ]
    assert book["Orang"].max_row == 1 + 6  # every person of the week's cases, rejected too
    assert book["Kasus"]["A2"].value == "KBR-2026-0001"
    with db.session() as session:
        (run,) = session.exec(select(DigestRun).where(DigestRun.kind == WEEKLY)).all()
        access = session.exec(select(CaseEvent).where(CaseEvent.kind == EventKind.ACCESS)).all()
    assert (run.day, run.late) == (date(2026, 12, 7), False)
    assert len(access) == 4 and {e.data["report"] for e in access} == {WEEKLY}


def test_a_monday_missed_while_the_bot_was_down_is_sent_late_once(
    week: World, db: Database
) -> None:
    with db.session() as session:
        session.add(DigestRun(day=date(2026, 12, 6), kind="daily", created_at=MONDAY))
        session.commit()
        wednesday = MONDAY + timedelta(days=2, hours=3)
        report = run_report(session, WEEKLY, wednesday, policy())
        assert report is not None and report.start == date(2026, 11, 30)
        assert session.get(DigestRun, (date(2026, 12, 7), WEEKLY)).late  # type: ignore[union-attr]
        assert run_report(session, WEEKLY, wednesday + timedelta(hours=1), policy()) is None
    texts = [r.text for r in week.outbox("report:weekly:") if r.kind == "message"]
    assert all("Terlambat dikirim" in t or "Sent late" in t for t in texts)


def test_the_monthly_report_on_the_first_covers_the_month_before(week: World, db: Database) -> None:
    first = datetime(2027, 1, 1, 0, 0, tzinfo=UTC)
    with db.session() as session:
        report = run_report(session, MONTHLY, first, policy(), on_schedule=True)
    assert report is not None
    assert (report.start, report.end) == (date(2026, 12, 1), date(2026, 12, 31))
    # The cases of 30 November belong to November; December's are those of the 2nd to 4th.
    assert report.cases == 2
    assert {r.filename for r in week.outbox("report:monthly:") if r.kind == "document"} == {
        "laporan-monthly-20261201-20261231.xlsx"
    }
