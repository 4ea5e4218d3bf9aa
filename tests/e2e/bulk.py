"""Many cases at once, through the domain functions (fast; no conversation needed)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from models.cases.records import NewCase, create_case
from models.people.accounts import get_or_create_account
from models.storage.db import Database
from models.storage.tables import Case

ORIGINS = [("35", "35.09"), ("52", "52.03"), ("33", "33.01"), ("32", "32.05"), ("52", "52.02")]


def create_cases(
    db: Database, count: int, *, assignee_every: int = 0, assignee_id: int | None = None
) -> None:
    start = datetime(2024, 1, 5, 2, 0, tzinfo=UTC)
    with db.session() as session:
        for n in range(count):
            now = start + timedelta(days=n)
            reporter = get_or_create_account(
                session, telegram_user_id=700000 + n, language_code="id", now=now
            )
            province, regency = ORIGINS[n % len(ORIGINS)]
            case: Case = create_case(
                session,
                NewCase(
                    reporter=reporter,
                    answers={
                        "full_name": f"Warga Contoh {n}",
                        "origin_province": province,
                        "origin_regency": regency,
                        "group_size": 1 + n % 4,
                        "needs": ["transport"],
                        "vulnerabilities": ["sick"] if n % 5 == 0 else [],
                        "recruiter_name": f"Agen {n % 7}",
                    },
                    consent_id=None,
                ),
                now=now,
                year=2024,
            )
            if assignee_every and assignee_id and n % assignee_every == 0:
                case.assignee_id = assignee_id
                session.add(case)
        session.commit()
