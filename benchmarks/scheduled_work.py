"""Scale benchmark for the scheduled work: follow-up rules, the daily digest, a monthly
report and an export, over a year of cases far beyond Dinsos Kobar's ~200.

Builds the data in a fresh database, then times each piece as the scheduler runs it (domain
code only: Telegram is not involved; what is queued lands in the outbox).

    .venv/bin/python -m benchmarks.scheduled_work --cases 3000 --staff 30
    .venv/bin/python -m benchmarks.scheduled_work --cases 3000 --staff 30 \
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench

Targets (2-core machine, 3,000 cases of which about 1,500 open, 30 staff): a follow-up tick
under 2 s, the daily digest for everyone under 10 s, a monthly report under 5 s, a year's
export (XLSX and CSV) under 10 s, peak RSS under 300 MB. A PostgreSQL URL needs an empty
database. Results: benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import func
from sqlmodel import col, select

from models.cases.records import NewCase, create_case
from models.insights.export import export_cases
from models.people.accounts import get_or_create_account
from models.schedule.digest import run_daily
from models.schedule.followups import Policy, run_followups
from models.schedule.quiet import QuietHours
from models.schedule.reports import MONTHLY, run_report
from models.storage.crypto import DataCrypto
from models.storage.db import Database
from models.storage.migrate import upgrade
from models.storage.tables import Case, DigestRun, Outbox, Person, Role
from tests.conftest import TEST_DATA_KEY
from tests.services.followup_world import WIB
from views import digest as digest_views
from views import reports as report_views
from views.exports import file_bytes
from views.renderer import render

T = TypeVar("T")
NOW = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)  # 1 December 2026, 07:00 WIB
ORIGINS = [("52", "52.03"), ("52", "52.01"), ("35", "35.09"), ("35", "35.07"), ("33", "33.01")]
STATUSES = ["baru", "diverifikasi", "ditangani", "dirujuk", "dipulangkan", "selesai"]


def populate(db: Database, cases: int, staff: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with db.session() as session:
        team = []
        for n in range(staff):
            account = get_or_create_account(
                session, telegram_user_id=100_000 + n, language_code="id", now=NOW
            )
            account.role = Role.ADMIN if n < 3 else Role.STAFF
            account.display_name = f"Petugas {n}"
            team.append(account)
        session.flush()
        for n in range(cases):
            moment = NOW - timedelta(days=rng.uniform(0, 365))
            reporter = get_or_create_account(
                session, telegram_user_id=200_000 + n, language_code="id", now=moment
            )
            province, regency = rng.choice(ORIGINS)
            case = create_case(
                session,
                NewCase(
                    reporter=reporter,
                    answers={
                        "full_name": f"Warga {n}",
                        "nik": f"5203011508{n % 100:02d}{n % 10000:04d}",
                        "phone": f"+62812{n:08d}",
                        "origin_province": province,
                        "origin_regency": regency,
                        "group_size": rng.choice([1, 1, 1, 2, 3, 5]),
                        "recruiter_name": f"Agen {rng.randint(1, 40)}",
                        "vulnerabilities": ["sick"] if rng.random() < 0.1 else [],
                    },
                    consent_id=None,
                ),
                now=moment,
                year=moment.year,
            )
            # Older cases are further along.
            age = (NOW - moment).days
            case.status = STATUSES[min(len(STATUSES) - 1, age // 40 + rng.randint(0, 1))]
            case.last_activity_at = moment + timedelta(days=rng.uniform(0, min(age, 20)))
            if case.status != "baru" or rng.random() < 0.5:
                case.assignee_id = rng.choice(team).id
            if case.status in ("dipulangkan", "selesai"):
                back = case.last_activity_at
                case.repatriated_at = back
                for person in session.exec(select(Person).where(Person.case_id == case.id)):
                    person.status, person.repatriated_at = "dipulangkan", back
            if n % 500 == 0:
                session.flush()
        session.add(DigestRun(day=date(2026, 11, 30), kind="daily", created_at=NOW - timedelta(1)))
        session.commit()


def timed(label: str, work: Callable[[], T], results: list[tuple[str, float]]) -> T:
    start = time.perf_counter()
    value = work()
    results.append((label, time.perf_counter() - start))
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--staff", type=int, default=30)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.db'}"
        db = Database.from_url(url, DataCrypto.from_setting(TEST_DATA_KEY))
        upgrade(db.engine)
        results: list[tuple[str, float]] = []
        timed("populate", lambda: populate(db, args.cases, args.staff), results)
        policy = Policy(tz=WIB, quiet=QuietHours.parse("21:00-06:00"), staff_chat_id=-100)

        def session_run(work: Callable[[Any], T]) -> Callable[[], T]:
            def run() -> T:
                with db.session() as session:
                    return work(session)

            return run

        fired = timed(
            "follow-up tick",
            session_run(lambda s: run_followups(s, NOW, policy, renderer=render)),
            results,
        )
        timed(
            "follow-up tick again",
            session_run(lambda s: run_followups(s, NOW, policy, renderer=render)),
            results,
        )
        timed(
            "daily digest, everyone",
            session_run(lambda s: run_daily(s, NOW, policy, views=digest_views)),
            results,
        )
        timed(
            "monthly report",
            session_run(
                lambda s: run_report(s, MONTHLY, NOW, policy, views=report_views, on_schedule=True)
            ),
            results,
        )

        def export(session: Any) -> int:
            export = export_cases(
                session,
                start=date(2025, 12, 1),
                end=date(2026, 11, 30),
                tz=WIB,
                formats=("xlsx", "csv"),
                actor_id=None,
                via="benchmark",
                now=NOW,
            )
            files = [file_bytes(export, fmt) for fmt in ("xlsx", "csv")]
            session.commit()
            return sum(len(content) for _, content in files)

        size = timed("export a year (xlsx+csv)", session_run(export), results)
        with db.session() as session:
            open_cases = session.exec(
                select(func.count()).where(col(Case.status) != "selesai")
            ).one()
            queued = session.exec(select(func.count(col(Outbox.id)))).one()
        db.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"database: {url.split(':')[0]}, cases: {args.cases} ({open_cases} open), "
        f"staff: {args.staff}, reminders queued: {fired.total}, outbox rows: {queued}, "
        f"export: {size / 1e6:.1f} MB"
    )
    for label, seconds in results:
        print(f"{label:28s} {seconds:7.2f} s")
    print(f"peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
