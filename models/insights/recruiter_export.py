"""The spreadsheet of cases naming a recruiter or employer, for the police or labour office.

It holds names, NIKs and phone numbers, so every exported case gets an ACCESS event saying
who exported it and when. Text typed by reporters is always written as text, never as a
formula (a name like `=HYPERLINK(...)` stays a name).
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, tzinfo

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlmodel import Session, col, select

from models.cases.recruiters import RankedRecruiter, cases_naming, ranking
from models.reference import regions
from models.storage.tables import Account, Case, CaseEvent, EventKind, Person, Recruiter
from models.texts import msg
from views.text import plain

EXPORT_KIND = "recruiters"


@dataclass(frozen=True)
class Export:
    filename: str
    content: bytes
    cases: int


def _put(sheet: Worksheet, row: int, values: list[object]) -> None:
    for column, value in enumerate(values, start=1):
        cell: Cell = sheet.cell(row=row, column=column)
        cell.value = value  # type: ignore[assignment]
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


def export_recruiter_cases(
    session: Session,
    *,
    actor: Account,
    recruiter_id: int | None,
    now: datetime,
    tz: tzinfo,
    lang: str = "id",
) -> Export:
    """An XLSX of the cases naming one record (or any, if `recruiter_id` is None), with the
    register's summary and one row per person; records ACCESS events (no commit).

    The caller checks that `actor` may export (staff or admin).
    """
    pairs = cases_naming(session, None if recruiter_id is None else [recruiter_id])
    case_ids = sorted({case_id for _, case_id in pairs})
    records = {
        r.id: r
        for r in session.exec(
            select(Recruiter).where(col(Recruiter.id).in_({rid for rid, _ in pairs}))
        )
    }
    cases = {c.id: c for c in session.exec(select(Case).where(col(Case.id).in_(case_ids)))}
    people: dict[int, list[Person]] = defaultdict(list)
    for person in session.exec(
        select(Person)
        .where(col(Person.case_id).in_(case_ids))
        .order_by(col(Person.case_id), col(Person.position), col(Person.id))
    ):
        people[person.case_id].append(person)

    def label(key: str) -> str:
        return plain(lang, msg(key))

    def col_names(*keys: str) -> list[str]:
        return [label(f"export.col.{key}") for key in keys]

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    ranked: list[RankedRecruiter] = [
        r for r in ranking(session) if recruiter_id is None or r.recruiter_id == recruiter_id
    ]
    _sheet(
        book,
        label("export.sheet.register"),
        col_names("kind", "name", "aliases", "phone", "cases", "people", "last_case"),
        [
            [label(f"export.kind.{r.kind}"), r.name, ", ".join(r.aliases), r.phone or "",
             r.cases, r.people, _local(r.last_case_at, tz)]
            for r in ranked
        ],
    )  # fmt: skip
    case_rows: list[list[object]] = []
    for rid, case_id in sorted(pairs, key=lambda p: (records[p[0]].name_key, p[1])):
        record, case = records[rid], cases[case_id]
        names = ", ".join(p.full_name for p in people[case_id])
        case_rows.append(
            [label(f"export.kind.{record.kind}"), record.name, case.number,
             label(f"status.{case.status}"), _local(case.created_at, tz),
             _region(case.origin_regency_code), _region(case.origin_province_code),
             case.group_size, names, case.recruiter_name or "",
             case.recruiter_phone or "", case.employer or "", case.work_type or "",
             case.work_ended or "", case.wages_amount or ""]
        )  # fmt: skip
    _sheet(
        book,
        label("export.sheet.cases"),
        col_names("kind", "name", "number", "status", "reported", "regency", "province",
                  "group_size", "people_names", "recruiter_typed", "recruiter_phone",
                  "employer_typed", "work", "work_ended", "wages"),
        case_rows,
    )  # fmt: skip
    _sheet(
        book,
        label("export.sheet.people"),
        col_names("number", "person_name", "nik", "person_phone", "sex", "birth_date", "age"),
        [
            [cases[case_id].number, p.full_name, p.nik or "", p.phone or "", p.sex or "",
             p.birth_date.isoformat() if p.birth_date else "", p.age if p.age is not None else ""]
            for case_id in case_ids
            for p in people[case_id]
        ],
    )  # fmt: skip
    for case_id in case_ids:
        session.add(
            CaseEvent(
                case_id=case_id,
                kind=EventKind.ACCESS,
                actor_id=actor.id,
                data={"export": EXPORT_KIND, "recruiter_id": recruiter_id},
                created_at=now,
            )
        )
    buffer = io.BytesIO()
    book.save(buffer)
    stamp = now.astimezone(tz).strftime("%Y%m%d-%H%M")
    scope = "semua" if recruiter_id is None else f"r{recruiter_id}"
    return Export(f"perekrut-{scope}-{stamp}.xlsx", buffer.getvalue(), len(case_ids))
