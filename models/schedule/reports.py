"""Weekly and monthly reports to the admins: figures for the period, a chart and an XLSX file.

The weekly summary (Monday, at the digest time) covers the previous Monday to Sunday; the
monthly report (the 1st) covers the previous calendar month. Cases are counted by the day
they were reported (rejected cases and duplicates left out of the figures); repatriations by
the day they happened. Each report goes out once: a `digest_run` row per period, as for the
daily digest, and a run missed while the bot was down is sent when it is back, marked late.
"""

from __future__ import annotations

import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from models.insights.export import Sheet, collect, day_bounds, record_access, xlsx_bytes
from models.outbox.queue import enqueue
from models.people.staff import admins
from models.reference import regions
from models.schedule.digest import LATE_AFTER, claim_run, due_moment, has_history
from models.schedule.followups import Policy
from models.schedule.quiet import deliver_at
from models.storage.tables import (
    Case,
    CaseRecruiter,
    CaseStatus,
    DigestRun,
    Person,
    PersonStatus,
    Recruiter,
)
from models.texts import msg
from views.splitting import CAPTION_LIMIT, split_message
from views.text import plain, t

logger = logging.getLogger(__name__)

WEEKLY = "weekly"
MONTHLY = "monthly"
NOT_COUNTED = (CaseStatus.DITOLAK, CaseStatus.DUPLIKAT)
TOP = 10


@dataclass(frozen=True)
class Row:
    label: str
    cases: int
    people: int


@dataclass(frozen=True)
class Report:
    kind: str
    start: date
    end: date
    cases: int
    people: int
    repatriated_people: int
    median_days: float | None
    by_province: list[Row]
    by_regency: list[Row]
    by_status: list[tuple[str, int]]
    by_outcome: list[tuple[str, int]]
    by_recruiter: list[Row]
    daily: list[tuple[date, int]]


# -- Periods ---------------------------------------------------------------------------------


def period_start(kind: str, day: date) -> date:
    """The day a report for the period containing `day` is due (Monday, or the 1st)."""
    if kind == WEEKLY:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def covered(kind: str, due_day: date) -> tuple[date, date]:
    """The period a report due on `due_day` covers: the week or month before it."""
    end = due_day - timedelta(days=1)
    if kind == WEEKLY:
        return end - timedelta(days=6), end
    return end.replace(day=1), end


# -- Figures ---------------------------------------------------------------------------------


def _name_key(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", " ", name.casefold()).strip()


def _rows(counter_cases: Counter[str], counter_people: Counter[str]) -> list[Row]:
    return [
        Row(label, counter_cases[label], counter_people[label])
        for label in sorted(counter_cases, key=lambda k: (-counter_people[k], -counter_cases[k], k))
    ]


def compute(session: Session, *, kind: str, start: date, end: date, policy: Policy) -> Report:
    tz = policy.tz
    low, high = day_bounds(start, end, tz)
    cases = list(
        session.exec(
            select(Case)
            .where(col(Case.created_at) >= low, col(Case.created_at) < high)
            .order_by(col(Case.created_at), col(Case.id))
        )
    )
    ids = [c.id for c in cases]
    persons = list(session.exec(select(Person).where(col(Person.case_id).in_(ids)))) if ids else []
    per_case: Counter[int] = Counter(p.case_id for p in persons)
    counted = [c for c in cases if c.status not in NOT_COUNTED]
    people_of = {c.id: max(c.group_size, per_case[c.id]) for c in cases}  # type: ignore[index]

    province_cases: Counter[str] = Counter()
    province_people: Counter[str] = Counter()
    regency_cases: Counter[str] = Counter()
    regency_people: Counter[str] = Counter()
    for c in counted:
        province = regions.get(c.origin_province_code or "")
        regency = regions.get(c.origin_regency_code or "")
        p_label = province.name if province else plain("id", msg("report.unknown"))
        r_label = f"{regency.name}, {p_label}" if regency else p_label
        province_cases[p_label] += 1
        province_people[p_label] += people_of[c.id]
        regency_cases[r_label] += 1
        regency_people[r_label] += people_of[c.id]

    status_counts = Counter(c.status for c in cases)
    counted_ids = {c.id for c in counted}
    outcome_counts = Counter(p.status for p in persons if p.case_id in counted_ids)

    linked = (
        session.exec(
            select(CaseRecruiter.case_id, Recruiter.name)
            .join(Recruiter, col(Recruiter.id) == col(CaseRecruiter.recruiter_id))
            .where(col(CaseRecruiter.case_id).in_(ids), Recruiter.kind == "recruiter")
        ).all()
        if ids
        else []
    )
    names: dict[int, set[str]] = {}
    for case_id, name in linked:
        names.setdefault(case_id, set()).add(name)
    recruiter_cases: Counter[str] = Counter()
    recruiter_people: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for c in counted:
        for name in names.get(c.id, set()) or ({c.recruiter_name} if c.recruiter_name else set()):  # type: ignore[arg-type]
            key = _name_key(name)
            if not key:
                continue
            shown.setdefault(key, name.strip())
            recruiter_cases[key] += 1
            recruiter_people[key] += people_of[c.id]
    by_recruiter = [
        Row(shown[row.label], row.cases, row.people)
        for row in _rows(recruiter_cases, recruiter_people)
    ]

    # Days from report to repatriation, for everyone sent home in the period.
    home = session.exec(
        select(Person.repatriated_at, Case.created_at)
        .join(Case, col(Case.id) == col(Person.case_id))
        .where(col(Person.repatriated_at) >= low, col(Person.repatriated_at) < high)
    ).all()
    waits = [(back - reported).total_seconds() / 86400 for back, reported in home]

    per_day = Counter(c.created_at.astimezone(tz).date() for c in counted)
    days = (end - start).days + 1
    daily = [(start + timedelta(days=n), per_day[start + timedelta(days=n)]) for n in range(days)]

    return Report(
        kind=kind,
        start=start,
        end=end,
        cases=len(counted),
        people=sum(people_of[c.id] for c in counted),
        repatriated_people=len(waits),
        median_days=round(statistics.median(waits), 1) if waits else None,
        by_province=_rows(province_cases, province_people),
        by_regency=_rows(regency_cases, regency_people),
        by_status=[(s.value, status_counts[s]) for s in CaseStatus if status_counts[s]],
        by_outcome=[(s.value, outcome_counts[s]) for s in PersonStatus if outcome_counts[s]],
        by_recruiter=by_recruiter,
        daily=daily,
    )


# -- Rendering -------------------------------------------------------------------------------


def _row_lines(lang: str, rows: list[Row]) -> list[str]:
    shown = [
        t(lang, "report.row", label=r.label[:80], cases=r.cases, people=r.people)
        for r in rows[:TOP]
    ]
    if len(rows) > TOP:
        shown.append(t(lang, "digest.more", n=len(rows) - TOP))
    return shown or [t(lang, "digest.none")]


def render_lines(report: Report, lang: str, *, late: bool) -> list[str]:
    title = "report.weekly_title" if report.kind == WEEKLY else "report.monthly_title"
    lines = [
        t(lang, title, start=f"{report.start:%d-%m-%Y}", end=f"{report.end:%d-%m-%Y}"),
        *([t(lang, "report.late")] if late else []),
        t(
            lang,
            "report.totals",
            cases=report.cases,
            people=report.people,
            repatriated=report.repatriated_people,
        ),
        t(
            lang,
            "report.median",
            days=f"{report.median_days:g}" if report.median_days is not None else "—",
        ),
        "",
        t(lang, "report.by_province"),
        *_row_lines(lang, report.by_province),
        "",
        t(lang, "report.by_regency"),
        *_row_lines(lang, report.by_regency),
        "",
        t(lang, "report.by_status"),
        " · ".join(
            t(lang, "digest.status_count", status=msg(f"status.{s}"), n=n)
            for s, n in report.by_status
        )
        or t(lang, "digest.none"),
        t(lang, "report.by_outcome"),
        " · ".join(
            t(lang, "digest.status_count", status=msg(f"pstatus.{s}"), n=n)
            for s, n in report.by_outcome
        )
        or t(lang, "digest.none"),
        "",
        t(lang, "report.by_recruiter"),
        *_row_lines(lang, report.by_recruiter),
        "",
        t(lang, "report.see_file"),
    ]
    return lines


def _sheet_rows(rows: list[Row]) -> list[list[Any]]:
    return [[r.label, r.cases, r.people] for r in rows]


def report_sheets(
    report: Report, session: Session, policy: Policy
) -> tuple[list[Sheet], list[int]]:
    """Figures first, then every case and person of the period (as in an export)."""
    labels = ["Wilayah", "Kasus", "Orang"]
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
        Sheet("Kabupaten Asal", labels, _sheet_rows(report.by_regency)),
        Sheet(
            "Status",
            ["Status", "Kasus"],
            [[plain("id", msg(f"status.{s}")), n] for s, n in report.by_status],
        ),
        Sheet(
            "Hasil",
            ["Status Orang", "Orang"],
            [[plain("id", msg(f"pstatus.{s}")), n] for s, n in report.by_outcome],
        ),
        Sheet("Perekrut", ["Perekrut", "Kasus", "Orang"], _sheet_rows(report.by_recruiter)),
    ]
    detail = collect(session, start=report.start, end=report.end, tz=policy.tz)
    return figures + detail.sheets, detail.case_ids


def chart_png(report: Report, lang: str) -> bytes:
    from views.charts import cases_chart

    title = "report.weekly_chart" if report.kind == WEEKLY else "report.monthly_chart"
    return cases_chart(
        title=plain(
            lang, msg(title, start=f"{report.start:%d-%m-%Y}", end=f"{report.end:%d-%m-%Y}")
        ),
        daily_label=plain(lang, msg("report.chart_daily")),
        daily=report.daily,
        bars_label=plain(lang, msg("report.chart_province")),
        bars=[(row.label, row.people) for row in report.by_province[:TOP]],
    )


# -- Sending ---------------------------------------------------------------------------------


def run_report(
    session: Session, kind: str, now: datetime, policy: Policy, *, on_schedule: bool = False
) -> Report | None:
    """This week's (or month's) report, if due and not sent yet (commits).

    As for the digest, a run missed during downtime is caught up only once the bot has a
    history of digests (see models.digest.run_daily).
    """
    today = now.astimezone(policy.tz).date()
    due_day = period_start(kind, today)
    due = due_moment(due_day, policy)
    if now < due:
        return None
    if session.get(DigestRun, (due_day, kind)) is not None:
        return None
    if not (on_schedule and today == due_day) and not has_history(session, due_day):
        return None
    late = now - due > LATE_AFTER
    if not claim_run(session, kind=kind, day=due_day, now=now, late=late):
        session.rollback()
        return None
    start, end = covered(kind, due_day)
    report = compute(session, kind=kind, start=start, end=end, policy=policy)
    sheets, case_ids = report_sheets(report, session, policy)
    workbook = xlsx_bytes(sheets)
    not_before = deliver_at(now, quiet=policy.quiet, tz=policy.tz, urgent=False)
    key = f"report:{kind}:{due_day.isoformat()}"
    charts: dict[str, bytes] = {}
    queued = 0
    recipients = admins(session)
    for admin in recipients:
        lang = admin.language
        common: dict[str, Any] = {
            "chat_id": admin.telegram_user_id,
            "account_id": admin.id,
            "not_before": not_before,
            "now": now,
        }
        for n, part in enumerate(split_message(render_lines(report, lang, late=late)), start=1):
            queued += enqueue(
                session, key=f"{key}:{admin.telegram_user_id}:{n}", text=part, **common
            )
        if lang not in charts:
            charts[lang] = chart_png(report, lang)
        queued += enqueue(
            session,
            key=f"{key}:{admin.telegram_user_id}:chart",
            kind="photo",
            text=t(lang, "report.chart_caption")[:CAPTION_LIMIT],
            blob=charts[lang],
            filename="grafik.png",
            **common,
        )
        queued += enqueue(
            session,
            key=f"{key}:{admin.telegram_user_id}:xlsx",
            kind="document",
            text=t(lang, "report.file_caption"),
            blob=workbook,
            filename=f"laporan-{kind}-{start:%Y%m%d}-{end:%Y%m%d}.xlsx",
            **common,
        )
    if recipients:
        record_access(
            session,
            case_ids,
            actor_id=None,
            now=now,
            what={"report": kind, "from": start.isoformat(), "to": end.isoformat()},
        )
    session.commit()
    logger.info("%s report for %s..%s queued (%d messages)", kind, start, end, queued)
    return report
