"""One rule for counting people: /statistik, the daily digest, the monthly report and the
export give the same cases and people for the same days (issue 8, repeated in issue 12).

People are counted by their own rows and their own status: a reporter speaking for three is
three rows (two of them unnamed), an officer's group a row per member, and what became of
each person is their own status, never their case's status times its group size.
"""

from __future__ import annotations

import io
from collections import Counter
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import JSON, literal
from sqlmodel import col, select

from models.insights import stats
from models.insights.export import export_cases
from models.schedule import digest, reports
from models.storage.db import Database
from models.storage.migrate import upgrade
from models.storage.tables import Case, CaseSource, Person, PersonStatus, Role
from tests.services.followup_world import World, policy
from views.exports import file_bytes, summary

# An empty list as the schema before 0010 kept it (a JSON column, not yet encrypted).
OLD_EMPTY_LIST = literal([], JSON())

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))
# Tuesday 1 December 2026, 07:00 WIB: the digest's year so far is November's cases.
DIGEST_AT = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)


def nov(day: int) -> datetime:
    return datetime(2026, 11, day, 3, 0, tzinfo=UTC)


def set_status(db: Database, case: Case, position: int, status: PersonStatus) -> None:
    with db.session() as session:
        person = session.exec(
            select(Person).where(Person.case_id == case.id, Person.position == position)
        ).one()
        person.status = status
        person.repatriated_at = nov(28) if status == PersonStatus.DIPULANGKAN else None
        session.add(person)
        session.commit()


@pytest.fixture
def november(db: Database) -> World:
    """Self-reports with group sizes, officer groups with member lists, people with different
    statuses, and a rejected and a duplicate case that the figures leave out."""
    world = World(db)
    officer = world.member("Rahmat", Role.OFFICER)
    alone = world.case(at=nov(2), name="Agus")
    three = world.case(at=nov(3), name="Siti", group_size=3)
    world.case(
        at=nov(5),
        name="Rombongan Jember",
        source=CaseSource.OFFICER,
        reporter=officer,
        province="35",
        regency="35.09",
        members=[
            {"full_name": "Bambang", "nik": "3509011508900001"},
            {"full_name": "Joko"},
            {"full_name": "Sri", "sex": "P"},
            {"full_name": "Wati", "sex": "P"},
        ],
    )
    five = world.case(at=nov(9), name="Made", group_size=5, province="51", regency="51.01")
    world.case(at=nov(12), name="Salah Lapor", group_size=2, status="ditolak")
    world.case(at=nov(13), name="Siti", group_size=3, status="duplikat")
    world.case(at=datetime(2026, 10, 31, 16, 30, tzinfo=UTC), name="Oktober", group_size=4)
    # What became of them: each their own.
    world.repatriate(three, nov(20))
    set_status(db, three, 3, PersonStatus.DIRAWAT)  # one of Siti's group fell ill
    set_status(db, five, 1, PersonStatus.TINGGAL)
    set_status(db, five, 2, PersonStatus.DIPULANGKAN)
    set_status(db, alone, 1, PersonStatus.DIPULANGKAN)
    return world


def test_every_case_has_a_row_per_person(november: World, db: Database) -> None:
    with db.session() as session:
        cases = session.exec(select(Case).order_by(col(Case.id))).all()
        rows = Counter(p.case_id for p in session.exec(select(Person)))
        sizes = [rows[c.id or 0] for c in cases]
        unnamed = session.exec(select(Person).where(Person.full_name == "")).all()
    assert sizes == [1, 3, 4, 5, 2, 3, 4]
    assert sizes == [c.group_size for c in cases]
    # The self-reports' companions (2 + 4 + 1 + 2 + 3), never the reporter or a named member.
    assert len(unnamed) == 12 and not any(p.is_reporter for p in unnamed)


def test_statistics_digest_monthly_report_and_export_agree(november: World, db: Database) -> None:
    people = 1 + 3 + 4 + 5  # Agus; Siti and two; the four of Jember; Made and four
    with db.session() as session:
        figures = stats.compute(session, start=NOVEMBER[0], end=NOVEMBER[1], tz=policy().tz)
        year = stats.compute(session, start=date(2026, 1, 1), end=DIGEST_AT.date(), tz=policy().tz)
        daily = digest.compute(
            session,
            now=DIGEST_AT,
            since=nov(30),
            day=DIGEST_AT.date(),
            late=False,
            policy=policy(),
        )
        month = reports.compute(
            session, kind=reports.MONTHLY, start=NOVEMBER[0], end=NOVEMBER[1], policy=policy()
        )
        export = export_cases(
            session,
            start=NOVEMBER[0],
            end=NOVEMBER[1],
            tz=policy().tz,
            formats=("xlsx",),
            actor_id=None,
            via="test",
            now=DIGEST_AT,
        )
        _, xlsx = file_bytes(export, "xlsx")
    assert (figures.cases, figures.people) == (4, people)
    # The digest's year so far, as /statistik 2026 gives it on the same day (October's too).
    assert (daily.year_cases, daily.year_people) == (year.cases, year.people) == (5, people + 4)
    assert (month.cases, month.people) == (4, people)
    assert (export.counted.cases, export.counted.people) == (4, people)
    assert "4 kasus, 13 orang" in summary(export, "id")
    assert "2 kasus ditolak atau duplikat (5 orang)" in summary(export, "id")

    # Every breakdown adds up to the same people.
    assert sum(r.people for r in figures.by_province) == people
    assert sum(r.people for r in figures.by_month) == people
    assert sum(r.people for r in month.by_province) == people
    # /statistik shows every status with its own people, rejected and duplicates too.
    assert sum(r.people for r in figures.by_status) == people + 5

    # The people's own statuses, not the case's: Siti's case went home, one of them is in
    # hospital; Made's case is open, one of them went home and one stays.
    assert dict(month.by_outcome) == {"menunggu": 7, "dirawat": 1, "dipulangkan": 4, "tinggal": 1}
    assert sum(n for _, n in month.by_outcome) == people

    # The files read back: the cases' people column and the people sheet give the same.
    book = load_workbook(io.BytesIO(xlsx))
    case_rows = [[c.value for c in row] for row in book["Kasus"].iter_rows(min_row=2)]
    counted_rows = [r for r in case_rows if r[2] not in ("Ditolak", "Duplikat")]
    assert len(counted_rows) == 4
    assert sum(r[5] for r in counted_rows) == people
    assert [r[5] for r in case_rows] == [1, 3, 4, 5, 2, 3]  # the card's group sizes
    person_rows = [[c.value for c in row] for row in book["Orang"].iter_rows(min_row=2)]
    counted_people = [r for r in person_rows if r[2] not in ("Ditolak", "Duplikat")]
    assert len(counted_people) == people
    assert Counter(r[13] for r in counted_people) == {
        "menunggu": 7,
        "dirawat": 1,
        "dipulangkan": 4,
        "tinggal di Kobar": 1,
    }
    assert [r[5] for r in person_rows if r[0] == "KBR-2026-0002"] == [
        "Siti",
        "(tanpa nama)",
        "(tanpa nama)",
    ]


def test_the_migration_gives_existing_cases_their_missing_people(database_url: str) -> None:
    """A database from before: a group of three with one row, a case of two already sent home.

    The migration adds the companions after the last person; those of a case sent home were
    sent home with it.
    """
    db = Database.from_url(database_url)
    try:
        upgrade(db.engine, "0003")
        home_at = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
        with db.engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO account (id, telegram_user_id, language, role, active,"
                " digest_enabled, created_at, updated_at)"
                " VALUES (1, 5001, 'id', 'reporter', true, true, '2026-11-01', '2026-11-01')"
            )
            for case_id, size, repatriated in ((1, 3, None), (2, 2, home_at), (3, 1, None)):
                connection.execute(
                    Case.__table__.insert().values(  # type: ignore[attr-defined]
                        id=case_id, number=f"KBR-2026-000{case_id}", year=2026, seq=case_id,
                        status="dipulangkan" if repatriated else "baru", urgent=False,
                        source="self", reporter_id=1, language="id", group_size=size,
                        needs=[], vulnerabilities=OLD_EMPTY_LIST, created_at=nov(case_id),
                        updated_at=nov(case_id), repatriated_at=repatriated,
                    )
                )  # fmt: skip
                connection.execute(
                    Person.__table__.insert().values(  # type: ignore[attr-defined]
                        case_id=case_id, position=1, is_reporter=True, full_name="Pelapor",
                        vulnerabilities=OLD_EMPTY_LIST,
                        status="dipulangkan" if repatriated else "menunggu",
                        repatriated_at=repatriated, created_at=nov(case_id),
                    )
                )  # fmt: skip
        upgrade(db.engine)
        with db.session() as session:
            people = session.exec(
                select(Person).order_by(col(Person.case_id), col(Person.position))
            ).all()
            three = stats.compute(session, start=NOVEMBER[0], end=NOVEMBER[1], tz=policy().tz)
    finally:
        db.dispose()
    assert [(p.case_id, p.position, p.full_name, p.status) for p in people] == [
        (1, 1, "Pelapor", "menunggu"),
        (1, 2, "", "menunggu"),
        (1, 3, "", "menunggu"),
        (2, 1, "Pelapor", "dipulangkan"),
        (2, 2, "", "dipulangkan"),
        (3, 1, "Pelapor", "menunggu"),
    ]
    assert [p.repatriated_at for p in people if p.case_id == 2] == [home_at, home_at]
    assert (three.cases, three.people) == (3, 6)
