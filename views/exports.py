"""The office's files: XLSX (one sheet per table) and CSV (one row per person).

Files are in Indonesian, the office's language, whoever asks: column names are Indonesian,
dates are shown in WIB, and every text cell that a spreadsheet could read as a formula (it
begins with =, +, -, @, a tab or a carriage return) is neutralised with a leading apostrophe.
Phone numbers are written in their national form (0812-...), so they need no neutralising.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from i18n import LANGUAGES
from models.insights.export import Export
from models.reference import regions
from models.reference.validation import InvalidPhone, format_phone_local
from models.storage.tables import Agency, Case, Person, Referral
from models.texts import msg
from views.text import plain, t

FILE_LANGUAGE = "id"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATETIME_FORMAT = "DD-MM-YYYY HH:MM"
DATE_FORMAT = "DD-MM-YYYY"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
FORMATS = ("xlsx", "csv")
SEX = {"L": "Laki-laki", "P": "Perempuan"}

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


@dataclass(frozen=True)
class Sheet:
    title: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)


# -- Cell values -----------------------------------------------------------------------------


def neutralise(value: Any) -> Any:
    """A text a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def local(moment: datetime | None, tz: tzinfo) -> datetime | None:
    """A naive local datetime (what spreadsheets show), or None."""
    if moment is None:
        return None
    return moment.astimezone(tz).replace(tzinfo=None)


def label(key: str, **params: object) -> str:
    """A catalogue text as a cell shows it (plain, in the files' language)."""
    return plain(FILE_LANGUAGE, msg(key, **params))


def person_name(person: Person) -> str:
    """A companion the reporter counted but did not name gets a label instead."""
    return person.full_name or label("person.unnamed")


def _option(step: str, value: str | None) -> str | None:
    """A stored option code as its label; typed text as it was."""
    if not value:
        return None
    key = f"opt.{step}.{value}"
    return label(key) if key in LANGUAGES[FILE_LANGUAGE] else value


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


def yes_no(value: bool | None) -> str | None:
    if value is None:
        return None
    return "Ya" if value else "Tidak"


def _joined(step: str, codes: Sequence[str], other: str | None = None) -> str | None:
    """Chosen options as their labels, a typed "other" as typed; None for none."""
    labels = [_option(step, code) or "" for code in codes if code != "other"]
    if "other" in codes and other:
        labels.append(other)
    return ", ".join(labels) or None


# -- The sheets of an export -----------------------------------------------------------------


def _case_row(export: Export, c: Case) -> list[Any]:
    tz = export.tz
    return [
        c.number,
        local(c.created_at, tz),
        label(f"status.{c.status}"),
        yes_no(c.urgent),
        "Petugas lapangan" if c.source == "officer" else "Lapor sendiri",
        export.headcount.of(c),
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
        yes_no(c.wages_unpaid),
        c.wages_amount,
        _joined("needs", c.needs, c.needs_other),
        _joined("urgency", c.vulnerabilities),
        export.assignees.get(c.assignee_id) if c.assignee_id else None,
        local(c.repatriated_at, tz),
        local(c.closed_at, tz),
    ]


def _person_row(export: Export, c: Case, p: Person) -> list[Any]:
    tz = export.tz
    return [
        c.number,
        local(c.created_at, tz),
        label(f"status.{c.status}"),
        p.position,
        yes_no(p.is_reporter),
        person_name(p),
        p.nik,
        SEX.get(p.sex or "", p.sex),
        p.birth_date,
        p.age,
        p.age_group,
        _phone(p.phone),
        _joined("urgency", p.vulnerabilities),
        label(f"pstatus.{p.status}"),
        local(p.repatriated_at, tz),
        _region(c.origin_province_code),
        _region(c.origin_regency_code),
    ]


def _referral_row(export: Export, number: str, r: Referral, agency: Agency) -> list[Any]:
    return [
        number,
        agency.name,
        local(r.created_at, export.tz),
        r.note,
        local(r.done_at, export.tz),
    ]


def export_sheets(export: Export) -> list[Sheet]:
    """People first (what the office counts), then the cases and the referrals."""
    by_id = {c.id: c for c in export.cases}
    people = [_person_row(export, by_id[p.case_id], p) for p in export.persons]
    referrals = [_referral_row(export, by_id[r.case_id].number, r, a) for r, a in export.referrals]
    return [
        Sheet("Orang", PERSON_HEADERS, people),
        Sheet("Kasus", CASE_HEADERS, [_case_row(export, c) for c in export.cases]),
        Sheet("Rujukan", REFERRAL_HEADERS, referrals),
    ]


# -- Files -----------------------------------------------------------------------------------


def _width(values: Iterable[Any]) -> int:
    longest = max((len(str(v)) for v in values if v is not None), default=8)
    return min(max(longest + 2, 10), 50)


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A workbook with one sheet per table: bold frozen header, dates as real dates."""
    workbook = Workbook()
    workbook.remove(workbook.active)
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
        return f"{export.basename()}.xlsx", xlsx_bytes(export_sheets(export))
    if fmt == "csv":
        return f"{export.basename()}.csv", csv_bytes(export_sheets(export)[0])
    raise ValueError(f"unknown export format {fmt!r}")


def summary(export: Export, lang: str) -> str:
    """The message that goes before the files: the period and its figures, and the cases the
    files list but the figures leave out (so the files' rows add up)."""
    counted, left_out = export.counted, export.left_out
    text = t(
        lang,
        "ekspor.done",
        start=f"{export.start:%d-%m-%Y}",
        end=f"{export.end:%d-%m-%Y}",
        cases=counted.cases,
        people=counted.people,
    )
    if left_out.cases:
        text += "\n" + t(lang, "ekspor.left_out", cases=left_out.cases, people=left_out.people)
    return text
