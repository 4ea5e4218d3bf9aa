"""Sending a group home, end to end through the emulator and the real bot, on both databases:
a group of three where one stays in hospital, a travel plan with a ship leg and a bus leg,
tickets, departure marked by the escorting officer, handover, arrival confirmed by the reporter
through the bot and by staff for the other; the case is sent home only once the third, out of
hospital, has travelled too. The escort's reminder fires once across a restart; the Polres
referral holds the police letter."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from sqlmodel import col, select

from bot.config import Settings
from emulator import BotAPIEmulator, Group
from models.storage.db import Database
from models.storage.tables import (
    Case,
    CaseEvent,
    EventKind,
    Outbox,
    Person,
    Role,
    Travel,
    TravelLeg,
    TravelPlan,
)
from tests.e2e.intake_script import submit
from tests.e2e.scheduled import ManualClock, ScheduledBot, scheduled_bot
from tests.e2e.team import make_member, only_case

# Monday 30 November 2026, 09:00 WIB.
T0 = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
NUMBER = "KBR-2026-0001"
STAFF, OFFICER, POLICE = 9200, 9400, 9301


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


def travels(db: Database) -> list[tuple[int, str, str | None]]:
    """(position, status, reason) of every person with a travel, in order."""
    with db.session() as session:
        rows = session.exec(
            select(Person.position, Travel.status, Travel.reason)
            .join(Travel, col(Travel.person_id) == col(Person.id))
            .order_by(col(Person.position))
        ).all()
    return [(p, s, r) for p, s, r in rows]


async def test_a_group_goes_home_one_stays_in_hospital_and_travels_later(
    sbot: ScheduledBot,
    clock: ManualClock,
    emulator: BotAPIEmulator,
    staff_group: Group,
    db: Database,
) -> None:
    make_member(db, STAFF, Role.STAFF, "Sri Staf")
    make_member(db, OFFICER, Role.OFFICER, "Eko Petugas")
    make_member(db, POLICE, Role.PARTNER, "Brigpol Dani", agency="polres")
    staff, officer = emulator.user(STAFF, "Sri"), emulator.user(OFFICER, "Eko")
    police = emulator.user(POLICE, "Dani")
    for member in (staff, officer, police):  # team members have talked to the bot before
        await member.send("/kasus")
    siti = emulator.user(5101, "Siti")
    await submit(siti)  # three people, from Lombok Timur
    await staff_group.wait_for_message(contains=NUMBER)
    await staff.tap("🙋 Saya tangani", chat=staff_group)
    await staff.send(f"/kasus {NUMBER}")
    await staff.tap("→ Diverifikasi")
    await staff.tap("→ Ditangani")

    # The Polres referral holds the police letter until the police are done.
    await staff.tap("🏥 Rujuk")
    await staff.tap("Polres Kotawaringin Barat")
    await staff.send("Perlu surat keterangan")
    await staff.send(f"/kasus {NUMBER}")
    reply = await staff.tap("☑ Prosedur")
    for item in ("Wawancara dan foto", "KTP / surat kehilangan", "Pemeriksaan kesehatan"):
        reply = await staff.tap(item)
    reply = await staff.tap("Surat keterangan polisi")
    assert reply.callback_answer and "rujukannya masih terbuka" in reply.callback_answer
    await staff.tap("Surat pernyataan Kepala Dinsos")

    # The plan: two of the three, a ship leg and a bus leg, the officer escorts them.
    await staff.send(f"/kasus {NUMBER}")
    reply = await staff.tap("🚢 Pemulangan")
    assert "1. Siti Aminah: belum direncanakan" in reply.text
    reply = await staff.tap("➕ Rencana perjalanan baru")
    assert "Siapa yang dipulangkan" in reply.text
    await staff.tap("1. Siti Aminah")
    reply = await staff.tap("2. (tanpa nama)")
    assert "✅ 1. Siti Aminah" in reply.buttons and "✅ 2. (tanpa nama)" in reply.buttons
    reply = await staff.tap("Lanjut ➡")
    assert "Lombok Timur, Nusa Tenggara Barat" in reply.text  # prefilled from the origin
    reply = await staff.tap("✔ Lombok Timur, Nusa Tenggara Barat")
    reply = await staff.tap("🚢 Kapal")
    assert "Pelabuhan Kumai" in reply.text
    reply = await staff.send("Kumai - Surabaya")
    assert "nama kapal" in reply.text
    reply = await staff.send("KM Kirana")
    reply = await staff.send("kemarin sore")  # not understood: asked again
    assert "tidak terbaca" in reply.text
    await sbot.restart()  # the plan so far is in the database
    reply = await staff.send("2/12 08:00")
    assert "Kapal: Kumai → Surabaya · KM Kirana · 02-12-2026 08:00 WIB" in reply.text
    reply = await staff.tap("🚌 Bus")
    assert "Surabaya" in reply.text and "Lombok Timur" in reply.text  # from where the ship ends
    await staff.tap("✔ Surabaya → Lombok Timur")
    await staff.send("-")
    reply = await staff.send("3/12 10.00")
    reply = await staff.tap("✔ Selesai, tidak ada perjalanan lagi")
    reply = await staff.tap("Eko Petugas")
    reply = await staff.send("Pelabuhan Lembar")
    assert "Dinas Sosial Kabupaten Lombok Timur" in reply.text
    reply = await staff.tap("✔ Dinas Sosial Kabupaten Lombok Timur")
    assert "Periksa lagi" in reply.text and "Pendamping: Eko Petugas" in reply.text
    reply = await staff.tap("💾 Simpan rencana")
    assert "Tujuan: Lombok Timur, Nusa Tenggara Barat" in reply.text
    assert "3. (tanpa nama): belum direncanakan" in reply.text

    # The third stays in hospital.
    await staff.tap("➡ 3. (tanpa nama)")
    reply = await staff.tap("Tidak berangkat: dirawat di rumah sakit")
    assert "3. (tanpa nama): tidak berangkat: dirawat di rumah sakit" in reply.text

    # Tickets: booked with a code, issued with a number and the fare.
    for who in ("1. Siti Aminah", "2. (tanpa nama)"):
        await staff.tap(f"➡ {who}")
        reply = await staff.tap("→ tiket dipesan")
        assert "kode pemesanan" in reply.text
        reply = await staff.send("KRN-77")
        await staff.tap(f"➡ {who}")
        await staff.tap("→ tiket terbit")
        reply = await staff.send("gratis")  # no fare: asked again
        assert "nomor tiket lalu harganya" in reply.text
        reply = await staff.send("TK-1 350.000")
    assert "2. (tanpa nama): tiket terbit (no. TK-1, Rp 350.000)" in reply.text

    # The evening before (07:00 WIB), the escort and the assignee hear of it, once across a
    # restart; the morning of, again.
    clock.now = datetime(2026, 12, 1, 0, 5, tzinfo=UTC)
    await sbot.tick()
    eve = await officer.wait_for_message(contains="Besok berangkat")
    assert NUMBER in eve.text and "Anda pendampingnya" in eve.text and "2 orang" in eve.text
    await staff.wait_for_message(contains="Besok berangkat")
    await sbot.restart()
    await sbot.tick()
    await sbot.settled()
    assert len(keys(db, "rp:dep:")) == 2
    assert len([m for m in officer.chat.messages if "Besok berangkat" in m.text]) == 1
    clock.now = datetime(2026, 12, 1, 23, 10, tzinfo=UTC)  # 06:10 WIB on the day
    await sbot.tick()
    today = await officer.wait_for_message(contains="Hari ini berangkat")

    # Not sent home while the third is neither gone nor staying for good.
    await staff.send(f"/kasus {NUMBER}")
    reply = await staff.tap("→ Dipulangkan")
    assert reply.callback_answer and "orang ke-3" in reply.callback_answer

    # At the port the officer marks the departures, from the reminder's button.
    reply = await officer.tap("🚢 Buka pemulangan", message_id=today.message_id)
    assert "➕ Rencana perjalanan baru" not in reply.buttons  # escorts don't plan
    for who in ("1. Siti Aminah", "2. (tanpa nama)"):
        await officer.tap(f"➡ {who}")
        reply = await officer.tap("→ berangkat")
    assert "1. Siti Aminah: berangkat" in reply.text
    await officer.tap("➡ 1. Siti Aminah")
    await officer.tap("→ diserahterimakan")
    reply = await officer.send("Bu Ani, Dinsos Lombok Timur")
    assert "diserahterimakan kepada Bu Ani, Dinsos Lombok Timur" in reply.text
    forged = await siti.replay(f"rp:{only_case(db).id}:open")
    assert forged.callback_answer and "tidak boleh" in forged.callback_answer

    # Six hours after the bus leaves, Siti is asked and answers by typing.
    clock.now = datetime(2026, 12, 3, 9, 5, tzinfo=UTC)  # 16:05 WIB
    await sbot.tick()
    await siti.wait_for_message(contains="sudah sampai")
    reply = await siti.send("iya sudah sampai")
    assert "Terima kasih" in reply.text
    # Staff record the other's arrival from a phone call.
    await staff.send(f"/kasus {NUMBER}")
    await staff.tap("🚢 Pemulangan")
    await staff.tap("➡ 2. (tanpa nama)")
    reply = await staff.tap("Tiba, dikonfirmasi telepon (dicatat petugas)")
    assert "1. Siti Aminah: tiba (dikonfirmasi: orangnya sendiri lewat bot)" in reply.text
    assert "2. (tanpa nama): tiba (dikonfirmasi: telepon (dicatat petugas))" in reply.text
    assert travels(db) == [(1, "tiba", None), (2, "tiba", None), (3, "tidak_berangkat", "hospital")]

    # A week later the third leaves hospital and travels alone.
    clock.now = datetime(2026, 12, 9, 1, 0, tzinfo=UTC)
    await staff.send(f"/kasus {NUMBER}")
    await staff.tap("🚢 Pemulangan")
    reply = await staff.tap("➕ Rencana perjalanan baru")
    assert reply.buttons[0] == "⬜ 3. (tanpa nama)" and "1. Siti Aminah" not in reply.text
    await staff.tap("👥 Semua")
    await staff.tap("✔ Lombok Timur, Nusa Tenggara Barat")
    await staff.tap("🚢 Kapal")
    await staff.send("Kumai - Surabaya")
    await staff.send("KM Kirana")
    await staff.send("10/12 08:00")
    await staff.tap("✔ Selesai, tidak ada perjalanan lagi")
    await staff.tap("Tanpa pendamping")
    await staff.send("-")
    await staff.tap("✔ Dinas Sosial Kabupaten Lombok Timur")
    await staff.tap("💾 Simpan rencana")
    await staff.tap("➡ 3. (tanpa nama)")
    reply = await staff.tap("→ berangkat")
    assert "3. (tanpa nama): berangkat" in reply.text

    # The police are done: the letter can be ticked, and the case is sent home, then closed.
    await staff.send(f"/kasus {NUMBER}")
    reply = await staff.tap("→ Dipulangkan")
    assert reply.callback_answer and "Surat keterangan polisi" in reply.callback_answer
    await police.send(f"/kasus {NUMBER}")
    await police.tap("✔ Rujukan selesai")
    await staff.send(f"/kasus {NUMBER}")
    await staff.tap("☑ Prosedur")
    reply = await staff.tap("Surat keterangan polisi")
    assert "✅ Surat keterangan polisi" in reply.buttons
    await staff.tap("◀ Kembali")
    reply = await staff.tap("→ Dipulangkan")
    assert "Dipulangkan" in reply.text
    reply = await staff.tap("→ Selesai")

    # Nobody confirms the third's arrival: a day after the ship left, the assignee hears.
    clock.now = datetime(2026, 12, 11, 2, 30, tzinfo=UTC)  # 09:30 WIB
    await sbot.tick()
    late = await staff.wait_for_message(contains="Kedatangan belum dikonfirmasi")
    assert NUMBER in late.text and "1 orang" in late.text
    assert len(keys(db, "rp:late:")) == 1

    with db.session() as session:
        case = session.exec(select(Case)).one()
        assert case.status == "selesai"
        plans = session.exec(select(TravelPlan).order_by(col(TravelPlan.id))).all()
        assert [p.destination_regency_code for p in plans] == ["52.03", "52.03"]
        legs = session.exec(select(TravelLeg).order_by(col(TravelLeg.id))).all()
        assert [(leg.mode, leg.from_place, leg.to_place) for leg in legs] == [
            ("ship", "Kumai", "Surabaya"),
            ("bus", "Surabaya", "Lombok Timur"),
            ("ship", "Kumai", "Surabaya"),
        ]
        steps = session.exec(select(CaseEvent).where(CaseEvent.kind == EventKind.TRAVEL)).all()
        departed = [e for e in steps if e.to_status == "berangkat"]
        officer_id = plans[0].escort_id
        assert [e.actor_id for e in departed][:2] == [officer_id, officer_id]
        people = session.exec(select(Person).order_by(col(Person.position))).all()
        assert [p.status for p in people] == ["dipulangkan"] * 3
