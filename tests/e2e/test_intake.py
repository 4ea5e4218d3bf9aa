"""A stranded worker's report, end to end: the real bot, over HTTP, against the emulator."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, date, datetime

import pytest
from sqlmodel import col, select

from emulator import BotAPIEmulator, Group
from i18n.consent import CONSENT_TEXT_VERSION
from models.storage.db import Database
from models.storage.tables import Account, Attachment, Case, CaseEvent, Consent, Dialog, Person
from tests.e2e.conftest import OFFICE, RunningBot
from tests.e2e.intake_script import NIK, PHONE_E164, submit, walk

YEAR = datetime.now(UTC).year


async def test_full_intake_gives_a_case_number_and_stores_the_case(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database, staff_group: Group
) -> None:
    staff = staff_group
    worker = emulator.user(5001, "Siti")

    reply = await worker.send("/start")
    assert "Dinas Sosial Kotawaringin Barat" in reply.text
    assert "setuju" in reply.text.lower()
    assert reply.buttons == ["✅ Setuju", "✖ Tidak setuju"]

    summary = await walk(worker)
    assert "Periksa laporan Anda" in summary.text
    # Numbers as people write them here, not as stored (+62...).
    for shown in ("Siti Aminah", NIK, "HP: 0812-3456-7890", "Kabupaten Lombok Timur", "Kec. Kumai",
                  "Pak Joko (0813-5555-1234)", "PT Sawit Makmur", "Kebun sawit", "Rp 9.000.000",
                  "Pulang ke daerah asal, Makan", "Hamil", "Foto: 1"):  # fmt: skip
        assert shown in summary.text, shown

    done = await worker.tap("Kirim laporan")
    number = f"KBR-{YEAR}-0001"
    assert number in done.text
    assert "Dinsos Kobar <Jl. Sutan Syahrir>" in done.text  # OFFICE_CONTACT, escaped and shown
    assert OFFICE in done.text

    notice = await staff.wait_for_message(contains=number)
    assert "MENDESAK" in notice.text  # pregnant -> urgent
    for private in ("Siti", NIK, "0812", "Joko"):
        assert private not in notice.text

    with db.session() as session:
        case = session.exec(select(Case)).one()
        assert (case.number, case.status, case.urgent, case.group_size) == (number, "baru", True, 3)
        assert (case.origin_province_code, case.origin_regency_code) == ("52", "52.03")
        assert case.location_district_code == "62.01.01"
        assert case.latitude is not None and abs(case.latitude + 2.7312) < 1e-6
        assert case.recruiter_phone == "+6281355551234"
        assert (case.wages_unpaid, case.wages_amount) == (True, 9_000_000)
        assert case.needs == ["transport", "food"]
        assert case.vulnerabilities == ["pregnant"]
        assert case.created_at.tzinfo is not None
        # The two the reporter counted have rows of their own, unnamed (issue 8).
        person, *companions = session.exec(select(Person).order_by(col(Person.position))).all()
        assert [(p.position, p.full_name, p.is_reporter) for p in companions] == [
            (2, "", False),
            (3, "", False),
        ]
        assert (person.full_name, person.nik, person.phone, person.sex) == (
            "Siti Aminah", NIK, PHONE_E164, "L",
        )  # fmt: skip
        assert person.birth_date == date(1990, 8, 15)
        attachment = session.exec(select(Attachment)).one()
        assert (attachment.kind, attachment.purpose) == ("photo", "ktp")
        consent = session.exec(select(Consent)).one()
        assert consent.granted and consent.case_id == case.id
        assert consent.text_version == CONSENT_TEXT_VERSION
        assert session.exec(select(CaseEvent)).one().kind == "created"
        assert session.exec(select(Dialog)).all() == []


async def test_html_in_a_name_is_shown_back_exactly(
    bot: RunningBot, emulator: BotAPIEmulator
) -> None:
    worker = emulator.user(5002, "Budi")
    summary = await walk(worker, name='Budi <Sasak> & "Co"')
    assert 'Nama: Budi <Sasak> & "Co"' in summary.text


async def test_each_validation_failure_explains_and_asks_again(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    worker = emulator.user(5003, "Wayan")
    await walk(worker, until="nik")
    for wrong, explanation in (
        ("12345", "kurang dari 16 angka"),
        ("52030115089000011", "lebih dari 16 angka"),
        ("5203O11508900001", "hanya berisi angka"),
        ("9999011508900001", "salah ketik"),
        ("5203013213900001", "salah ketik"),
    ):
        reply = await worker.send(wrong)
        assert explanation in reply.text, wrong
        # One message: the error with the question's button, not the whole question again.
        assert len(reply.messages) == 1 and "Berapa NIK Anda?" not in reply.text
        assert reply.buttons == ["Tidak punya / lupa NIK"]
    reply = await worker.send("5203 0155 0890 0002")  # a woman: day + 40
    assert "nomor HP" in reply.text

    reply = await worker.send("12345")
    assert "0812 3456 7890" in reply.text  # an example of a valid number
    assert len(reply.messages) == 1 and "Kirim nomor saya" in reply.keyboard[0]
    reply = await worker.send("+62 812-3456-7890")
    # The share keyboard goes with a word on the number taken, not a bare "Baik."
    assert reply.messages[0].text == "✔ Nomor HP: 0812-3456-7890" and reply.keyboard == []
    assert "Asal Anda Kabupaten Lombok Timur, Nusa Tenggara Barat?" in reply.text  # from the NIK
    reply = await worker.tap("Bukan")
    assert "Dari mana asal Anda?" in reply.text

    reply = await worker.send("Atlantis")
    assert "tidak kami temukan" in reply.text
    reply = await worker.send("Malang")  # Kabupaten Malang or Kota Malang?
    assert "Maksud Anda yang mana?" in reply.text
    assert any("Malang" in label for label in reply.buttons)
    reply = await worker.tap("Kota Malang")
    assert "Asal: Kota Malang, Jawa Timur" in reply.text

    await worker.send("Mes karyawan di Kumai")
    reply = await worker.tap("Tidak tahu / bukan di Kobar")
    reply = await worker.send("seribu")
    assert "dari 1 sampai 500" in reply.text
    reply = await worker.send("501")
    assert "dari 1 sampai 500" in reply.text
    reply = await worker.send("12 orang")
    assert "membawa" in reply.text

    await worker.tap("Tidak tahu")  # recruiter
    await worker.tap("Tidak tahu")  # employer
    await worker.send("Buruh harian")  # typed work type
    await worker.send("Oktober 2024")  # typed end of work
    await worker.tap("Ya")
    reply = await worker.send("banyak sekali")
    assert "9 juta" in reply.text
    reply = await worker.send("Rp 4.500.000,-")
    assert "butuhkan" in reply.text
    reply = await worker.tap("Selesai")
    assert "paling sedikit satu" in reply.text

    with db.session() as session:
        dialog = session.exec(select(Dialog)).one()
        assert dialog.data["sex"] == "P"
        assert dialog.data["phone"] == "+6281234567890"
        assert dialog.data["origin_regency"] == "35.73"
        assert dialog.data["group_size"] == 12
        assert dialog.data["work_type_text"] == "Buruh harian"
        assert dialog.data["wages_amount"] == 4_500_000


async def test_back_and_cancel_at_several_points(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    worker = emulator.user(5004, "Agus")
    await walk(worker, until="phone")
    reply = await worker.send("/kembali")
    assert "Berapa NIK Anda?" in reply.text
    reply = await worker.send("/kembali")
    assert "nama lengkap" in reply.text
    reply = await worker.send("Agus Salim")
    assert "NIK" in reply.text

    reply = await worker.send("/batal")
    assert "Batalkan laporan?" in reply.text
    reply = await worker.tap("Tidak, lanjutkan")
    assert "Berapa NIK Anda?" in reply.text
    await worker.tap("Tidak punya / lupa NIK")

    reply = await worker.send("/batal")
    assert "Batalkan laporan?" in reply.text
    reply = await worker.send("/kembali")  # back out of the cancel question too
    assert "nomor HP" in reply.text
    await worker.send("/batal")
    reply = await worker.tap("Ya, hapus")
    assert "dibatalkan" in reply.text
    with db.session() as session:
        assert session.exec(select(Dialog)).all() == []
        assert session.exec(select(Case)).all() == []

    reply = await worker.send("/batal")
    assert "Tidak ada laporan yang sedang diisi" in reply.text
    reply = await worker.send("/status")
    assert "belum punya laporan" in reply.text


async def test_unexpected_input_gets_a_hint_and_the_same_question(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    worker = emulator.user(5005, "Rina")
    await walk(worker, until="name")
    for action, hint in (
        (worker.send_sticker, "jawab pertanyaan ini dulu"),
        (worker.send_photo, "Foto disimpan"),  # kept for the photo step (test_intake_nik.py)
        (lambda: worker.send("/laporan"), "Perintah itu tidak bisa dipakai"),
        (lambda: worker.share_location(-2.7, 111.6), "Lokasi tidak diperlukan"),
    ):
        reply = await action()
        assert hint in reply.text
        assert reply.text.rstrip().endswith("(sesuai KTP)")
    reply = await worker.send_voice()
    assert "Pesan suara disimpan" in reply.text
    assert "nama lengkap" in reply.text
    reply = await worker.send("Rina Wati")
    sent = reply.messages[-1]
    reply = await worker.edit(sent.message_id - 1, "Rina")
    assert "Pesan yang diubah tidak kami baca" in reply.text

    await worker.tap("Tidak punya / lupa NIK")
    reply = await worker.send_sticker()  # where a button or a contact is expected
    assert "nomor HP" in reply.text
    with db.session() as session:
        dialog = session.exec(select(Dialog)).one()
        voices = [f for f in dialog.data["files"] if f["kind"] == "voice"]
        assert len(voices) == 1 and voices[0]["purpose"] == "name"


async def test_an_old_button_is_refused_and_the_current_question_shown(
    bot: RunningBot, emulator: BotAPIEmulator
) -> None:
    worker = emulator.user(5006, "Dewi")
    nik_question = await walk(worker, until="nik")
    await worker.send(NIK)  # typed: the NIK question keeps its "no NIK" button
    reply = await worker.tap("Tidak punya / lupa NIK", message_id=nik_question.last.message_id)
    assert reply.callback_answer is not None and "tidak berlaku" in reply.callback_answer
    # One message: what to do, then the current question (its share keyboard too).
    assert len(reply.messages) == 1 and "tidak berlaku" in reply.text and "nomor HP" in reply.text
    assert "Kirim nomor saya" in reply.keyboard[0]


async def test_summary_fields_can_be_changed(bot: RunningBot, emulator: BotAPIEmulator) -> None:
    worker = emulator.user(5007, "Made")
    await walk(worker, name="Made Suarta")
    reply = await worker.tap("Nama")
    assert "nama lengkap" in reply.text
    reply = await worker.send("I Made Suarta")
    assert "Nama: I Made Suarta" in reply.text
    reply = await worker.tap("Gaji")
    reply = await worker.tap("Ya")
    assert "berapa" in reply.text
    reply = await worker.send("2,5 jt")
    assert "Rp 2.500.000" in reply.text and "Periksa laporan Anda" in reply.text


async def test_declining_consent_stores_nothing_personal(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    worker = emulator.user(5008, "Tono")
    await worker.send("/start")
    reply = await worker.tap("✖ Tidak setuju")
    assert "tidak kami simpan" in reply.text and OFFICE in reply.text
    with db.session() as session:
        assert session.exec(select(Dialog)).all() == []
        consent = session.exec(select(Consent)).one()
        assert not consent.granted and consent.case_id is None
        assert session.exec(select(Person)).all() == []


async def test_restart_halfway_continues_where_the_person_was(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    worker = emulator.user(5009, "Yanti")
    await walk(worker, until="group", name="Yanti")
    await bot.restart()
    reply = await worker.tap("3")
    assert "membawa" in reply.text
    await bot.restart()
    await worker.send("Pak Joko")
    await worker.tap("Tidak tahu")
    reply = await worker.send("/kembali")
    assert "Pak Joko" in reply.text
    await worker.tap("Tidak tahu")
    await worker.tap("Tidak tahu")
    for label in ("Pabrik", "Minggu ini", "Tidak", "Makan", "Selesai", "Tidak ada", "Lewati"):
        await worker.tap(label)
    reply = await worker.tap("Kirim laporan")
    assert re.search(rf"KBR-{YEAR}-\d{{4}}", reply.text)
    with db.session() as session:
        case = session.exec(select(Case)).one()
        assert case.group_size == 3 and not case.urgent and case.needs == ["food"]


async def test_two_people_at_the_same_time_get_different_numbers(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    first, second = emulator.user(5010, "Ani"), emulator.user(5011, "Eko")
    replies = await asyncio.gather(submit(first, name="Ani"), submit(second, name="Eko"))
    numbers = {re.search(r"KBR-\d{4}-\d{4}", r.text).group(0) for r in replies}  # type: ignore[union-attr]
    assert numbers == {f"KBR-{YEAR}-0001", f"KBR-{YEAR}-0002"}
    with db.session() as session:
        names = {
            (p.full_name, c.reporter_id)
            for p, c in session.exec(
                select(Person, Case).where(Person.case_id == Case.id, Person.position == 1)
            )
        }
        accounts = {a.telegram_user_id: a.id for a in session.exec(select(Account))}
    assert names == {("Ani", accounts[5010]), ("Eko", accounts[5011])}


async def test_status_lists_the_reporters_cases(bot: RunningBot, emulator: BotAPIEmulator) -> None:
    worker = emulator.user(5012, "Sari")
    await submit(worker)
    reply = await worker.send("/status")
    assert f"KBR-{YEAR}-0001" in reply.text and "baru" in reply.text
    other = emulator.user(5013, "Lain")
    reply = await other.send("/status")
    assert "KBR-" not in reply.text


async def test_english_speakers_get_english_and_anyone_can_switch(
    bot: RunningBot, emulator: BotAPIEmulator
) -> None:
    worker = emulator.user(5014, "John", language_code="en")
    reply = await worker.send("/start")
    assert "Do you agree?" in reply.text
    await worker.send("/bahasa")
    reply = await worker.tap("Bahasa Indonesia")
    assert "Bahasa: Indonesia" in reply.text
    reply = await worker.send("/kembali")
    assert "Apakah Anda setuju?" in reply.text


async def test_a_message_without_a_report_in_progress_offers_the_menu(
    bot: RunningBot, emulator: BotAPIEmulator
) -> None:
    worker = emulator.user(5015, "Udin")
    reply = await worker.send("tolong saya")
    assert "Buat laporan" in reply.buttons[0]
    reply = await worker.tap("Buat laporan")
    assert "Apakah Anda setuju?" in reply.text


async def test_a_failure_inside_the_bot_apologises_and_loses_nothing_before_it(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from models.intake.steps import STEPS, Step

    worker = emulator.user(5016, "Wati")
    await walk(worker, until="nik", name="Wati Susanti")
    failures = iter([RuntimeError("a bug")])

    def broken(c: object, text: str) -> object:
        raise next(failures)

    original = STEPS[Step.NIK].on_text
    monkeypatch.setattr(STEPS[Step.NIK], "on_text", broken)
    reply = await worker.send(NIK)
    assert "ada gangguan" in reply.text
    monkeypatch.setattr(STEPS[Step.NIK], "on_text", original)
    reply = await worker.send(NIK)
    assert "nomor HP" in reply.text
    with db.session() as session:
        dialog = session.exec(select(Dialog)).one()
        assert dialog.data["full_name"] == "Wati Susanti" and dialog.data["nik"] == NIK
