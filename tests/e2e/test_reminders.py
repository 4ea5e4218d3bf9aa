"""Reminders as people get them: the real bot, the emulator, and a clock the test moves."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from sqlmodel import col, select

from bot.config import Settings
from emulator import BotAPIEmulator, Group
from models.outbox.queue import enqueue
from models.storage.db import Database
from models.storage.tables import Account, Case, CaseEvent, EventKind, Outbox, OutboxStatus, Role
from tests.e2e.intake_script import NIK, PHONE, submit, walk
from tests.e2e.scheduled import ManualClock, ScheduledBot, scheduled_bot
from tests.services.followup_world import World

# Monday 30 November 2026, 09:00 WIB.
T0 = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(T0)


@pytest.fixture
async def sbot(settings: Settings, db: Database, clock: ManualClock) -> AsyncIterator[ScheduledBot]:
    async with scheduled_bot(settings, clock) as running:
        yield running


def keys(db: Database, prefix: str) -> list[str]:
    with db.session() as session:
        return list(session.exec(select(Outbox.key).where(col(Outbox.key).startswith(prefix))))


def the_case(db: Database) -> Case:
    with db.session() as session:
        return session.exec(select(Case)).one()


async def test_an_untaken_case_reminds_the_group_and_a_snooze_holds_it_for_a_day(
    sbot: ScheduledBot,
    clock: ManualClock,
    emulator: BotAPIEmulator,
    staff_group: Group,
    db: Database,
) -> None:
    ani_account = World(db).member("Ani", Role.STAFF)
    ani = emulator.user(ani_account.telegram_user_id, "Ani")
    await ani.send("/status")  # team members have talked to the bot before
    siti = emulator.user(7001, "Siti", phone=PHONE)
    await submit(siti)  # pregnant: an urgent case
    await staff_group.wait_for_message(contains="KBR-2026-0001")

    clock.advance(minutes=29)
    await sbot.tick()
    assert keys(db, "fu:") == []
    clock.advance(minutes=1)
    await sbot.tick()
    reminder = await staff_group.wait_for_message(contains="belum diambil")
    assert "KBR-2026-0001" in reminder.text and "MENDESAK" in reminder.text
    for secret in ("Siti", "Aminah", NIK, "81234567890"):
        assert secret not in reminder.text
    assert reminder.inline_labels == ["🙋 Saya tangani", "📂 Buka", "💤 Tunda 1 hari"]

    # The reporter replays the button: refused. Ani snoozes it from the group.
    refused = await siti.replay(f"c:{the_case(db).id}:snz")
    assert refused.callback_answer == "Anda tidak berwenang untuk ini."
    snoozed = await ani.tap("Tunda 1 hari", chat=staff_group)
    assert snoozed.callback_answer == (
        "💤 Pengingat kasus KBR-2026-0001 ditunda sampai 01-12-2026 09:30 WIB."
    )

    # An hour after the report every staff member would be told in private: not while snoozed.
    clock.advance(minutes=30)
    await sbot.tick()
    assert [k for k in keys(db, "fu:") if k.endswith(f":{ani_account.telegram_user_id}")] == []
    # Once the snooze is over, the case is still waiting: reminded again, Ani in private too.
    clock.advance(days=1)
    await sbot.tick()
    private = await ani.wait_for_message(contains="belum diambil")
    assert "KBR-2026-0001" in private.text
    # "Take" right from the reminder: the case is hers, and the reminders stop.
    await ani.tap("Saya tangani", message_id=private.message_id)
    assert the_case(db).assignee_id == ani_account.id
    before = len(keys(db, "fu:"))
    clock.advance(hours=1)
    await sbot.tick()
    assert len(keys(db, "fu:")) == before
    with db.session() as session:
        history = session.exec(
            select(CaseEvent.data).where(CaseEvent.kind == EventKind.REMINDER)
        ).all()
    assert any("snoozed_until" in data for data in history)


async def test_a_half_finished_intake_gets_one_reminder_with_a_button_to_continue(
    sbot: ScheduledBot, clock: ManualClock, emulator: BotAPIEmulator, db: Database
) -> None:
    siti = emulator.user(7002, "Siti", phone=PHONE)
    await walk(siti, until="nik")
    clock.advance(hours=23, minutes=59)
    await sbot.tick()
    assert keys(db, "fu:intake") == []
    clock.advance(minutes=1)
    await sbot.tick()
    reminder = await siti.wait_for_message(contains="belum selesai")
    assert reminder.inline_labels == ["▶️ Lanjutkan laporan"]
    resumed = await siti.tap("Lanjutkan laporan")
    assert "NIK" in resumed.text
    # She stops again: no second reminder, however long she stays away.
    clock.advance(days=3)
    await sbot.tick()
    assert len(keys(db, "fu:intake")) == 1


async def test_a_repatriated_reporter_is_asked_if_they_arrived_and_not_yet_alerts_the_assignee(
    sbot: ScheduledBot, clock: ManualClock, emulator: BotAPIEmulator, db: Database
) -> None:
    world = World(db)
    ani_account = world.member("Ani", Role.STAFF)
    ani = emulator.user(ani_account.telegram_user_id, "Ani")
    await ani.send("/status")
    siti = emulator.user(7003, "Siti", phone=PHONE)
    await submit(siti)
    case = the_case(db)
    with db.session() as session:
        fresh = session.get(Case, case.id)
        assert fresh is not None
        fresh.assignee_id = ani_account.id
        session.commit()
    world.repatriate(case, clock.now)
    world.touch(case, clock.now)

    clock.advance(days=3)
    await sbot.tick()
    ask = await siti.wait_for_message(contains="sudah sampai di rumah")
    assert ask.inline_labels == ["✅ Sudah sampai", "❌ Belum"]
    answer = await siti.tap("Belum")
    assert "Petugas kami akan segera menghubungi Anda" in answer.text
    edited = next(m for m in answer.messages if m.message_id == ask.message_id)
    assert "→ belum sampai di rumah" in edited.text
    assert edited.inline_labels == ["✅ Sudah sampai"]
    alert = await ani.wait_for_message(contains="belum sampai")
    assert "KBR-2026-0001" in alert.text and "Siti" not in alert.text
    # Later she arrives and says so with the button left for it.
    clock.advance(days=1)
    arrived = await siti.tap("Sudah sampai")
    assert "Syukurlah" in arrived.text
    with db.session() as session:
        answers = session.exec(
            select(CaseEvent.data)
            .where(CaseEvent.kind == EventKind.CHECKIN)
            .order_by(col(CaseEvent.id))
        ).all()
    assert answers == [{"arrived": False}, {"arrived": True}]
    # A stranger replaying her button is refused.
    other = emulator.user(7004, "Orang Lain")
    await other.send("/status")
    refused = await other.replay(f"ci:{case.id}:y")
    assert refused.callback_answer == "Pertanyaan ini bukan untuk Anda."


async def test_a_reporter_who_blocks_the_bot_is_not_retried_and_the_assignee_is_told_once(
    sbot: ScheduledBot, clock: ManualClock, emulator: BotAPIEmulator, db: Database
) -> None:
    world = World(db)
    ani_account = world.member("Ani", Role.STAFF)
    ani = emulator.user(ani_account.telegram_user_id, "Ani")
    await ani.send("/status")
    siti = emulator.user(7005, "Siti", phone=PHONE)
    await submit(siti)
    case = the_case(db)
    with db.session() as session:
        fresh = session.get(Case, case.id)
        assert fresh is not None
        fresh.assignee_id = ani_account.id
        session.commit()

    emulator.block(siti.user_id)
    notice = await ani.wait_for_message(contains="memblokir bot")
    assert "KBR-2026-0001" in notice.text
    with db.session() as session:
        reporter = session.exec(select(Account).where(Account.telegram_user_id == 7005)).one()
        assert reporter.unreachable_at == clock.now
        # A message for her that was already on its way: tried once, given up.
        enqueue(
            session,
            key="relay:test",
            chat_id=7005,
            account_id=reporter.id,
            case_id=case.id,
            text="Pesan dari kantor",
            now=clock.now,
        )
        session.commit()
    await sbot.settled()
    assert _status(db, "relay:test") == OutboxStatus.FAILED
    attempts = [
        c for c in emulator.calls_of("sendMessage") if c.params.get("chat_id") in (7005, "7005")
    ]
    assert [c.error_code for c in attempts if not c.ok] == [403]
    # Her follow-ups skip her now; Ani was told only once.
    clock.advance(days=2)
    await sbot.tick()
    with db.session() as session:
        notices = session.exec(select(Outbox).where(col(Outbox.key).startswith("unreachable:")))
        assert len(list(notices)) == 1


def _status(db: Database, key: str) -> str | None:
    with db.session() as session:
        return session.exec(select(Outbox.status).where(Outbox.key == key)).first()
