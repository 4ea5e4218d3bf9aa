"""Exports of cases for the office: XLSX (one sheet per table) and CSV (one row per person).

Column names are Indonesian, dates are shown in WIB, and every text cell that a spreadsheet
could read as a formula (it begins with =, +, -, @, a tab or a carriage return) is neutralised
with a leading apostrophe. Phone numbers are written in their national form (0812-...), so they
need no neutralising. Every export is recorded on each case it contains as an access event.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlmodel import Session, col, select

from i18n import id as id_texts
from models.reference import regions
from models.reference.validation import InvalidPhone, format_phone_local
from models.storage.tables import Account, Agency, Case, CaseEvent, EventKind, Person, Referral
from models.texts import msg
from views.text import plain

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATETIME_FORMAT = "DD-MM-YYYY HH:MM"
DATE_FORMAT = "DD-MM-YYYY"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
FORMATS = ("xlsx", "csv")


def neutralise(value: Any) -> Any:
    """A text a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass(frozen=True)
class Sheet:
    title: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Export:
    start: date
    end: date
    sheets: list[Sheet]
    case_ids: list[int]
    people: int

    def basename(self) -> str:
        return f"kasus-{self.start:%Y%m%d}-{self.end:%Y%m%d}"


# -- Cell values -----------------------------------------------------------------------------


def _local(moment: datetime | None, tz: tzinfo) -> datetime | None:
    """A naive local datetime (what spreadsheets show), or None."""
    if moment is None:
        return None
    return moment.astimezone(tz).replace(tzinfo=None)


def _text(lang_key: str) -> str:
    return plain("id", msg(lang_key))


def _option(step: str, value: str | None) -> str | None:
    """A stored option code as its Indonesian label; typed text as it was."""
    if not value:
        return None
    key = f"opt.{step}.{value}"
    return _text(key) if key in id_texts.TEXTS else value


def _region(code: str | None) -> str | None:
    region = regions.get(code or "")
    return region.name if region is not None else None


def _phone(e164: str | None) -> str | None:
    if not e164:
        return None
    try:
        return format_phone_local(e164)
    except InvalidPhone:
        return e164


def _yes_no(value: bool | None) -> str | None:
    if value is None:
        return None
    return "Ya" if value else "Tidak"


SEX = {"L": "Laki-laki", "P": "Perempuan"}


def _joined(step: str, codes: Sequence[str], other: str | None = None) -> str | None:
    """Chosen options as their labels, a typed "other" as typed; None for none."""
    labels = [_option(step, code) or "" for code in codes if code != "other"]
    if "other" in codes and other:
        labels.append(other)
    return ", ".join(labels) or None


# -- The tables ------------------------------------------------------------------------------

CASE_HEADERS = [
    "No. Kasus", "Tanggal Lapor (WIB)", "Status", "Mendesak", "Sumber", "Jumlah Orang",
    "Provinsi Asal", "Kabupaten/Kota Asal", "Lokasi Sekarang", "Kecamatan", "Perekrut",
    "Telepon Perekrut", "Perusahaan", "Lokasi Kerja", "Jenis Pekerjaan", "Berhenti Kerja",
    "Upah Belum Dibayar", "Jumlah Upah (Rp)", "Kebutuhan", "Kerentanan", "Petugas",
    "Tanggal Dipulangkan (WIB)", "Tanggal Ditutup (WIB)",
]  # fmt: skip
PERSON_HEADERS = [
    "No. Kasus", "Tanggal Lapor (WIB)", "Status Kasus", "Urutan", "Pelapor", "Nama", "NIK",
    "Jenis Kelamin", "Tanggal Lahir", "Umur", "Kelompok Umur", "Telepon", "Kerentanan",
    "Status Orang", "Tanggal Dipulangkan (WIB)", "Provinsi Asal", "Kabupaten/Kota Asal",
]  # fmt: skip
REFERRAL_HEADERS = ["No. Kasus", "Instansi", "Tanggal Rujuk (WIB)", "Catatan", "Selesai (WIB)"]


def day_bounds(start: date, end: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """[start 00:00, end+1 00:00) in the office's zone, as UTC."""
    low = datetime.combine(start, time(0), tzinfo=tz).astimezone(UTC)
    high = datetime.combine(end + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    return low, high


def cases_between(session: Session, start: date, end: date, tz: tzinfo) -> list[Case]:
    low, high = day_bounds(start, end, tz)
    return list(
        session.exec(
            select(Case)
            .where(col(Case.created_at) >= low, col(Case.created_at) < high)
            .order_by(col(Case.created_at), col(Case.id))
        )
    )


def collect(session: Session, *, start: date, end: date, tz: tzinfo) -> Export:
    """The cases reported from `start` to `end` (inclusive, local days) as three sheets."""
    cases = cases_between(session, start, end, tz)
    ids = [c.id for c in cases if c.id is not None]
    by_id = {c.id: c for c in cases}
    people = (
        list(
            session.exec(
                select(Person)
                .where(col(Person.case_id).in_(ids))
                .order_by(col(Person.case_id), col(Person.position), col(Person.id))
            )
        )
        if ids
        else []
    )
    referrals = (
        session.exec(
            select(Referral, Agency)
            .join(Agency, col(Agency.id) == col(Referral.agency_id))
            .where(col(Referral.case_id).in_(ids))
            .order_by(col(Referral.created_at), col(Referral.id))
        ).all()
        if ids
        else []
    )
    staff_ids = {c.assignee_id for c in cases if c.assignee_id is not None}
    staff = (
        {a.id: a for a in session.exec(select(Account).where(col(Account.id).in_(staff_ids)))}
        if staff_ids
        else {}
    )
    counts: dict[int, int] = {}
    for person in people:
        counts[person.case_id] = counts.get(person.case_id, 0) + 1

    case_rows = []
    for c in cases:
        assignee = staff.get(c.assignee_id) if c.assignee_id else None
        case_rows.append(
            [
                c.number,
                _local(c.created_at, tz),
                _text(f"status.{c.status}"),
                _yes_no(c.urgent),
                "Petugas lapangan" if c.source == "officer" else "Lapor sendiri",
                max(c.group_size, counts.get(c.id, 0)),  # type: ignore[arg-type]
                _region(c.origin_province_code),
                _region(c.origin_regency_code),
                c.location_text,
                _region(c.location_district_code),
                c.recruiter_name,
                _phone(c.recruiter_phone),
                c.employer,
                c.work_site,
                _option("work", c.work_type),
                _option("ended", c.work_ended),
                _yes_no(c.wages_unpaid),
                c.wages_amount,
                _joined("needs", c.needs, c.needs_other),
                _joined("urgency", c.vulnerabilities),
                (assignee.display_name or f"#{assignee.id}") if assignee else None,
                _local(c.repatriated_at, tz),
                _local(c.closed_at, tz),
            ]
        )
    person_rows = []
    for p in people:
        c = by_id[p.case_id]
        person_rows.append(
            [
                c.number,
                _local(c.created_at, tz),
                _text(f"status.{c.status}"),
                p.position,
                _yes_no(p.is_reporter),
                p.full_name,
                p.nik,
                SEX.get(p.sex or "", p.sex),
                p.birth_date,
                p.age,
                p.age_group,
                _phone(p.phone),
                _joined("urgency", p.vulnerabilities),
                _text(f"pstatus.{p.status}"),
                _local(p.repatriated_at, tz),
                _region(c.origin_province_code),
                _region(c.origin_regency_code),
            ]
        )
    referral_rows = [
        [by_id[r.case_id].number, a.name, _local(r.created_at, tz), r.note, _local(r.done_at, tz)]
        for r, a in referrals
    ]
    return Export(
        start=start,
        end=end,
        sheets=[
            Sheet("Orang", PERSON_HEADERS, person_rows),
            Sheet("Kasus", CASE_HEADERS, case_rows),
            Sheet("Rujukan", REFERRAL_HEADERS, referral_rows),
        ],
        case_ids=ids,  # type: ignore[arg-type]
        people=len(people),
    )


# -- Files -----------------------------------------------------------------------------------


def _width(values: Iterable[Any]) -> int:
    longest = max((len(str(v)) for v in values if v is not None), default=8)
    return min(max(longest + 2, 10), 50)


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A workbook with one sheet per table: bold frozen header, dates as real dates."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.title)
        ws.append(sheet.headers)
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        for row in sheet.rows:
            ws.append([neutralise(value) for value in row])
        for index, header in enumerate(sheet.headers, start=1):
            column = [header] + [row[index - 1] for row in sheet.rows[:200]]
            ws.column_dimensions[get_column_letter(index)].width = _width(column)
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                if isinstance(cell.value, datetime):
                    cell.number_format = DATETIME_FORMAT
                elif isinstance(cell.value, date):
                    cell.number_format = DATE_FORMAT
                elif isinstance(cell.value, str):
                    # Never a formula, whatever openpyxl guessed from the text.
                    cell.data_type = "s"
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return f"{value:%d-%m-%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d-%m-%Y}"
    if value is None:
        return ""
    return neutralise(value)


def csv_bytes(sheet: Sheet) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs read the accents right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(sheet.headers)
    writer.writerows([_csv_value(v) for v in row] for row in sheet.rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def file_bytes(export: Export, fmt: str) -> tuple[str, bytes]:
    """(filename, content): XLSX with every sheet, CSV with the people (one row each)."""
    if fmt == "xlsx":
        return f"{export.basename()}.xlsx", xlsx_bytes(export.sheets)
    if fmt == "csv":
        return f"{export.basename()}.csv", csv_bytes(export.sheets[0])
    raise ValueError(f"unknown export format {fmt!r}")


def record_access(
    session: Session,
    case_ids: Iterable[int],
    *,
    actor_id: int | None,
    now: datetime,
    what: dict[str, Any],
) -> int:
    """One access event per exported case (no commit); access is not activity."""
    count = 0
    for case_id in case_ids:
        session.add(
            CaseEvent(
                case_id=case_id, kind=EventKind.ACCESS, actor_id=actor_id, data=what, created_at=now
            )
        )
        count += 1
    return count


def export_cases(
    session: Session,
    *,
    start: date,
    end: date,
    tz: tzinfo,
    formats: Sequence[str],
    actor_id: int | None,
    via: str,
    now: datetime,
) -> tuple[Export, list[tuple[str, bytes]]]:
    """Builds the files and records the access on every case in them (no commit: the
    caller commits with whatever it does with the files)."""
    for fmt in formats:
        if fmt not in FORMATS:
            raise ValueError(f"unknown export format {fmt!r}")
    export = collect(session, start=start, end=end, tz=tz)
    files = [file_bytes(export, fmt) for fmt in formats]
    record_access(
        session,
        export.case_ids,
        actor_id=actor_id,
        now=now,
        what={
            "export": list(formats),
            "from": start.isoformat(),
            "to": end.isoformat(),
            "via": via,
        },
    )
    return export, files


# -- Reading a date range --------------------------------------------------------------------

_DAY_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")


class BadDate(ValueError):
    """A date the office typed could not be read."""


def parse_day(text: str) -> date:
    cleaned = re.sub(r"\s+", "", text)
    for fmt in _DAY_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    raise BadDate(text)


def parse_range(args: Sequence[str], *, today: date) -> tuple[date, date]:
    """`[from] [to]`: none -> this month so far; one -> from then until today."""
    if len(args) > 2:
        raise BadDate(" ".join(args))
    start = parse_day(args[0]) if args else today.replace(day=1)
    end = parse_day(args[1]) if len(args) > 1 else today
    if end < start:
        raise BadDate(" ".join(args))
    return start, end
