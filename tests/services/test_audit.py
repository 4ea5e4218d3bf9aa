"""The audit log, on both databases: what the team's actions record, the filters of /audit
and the CLI, and the CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from models.audit import log as audit
from models.cases import lifecycle
from models.cases.records import NewCase, create_case
from models.people import staff as team
from models.people.accounts import get_or_create_account
from models.storage.db import Database
from models.storage.tables import Account, AuditEntry, Case, EventKind, Role
from views.privacy import audit_csv

NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)


def _account(session: Session, telegram_id: int, role: Role, name: str | None = None) -> Account:
    account = get_or_create_account(
        session, telegram_user_id=telegram_id, language_code="id", now=NOW
    )
    account.role, account.display_name = role, name
    session.add(account)
    session.flush()
    return account


def _case(session: Session, reporter: Account) -> Case:
    answers = {"full_name": "Siti Aminah", "nik": "5203011508900001"}
    return create_case(session, NewCase(reporter, answers, None), now=NOW, year=2026)


def test_invitations_role_changes_and_deactivations_are_recorded(db: Database) -> None:
    with db.session() as session:
        admin = _account(session, 1, Role.ADMIN, "Kadis")
        newcomer = _account(session, 2, Role.REPORTER)
        audit.set_origin(session, 1)
        invite = team.create_invite(
            session, creator=admin, role=Role.STAFF, agency_id=None, now=NOW
        )
        audit.set_origin(session, 2)
        team.accept_invite(session, code=invite.code, account=newcomer, display_name="Rahmat",
                           now=NOW)  # fmt: skip
        audit.set_origin(session, 1)
        team.set_role(session, admin=admin, account=newcomer, role=Role.OFFICER, now=NOW)
        team.set_active(session, admin=admin, account=newcomer, active=False, now=NOW)
        session.commit()
        rows = session.exec(select(AuditEntry).order_by(col(AuditEntry.id))).all()
        assert [(r.action, r.actor_id, r.target_account_id, r.detail, r.chat_id) for r in rows] == [
            ("invite.create", admin.id, None, "staff", 1),
            ("invite.accept", newcomer.id, admin.id, "staff", 2),
            ("role.change", admin.id, newcomer.id, "officer", 1),
            ("role.deactivate", admin.id, newcomer.id, "officer", 1),
        ]


def test_the_filters_find_a_person_a_case_and_a_period(db: Database) -> None:
    with db.session() as session:
        reporter = _account(session, 5, Role.REPORTER)
        sri = _account(session, 6, Role.STAFF, "Sri Staf")
        budi = _account(session, 7, Role.STAFF, "Budi")
        first, second = _case(session, reporter), _case(session, reporter)
        for day, who, case in ((0, sri, first), (1, budi, first), (2, sri, second)):
            lifecycle.record_event(
                session, case, EventKind.ACCESS, actor=who, now=NOW + timedelta(days=day)
            )
        session.commit()

        def seen(filt: audit.AuditFilter) -> list[tuple[str | None, str | None]]:
            return [(line.actor_name, line.case_number) for line in audit.query(session, filt)]

        assert seen(audit.AuditFilter()) == [
            ("Sri Staf", "KBR-2026-0002"), ("Budi", "KBR-2026-0001"), ("Sri Staf", "KBR-2026-0001")
        ]  # fmt: skip
        assert seen(audit.AuditFilter(actor_id=sri.id)) == [
            ("Sri Staf", "KBR-2026-0002"), ("Sri Staf", "KBR-2026-0001")
        ]  # fmt: skip
        assert seen(audit.AuditFilter(case_id=second.id)) == [("Sri Staf", "KBR-2026-0002")]
        day_two = audit.AuditFilter(since=NOW + timedelta(days=1), until=NOW + timedelta(days=2))
        assert seen(day_two) == [("Budi", "KBR-2026-0001")]
        assert audit.find_actor(session, "#7") == budi
        assert audit.find_actor(session, "6") == sri  # account 6 does not exist: Telegram id 6
        assert audit.find_actor(session, "sri") == sri
        assert audit.find_actor(session, "nobody") is None
        # Typed by an admin: a superscript digit or a huge number finds nobody, and raises not
        for odd in ("²", "١٢", "9" * 30):
            assert audit.find_actor(session, odd) is None


def test_the_csv_has_one_row_per_entry_and_no_formulas(db: Database) -> None:
    with db.session() as session:
        admin = _account(session, 1, Role.ADMIN, "=HYPERLINK(1)")
        audit.record(session, actor_id=admin.id, action="case.view", now=NOW, chat_id=-100)
        audit.record(session, actor_id=None, action="privacy.erase", now=NOW, detail="retention")
        session.commit()
        lines = audit.query(session, audit.AuditFilter(), limit=None, newest_first=False)
    rows = list(csv.DictReader(io.StringIO(audit_csv(lines))))
    assert [(r["action"], r["actor_name"], r["chat_id"], r["detail"]) for r in rows] == [
        ("case.view", "'=HYPERLINK(1)", "-100", ""),
        ("privacy.erase", "", "", "retention"),
    ]
    assert rows[0]["time_utc"] == NOW.isoformat()
