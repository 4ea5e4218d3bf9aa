"""A reporter's rights and retention, on both databases: what an erasure removes and keeps,
corrections, the audit entries without personal data, and the retention job run twice."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, col, select

from models.cases import lifecycle
from models.cases.lifecycle import NotAllowed
from models.cases.records import NewCase, create_case
from models.insights.stats import compute
from models.outbox.ports import Rendered
from models.outbox.queue import enqueue
from models.people.accounts import get_or_create_account
from models.privacy import erasure, rights
from models.privacy.retention import Retention, run_retention
from models.storage.db import Database
from models.storage.tables import (
    Account,
    Attachment,
    AuditEntry,
    Case,
    CaseErasure,
    CaseEvent,
    CaseStatus,
    Dialog,
    EventKind,
    Outbox,
    OutboxStatus,
    Person,
    PrivacyRequest,
    Role,
)
from views.privacy import PrivacyCallback, parse

NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
NIK = "5203011508900001"
PHONE = "+6281234567890"
NAME = "Siti Aminah"
STORY = "Kami ditinggal mandor di Kumai"
SECRETS = (NIK, PHONE, NAME, STORY, "Pak Joko", "PT Sawit Makmur", "Jl. Pelabuhan 7", "AgACfile")
RETENTION = Retention(closed_case_days=730, draft_days=30)


def _account(session: Session, telegram_id: int, role: Role) -> Account:
    account = get_or_create_account(
        session, telegram_user_id=telegram_id, language_code="id", now=NOW
    )
    account.role, account.display_name = role, f"Staf {telegram_id}"
    session.add(account)
    session.flush()
    return account


def _case(session: Session, reporter: Account, *, group: int = 3) -> Case:
    answers = {
        "full_name": NAME, "nik": NIK, "phone": PHONE, "birth_date": "1990-08-15",
        "location_text": "Jl. Pelabuhan 7", "latitude": -2.73, "longitude": 111.73,
        "origin_province": "52", "origin_regency": "52.03", "group_size": group,
        "recruiter_name": "Pak Joko", "employer": "PT Sawit Makmur", "story": STORY,
        "needs": ["transport"], "vulnerabilities": ["pregnant"],
        "files": [{"kind": "photo", "purpose": "ktp", "file_id": "AgACfile1", "unique_id": "u1"}],
    }  # fmt: skip
    case = create_case(session, NewCase(reporter, answers, None), now=NOW, year=2026)
    lifecycle.record_event(
        session, case, EventKind.MESSAGE_IN, actor=reporter, now=NOW, note=f"Saya {NAME}"
    )
    enqueue(
        session, key=f"told:{case.id}", chat_id=reporter.telegram_user_id, case_id=case.id,
        text=f"Halo {NAME}", now=NOW,
    )  # fmt: skip
    for row in session.exec(select(Outbox).where(Outbox.case_id == case.id)):
        row.status = OutboxStatus.SENT
        session.add(row)
    session.flush()
    return case


def _everything_stored(session: Session) -> str:
    """Every row of the tables that hold case data, as one text."""
    rows: list[object] = []
    for table in (Case, Person, Attachment, CaseEvent, Outbox, PrivacyRequest, AuditEntry):
        rows.extend(session.exec(select(table)).all())
    return "\n".join(repr(row.model_dump()) for row in rows)  # type: ignore[attr-defined]


def test_an_erasure_removes_personal_data_and_keeps_the_counts(db: Database) -> None:
    with db.session() as session:
        reporter = _account(session, 1, Role.REPORTER)
        staff = _account(session, 2, Role.STAFF)
        case = _case(session, reporter)
        session.add(Dialog(account_id=reporter.id or 0, chat_id=1, step="name", data={"nik": NIK}))
        session.commit()
        before = compute(session, start=date(2026, 1, 1), end=date(2026, 12, 31), tz=UTC)
        stored = _everything_stored(session)
        assert all(secret in stored for secret in SECRETS)  # the check below can fail

        request = rights.request_erasure(session, reporter, now=NOW)
        assert request.due_at == NOW + timedelta(hours=72)
        _, erased = erasure.confirm_erasure(session, request.id, actor=staff, now=NOW)
        session.commit()
        assert erased == 1

    with db.session() as session:
        stored = _everything_stored(session)
        assert [s for s in SECRETS if s in stored] == []
        after = compute(session, start=date(2026, 1, 1), end=date(2026, 12, 31), tz=UTC)
        assert (after.cases, after.people) == (before.cases, before.people) == (1, 3)
        kept = session.get(Case, case.id)
        assert kept is not None and kept.number == "KBR-2026-0001"
        assert (kept.status, kept.group_size, kept.origin_regency_code) == ("baru", 3, "52.03")
        assert session.exec(select(Attachment)).all() == []
        assert session.exec(select(Dialog)).all() == []
        assert session.get(CaseErasure, case.id) is not None
        assert session.get(PrivacyRequest, request.id).status == "erased"  # type: ignore[union-attr]
        actions = [e.action for e in session.exec(select(AuditEntry).order_by(col(AuditEntry.id)))]
        assert actions[-3:] == ["privacy.ask_erasure", "privacy.erase", "privacy.erasure_confirmed"]


def test_audit_entries_carry_ids_and_codes_only(db: Database) -> None:
    with db.session() as session:
        reporter = _account(session, 1, Role.REPORTER)
        staff = _account(session, 2, Role.STAFF)
        case = _case(session, reporter)
        lifecycle.record_event(session, case, EventKind.ACCESS, actor=staff, now=NOW)
        lifecycle.change_status(session, case, CaseStatus.DIVERIFIKASI, actor=staff, now=NOW)
        request = rights.request_correction(
            session, reporter, case, field_name="nik", raw="5203 0115 0890 0002", now=NOW
        )
        rights.decide_correction(session, request, actor=staff, apply=True, now=NOW)
        session.commit()
        entries = session.exec(select(AuditEntry).order_by(col(AuditEntry.id))).all()
        assert [(e.action, e.detail) for e in entries] == [
            ("case.view", None),
            ("case.status", "baru>diverifikasi"),
            ("privacy.ask_correction", "nik"),
            ("privacy.correction_applied", "nik"),
        ]
        text = repr([e.model_dump() for e in entries])
        assert "5203" not in text and NAME not in text and PHONE not in text
        person = session.exec(
            select(Person).where(Person.case_id == case.id, Person.position == 1)
        ).one()
        assert person.nik == "5203011508900002"
        assert session.get(PrivacyRequest, request.id).value is None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("field", "raw", "problem"),
    [("nik", "12345", "privacy.bad_nik"), ("phone", "abc", "privacy.bad_phone"),
     ("birth_date", "31-02-1990", "privacy.bad_date"), ("story", "x", "privacy.bad_field")],
)  # fmt: skip
def test_a_correction_that_cannot_be_right_is_refused(
    db: Database, field: str, raw: str, problem: str
) -> None:
    with db.session() as session:
        reporter = _account(session, 1, Role.REPORTER)
        case = _case(session, reporter)
        with pytest.raises(NotAllowed) as refused:
            rights.request_correction(session, reporter, case, field_name=field, raw=raw, now=NOW)
        assert refused.value.key == problem
        assert session.exec(select(PrivacyRequest)).all() == []


def test_my_data_holds_everything_about_the_reporter_only(db: Database) -> None:
    with db.session() as session:
        reporter = _account(session, 1, Role.REPORTER)
        other = _account(session, 3, Role.REPORTER)
        _case(session, reporter)
        theirs = create_case(
            session, NewCase(other, {"full_name": "Orang Lain"}, None), now=NOW, year=2026
        )
        assert theirs.number == "KBR-2026-0002"
        session.commit()
        mine = json.dumps(rights.my_data(session, reporter).as_json(), ensure_ascii=False)
        assert all(secret in mine for secret in SECRETS if secret != "AgACfile")
        assert "AgACfile" not in mine and "Orang Lain" not in mine  # no file ids, no strangers


def _close(session: Session, case: Case, staff: Account, when: datetime) -> None:
    lifecycle.change_status(session, case, CaseStatus.DITOLAK, actor=staff, now=when)


def test_retention_erases_old_closed_cases_and_old_drafts_once(db: Database) -> None:
    with db.session() as session:
        reporter = _account(session, 1, Role.REPORTER)
        staff = _account(session, 2, Role.STAFF)
        old = _case(session, reporter)
        recent = _case(session, reporter)
        still_open = _case(session, reporter)
        _close(session, old, staff, NOW - timedelta(days=731))
        _close(session, recent, staff, NOW - timedelta(days=10))
        session.add(Dialog(account_id=reporter.id or 0, chat_id=1, step="nik", data={"nik": NIK},
                           updated_at=NOW - timedelta(days=31)))  # fmt: skip
        session.add(Dialog(account_id=staff.id or 0, chat_id=2, step="nik", updated_at=NOW))
        session.commit()
        ids = (old.id, recent.id, still_open.id)

    def noop(message: object, lang: str) -> Rendered:
        raise AssertionError("no reminder is due")

    with db.session() as session:
        first = run_retention(session, NOW, RETENTION, renderer=noop)
    with db.session() as session:
        second = run_retention(session, NOW, RETENTION, renderer=noop)
        assert (first.erased_cases, first.deleted_drafts) == (1, 1)
        assert (second.erased_cases, second.deleted_drafts) == (0, 0)
        names = {p.case_id: p.full_name for p in session.exec(select(Person)) if p.position == 1}
        assert [names[i or 0] for i in ids] == ["", NAME, NAME]
        assert [d.account_id for d in session.exec(select(Dialog))] == [staff.id]
        erasures = session.exec(select(CaseErasure)).all()
        assert [(e.case_id, e.cause) for e in erasures] == [(old.id, "retention")]
        audit = session.exec(select(AuditEntry).where(AuditEntry.action == "privacy.erase")).all()
        assert [(a.case_id, a.actor_id) for a in audit] == [(old.id, None)]


def test_admins_are_reminded_once_a_day_before_the_deadline(db: Database) -> None:
    with db.session() as session:
        reporter = _account(session, 1, Role.REPORTER)
        _account(session, 2, Role.ADMIN)
        _account(session, 4, Role.ADMIN)
        _case(session, reporter)
        request = rights.request_erasure(session, reporter, now=NOW)
        session.commit()
        request_id = request.id

    def shown(message: object, lang: str) -> Rendered:
        return Rendered(f"due {message.request_id}")  # type: ignore[attr-defined]

    runs = []
    for hours in (47, 48, 49, 60):
        with db.session() as session:
            runs.append(
                run_retention(session, NOW + timedelta(hours=hours), RETENTION, renderer=shown)
            )
    assert [r.reminders for r in runs] == [0, 2, 0, 0]
    with db.session() as session:
        told = [o.chat_id for o in session.exec(select(Outbox)) if o.text == f"due {request_id}"]
        assert sorted(told) == [2, 4]


@pytest.mark.parametrize(
    ("raw", "parsed"),
    [
        ("pv:f:nik", PrivacyCallback("f", code="nik")),
        ("pv:del", PrivacyCallback("del")),
        ("pv:ok:12", PrivacyCallback("ok", 12)),
        ("pv:rj:12:law_enforcement", PrivacyCallback("rj", 12, "law_enforcement")),
        ("pv:f:story", None),  # not a field a reporter corrects here
        ("pv:rj:12:because", None),  # not a legal reason
        ("pv:er:x", None),
        ("pv:er:1234567890123", None),
        ("c:1:open", None),
    ],
)
def test_privacy_buttons_are_parsed_before_anything_is_done(
    raw: str, parsed: PrivacyCallback | None
) -> None:
    assert parse(raw) == parsed
