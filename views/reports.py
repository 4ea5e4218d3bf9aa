"""The weekly and monthly reports as the admins read them: the text, the chart, the workbook.

Implements models.schedule.reports.ReportViews (bot/ hands this module to the domain). The
workbook is in Indonesian, as every file of the office: the figures, then every case and
person of the period as an export has them.
"""

from __future__ import annotations

from typing import Any

from models.insights.export import Export
from models.schedule.ports import Upload
from models.schedule.reports import WEEKLY, Report, Row
from models.texts import msg
from views.exports import Sheet, export_sheets, label, xlsx_bytes
from views.splitting import CAPTION_LIMIT, split_message
from views.text import plain, t

# Rows per breakdown in the message; the workbook has all of them.
TOP = 10


def _row_label(row: Row, lang: str) -> str:
    return row.label if row.label is not None else plain(lang, msg("report.unknown"))


def _row_lines(lang: str, rows: list[Row]) -> list[str]:
    shown = [
        t(lang, "report.row", label=_row_label(r, lang)[:80], cases=r.cases, people=r.people)
        for r in rows[:TOP]
    ]
    if len(rows) > TOP:
        shown.append(t(lang, "digest.more", n=len(rows) - TOP))
    return shown or [t(lang, "digest.none")]


def _counts(lang: str, prefix: str, counts: list[tuple[str, int]]) -> str:
    return " · ".join(
        t(lang, "digest.status_count", status=msg(f"{prefix}.{code}"), n=n) for code, n in counts
    ) or t(lang, "digest.none")


def render_lines(report: Report, lang: str, *, late: bool) -> list[str]:
    title = "report.weekly_title" if report.kind == WEEKLY else "report.monthly_title"
    median = f"{report.median_days:g}" if report.median_days is not None else "—"
    return [
        t(lang, title, start=f"{report.start:%d-%m-%Y}", end=f"{report.end:%d-%m-%Y}"),
        *([t(lang, "report.late")] if late else []),
        t(
            lang,
            "report.totals",
            cases=report.cases,
            people=report.people,
            repatriated=report.repatriated_people,
        ),
        t(lang, "report.median", days=median),
        "",
        t(lang, "report.by_province"),
        *_row_lines(lang, report.by_province),
        "",
        t(lang, "report.by_regency"),
        *_row_lines(lang, report.by_regency),
        "",
        t(lang, "report.by_status"),
        _counts(lang, "status", report.by_status),
        t(lang, "report.by_outcome"),
        _counts(lang, "pstatus", report.by_outcome),
        "",
        t(lang, "report.by_recruiter"),
        *_row_lines(lang, report.by_recruiter),
        "",
        t(lang, "report.see_file"),
    ]


def parts(report: Report, lang: str, *, late: bool) -> list[str]:
    return split_message(render_lines(report, lang, late=late))


def chart_png(report: Report, lang: str) -> bytes:
    # matplotlib takes a second to import: only when a chart is drawn.
    from views.charts import cases_chart

    title = "report.weekly_chart" if report.kind == WEEKLY else "report.monthly_chart"
    return cases_chart(
        title=plain(
            lang, msg(title, start=f"{report.start:%d-%m-%Y}", end=f"{report.end:%d-%m-%Y}")
        ),
        daily_label=plain(lang, msg("report.chart_daily")),
        daily=report.daily,
        bars_label=plain(lang, msg("report.chart_province")),
        bars=[(_row_label(row, lang), row.people) for row in report.by_province[:TOP]],
    )


def chart(report: Report, lang: str) -> Upload:
    caption = t(lang, "report.chart_caption")[:CAPTION_LIMIT]
    return Upload("grafik.png", chart_png(report, lang), caption)


def _sheet_rows(rows: list[Row]) -> list[list[Any]]:
    return [[_row_label(r, "id"), r.cases, r.people] for r in rows]


def report_sheets(report: Report, cases: Export) -> list[Sheet]:
    """Figures first, then every case and person of the period (as in an export)."""
    summary = Sheet(
        "Ringkasan",
        ["Keterangan", "Nilai"],
        [
            ["Periode", f"{report.start:%d-%m-%Y} s.d. {report.end:%d-%m-%Y}"],
            ["Jumlah kasus", report.cases],
            ["Jumlah orang", report.people],
            ["Orang dipulangkan", report.repatriated_people],
            ["Median hari dari lapor sampai dipulangkan", report.median_days],
        ],
    )
    figures = [
        summary,
        Sheet("Provinsi Asal", ["Provinsi", "Kasus", "Orang"], _sheet_rows(report.by_province)),
        Sheet("Kabupaten Asal", ["Wilayah", "Kasus", "Orang"], _sheet_rows(report.by_regency)),
        Sheet(
            "Status",
            ["Status", "Kasus"],
            [[label(f"status.{s}"), n] for s, n in report.by_status],
        ),
        Sheet(
            "Hasil",
            ["Status Orang", "Orang"],
            [[label(f"pstatus.{s}"), n] for s, n in report.by_outcome],
        ),
        Sheet("Perekrut", ["Perekrut", "Kasus", "Orang"], _sheet_rows(report.by_recruiter)),
    ]
    return figures + export_sheets(cases)


def workbook(report: Report, cases: Export, lang: str) -> Upload:
    return Upload(
        f"laporan-{report.kind}-{report.start:%Y%m%d}-{report.end:%Y%m%d}.xlsx",
        xlsx_bytes(report_sheets(report, cases)),
        t(lang, "report.file_caption"),
    )
