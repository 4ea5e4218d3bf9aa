"""The daily digest, /digest, /langganan and /ekspor as the team gets them, across restarts."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlmodel import col, select

from bot import tasks
from bot.config import Settings
from emulator import BotAPIEmulator, Group
from emulator.people import Person as EmuPerson
from models.storage.db import Database, utcnow
from models.storage.tables import Account, CaseEvent, DigestRun, EventKind, Outbox, Role
from tests.e2e.intake_script import NIK, PHONE, submit
from tests.e2e.scheduled import ManualClock, ScheduledBot, scheduled_bot
from tests.services.followup_world import World

# Tuesday 1 December 2026, 06:00 WIB.
EARLY = datetime(2026, 11, 30, 23, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(EARLY)


@pytest.fixture
async def sbot(settings: Settings, db: Database, clock: ManualClock) -> AsyncIterator[ScheduledBot]:
    async with scheduled_bot(settings, clock) as running:
        yield running


async def member(emulator: BotAPIEmulator, world: World, name: str, role: Role) -> EmuPerson:
    account = world.member(name, role)
    person = emulator.user(account.telegram_user_id, name)
    await person.send("/status")  # team members have talked to the bot before
    return person


def digest_rows(db: Database, chat_id: int, prefix: str = "digest:") -> list[Outbox]:
    with db.session() as session:
        return list(
            session.exec(
                select(Outbox).where(col(Outbox.key).startswith(prefix), Outbox.chat_id == chat_id)
            )
        )


async def test_the_digest_goes_out_once_a_day_across_restarts_and_late_after_downtime(
    sbot: ScheduledBot,
    clock: ManualClock,
    emulator: BotAPIEmulator,
    staff_group: Group,
    db: Database,
) -> None:
    world = World(db)
    ani = await member(emulator, world, "Ani", Role.STAFF)
    boss = await member(emulator, world, "Bu Kadis", Role.ADMIN)
    budi = await member(emulator, world, "Budi", Role.STAFF)
    await budi.send("/langganan")  # Budi turns it off
    siti = emulator.user(7101, "Siti", phone=PHONE)
    await submit(siti)

    # 07:00 WIB: the trigger at the digest time.
    clock.advance(hours=1)
    await sbot.tick(on_schedule=True)
    text = await ani.wait_for_message(contains="Ringkasan harian")
    assert "01-12-2026" in text.text and "Siti Aminah" in text.text
    assert "KBR-2026-0001" in text.text
    chart = await ani.wait_for_message()
    assert chart.photo is not None and "Grafik 30 hari" in (chart.caption or "")
    assert emulator.file_bytes(chart.photo).startswith(b"\x89PNG")
    await boss.wait_for_message(contains="Ringkasan harian")
    group_digest = await staff_group.wait_for_message(contains="Ringkasan harian")
    for secret in ("Siti", "Aminah", NIK, "81234567890"):
        assert secret not in group_digest.text
    assert "S. A." in group_digest.text
    await sbot.settled()
    assert digest_rows(db, budi.user_id) == []

    # A restart the same morning sends no digest again.
    def digests_sent() -> int:
        return sum(
            "<b>Ringkasan harian</b> ·" in str(call.params.get("text"))
            for call in emulator.calls_of("sendMessage")
            if call.ok
        )

    before, rows = digests_sent(), len(digest_rows(db, ani.user_id))
    clock.advance(minutes=20)
    await sbot.restart()
    await sbot.tick()
    await sbot.settled()
    assert (digests_sent(), len(digest_rows(db, ani.user_id))) == (before, rows) == (3, 2)

    # Down from 07:20 on Tuesday to 09:30 on Wednesday: one digest when it is back, late.
    await sbot.stop()
    clock.advance(days=1, hours=2, minutes=10)
    await sbot.start()
    late = await ani.wait_for_message(contains="Terlambat")
    assert "02-12-2026" in late.text and "pukul 07:00" in late.text
    await sbot.restart()
    await sbot.settled()
    with db.session() as session:
        runs = session.exec(select(DigestRun).order_by(col(DigestRun.day))).all()
    assert [(r.kind, r.day.isoformat(), r.late) for r in runs] == [
        ("daily", "2026-12-01", False),
        # 1 December: the admins got November's report too.
        ("monthly", "2026-12-01", False),
        ("daily", "2026-12-02", True),
    ]
    monthly = await boss.wait_for_message(contains="Laporan bulanan")
    assert "01-11-2026 s.d. 30-11-2026" in monthly.text
    texts = [r for r in digest_rows(db, ani.user_id) if r.kind == "message"]
    assert len(texts) == 2


async def test_digest_subscription_and_export_commands(
    sbot: ScheduledBot,
    clock: ManualClock,
    emulator: BotAPIEmulator,
    staff_group: Group,
    db: Database,
) -> None:
    world = World(db)
    ani = await member(emulator, world, "Ani", Role.STAFF)
    siti = emulator.user(7102, "Siti", phone=PHONE)
    await submit(siti)

    # Reporters get none of it.
    for command in ("/digest", "/langganan", "/ekspor"):
        refused = await siti.send(command)
        assert "hanya untuk petugas" in refused.text

    off = await ani.send("/langganan")
    assert "dimatikan" in off.text
    on = await ani.send("/langganan")
    assert "dihidupkan" in on.text and "07:00" in on.text
    with db.session() as session:
        account = session.exec(select(Account).where(Account.telegram_user_id == ani.user_id)).one()
    assert account.digest_enabled

    asked = await ani.send("/digest")
    assert asked.messages[0].text == "📋 Ringkasan sedang dikirim ke Anda."
    await sbot.settled()
    digest, chart = ani.chat.bot_messages[-2:]
    assert "Ringkasan harian · 01-12-2026" in digest.text
    assert "Siti Aminah" in digest.text and "Kasus baru: 1" in digest.text
    assert chart.photo is not None

    bad = await ani.send("/ekspor kemarin")
    assert "Tanggal tidak terbaca" in bad.text
    in_group = await ani.send("/ekspor", chat=staff_group)
    assert "chat pribadi" in in_group.text

    await ani.send("/ekspor 2026-01-01 2026-12-31")
    await sbot.settled()
    summary, xlsx, csv_file = ani.chat.bot_messages[-3:]
    # The reporter spoke for three: three people, each with a row of their own (issue 8).
    assert "Ekspor kasus 01-01-2026 s.d. 31-12-2026: 1 kasus, 3 orang" in summary.text
    assert xlsx.document is not None and csv_file.document is not None
    assert xlsx.raw["document"]["file_name"] == "kasus-20260101-20261231.xlsx"
    assert csv_file.raw["document"]["file_name"] == "kasus-20260101-20261231.csv"
    book = load_workbook(io.BytesIO(emulator.file_bytes(xlsx.document)))
    row = [c.value for c in book["Orang"][2]]
    assert row[0] == "KBR-2026-0001" and row[5] == "Siti Aminah" and row[6] == NIK
    assert row[11] == "0812-3456-7890"
    assert emulator.file_bytes(csv_file.document).decode("utf-8-sig").startswith("No. Kasus,")
    with db.session() as session:
        access = session.exec(select(CaseEvent).where(CaseEvent.kind == EventKind.ACCESS)).all()
    assert [(e.actor_id, e.data["via"]) for e in access] == [(account.id, "telegram")]


async def test_python_m_bot_digest_now_sends_it_without_the_bot_running(
    settings: Settings, emulator: BotAPIEmulator, staff_group: Group, db: Database
) -> None:
    """`python -m bot digest --now`, as bot.__main__ runs it, beside no running bot."""
    world = World(db)
    account = world.member("Ani", Role.STAFF)
    ani = emulator.user(account.telegram_user_id, "Ani")
    await ani.send("/status", wait=False)  # she talked to the bot before (no bot runs now)
    world.case(name="Siti Aminah", at=utcnow() - timedelta(hours=1))
    assert await tasks.digest(settings, now_flag=True) == "digest queued; 4 message(s) sent"
    digest = await ani.wait_for_message(contains="Ringkasan harian")
    assert "KBR-2026-0001" in digest.text
    group = await staff_group.wait_for_message(contains="Ringkasan harian")
    assert "Siti" not in group.text
    # Without --now: today's scheduled digest if its time has come, and only once.
    due = utcnow().astimezone(settings.tz).time() >= settings.digest_clock
    first = await tasks.digest(settings, now_flag=False)
    assert first.startswith("digest queued") == due
    assert "no digest due" in await tasks.digest(settings, now_flag=False)
