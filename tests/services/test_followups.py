"""Follow-up rules with a controllable clock: each fires at its time, only then, and once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlmodel import col, select

from models.outbox.queue import claim_due
from models.schedule.followups import run_followups
from models.schedule.responses import NotAllowed, record_checkin, snooze
from models.storage.db import Database
from models.storage.tables import (
    Account,
    Case,
    CaseEvent,
    CaseSource,
    EventKind,
    Outbox,
    OutboxStatus,
    Role,
)
from tests.services.followup_world import NIK, PHONE, STAFF_CHAT, T0, World, later, policy
from views.case_buttons import Action, case_data, checkin_data
from views.renderer import render


def run(db: Database, at, **overrides) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with db.session() as session:
        return run_followups(session, at, policy(**overrides), renderer=render).counts


def callbacks(row: Outbox) -> list[str]:
    assert row.reply_markup is not None
    return [b["callback_data"] for line in row.reply_markup["inline_keyboard"] for b in line]


@pytest.fixture
def world(db: Database) -> World:
    return World(db)


def test_an_untaken_case_reminds_the_group_after_2_hours_then_every_staff_member(
    world: World, db: Database
) -> None:
    ani = world.member("Ani", Role.STAFF)
    boss = world.member("Bu Kadis", Role.ADMIN)
    world.member("Petugas lapangan", Role.OFFICER)
    case = world.case(at=T0, name="Siti Aminah")

    assert run(db, later(hours=1, minutes=59)) == {}
    assert run(db, later(hours=2)) == {"unassigned": 1}
    (group,) = world.outbox("fu:unassigned")
    assert group.chat_id == STAFF_CHAT
    assert "KBR-2026-0001" in group.text and "2 jam" in group.text
    # The group sees no name, NIK or phone.
    for secret in ("Siti", NIK, PHONE, "81234567890"):
        assert secret not in group.text
    assert callbacks(group) == [
        case_data(case.id, Action.TAKE),  # type: ignore[arg-type]
        case_data(case.id, Action.OPEN),  # type: ignore[arg-type]
        case_data(case.id, Action.SNOOZE),  # type: ignore[arg-type]
    ]
    # Firing again changes nothing.
    assert run(db, later(hours=3)) == {}
    # After twice as long: every staff member and admin in private, once.
    assert run(db, later(hours=4)) == {"unassigned": 2}
    assert run(db, later(hours=5)) == {}
    private = {row.chat_id for row in world.outbox("fu:unassigned") if row.chat_id > 0}
    assert private == {ani.telegram_user_id, boss.telegram_user_id}
    with db.session() as session:
        events = session.exec(select(CaseEvent).where(CaseEvent.kind == EventKind.REMINDER)).all()
        fresh = session.get(Case, case.id)
    assert [e.data["rule"] for e in events] == ["unassigned", "unassigned_staff"]
    # A reminder is not activity.
    assert fresh is not None and fresh.last_activity_at == T0


def test_urgent_cases_are_reminded_after_30_minutes_and_through_quiet_hours(
    world: World, db: Database
) -> None:
    # 20:40 WIB: the reminder falls at 21:10, inside quiet hours.
    evening = later(hours=11, minutes=40)
    world.case(at=evening, urgent=True)
    world.case(at=evening, urgent=False, name="Budi")
    assert run(db, evening + timedelta(minutes=29)) == {}
    assert run(db, evening + timedelta(minutes=30)) == {"unassigned": 1}
    (row,) = world.outbox("fu:unassigned")
    assert row.urgent and "MENDESAK" in row.text
    assert row.not_before == evening + timedelta(minutes=30)


def test_a_taken_case_is_not_reminded_as_untaken(world: World, db: Database) -> None:
    ani = world.member("Ani", Role.STAFF)
    world.case(at=T0, assignee=ani)
    assert run(db, later(hours=5)) == {}


def test_without_a_staff_group_every_staff_member_is_reminded_at_once(
    world: World, db: Database
) -> None:
    world.member("Ani", Role.STAFF)
    world.member("Budi", Role.STAFF)
    world.case(at=T0)
    assert run(db, later(hours=2), staff_chat_id=None) == {"unassigned": 2}
    assert run(db, later(hours=9), staff_chat_id=None) == {}


def test_an_idle_case_reminds_its_assignee_then_the_admins(world: World, db: Database) -> None:
    ani = world.member("Ani", Role.STAFF)
    boss = world.member("Bu Kadis", Role.ADMIN)
    case = world.case(at=T0, assignee=ani, status="ditangani")

    assert run(db, later(days=2) - timedelta(minutes=1)) == {}
    assert run(db, later(days=2)) == {"idle": 1}
    (row,) = world.outbox("fu:idle")
    assert row.chat_id == ani.telegram_user_id and "2 hari" in row.text
    # The assignee has the case already: open and snooze, no "take".
    assert callbacks(row) == [
        case_data(case.id, Action.OPEN),  # type: ignore[arg-type]
        case_data(case.id, Action.SNOOZE),  # type: ignore[arg-type]
    ]
    assert run(db, later(days=3)) == {}
    assert run(db, later(days=4)) == {"idle": 1}
    escalation = world.outbox("fu:idle")[-1]
    assert escalation.chat_id == boss.telegram_user_id and "Ani" in escalation.text
    # New activity starts a new idle period: reminded again two days after it.
    world.touch(case, later(days=5))
    assert run(db, later(days=6)) == {}
    assert run(db, later(days=7)) == {"idle": 1}


def test_repatriated_and_closed_cases_are_not_idle(world: World, db: Database) -> None:
    ani = world.member("Ani", Role.STAFF)
    world.case(at=T0, assignee=ani, status="dipulangkan")
    world.case(at=T0, assignee=ani, status="selesai", name="Budi")
    world.case(at=T0, assignee=ani, status="ditolak", name="Joko")
    assert run(db, later(days=30)) == {}


def test_a_snooze_holds_every_reminder_of_the_case_for_a_day(world: World, db: Database) -> None:
    ani = world.member("Ani", Role.STAFF)
    reporter = world.member("pelapor", Role.REPORTER)
    case = world.case(at=T0, reporter=reporter)
    assert run(db, later(hours=2)) == {"unassigned": 1}
    with db.session() as session:
        fresh = session.get(Case, case.id)
        assert fresh is not None
        with pytest.raises(NotAllowed):
            snooze(session, fresh, actor=reporter, now=later(hours=3))
        until = snooze(session, fresh, actor=ani, now=later(hours=3))
        session.commit()
    assert until == later(hours=3, days=1)
    # Not at four hours (staff in private would be due), not until the snooze ends.
    assert run(db, later(hours=4)) == {}
    assert run(db, later(hours=26, minutes=59)) == {}
    # Then once more, group and staff at once (the case has waited long enough for both).
    assert run(db, later(hours=27)) == {"unassigned": 2}
    assert run(db, later(hours=28)) == {}


def test_a_waiting_referral_reminds_the_agency_partners_and_the_assignee(
    world: World, db: Database
) -> None:
    ani = world.member("Ani", Role.STAFF)
    nurse = world.member("Dinkes", Role.PARTNER, agency="dinkes")
    police = world.member("Polres", Role.PARTNER, agency="polres")
    case = world.case(at=T0, assignee=ani, status="dirujuk")
    world.refer(case, "dinkes", at=T0, by=ani)
    done = world.case(at=T0, assignee=ani, status="dirujuk", name="Budi")
    finished = world.refer(done, "polres", at=T0, by=ani)
    with db.session() as session:
        session.get(type(finished), finished.id).done_at = later(days=1)  # type: ignore[union-attr]
        session.commit()
    # Keep the idle rule out of the way.
    world.touch(case, later(days=2, hours=23))
    world.touch(done, later(days=2, hours=23))

    assert run(db, later(days=3) - timedelta(minutes=1)) == {}
    assert run(db, later(days=3)) == {"referral": 2}
    rows = world.outbox("fu:referral")
    assert {r.chat_id for r in rows} == {nurse.telegram_user_id, ani.telegram_user_id}
    assert police.telegram_user_id not in {r.chat_id for r in rows}
    partner_row = next(r for r in rows if r.chat_id == nurse.telegram_user_id)
    assert callbacks(partner_row) == [case_data(case.id, Action.OPEN)]  # type: ignore[arg-type]
    assert "Dinas Kesehatan" in partner_row.text
    assert run(db, later(days=3, hours=1)) == {}


def test_a_half_finished_intake_gets_one_reminder_after_a_day(world: World, db: Database) -> None:
    reporter = world.member("pelapor", Role.REPORTER)
    blocked = world.member("pelapor yang memblokir", Role.REPORTER)
    dialog = world.dialog(reporter, at=T0)
    world.dialog(blocked, at=T0)
    with db.session() as session:
        gone = session.get(Account, blocked.id)
        assert gone is not None
        gone.unreachable_at = T0
        session.commit()

    assert run(db, later(hours=23, minutes=59)) == {}
    assert run(db, later(hours=24)) == {"intake": 1}
    (row,) = world.outbox("fu:intake")
    assert row.chat_id == reporter.telegram_user_id and row.case_id is None
    assert callbacks(row) == ["m:report"]
    # The reporter answers one more question and stops again: no second reminder, ever.
    with db.session() as session:
        fresh = session.get(type(dialog), dialog.id)
        assert fresh is not None
        fresh.updated_at = later(hours=25)
        session.commit()
    assert run(db, later(hours=50)) == {}
    assert run(db, later(days=10)) == {}


def test_quiet_hours_hold_non_urgent_reminders_until_morning(world: World, db: Database) -> None:
    reporter = world.member("pelapor", Role.REPORTER)
    # 22:30 WIB on Monday: the reminder waits for 06:00 WIB on Tuesday.
    world.dialog(reporter, at=later(hours=-10, minutes=30))
    night = later(hours=14, minutes=30)
    assert run(db, night) == {"intake": 1}
    (row,) = world.outbox("fu:intake")
    morning = later(hours=21)  # 06:00 WIB
    assert row.not_before == morning
    with db.session() as session:
        assert claim_due(session, now=morning - timedelta(seconds=1)) == []
        assert [c.key for c in claim_due(session, now=morning)] == [row.key]


def test_quiet_hours_off(world: World, db: Database) -> None:
    reporter = world.member("pelapor", Role.REPORTER)
    world.dialog(reporter, at=later(hours=-10, minutes=30))
    night = later(hours=14, minutes=30)
    assert run(db, night, quiet=None) == {"intake": 1}
    assert world.outbox("fu:intake")[0].not_before == night


def _sent(db: Database, key: str, at) -> None:  # type: ignore[no-untyped-def]
    with db.session() as session:
        row = session.exec(select(Outbox).where(Outbox.key == key)).one()
        row.status = OutboxStatus.SENT
        row.sent_at = at
        session.commit()


def test_a_repatriated_reporter_is_asked_after_3_days_and_silence_reminds_the_assignee(
    world: World, db: Database
) -> None:
    ani = world.member("Ani", Role.STAFF)
    reporter = world.member("pelapor", Role.REPORTER)
    case = world.case(at=T0, assignee=ani, reporter=reporter)
    world.repatriate(case, later(days=1))
    world.touch(case, later(days=1))

    assert run(db, later(days=4) - timedelta(minutes=1)) == {}
    assert run(db, later(days=4)) == {"checkin": 1}
    (ask,) = world.outbox("fu:checkin")
    assert ask.chat_id == reporter.telegram_user_id
    assert callbacks(ask) == [checkin_data(case.id, True), checkin_data(case.id, False)]  # type: ignore[arg-type]
    # Not delivered yet: silence has not started.
    assert run(db, later(days=7)) == {}
    _sent(db, ask.key, later(days=4, hours=1))
    assert run(db, later(days=6, hours=1) - timedelta(minutes=1)) == {}
    assert run(db, later(days=6, hours=1)) == {"checkin": 1}
    silent = world.outbox("fu:checkin-silent")
    assert [r.chat_id for r in silent] == [ani.telegram_user_id]
    assert run(db, later(days=9)) == {}


def test_a_not_yet_answer_is_recorded_and_reminds_the_assignee_at_once(
    world: World, db: Database
) -> None:
    ani = world.member("Ani", Role.STAFF)
    reporter = world.member("pelapor", Role.REPORTER)
    stranger = world.member("orang lain", Role.REPORTER)
    case = world.case(at=T0, assignee=ani, reporter=reporter)
    world.repatriate(case, later(days=1))
    assert run(db, later(days=4)) == {"checkin": 1}
    with db.session() as session:
        fresh = session.get(Case, case.id)
        assert fresh is not None
        with pytest.raises(NotAllowed):
            record_checkin(
                session,
                fresh,
                reporter=stranger,
                arrived=False,
                now=later(days=4, hours=2),
                policy=policy(),
                renderer=render,
            )
        record_checkin(
            session,
            fresh,
            reporter=reporter,
            arrived=False,
            now=later(days=4, hours=2),
            policy=policy(),
            renderer=render,
            note="belum sampai",
        )
        session.commit()
    (alarm,) = world.outbox("fu:checkin-no")
    assert alarm.chat_id == ani.telegram_user_id and "belum sampai" in alarm.text
    with db.session() as session:
        (event,) = session.exec(select(CaseEvent).where(CaseEvent.kind == EventKind.CHECKIN))
        assert (event.data, event.actor_id, event.note) == (
            {"arrived": False},
            reporter.id,
            "belum sampai",
        )
    # Answered: silence never reminds.
    _sent(db, world.outbox("fu:checkin:")[0].key, later(days=4))
    assert run(db, later(days=20)) == {}


def test_no_checkin_for_cases_registered_by_an_officer(world: World, db: Database) -> None:
    officer = world.member("Petugas", Role.OFFICER)
    case = world.case(at=T0, assignee=officer, reporter=officer, source=CaseSource.OFFICER)
    world.repatriate(case, later(days=1))
    assert "checkin" not in run(db, later(days=10))


def test_silence_from_an_unreachable_reporter_goes_to_the_admins_when_nobody_is_assigned(
    world: World, db: Database
) -> None:
    boss = world.member("Bu Kadis", Role.ADMIN)
    reporter = world.member("pelapor", Role.REPORTER)
    case = world.case(at=T0, reporter=reporter, status="dipulangkan")
    world.repatriate(case, later(days=1))
    with db.session() as session:
        gone = session.get(Account, reporter.id)
        assert gone is not None
        gone.unreachable_at = T0
        session.commit()
    # Nobody to ask: after check-in time plus the silence, the admins hear of it.
    assert run(db, later(days=6) - timedelta(minutes=1)).get("checkin") is None
    assert run(db, later(days=6)).get("checkin") == 1
    rows = world.outbox("fu:checkin")
    assert [r.chat_id for r in rows] == [boss.telegram_user_id]


def test_two_processes_running_the_rules_at_once_queue_each_reminder_once(
    world: World, database_url: str
) -> None:
    world.member("Ani", Role.STAFF)
    world.member("Budi", Role.STAFF)
    for n in range(5):
        world.case(at=T0, name=f"Warga {n}")
    engines = [Database.from_url(database_url) for _ in range(2)]
    try:

        def fire(index: int) -> int:
            total = 0
            for minutes in range(0, 30, 5):
                with engines[index].session() as session:
                    at = later(hours=4, minutes=minutes)
                    total += run_followups(session, at, policy(), renderer=render).total
            return total

        with ThreadPoolExecutor(max_workers=2) as pool:
            queued = sum(pool.map(fire, range(2)))
    finally:
        for engine in engines:
            engine.dispose()
    rows = world.outbox("fu:unassigned")
    # 5 cases: the group once each, and the two staff members once each.
    assert queued == len(rows) == 15
    with world.db.session() as session:
        reminders = session.exec(
            select(CaseEvent).where(col(CaseEvent.kind) == EventKind.REMINDER)
        ).all()
    assert len(reminders) == 10
