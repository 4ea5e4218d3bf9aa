"""The spreadsheet of cases naming a recruiter or employer: the register's summary, the cases
(with how many people each has), and one row per named person, with column names in the
reader's language. Companions a reporter counted but did not name have nothing to tell the
police or the labour office, so they are in the cases' counts, not in the list of people.

Text typed by reporters is always written as text, never as a formula (a name like
`=HYPERLINK(...)` stays a name).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, tzinfo

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from models.insights.recruiter_export import RecruiterCases
from models.reference import regions
from models.storage.tables import Case, Person
from models.texts import msg
from views.text import plain


@dataclass(frozen=True)
class RecruiterFile:
    filename: str
    content: bytes
    cases: int


def _put(sheet: Worksheet, row: int, values: list[object]) -> None:
    for column, value in enumerate(values, start=1):
        cell: Cell = sheet.cell(row=row, column=column)
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula, whatever the text starts with


def _sheet(book: Workbook, title: str, header: list[str], rows: list[list[object]]) -> None:
    sheet = book.create_sheet(title[:31])
    _put(sheet, 1, list(header))
    for index, values in enumerate(rows, start=2):
        _put(sheet, index, values)
    sheet.freeze_panes = "A2"
    for column, name in enumerate(header, start=1):
        longest = max([len(name), *(len(str(r[column - 1] or "")) for r in rows[:200])])
        sheet.column_dimensions[get_column_letter(column)].width = min(60, longest + 2)


def _region(code: str | None) -> str:
    region = regions.get(code) if code else None
    return region.name if region is not None else ""


def _local(moment: datetime | None, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M") if moment else ""


def recruiter_workbook(data: RecruiterCases, *, lang: str, tz: tzinfo) -> RecruiterFile:
    """The XLSX of `data`, named after the record and the moment it was made."""

    def label(key: str) -> str:
        return plain(lang, msg(key))

    def col_names(*keys: str) -> list[str]:
        return [label(f"export.col.{key}") for key in keys]

    def named(case: Case) -> list[Person]:
        return [p for p in data.people.get(case.id or 0, []) if p.full_name]

    book = Workbook()
    book.remove(book.active)
    _sheet(
        book,
        label("export.sheet.register"),
        col_names("kind", "name", "aliases", "phone", "cases", "people", "last_case"),
        [
            [label(f"export.kind.{r.kind}"), r.name, ", ".join(r.aliases), r.phone or "",
             r.cases, r.people, _local(r.last_case_at, tz)]
            for r in data.ranked
        ],
    )  # fmt: skip
    _sheet(
        book,
        label("export.sheet.cases"),
        col_names("kind", "name", "number", "status", "reported", "regency", "province",
                  "group_size", "people_names", "recruiter_typed", "recruiter_phone",
                  "employer_typed", "work", "work_ended", "wages"),
        [
            [label(f"export.kind.{record.kind}"), record.name, case.number,
             label(f"status.{case.status}"), _local(case.created_at, tz),
             _region(case.origin_regency_code), _region(case.origin_province_code),
             data.headcount.of(case), ", ".join(p.full_name for p in named(case)),
             case.recruiter_name or "", case.recruiter_phone or "", case.employer or "",
             case.work_type or "", case.work_ended or "", case.wages_amount or ""]
            for record, case in data.naming
        ],
    )  # fmt: skip
    _sheet(
        book,
        label("export.sheet.people"),
        col_names("number", "person_name", "nik", "person_phone", "sex", "birth_date", "age"),
        [
            [case.number, p.full_name, p.nik or "", p.phone or "", p.sex or "",
             p.birth_date.isoformat() if p.birth_date else "", p.age if p.age is not None else ""]
            for case in data.cases
            for p in named(case)
        ],
    )  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    stamp = data.made_at.astimezone(tz).strftime("%Y%m%d-%H%M")
    scope = "semua" if data.recruiter_id is None else f"r{data.recruiter_id}"
    return RecruiterFile(f"perekrut-{scope}-{stamp}.xlsx", buffer.getvalue(), len(data.cases))
