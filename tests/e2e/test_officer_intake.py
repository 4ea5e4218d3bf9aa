"""A field officer registers a whole group: one case, a person entry for each member."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import col, select

from emulator import BotAPIEmulator, Group
from models.storage.db import Database
from models.storage.tables import Case, Consent, Person, Role
from tests.e2e.conftest import RunningBot
from tests.e2e.intake_script import NIK
from tests.e2e.team import make_member

YEAR = datetime.now(UTC).year
MEMBERS = f"""1. Budi Santoso, {NIK}, 34, 0812-3456-7890
Siti Rahma, , 25, P, hamil
Agus, 12
Mbok Sarinah, 67, perempuan"""


async def test_an_officer_registers_a_group_of_five(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database, staff_group: Group
) -> None:
    officer_id = make_member(db, 9400, Role.OFFICER, "Pak Hadi")
    officer = emulator.user(9400, "Hadi")

    reply = await officer.send("/lapor")
    assert "setuju secara lisan" in reply.text
    reply = await officer.tap("✅ Ya, sudah setuju secara lisan")
    assert "Nama, NIK, umur" in reply.text

    reply = await officer.send(MEMBERS + "\nX, 5203011508900000")
    assert "4 orang ditambahkan (jumlah 4)" in reply.text
    assert "Baris 5 tidak ditambahkan" in reply.text
    reply = await officer.send(f"Joko, {NIK}")
    assert "sudah ada di daftar" in reply.text
    reply = await officer.send("Joko Susilo, dewasa, L")
    assert "jumlah 5" in reply.text and "5. Joko Susilo" in reply.text
    reply = await officer.tap("✔ Selesai")
    assert "Dari mana asal rombongan?" in reply.text  # the officer is asked about the group

    await officer.send("Lotim")
    await officer.send("Mes PT Sawit Makmur, Kumai")
    await officer.tap("Kumai")
    await officer.send("Ketua rombongan Pak Darto")
    await officer.tap("Tidak tahu")  # his phone
    await officer.send("PT Sawit Makmur")
    reply = await officer.send("Kebun Desa Sungai Bedaun")
    assert "pekerjaan" in reply.text
    await officer.tap("Kebun sawit")
    await officer.tap("Bulan lalu")
    await officer.tap("Ya")
    await officer.send("45 juta")
    await officer.tap("Pulang ke daerah asal")
    await officer.tap("Selesai")
    reply = await officer.send(
        "Kontrak selesai Oktober, gaji 3 bulan tidak dibayar, mandor hilang."
    )
    assert "foto" in reply.text
    summary = await officer.tap("Lewati")
    assert "Anggota (5)" in summary.text and "2. Siti Rahma" in summary.text
    assert "Hamil" in summary.text and "Anak-anak" in summary.text and "Lansia" in summary.text

    done = await officer.tap("Kirim laporan")
    number = f"KBR-{YEAR}-0001"
    assert number in done.text and "ditugaskan kepada Anda" in done.text
    notice = await staff_group.wait_for_message(contains=number)
    assert "Jumlah orang: 5" in notice.text and "MENDESAK" in notice.text

    with db.session() as session:
        case = session.exec(select(Case)).one()
        assert (case.source, case.assignee_id, case.group_size) == ("officer", officer_id, 5)
        assert case.urgent and case.work_site == "Kebun Desa Sungai Bedaun"
        assert case.story and "mandor hilang" in case.story
        people = session.exec(select(Person).order_by(col(Person.position))).all()
        assert [p.full_name for p in people] == [
            "Budi Santoso", "Siti Rahma", "Agus", "Mbok Sarinah", "Joko Susilo",
        ]  # fmt: skip
        assert (people[0].nik, people[0].phone, people[0].sex) == (NIK, "+6281234567890", "L")
        assert people[1].vulnerabilities == ["pregnant"] and people[1].sex == "P"
        assert people[2].vulnerabilities == ["child"] and people[2].age == 12
        assert people[3].vulnerabilities == ["elderly"]
        assert people[4].age_group == "dewasa" and not any(p.is_reporter for p in people)
        consent = session.exec(select(Consent)).one()
        assert (consent.method, consent.case_id) == ("officer_verbal", case.id)

    reply = await officer.send(f"/kasus {number}")
    assert "Budi Santoso" in reply.text and "dari petugas lapangan" in reply.text
    await officer.tap("👥 Orang")
    await officer.tap("Siti Rahma")
    reply = await officer.tap("dirawat")
    assert "Siti Rahma · dirawat" in reply.text


async def test_reporters_cannot_use_the_officer_intake(
    bot: RunningBot, emulator: BotAPIEmulator
) -> None:
    reply = await emulator.user(5601, "Siti").send("/lapor")
    assert "hanya untuk petugas" in reply.text


async def test_a_large_group_fits_telegrams_limits(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database, staff_group: Group
) -> None:
    make_member(db, 9401, Role.OFFICER, "Bu Rina")
    officer = emulator.user(9401, "Rina")
    await officer.send("/lapor")
    await officer.tap("✅ Ya, sudah setuju secara lisan")
    # 150 people in two pastes (a Telegram message holds at most 4096 characters).
    for start in (0, 75):
        lines = [f"Pekerja Nomor {n}, {20 + n % 40}" for n in range(start, start + 75)]
        lines += [f"Salah {n}, 999" for n in range(3)] if start == 0 else []
        reply = await officer.send("\n".join(lines))
    assert "jumlah 150" in reply.text and "orang lagi" in reply.text
    problems = [m for m in officer.chat.bot_messages if "tidak ditambahkan" in m.text]
    assert len(problems) == 1  # the three bad lines are reported in one message
    await officer.tap("✔ Selesai")
    await officer.send("Jember")
    await officer.send("Kebun")
    await officer.tap("Kumai")
    await officer.tap("Tidak ada, datang sendiri")
    await officer.tap("Tidak tahu")
    await officer.tap("Tidak tahu")
    await officer.tap("Tambang")
    await officer.tap("Bulan ini")
    await officer.tap("Tidak")
    await officer.tap("Makan")
    await officer.tap("Selesai")
    await officer.send("Cerita panjang. " * 120)  # 1,920 characters: the most a story holds
    summary = await officer.tap("Lewati")
    assert "Anggota (150)" in summary.text and "135 orang lagi" in summary.text
    done = await officer.tap("Kirim laporan")
    number = f"KBR-{YEAR}-0001"
    assert number in done.text

    reply = await officer.send(f"/kasus {number}")
    assert "140 orang lagi" in reply.text and "Cerita panjang." in reply.text
    reply = await officer.tap("👥 Orang")
    assert "(1/15)" in reply.text
    reply = await officer.tap("▶")
    assert "(2/15)" in reply.text and "Pekerja Nomor 10 " in reply.text
    with db.session() as session:
        assert session.exec(select(Case)).one().group_size == 150
        assert len(session.exec(select(Person)).all()) == 150
