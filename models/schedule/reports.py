"""Weekly and monthly reports to the admins: figures for the period, a chart and an XLSX file.

The weekly summary (Monday, at the digest time) covers the previous Monday to Sunday; the
monthly report (the 1st) covers the previous calendar month. Cases are counted by the day
they were reported (rejected cases and duplicates left out of the figures), people by their
own rows and statuses (models.cases.headcount); repatriations by the day they happened. The
views (views/reports.py, handed down by bot/ as `ReportViews`) render the text, the chart
and the workbook. Each report goes out once: a `digest_run` row per period, as for the
daily digest, and a run missed while the bot was down is sent when it is back, marked late.
"""

from __future__ import annotations

import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from sqlmodel import Session, col, select

from models.cases.headcount import headcount, is_counted, people_by_status
from models.insights.export import Export, collect, record_access
from models.people.staff import admins
from models.reference import regions
from models.reference.periods import day_bounds
from models.schedule.digest import (
    LATE_AFTER,
    Delivery,
    Reader,
    claim_run,
    due_moment,
    has_history,
)
from models.schedule.followups import Policy
from models.schedule.ports import Upload
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

logger = logging.getLogger(__name__)

WEEKLY = "weekly"
MONTHLY = "monthly"


@dataclass(frozen=True)
class Row:
    label: str | None  # None: not known (a case without an origin)
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


class ReportViews(Protocol):
    """How a report reads (views/reports.py): the text in parts, the chart, the workbook."""

    def parts(self, report: Report, lang: str, *, late: bool) -> list[str]: ...

    def chart(self, report: Report, lang: str) -> Upload: ...

    def workbook(self, report: Report, cases: Export, lang: str) -> Upload:
        """The figures, then every case and person of the period (as in an export)."""
        ...


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


def _rows(counter_cases: Counter[str | None], counter_people: Counter[str | None]) -> list[Row]:
    return [
        Row(label, counter_cases[label], counter_people[label])
        for label in sorted(
            counter_cases, key=lambda k: (-counter_people[k], -counter_cases[k], k or "~")
        )
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
    ids = [c.id for c in cases if c.id is not None]
    people = headcount(session, ids)
    counted = [c for c in cases if is_counted(c)]

    province_cases: Counter[str | None] = Counter()
    province_people: Counter[str | None] = Counter()
    regency_cases: Counter[str | None] = Counter()
    regency_people: Counter[str | None] = Counter()
    for c in counted:
        province = regions.get(c.origin_province_code or "")
        regency = regions.get(c.origin_regency_code or "")
        p_label = province.name if province else None
        r_label = f"{regency.name}, {p_label}" if regency and p_label else p_label
        province_cases[p_label] += 1
        province_people[p_label] += people.of(c)
        regency_cases[r_label] += 1
        regency_people[r_label] += people.of(c)

    status_counts = Counter(c.status for c in cases)
    outcome_counts = people_by_status(session, counted)

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
    recruiter_cases: Counter[str | None] = Counter()
    recruiter_people: Counter[str | None] = Counter()
    shown: dict[str, str] = {}
    for c in counted:
        typed = {c.recruiter_name} if c.recruiter_name else set()
        for name in names.get(c.id or 0, set()) or typed:
            key = _name_key(name)
            if not key:
                continue
            shown.setdefault(key, name.strip())
            recruiter_cases[key] += 1
            recruiter_people[key] += people.of(c)
    by_recruiter = [
        Row(shown[row.label or ""], row.cases, row.people)
        for row in _rows(recruiter_cases, recruiter_people)
    ]

    # Days from report to repatriation, for everyone sent home in the period.
    home = session.exec(
        select(Person.repatriated_at, Case.created_at)
        .join(Case, col(Case.id) == col(Person.case_id))
        .where(col(Person.repatriated_at) >= low, col(Person.repatriated_at) < high)
    ).all()
    waits = [(back - reported).total_seconds() / 86400 for back, reported in home if back]

    per_day = Counter(c.created_at.astimezone(tz).date() for c in counted)
    days = (end - start).days + 1
    daily = [(start + timedelta(days=n), per_day[start + timedelta(days=n)]) for n in range(days)]
    total = people.count(cases)

    return Report(
        kind=kind,
        start=start,
        end=end,
        cases=total.cases,
        people=total.people,
        repatriated_people=len(waits),
        median_days=round(statistics.median(waits), 1) if waits else None,
        by_province=_rows(province_cases, province_people),
        by_regency=_rows(regency_cases, regency_people),
        by_status=[(s.value, status_counts[s]) for s in CaseStatus if status_counts[s]],
        by_outcome=[(s.value, outcome_counts[s]) for s in PersonStatus if outcome_counts[s]],
        by_recruiter=by_recruiter,
        daily=daily,
    )


# -- Sending ---------------------------------------------------------------------------------


def run_report(
    session: Session,
    kind: str,
    now: datetime,
    policy: Policy,
    *,
    views: ReportViews,
    on_schedule: bool = False,
) -> Report | None:
    """This week's (or month's) report, if due and not sent yet (commits).

    As for the digest, a run missed during downtime is caught up only once the bot has a
    history of digests (see models.schedule.digest.run_daily).
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
    detail = collect(session, start=start, end=end, tz=policy.tz)
    delivery = Delivery(
        session, now, deliver_at(now, quiet=policy.quiet, tz=policy.tz, urgent=False)
    )
    key = f"report:{kind}:{due_day.isoformat()}"
    rendered: dict[str, tuple[list[str], Upload, Upload]] = {}
    recipients = admins(session)
    for admin in recipients:
        lang = admin.language
        if lang not in rendered:
            rendered[lang] = (
                views.parts(report, lang, late=late),
                views.chart(report, lang),
                views.workbook(report, detail, lang),
            )
        parts, chart, workbook = rendered[lang]
        reader = Reader(admin.telegram_user_id, admin.id, lang, masked=False)
        mark = f"{key}:{admin.telegram_user_id}"
        for n, part in enumerate(parts, start=1):
            delivery.put(reader, f"{mark}:{n}", part)
        delivery.put(reader, f"{mark}:chart", chart.caption, kind="photo", upload=chart)
        delivery.put(reader, f"{mark}:xlsx", workbook.caption, kind="document", upload=workbook)
    if recipients:
        record_access(
            session,
            detail.case_ids,
            actor_id=None,
            now=now,
            what={"report": kind, "from": start.isoformat(), "to": end.isoformat()},
        )
    session.commit()
    logger.info("%s report for %s..%s queued (%d messages)", kind, start, end, delivery.queued)
    return report
