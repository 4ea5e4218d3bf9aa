"""Exports: the XLSX opened again and read cell by cell, the CSV, formula injection, the date
range in WIB, the access recorded on every case, and the command line."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from bot.__main__ import main
from models.insights.export import Export, export_cases
from models.storage.db import Database
from models.storage.tables import Case, CaseEvent, EventKind, Role
from tests.services.followup_world import NIK, WIB, World
from tests.services.insight_cases import name_members
from views.exports import CASE_HEADERS, PERSON_HEADERS, REFERRAL_HEADERS, file_bytes, neutralise

INJECTED_NAME = '=HYPERLINK("http://jahat.example","klik")'
NOW = datetime(2024, 12, 2, 3, 0, tzinfo=UTC)


@pytest.fixture
def office(db: Database) -> World:
    world = World(db)
    ani = world.member("Ani", Role.STAFF)
    # 31-12-2023 23:59 WIB: before the range.
    world.case(at=datetime(2023, 12, 31, 16, 59, tzinfo=UTC), name="Tahun Lalu")
    # 02-03-2024 00:30 WIB (still 1 March in UTC): in the range, every hostile text we can.
    first = world.case(
        at=datetime(2024, 3, 1, 17, 30, tzinfo=UTC),
        name=INJECTED_NAME,
        urgent=True,
        assignee=ani,
        status="dirujuk",
        group_size=2,
        recruiter_name="@SUM(1+1)",
        recruiter_phone="+6281355551234",
        employer="+PT Sawit Makmur",
        location_text="-2+3 dekat pelabuhan",
        work_type="plantation",
        work_ended="ditipu bulan lalu",
        wages_unpaid=True,
        wages_amount=9_000_000,
        needs=["transport", "other"],
        needs_other="=cmd|' /C calc'!A0",
        sex="P",
        birth_date="1990-08-15",
    )
    world.refer(first, "dinkes", at=datetime(2024, 3, 2, 1, 0, tzinfo=UTC), by=ani)
    with db.session() as session:
        name_members(session, first, [{"full_name": "Made Anak", "age": 9, "age_group": "anak",
                                       "vulnerabilities": ["child"]}])  # fmt: skip
        session.commit()
    # 30-11-2024 23:30 WIB: the last minutes of the range.
    world.case(at=datetime(2024, 11, 30, 16, 30, tzinfo=UTC), name="Akhir November")
    # 01-12-2024 00:10 WIB: after it.
    world.case(at=datetime(2024, 11, 30, 17, 10, tzinfo=UTC), name="Awal Desember")
    return world


def _export(
    db: Database, *formats: str, actor_id: int | None = None
) -> tuple[Export, list[tuple[str, bytes]]]:
    """The export of 2024 to 30 November and its files, as /ekspor makes them."""
    with db.session() as session:
        export = export_cases(
            session,
            start=date(2024, 1, 1),
            end=date(2024, 11, 30),
            tz=WIB,
            formats=formats,
            actor_id=actor_id,
            via="test",
            now=NOW,
        )
        files = [file_bytes(export, fmt) for fmt in formats]
        session.commit()
        return export, files


def test_the_xlsx_has_one_sheet_per_table_read_back_cell_by_cell(
    office: World, db: Database
) -> None:
    export, [(filename, content)] = _export(db, "xlsx")
    assert filename == "kasus-20240101-20241130.xlsx"
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Orang", "Kasus", "Rujukan"]

    people = book["Orang"]
    assert people.freeze_panes == "A2"
    assert [c.value for c in people[1]] == PERSON_HEADERS
    assert all(c.font.bold for c in people[1])
    rows = [[c.value for c in row] for row in people.iter_rows(min_row=2)]
    assert rows == [
        [
            "KBR-2024-0001", datetime(2024, 3, 2, 0, 30), "Dirujuk", 1, "Ya",
            "'" + INJECTED_NAME, NIK, "Perempuan", datetime(1990, 8, 15), None, None,
            "0812-3456-7890", "Hamil", "menunggu", None, "Nusa Tenggara Barat",
            "Kabupaten Lombok Timur",
        ],
        [
            "KBR-2024-0001", datetime(2024, 3, 2, 0, 30), "Dirujuk", 2, "Tidak", "Made Anak",
            None, None, None, 9, "anak", None, "Anak-anak", "menunggu", None,
            "Nusa Tenggara Barat", "Kabupaten Lombok Timur",
        ],
        [
            "KBR-2024-0002", datetime(2024, 11, 30, 23, 30), "Baru", 1, "Ya", "Akhir November",
            NIK, None, None, None, None, "0812-3456-7890", None, "menunggu", None,
            "Nusa Tenggara Barat", "Kabupaten Lombok Timur",
        ],
    ]  # fmt: skip
    assert people["B2"].number_format == "DD-MM-YYYY HH:MM"
    assert people["I2"].number_format == "DD-MM-YYYY"
    # The hostile name is text, never a formula.
    assert people["F2"].data_type == "s"

    cases = book["Kasus"]
    assert cases.freeze_panes == "A2"
    assert [c.value for c in cases[1]] == CASE_HEADERS
    first = [c.value for c in cases[2]]
    assert first == [
        "KBR-2024-0001", datetime(2024, 3, 2, 0, 30), "Dirujuk", "Ya", "Lapor sendiri", 2,
        "Nusa Tenggara Barat", "Kabupaten Lombok Timur", "'-2+3 dekat pelabuhan", None,
        "'@SUM(1+1)", "0813-5555-1234", "'+PT Sawit Makmur", None, "Kebun sawit",
        "ditipu bulan lalu", "Ya", 9_000_000, "Pulang ke daerah asal, =cmd|' /C calc'!A0",
        "Hamil", "Ani", None, None,
    ]  # fmt: skip
    assert cases.max_row == 3

    referrals = book["Rujukan"]
    assert [c.value for c in referrals[1]] == REFERRAL_HEADERS
    assert [c.value for c in referrals[2]] == [
        "KBR-2024-0001",
        "Dinas Kesehatan Kabupaten Kotawaringin Barat",
        datetime(2024, 3, 2, 8, 0),
        None,
        None,
    ]
    assert (len(export.case_ids), export.people) == (2, 3)


def test_every_cell_that_could_be_a_formula_is_neutralised(office: World, db: Database) -> None:
    _, [(_, xlsx), (_, raw_csv)] = _export(db, "xlsx", "csv")
    book = load_workbook(io.BytesIO(xlsx))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@")), cell.coordinate
    text = raw_csv.decode("utf-8")
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text[1:])))
    for row in table:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    assert ["'" + INJECTED_NAME] == [v for v in table[1] if "HYPERLINK" in v]


def test_neutralise() -> None:
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("+62812") == "'+62812"
    assert neutralise("-5") == "'-5"
    assert neutralise("@A1") == "'@A1"
    assert neutralise("\t=1") == "'\t=1"
    assert neutralise("Budi = guru") == "Budi = guru"
    assert neutralise(-5) == -5
    assert neutralise(None) is None


def test_the_csv_has_one_row_per_person_with_dates_in_wib(office: World, db: Database) -> None:
    _, [(filename, content)] = _export(db, "csv")
    assert filename == "kasus-20240101-20241130.csv"
    table = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert table[0] == PERSON_HEADERS
    assert [row[0] for row in table[1:]] == ["KBR-2024-0001", "KBR-2024-0001", "KBR-2024-0002"]
    assert table[1][1] == "02-03-2024 00:30"
    assert table[1][8] == "15-08-1990"
    assert table[3][1] == "30-11-2024 23:30"


def test_every_export_is_recorded_as_an_access_on_each_case(office: World, db: Database) -> None:
    ani = office.accounts["Ani"]
    export, _ = _export(db, "xlsx", "csv", actor_id=ani)
    with db.session() as session:
        events = session.exec(select(CaseEvent).where(CaseEvent.kind == EventKind.ACCESS)).all()
        activity = {c.id: c.last_activity_at for c in session.exec(select(Case))}
    assert sorted(e.case_id for e in events) == sorted(export.case_ids)
    assert {e.actor_id for e in events} == {ani}
    assert events[0].data == {
        "export": ["xlsx", "csv"],
        "from": "2024-01-01",
        "to": "2024-11-30",
        "via": "test",
    }
    # Looking is not activity: the follow-up clocks do not restart.
    assert all(moment is not None and moment < NOW for moment in activity.values())


def test_the_command_line_writes_the_file(
    office: World, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.chdir(tmp_path)  # no .env from the working copy
    output = tmp_path / "out" / "kasus.xlsx"
    assert main(["export", "--from", "2024-01-01", "--to", "2024-11-30",
                 "--format", "xlsx", "--output", str(output)]) == 0  # fmt: skip
    book = load_workbook(output)
    assert book["Kasus"].max_row == 3
    with pytest.raises(SystemExit):
        main(["export", "--from", "2024-13-01", "--to", "2024-11-30", "--output", "x.csv"])
    assert main(["export", "--from", "2024-12-01", "--to", "2024-11-30", "--output", "x"]) == 2
