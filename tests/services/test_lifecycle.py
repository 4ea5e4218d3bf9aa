"""Case lifecycle rules, on both databases: transitions, checklist, override, reopen, roles."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from models.cases import lifecycle
from models.cases.lifecycle import CHECKLIST, TRANSITIONS, NotAllowed
from models.cases.notices import enqueue_new_case_notices
from models.cases.records import NewCase, create_case
from models.people.accounts import get_or_create_account
from models.storage.db import Database
from models.storage.tables import (
    Account,
    Agency,
    Case,
    CaseEvent,
    CaseStatus,
    EventKind,
    Outbox,
    PersonStatus,
    Role,
)
from views.renderer import render

NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)


def _account(session: Session, telegram_id: int, role: Role, agency: int | None = None) -> Account:
    account = get_or_create_account(
        session, telegram_user_id=telegram_id, language_code="id", now=NOW
    )
    account.role, account.agency_id, account.display_name = role, agency, f"#{telegram_id}"
    session.add(account)
    session.flush()
    return account


def _case(session: Session, members: int = 1) -> Case:
    reporter = _account(session, 1, Role.REPORTER)
    answers = {"full_name": "Siti", "needs": ["transport"], "group_size": members}
    if members > 1:
        answers["members"] = [
            {"full_name": f"Anggota {n}", "vulnerabilities": []} for n in range(members)
        ]
    return create_case(session, NewCase(reporter, answers, None), now=NOW, year=2026)


def _tick_all(session: Session, case: Case, actor: Account) -> None:
    for entry in CHECKLIST:
        if entry.required:
            lifecycle.toggle_checklist(session, case, entry.code, actor=actor, now=NOW)


@pytest.mark.parametrize("start", list(CaseStatus))
def test_only_the_listed_transitions_are_allowed(db: Database, start: CaseStatus) -> None:
    with db.session() as session:
        staff = _account(session, 2, Role.STAFF)
        for target in CaseStatus:
            case = _case(session)
            case.status = start
            _tick_all(session, case, staff)
            if target in TRANSITIONS[start]:
                lifecycle.change_status(session, case, target, actor=staff, now=NOW)
                assert case.status == target
            else:
                with pytest.raises(NotAllowed):
                    lifecycle.change_status(session, case, target, actor=staff, now=NOW)


def test_sending_home_needs_the_required_procedure_or_an_admins_reason(db: Database) -> None:
    with db.session() as session:
        staff, admin = _account(session, 2, Role.STAFF), _account(session, 3, Role.ADMIN)
        case = _case(session, members=3)
        case.status = CaseStatus.DITANGANI
        with pytest.raises(NotAllowed) as refused:
            lifecycle.change_status(session, case, CaseStatus.DIPULANGKAN, actor=staff, now=NOW)
        assert refused.value.key == "case.checklist_open"
        with pytest.raises(NotAllowed):  # staff can't override, even with a reason
            lifecycle.change_status(
                session, case, CaseStatus.DIPULANGKAN, actor=staff, now=NOW, override_reason="x"
            )
        people = lifecycle.people_of(session, case.id)  # type: ignore[arg-type]
        lifecycle.set_person_status(
            session, case, people[0], PersonStatus.DIRAWAT, actor=staff, now=NOW
        )
        lifecycle.change_status(
            session, case, CaseStatus.DIPULANGKAN, actor=admin, now=NOW,
            override_reason="Tiket kapal hari ini, surat polisi menyusul",
        )  # fmt: skip
        assert case.status == CaseStatus.DIPULANGKAN and case.repatriated_at == NOW
        # The one in hospital stays in hospital; the others are sent home.
        assert [p.status for p in people] == ["dirawat", "dipulangkan", "dipulangkan"]
        override = session.exec(select(CaseEvent).where(CaseEvent.kind == EventKind.OVERRIDE)).one()
        assert override.actor_id == admin.id and "surat polisi" in (override.note or "")
        assert set(override.data["skipped"]) == {e.code for e in CHECKLIST if e.required}


def test_reopening_needs_a_closed_case_and_a_reason(db: Database) -> None:
    with db.session() as session:
        staff = _account(session, 2, Role.STAFF)
        case = _case(session)
        with pytest.raises(NotAllowed):
            lifecycle.reopen(session, case, actor=staff, now=NOW, reason="lagi")
        case.status = CaseStatus.SELESAI
        with pytest.raises(NotAllowed):
            lifecycle.reopen(session, case, actor=staff, now=NOW, reason="  ")
        lifecycle.reopen(session, case, actor=staff, now=NOW, reason="Datang lagi ke kantor")
        assert case.status == CaseStatus.DITANGANI and case.closed_at is None


def test_roles_decide_who_may_act(db: Database) -> None:
    with db.session() as session:
        agency = session.exec(select(Agency).where(Agency.code == "dinkes")).one()
        partner = _account(session, 4, Role.PARTNER, agency.id)
        officer = _account(session, 5, Role.OFFICER)
        reporter = _account(session, 1, Role.REPORTER)
        case = _case(session)
        for actor in (partner, officer, reporter):
            with pytest.raises(NotAllowed):
                lifecycle.change_status(
                    session, case, CaseStatus.DIVERIFIKASI, actor=actor, now=NOW
                )
            with pytest.raises(NotAllowed):
                lifecycle.take(session, case, actor=actor, now=NOW)
        case.assignee_id = officer.id  # an officer handles what is assigned to them
        lifecycle.change_status(session, case, CaseStatus.DIVERIFIKASI, actor=officer, now=NOW)
        lifecycle.add_note(session, case, actor=partner, text="catatan mitra", now=NOW)


def test_a_referral_tells_the_agencys_partners_and_only_them(db: Database) -> None:
    with db.session() as session:
        agencies = {a.code: a for a in session.exec(select(Agency))}
        staff = _account(session, 2, Role.STAFF)
        health = _account(session, 4, Role.PARTNER, agencies["dinkes"].id)
        _account(session, 6, Role.PARTNER, agencies["polres"].id)
        case = _case(session)
        case.status = CaseStatus.DIVERIFIKASI
        referral = lifecycle.refer(
            session, case, agencies["dinkes"], actor=staff, now=NOW, note="hamil", renderer=render
        )
        assert case.status == CaseStatus.DIRUJUK
        session.commit()
        told = session.exec(select(Outbox).where(Outbox.key.startswith("referral:"))).all()  # type: ignore[attr-defined]
        assert [o.chat_id for o in told] == [health.telegram_user_id]
        with pytest.raises(NotAllowed):  # another agency's partner can't close it
            police = session.exec(select(Account).where(Account.telegram_user_id == 6)).one()
            lifecycle.referral_done(session, referral, case, actor=police, now=NOW, renderer=render)
        lifecycle.referral_done(session, referral, case, actor=health, now=NOW, renderer=render)
        assert referral.done_at == NOW


def test_without_a_staff_group_every_staff_member_gets_the_notice_once(db: Database) -> None:
    with db.session() as session:
        staff, admin = _account(session, 2, Role.STAFF), _account(session, 3, Role.ADMIN)
        _account(session, 5, Role.OFFICER)
        case = _case(session)
        assert (
            enqueue_new_case_notices(session, case, staff_chat_id=None, now=NOW, renderer=render)
            == 2
        )
        assert (
            enqueue_new_case_notices(session, case, staff_chat_id=None, now=NOW, renderer=render)
            == 0
        )
        session.commit()
        chats = sorted(o.chat_id for o in session.exec(select(Outbox)))
        assert chats == sorted([staff.telegram_user_id, admin.telegram_user_id])
