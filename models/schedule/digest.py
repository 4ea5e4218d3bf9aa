"""The daily digest: what the team should know at the start of the day.

New cases since the last digest, open cases by status, urgent cases, overdue follow-ups with
their assignee, referrals waiting, repatriations in the last day, people versus cases; a chart
of the last 30 days; the full list as an attached file when the message would only show part.

In the staff group the digest is masked: a reporter's name shows as initials, and no NIK or
phone number appears anywhere in a digest. It goes out exactly once per day: the `digest_run`
row for the day is inserted in the same transaction as the messages it queues.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from models.insights.export import Sheet, csv_bytes
from models.intake.summary import origin_label
from models.outbox.queue import enqueue
from models.people.staff import staff_members
from models.reference.when import duration, local_date, local_datetime
from models.schedule.followups import Policy
from models.schedule.quiet import at_local, deliver_at
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
from models.texts import Msg, msg
from views.splitting import CAPTION_LIMIT, split_message
from views.text import plain, t

logger = logging.getLogger(__name__)

DAILY = "daily"
# Past the digest time by more than this, a digest counts as late (the bot was down).
LATE_AFTER = timedelta(minutes=10)
# Lines per list in the message; the attached file has all of them.
LIST_LIMIT = 10
CHART_DAYS = 30
STATUS_ORDER = [s.value for s in CaseStatus]


@dataclass(frozen=True)
class CaseLine:
    id: int
    number: str
    status: str
    urgent: bool
    origin: Msg | str
    people: int
    assignee: str | None
    reporter_name: str | None
    created_at: datetime
    last_activity: datetime


@dataclass(frozen=True)
class Overdue:
    case: CaseLine
    reason: Msg


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

    @property
    def open_by_status(self) -> list[tuple[str, int]]:
        counts = Counter(line.status for line in self.open)
        return [(s, counts[s]) for s in STATUS_ORDER if counts[s]]

    @property
    def truncated(self) -> bool:
        """Some list shows only its first lines: the full list goes along as a file."""
        return (
            any(
                len(items) > LIST_LIMIT
                for items in (self.new, self.urgent, self.overdue, self.referrals)
            )
            or len(self.open) > LIST_LIMIT
        )


# -- Computing -------------------------------------------------------------------------------


def _people_counts(session: Session, case_ids: list[int]) -> dict[int, int]:
    if not case_ids:
        return {}
    rows = session.exec(
        select(Person.case_id, func.count(col(Person.id)))
        .where(col(Person.case_id).in_(case_ids))
        .group_by(col(Person.case_id))
    ).all()
    return dict(rows)  # type: ignore[arg-type]


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
    people = _people_counts(session, ids)
    reporters = _reporter_names(session, ids)
    names = _names(session, {c.assignee_id for c in cases if c.assignee_id is not None})
    return [
        CaseLine(
            id=c.id,  # type: ignore[arg-type]
            number=c.number,
            status=c.status,
            urgent=c.urgent,
            origin=origin_label(c.origin_province_code, c.origin_regency_code),
            people=max(c.group_size, people.get(c.id, 0)),  # type: ignore[arg-type]
            assignee=names.get(c.assignee_id) if c.assignee_id else None,
            reporter_name=reporters.get(c.id),  # type: ignore[arg-type]
            created_at=c.created_at,
            last_activity=c.last_activity_at or c.created_at,
        )
        for c in cases
    ]


def _overdue(lines: list[CaseLine], now: datetime, policy: Policy) -> list[Overdue]:
    found: list[tuple[timedelta, Overdue]] = []
    for line in lines:
        if line.assignee is None and line.status != CaseStatus.DIPULANGKAN:
            after = policy.unassigned_urgent_after if line.urgent else policy.unassigned_after
            waited = now - line.created_at
            if waited >= after:
                reason = msg("digest.why_unassigned", age=duration(waited))
                found.append((waited / after, Overdue(line, reason)))
                continue
        idle = now - line.last_activity
        if line.status != CaseStatus.DIPULANGKAN and idle >= policy.idle_after:
            reason = msg("digest.why_idle", age=duration(idle))
            found.append((idle / policy.idle_after, Overdue(line, reason)))
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
    open_lines = [lines[c.id] for c in open_cases]  # type: ignore[index]
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
    year_cases = session.exec(
        select(Case.id, Case.group_size).where(
            col(Case.created_at) >= year_start,
            col(Case.status).not_in([CaseStatus.DITOLAK, CaseStatus.DUPLIKAT]),
        )
    ).all()
    year_people_counts = _people_counts(session, [cid for cid, _ in year_cases])  # type: ignore[misc]
    year_people = sum(max(size, year_people_counts.get(cid, 0)) for cid, size in year_cases)  # type: ignore[misc]

    first_day = day - timedelta(days=CHART_DAYS - 1)
    created = session.exec(
        select(Case.created_at).where(
            col(Case.created_at) >= at_local(first_day, datetime.min.time(), tz),
            col(Case.created_at) < now,
        )
    ).all()
    per_day = Counter(moment.astimezone(tz).date() for moment in created)
    daily_new = [(first_day + timedelta(days=n), 0) for n in range(CHART_DAYS)]
    daily_new = [(d, per_day[d]) for d, _ in daily_new]

    return Digest(
        day=day,
        now=now,
        since=since,
        late=late,
        new=[lines[c.id] for c in new_cases],  # type: ignore[index]
        open=open_lines,
        urgent=[line for line in open_lines if line.urgent],
        overdue=_overdue(open_lines, now, policy),
        referrals=referrals,
        repatriated_people=len(repatriated),
        repatriated_cases=len(set(repatriated)),
        year_cases=len(year_cases),
        year_people=year_people,
        daily_new=daily_new,
    )


# -- Rendering -------------------------------------------------------------------------------


def mask_name(name: str | None) -> str | None:
    """Initials only, for the staff group: "Siti Aminah" -> "S. A."."""
    if not name:
        return None
    return " ".join(f"{word[0]}." for word in name.split() if word[0].isalpha()) or None


def _who(line: CaseLine, masked: bool) -> str:
    name = mask_name(line.reporter_name) if masked else line.reporter_name
    return (name or "—")[:60]


def _case_line(lang: str, line: CaseLine, masked: bool, now: datetime) -> str:
    return t(
        lang,
        "digest.case_line",
        mark="🔴 " if line.urgent else "",
        number=line.number,
        status=msg(f"status.{line.status}"),
        who=_who(line, masked),
        origin=line.origin,
        people=line.people,
        assignee=line.assignee[:60] if line.assignee else msg("digest.nobody"),
    )


def _section(lang: str, header: str, items: list[str]) -> list[str]:
    shown = items[:LIST_LIMIT]
    rest = len(items) - len(shown)
    return ["", header, *shown, *([t(lang, "digest.more", n=rest)] if rest > 0 else [])]


def render_lines(digest: Digest, lang: str, *, masked: bool, policy: Policy) -> list[str]:
    """The digest as HTML lines (each complete in itself, so splitting never cuts a tag)."""
    tz = policy.tz
    now = digest.now
    lines = [
        t(lang, "digest.title", day=local_date(now, tz)),
        t(lang, "digest.since", since=local_datetime(digest.since, tz)),
    ]
    if digest.late:
        lines.append(
            t(lang, "digest.late", due=f"{policy.digest_time:%H:%M}", now=local_datetime(now, tz))
        )
    lines.append(
        t(
            lang,
            "digest.people_cases",
            new_cases=len(digest.new),
            new_people=sum(line.people for line in digest.new),
            open_cases=len(digest.open),
            open_people=sum(line.people for line in digest.open),
            year=digest.day.year,
            year_cases=digest.year_cases,
            year_people=digest.year_people,
        )
    )
    lines += _section(
        lang,
        t(lang, "digest.new_header", n=len(digest.new)),
        [_case_line(lang, line, masked, now) for line in digest.new] or [t(lang, "digest.none")],
    )
    by_status = " · ".join(
        t(lang, "digest.status_count", status=msg(f"status.{status}"), n=n)
        for status, n in digest.open_by_status
    )
    lines += [
        "",
        t(lang, "digest.open_header", n=len(digest.open)),
        by_status or t(lang, "digest.none"),
    ]
    lines += _section(
        lang,
        t(lang, "digest.urgent_header", n=len(digest.urgent)),
        [_case_line(lang, line, masked, now) for line in digest.urgent] or [t(lang, "digest.none")],
    )
    lines += _section(
        lang,
        t(lang, "digest.overdue_header", n=len(digest.overdue)),
        [
            t(
                lang,
                "digest.overdue_line",
                mark="🔴 " if item.case.urgent else "",
                number=item.case.number,
                reason=item.reason,
                assignee=item.case.assignee[:60] if item.case.assignee else msg("digest.nobody"),
            )
            for item in digest.overdue
        ]
        or [t(lang, "digest.none")],
    )
    lines += _section(
        lang,
        t(lang, "digest.referrals_header", n=len(digest.referrals)),
        [
            t(
                lang,
                "digest.referral_line",
                number=item.number,
                agency=item.agency,
                age=duration(now - item.since),
                late="⚠️" if item.overdue else "",
            )
            for item in digest.referrals
        ]
        or [t(lang, "digest.none")],
    )
    lines += [
        "",
        t(
            lang,
            "digest.repatriated",
            people=digest.repatriated_people,
            cases=digest.repatriated_cases,
        ),
    ]
    if digest.truncated:
        lines += ["", t(lang, "digest.see_file")]
    return lines


def chart_png(digest: Digest, lang: str) -> bytes:
    # matplotlib takes a second to import: only when a chart is drawn.
    from views.charts import cases_chart

    return cases_chart(
        title=plain(lang, msg("digest.chart_title", day=f"{digest.day:%d-%m-%Y}")),
        daily_label=plain(lang, msg("digest.chart_daily", days=CHART_DAYS)),
        daily=digest.daily_new,
        bars_label=plain(lang, msg("digest.chart_status")),
        bars=[(plain(lang, msg(f"status.{s}")), n) for s, n in digest.open_by_status],
    )


LIST_HEADERS = [
    "No. Kasus", "Tanggal Lapor (WIB)", "Status", "Mendesak", "Asal", "Jumlah Orang", "Pelapor",
    "Petugas", "Kegiatan Terakhir (WIB)", "Tindak Lanjut",
]  # fmt: skip


def list_file(digest: Digest, *, masked: bool, policy: Policy) -> bytes:
    """Every open case and every new one, as CSV (the names masked for the group)."""
    reasons = {item.case.id: plain("id", item.reason) for item in digest.overdue}
    seen: set[int] = set()
    rows: list[list[Any]] = []
    for line in digest.open + digest.new:
        if line.id in seen:
            continue
        seen.add(line.id)
        rows.append(
            [
                line.number,
                line.created_at.astimezone(policy.tz).replace(tzinfo=None),
                plain("id", msg(f"status.{line.status}")),
                "Ya" if line.urgent else "Tidak",
                plain("id", line.origin) if isinstance(line.origin, Msg) else line.origin,
                line.people,
                _who(line, masked),
                line.assignee or "",
                line.last_activity.astimezone(policy.tz).replace(tzinfo=None),
                reasons.get(line.id, ""),
            ]
        )
    return csv_bytes(Sheet("Daftar", LIST_HEADERS, rows))


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


def enqueue_digest(
    session: Session,
    digest: Digest,
    to: list[Reader],
    *,
    key: str,
    policy: Policy,
    not_before: datetime | None = None,
) -> int:
    """Queues the digest for each reader: the text in parts, the chart, the file if needed."""
    now = digest.now
    charts: dict[str, bytes] = {}
    files: dict[bool, bytes] = {}
    queued = 0
    for reader in to:
        parts = split_message(
            render_lines(digest, reader.lang, masked=reader.masked, policy=policy)
        )
        common = {
            "chat_id": reader.chat_id,
            "account_id": reader.account_id,
            "not_before": not_before,
            "now": now,
        }
        for n, part in enumerate(parts, start=1):
            queued += enqueue(session, key=f"{key}:{reader.chat_id}:{n}", text=part, **common)
        if reader.lang not in charts:
            charts[reader.lang] = chart_png(digest, reader.lang)
        caption = t(reader.lang, "digest.chart_caption", days=CHART_DAYS)[:CAPTION_LIMIT]
        queued += enqueue(
            session,
            key=f"{key}:{reader.chat_id}:chart",
            kind="photo",
            text=caption,
            blob=charts[reader.lang],
            filename="grafik.png",
            **common,
        )
        if digest.truncated:
            if reader.masked not in files:
                files[reader.masked] = list_file(digest, masked=reader.masked, policy=policy)
            queued += enqueue(
                session,
                key=f"{key}:{reader.chat_id}:file",
                kind="document",
                text=t(reader.lang, "digest.file_caption", n=len(digest.open)),
                blob=files[reader.masked],
                filename=f"ringkasan-{digest.day:%Y-%m-%d}.csv",
                **common,
            )
    return queued


def _previous_run(session: Session, kind: str, before: date) -> datetime | None:
    return session.exec(
        select(func.max(DigestRun.created_at)).where(
            DigestRun.kind == kind, col(DigestRun.day) < before
        )
    ).one()


def claim_run(session: Session, *, kind: str, day: date, now: datetime, late: bool) -> bool:
    """Takes the run for (kind, day); False if it was already done (by us or another process)."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    inserted = session.execute(
        insert(DigestRun)
        .values(day=day, kind=kind, created_at=now, late=late)
        .on_conflict_do_nothing(index_elements=["day", "kind"])
        .returning(DigestRun.day)
    ).scalar_one_or_none()
    return inserted is not None


def due_moment(day: date, policy: Policy) -> datetime:
    return at_local(day, policy.digest_time, policy.tz)


def has_history(session: Session, today: date) -> bool:
    """Digests went out on an earlier day: the bot was running before."""
    return session.exec(select(DigestRun.day).where(col(DigestRun.day) < today)).first() is not None


def run_daily(
    session: Session, now: datetime, policy: Policy, *, on_schedule: bool = False
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
        policy=policy,
        not_before=deliver_at(now, quiet=policy.quiet, tz=policy.tz, urgent=False),
    )
    session.commit()
    logger.info("daily digest for %s queued (%d messages, late=%s)", day, queued, late)
    return digest


def send_now(
    session: Session, now: datetime, policy: Policy, *, to: list[Reader] | None = None
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
        policy=policy,
    )
    session.commit()
    return queued


def set_subscription(session: Session, account: Account, enabled: bool, now: datetime) -> None:
    account.digest_enabled = enabled
    account.updated_at = now
    session.add(account)
