"""The daily digest: what the team should know at the start of the day.

New cases since the last digest, open cases by status, urgent cases, overdue follow-ups with
their assignee, referrals waiting, repatriations in the last day, people versus cases (people
counted as everywhere, by models.cases.headcount), and new cases per day for a chart. The
views (views/digest.py, handed down by bot/ as `DigestViews`) render it for each reader: the
text in parts, the chart, and the full list as a file when the text shows only part of it.

In the staff group the digest is masked: a reporter's name shows as initials, and no NIK or
phone number appears anywhere in a digest. It goes out exactly once per day: the `digest_run`
row for the day is inserted in the same transaction as the messages it queues.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Protocol

from sqlalchemy import func
from sqlmodel import Session, col, select

from models.cases.headcount import count_people, headcount
from models.outbox.queue import enqueue
from models.people.staff import staff_members
from models.repatriation.due import PlanDue, departures_between, on_the_way
from models.schedule.followups import Policy
from models.schedule.ports import Upload
from models.schedule.quiet import at_local, deliver_at
from models.storage.db import insert_for
from models.storage.tables import (
    CLOSED_STATUSES,
    Account,
    Agency,
    Case,
    CaseStatus,
    DigestRun,
    Person,
    Referral,
)

logger = logging.getLogger(__name__)

DAILY = "daily"
# Past the digest time by more than this, a digest counts as late (the bot was down).
LATE_AFTER = timedelta(minutes=10)
CHART_DAYS = 30
STATUS_ORDER = [s.value for s in CaseStatus]


@dataclass(frozen=True)
class CaseLine:
    id: int
    number: str
    status: str
    urgent: bool
    origin_province: str | None
    origin_regency: str | None
    people: int
    assignee: str | None
    reporter_name: str | None
    created_at: datetime
    last_activity: datetime


@dataclass(frozen=True)
class Overdue:
    """A case past its rule: nobody took it for `waited`, or nothing happened for `waited`."""

    case: CaseLine
    unassigned: bool
    waited: timedelta


@dataclass(frozen=True)
class WaitingReferral:
    number: str
    agency: str
    since: datetime
    overdue: bool


@dataclass(frozen=True)
class Digest:
    day: date
    now: datetime
    since: datetime
    late: bool
    tz: tzinfo  # the office's, for the times shown
    due: time  # the time of day the digest is due
    new: list[CaseLine]
    open: list[CaseLine]
    urgent: list[CaseLine]
    overdue: list[Overdue]
    referrals: list[WaitingReferral]
    repatriated_people: int
    repatriated_cases: int
    year_cases: int
    year_people: int
    daily_new: list[tuple[date, int]]
    # Sending people home (models/repatriation/due.py): who leaves today and tomorrow, and
    # whose arrival nobody confirmed in time.
    departures_today: list[PlanDue] = field(default_factory=list)
    departures_tomorrow: list[PlanDue] = field(default_factory=list)
    arrivals_overdue: list[PlanDue] = field(default_factory=list)

    @property
    def open_by_status(self) -> list[tuple[str, int]]:
        counts = Counter(line.status for line in self.open)
        return [(s, counts[s]) for s in STATUS_ORDER if counts[s]]


class DigestViews(Protocol):
    """How a digest reads (views/digest.py): the text in parts, the chart, the full list."""

    def parts(self, digest: Digest, lang: str, *, masked: bool) -> list[str]:
        """The text, split into messages; `masked` for the staff group (initials only)."""
        ...

    def chart(self, digest: Digest, lang: str) -> Upload: ...

    def full_list(self, digest: Digest, lang: str, *, masked: bool) -> Upload | None:
        """Every open and new case as a file, when the text shows only part of a list."""
        ...


# -- Computing -------------------------------------------------------------------------------


def _reporter_names(session: Session, case_ids: list[int]) -> dict[int, str]:
    if not case_ids:
        return {}
    rows = session.exec(
        select(Person.case_id, Person.full_name)
        .where(col(Person.case_id).in_(case_ids))
        .order_by(col(Person.case_id), col(Person.position).desc(), col(Person.id).desc())
    ).all()
    # Ordered so that the first person (position 1) of each case is written last.
    return dict(rows)


def _names(session: Session, account_ids: set[int]) -> dict[int, str]:
    if not account_ids:
        return {}
    accounts = session.exec(select(Account).where(col(Account.id).in_(account_ids))).all()
    return {a.id: a.display_name or f"#{a.id}" for a in accounts if a.id is not None}


def _lines(session: Session, cases: list[Case]) -> list[CaseLine]:
    ids = [c.id for c in cases if c.id is not None]
    people = headcount(session, ids)
    reporters = _reporter_names(session, ids)
    names = _names(session, {c.assignee_id for c in cases if c.assignee_id is not None})
    return [
        CaseLine(
            id=c.id,
            number=c.number,
            status=c.status,
            urgent=c.urgent,
            origin_province=c.origin_province_code,
            origin_regency=c.origin_regency_code,
            people=people.of(c),
            assignee=names.get(c.assignee_id) if c.assignee_id else None,
            reporter_name=reporters.get(c.id),
            created_at=c.created_at,
            last_activity=c.last_activity_at or c.created_at,
        )
        for c in cases
        if c.id is not None
    ]


def _overdue(lines: list[CaseLine], now: datetime, policy: Policy) -> list[Overdue]:
    found: list[tuple[float, Overdue]] = []
    for line in lines:
        if line.assignee is None and line.status != CaseStatus.DIPULANGKAN:
            after = policy.unassigned_urgent_after if line.urgent else policy.unassigned_after
            waited = now - line.created_at
            if waited >= after:
                found.append((waited / after, Overdue(line, unassigned=True, waited=waited)))
                continue
        idle = now - line.last_activity
        if line.status != CaseStatus.DIPULANGKAN and idle >= policy.idle_after:
            found.append((idle / policy.idle_after, Overdue(line, unassigned=False, waited=idle)))
    # The most overdue (relative to its rule) first; urgent cases before others.
    found.sort(key=lambda item: (not item[1].case.urgent, -item[0]))
    return [overdue for _, overdue in found]


def compute(
    session: Session,
    *,
    now: datetime,
    since: datetime,
    day: date,
    late: bool,
    policy: Policy,
) -> Digest:
    tz = policy.tz
    open_cases = list(
        session.exec(
            select(Case)
            .where(col(Case.status).not_in(list(CLOSED_STATUSES)))
            .order_by(col(Case.created_at), col(Case.id))
        )
    )
    new_cases = list(
        session.exec(
            select(Case)
            .where(col(Case.created_at) >= since, col(Case.created_at) <= now)
            .order_by(col(Case.urgent).desc(), col(Case.created_at), col(Case.id))
        )
    )
    lines = {line.id: line for line in _lines(session, open_cases + new_cases)}
    open_lines = [lines[c.id] for c in open_cases if c.id is not None]
    # Urgent first, then the oldest (the longest waiting).
    open_lines.sort(key=lambda line: (not line.urgent, line.created_at))

    referral_rows = session.exec(
        select(Referral, Case, Agency)
        .join(Case, col(Case.id) == col(Referral.case_id))
        .join(Agency, col(Agency.id) == col(Referral.agency_id))
        .where(col(Referral.done_at).is_(None), col(Case.status).not_in(list(CLOSED_STATUSES)))
        .order_by(col(Referral.created_at))
    ).all()
    referrals = [
        WaitingReferral(
            case.number,
            agency.name,
            referral.created_at,
            now - referral.created_at >= policy.referral_after,
        )
        for referral, case, agency in referral_rows
    ]

    repatriated = session.exec(
        select(Person.case_id).where(
            col(Person.repatriated_at) >= now - timedelta(days=1),
            col(Person.repatriated_at) < now,
        )
    ).all()

    year_start = at_local(date(day.year, 1, 1), datetime.min.time(), tz)
    year_cases = list(session.exec(select(Case).where(col(Case.created_at) >= year_start)))
    year = count_people(session, year_cases)

    first_day = day - timedelta(days=CHART_DAYS - 1)
    created = session.exec(
        select(Case.created_at).where(
            col(Case.created_at) >= at_local(first_day, datetime.min.time(), tz),
            col(Case.created_at) < now,
        )
    ).all()
    per_day = Counter(moment.astimezone(tz).date() for moment in created)
    chart_days = [first_day + timedelta(days=n) for n in range(CHART_DAYS)]
    midnights = [at_local(day + timedelta(days=n), time(0, 0), tz) for n in range(3)]

    return Digest(
        day=day,
        now=now,
        since=since,
        late=late,
        tz=tz,
        due=policy.digest_time,
        new=[lines[c.id] for c in new_cases if c.id is not None],
        open=open_lines,
        urgent=[line for line in open_lines if line.urgent],
        overdue=_overdue(open_lines, now, policy),
        referrals=referrals,
        repatriated_people=len(repatriated),
        repatriated_cases=len(set(repatriated)),
        year_cases=year.cases,
        year_people=year.people,
        daily_new=[(d, per_day[d]) for d in chart_days],
        departures_today=departures_between(session, midnights[0], midnights[1]),
        departures_tomorrow=departures_between(session, midnights[1], midnights[2]),
        arrivals_overdue=[
            plan
            for plan in on_the_way(session)
            if now >= plan.last_departure + policy.arrival_overdue_after
        ],
    )


# -- Sending ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reader:
    chat_id: int
    account_id: int | None
    lang: str
    masked: bool


def readers(session: Session, policy: Policy) -> list[Reader]:
    """Active staff and admins who did not turn it off, and the staff group (masked)."""
    found = [
        Reader(a.telegram_user_id, a.id, a.language, masked=False)
        for a in staff_members(session)
        if a.digest_enabled
    ]
    if policy.staff_chat_id is not None:
        found.append(Reader(policy.staff_chat_id, None, "id", masked=True))
    return found


@dataclass
class Delivery:
    """Queues the messages, photos and documents of a digest or a report (no commit)."""

    session: Session
    now: datetime
    not_before: datetime | None = None
    queued: int = 0

    def put(
        self,
        reader: Reader,
        key: str,
        text: str,
        *,
        kind: str = "message",
        upload: Upload | None = None,
    ) -> None:
        self.queued += enqueue(
            self.session,
            key=key,
            chat_id=reader.chat_id,
            account_id=reader.account_id,
            text=text,
            kind=kind,
            blob=upload.content if upload else None,
            filename=upload.filename if upload else None,
            not_before=self.not_before,
            now=self.now,
        )


def enqueue_digest(
    session: Session,
    digest: Digest,
    to: list[Reader],
    *,
    key: str,
    views: DigestViews,
    not_before: datetime | None = None,
) -> int:
    """Queues the digest for each reader: the text in parts, the chart, the file if needed."""
    charts: dict[str, Upload] = {}
    files: dict[tuple[str, bool], Upload | None] = {}
    delivery = Delivery(session, digest.now, not_before)
    for reader in to:
        mark = f"{key}:{reader.chat_id}"
        parts = views.parts(digest, reader.lang, masked=reader.masked)
        for n, part in enumerate(parts, start=1):
            delivery.put(reader, f"{mark}:{n}", part)
        if reader.lang not in charts:
            charts[reader.lang] = views.chart(digest, reader.lang)
        chart = charts[reader.lang]
        delivery.put(reader, f"{mark}:chart", chart.caption, kind="photo", upload=chart)
        variant = (reader.lang, reader.masked)
        if variant not in files:
            files[variant] = views.full_list(digest, reader.lang, masked=reader.masked)
        if (listing := files[variant]) is not None:
            delivery.put(reader, f"{mark}:file", listing.caption, kind="document", upload=listing)
    return delivery.queued


def _previous_run(session: Session, kind: str, before: date) -> datetime | None:
    return session.exec(
        select(func.max(col(DigestRun.created_at))).where(
            DigestRun.kind == kind, col(DigestRun.day) < before
        )
    ).one()


def claim_run(session: Session, *, kind: str, day: date, now: datetime, late: bool) -> bool:
    """Takes the run for (kind, day); False if it was already done (by us or another process)."""
    inserted = session.execute(
        insert_for(session, DigestRun)
        .values(day=day, kind=kind, created_at=now, late=late)
        .on_conflict_do_nothing(index_elements=["day", "kind"])
        .returning(col(DigestRun.day))
    ).scalar_one_or_none()
    return inserted is not None


def due_moment(day: date, policy: Policy) -> datetime:
    return at_local(day, policy.digest_time, policy.tz)


def has_history(session: Session, today: date) -> bool:
    """Digests went out on an earlier day: the bot was running before."""
    earlier = select(col(DigestRun.day)).where(col(DigestRun.day) < today)
    return session.exec(earlier).first() is not None


def run_daily(
    session: Session,
    now: datetime,
    policy: Policy,
    *,
    views: DigestViews,
    on_schedule: bool = False,
) -> Digest | None:
    """Today's digest, if its time has come and nobody sent it yet (commits).

    After downtime over the digest time it goes out once when the bot is back, marked late.
    A new installation starts with the first digest time it is running for (`on_schedule`:
    called by the trigger at that time), not with a digest the moment it first starts.
    """
    day = now.astimezone(policy.tz).date()
    due = due_moment(day, policy)
    if now < due:
        return None
    if session.get(DigestRun, (day, DAILY)) is not None:
        return None
    if not on_schedule and not has_history(session, day):
        return None
    late = now - due > LATE_AFTER
    since = _previous_run(session, DAILY, day) or now - timedelta(days=1)
    if not claim_run(session, kind=DAILY, day=day, now=now, late=late):
        session.rollback()
        return None
    digest = compute(session, now=now, since=since, day=day, late=late, policy=policy)
    # A late digest that comes back in the night waits for the morning like any reminder.
    queued = enqueue_digest(
        session,
        digest,
        readers(session, policy),
        key=f"digest:{day.isoformat()}",
        views=views,
        not_before=deliver_at(now, quiet=policy.quiet, tz=policy.tz, urgent=False),
    )
    session.commit()
    logger.info("daily digest for %s queued (%d messages, late=%s)", day, queued, late)
    return digest


def send_now(
    session: Session,
    now: datetime,
    policy: Policy,
    *,
    views: DigestViews,
    to: list[Reader] | None = None,
) -> int:
    """A digest right now (`/digest`, `python -m bot digest --now`), outside the daily run.

    Asked for explicitly, so quiet hours do not hold it back.
    """
    day = now.astimezone(policy.tz).date()
    since = _previous_run(session, DAILY, day + timedelta(days=1)) or now - timedelta(days=1)
    if since >= now:
        since = now - timedelta(days=1)
    digest = compute(session, now=now, since=since, day=day, late=False, policy=policy)
    queued = enqueue_digest(
        session,
        digest,
        readers(session, policy) if to is None else to,
        key=f"digest-now:{now.timestamp():.0f}",
        views=views,
    )
    session.commit()
    return queued


def set_subscription(session: Session, account: Account, enabled: bool, now: datetime) -> None:
    account.digest_enabled = enabled
    account.updated_at = now
    session.add(account)
