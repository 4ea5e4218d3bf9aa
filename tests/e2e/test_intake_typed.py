"""A person who types instead of tapping, end to end: every question with buttons understands
typed answers, facts inside an answer are kept, and a mistake costs one message."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from sqlmodel import select

from emulator import BotAPIEmulator
from models.storage.db import Database
from models.storage.tables import Case, CaseEvent, Dialog, EventKind
from tests.e2e.conftest import RunningBot
from tests.e2e.intake_script import NIK, PHONE, walk

YEAR = datetime.now(UTC).year


def _draft(db: Database) -> Dialog:
    with db.session() as session:
        return session.exec(select(Dialog)).one()


class Typist:
    """Types every answer, never taps; counts the questions and the bot's messages."""

    def __init__(self, worker: Any, db: Database) -> None:
        self.worker = worker
        self.db = db
        self.answers = 0
        self.steps: list[str] = []
        self.messages: list[str] = []

    async def type(self, text: str) -> Any:
        before = _draft(self.db).step
        reply = await self.worker.send(text)
        self.answers += 1
        self.steps.append(before)
        self.messages += [m.text for m in reply.messages if not m.edited]
        return reply


async def _type_everything(typist: Typist, *, nik: bool) -> Any:
    await typist.worker.send("/start")
    answers = [
        "iya",
        "Siti Aminah",
        NIK if nik else "tidak punya",
        "0812 3456 7890",
        "iya betul" if nik else "Lombok Timur",
        "mes PT Sawit Makmur di Kumai",
        "kumai",
        "kami bertiga",
        "Pak Joko",
        "0813-5555-1234",
        "PT Sawit Makmur",
        "kebun sawit",
        "2 minggu lalu",
        "udah 3 bln gak digaji, kira2 7 juta",
        "pulang dan makan",
        "anak saya panas dari kemarin",
        "gak ada",
    ]
    reply = None
    for text in answers:
        reply = await typist.type(text)
    return reply


async def test_a_person_who_types_every_answer_reaches_a_case_number_with_every_fact(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    typist = Typist(emulator.user(5101, "Siti"), db)
    summary = await _type_everything(typist, nik=True)
    assert "Periksa laporan Anda" in summary.text
    # Each question answered once: no refusal, no "pick a button", no amount question.
    assert len(typist.steps) == len(set(typist.steps)) == typist.answers
    assert "amount" not in typist.steps
    assert not any("Silakan pilih" in text for text in typist.messages)
    for shown in ("HP: 0812-3456-7890", "Jumlah orang: 3", "Pak Joko (0813-5555-1234)",
                  "Kebun sawit", "Berhenti kerja: 2 minggu lalu (", "ya, sekitar Rp 7.000.000",
                  "Pulang ke daerah asal, Makan", "Sakit / terluka, Anak-anak"):  # fmt: skip
        assert shown in summary.text, shown
    draft = _draft(db).data
    assert draft["vulnerabilities_text"] == "anak saya panas dari kemarin"
    assert draft["work_ended_on"] and draft["work_ended_text"] == "2 minggu lalu"

    done = await typist.type("sudah benar, kirim")
    assert f"KBR-{YEAR}-0001" in done.text
    with db.session() as session:
        case = session.exec(select(Case)).one()
        assert (case.urgent, case.vulnerabilities) == (True, ["sick", "child"])
        assert (case.wages_unpaid, case.wages_amount) == (True, 7_000_000)
        assert case.needs == ["transport", "food"] and case.needs_other is None
        assert (case.group_size, case.recruiter_name, case.recruiter_phone) == (
            3, "Pak Joko", "+6281355551234",
        )  # fmt: skip
        assert (case.employer, case.work_type, case.work_ended) == (
            "PT Sawit Makmur", "plantation", f"2 minggu lalu ({draft['work_ended_on']})",
        )  # fmt: skip
        assert case.location_district_code == "62.01.01"
        health = session.exec(
            select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.kind == EventKind.NOTE)
        ).one()  # the typed words stay for staff to read, beside the ticked conditions
        assert health.note == "anak saya panas dari kemarin"


async def test_without_a_nik_every_answer_can_be_typed_too(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    typist = Typist(emulator.user(5102, "Budi"), db)
    summary = await _type_everything(typist, nik=False)
    assert "Periksa laporan Anda" in summary.text and "Kabupaten Lombok Timur" in summary.text
    assert len(typist.steps) == len(set(typist.steps)) == typist.answers
    done = await typist.type("ya")
    assert re.search(rf"KBR-{YEAR}-\d{{4}}", done.text)


async def test_iya_answers_a_yes_no_question(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    worker = emulator.user(5103, "Rina")
    await worker.send("/start")
    reply = await worker.send("Iyaa pak")
    assert "nama lengkap" in reply.text
    await walk(worker, until="wages")
    reply = await worker.send("iya")
    assert "berapa" in reply.text.lower()
    assert _draft(db).data["wages_unpaid"] is True
    reply = await worker.send("4 bulan kerja, Rp 6.500.000 belum dikasih")
    assert "butuhkan" in reply.text
    assert _draft(db).data["wages_amount"] == 6_500_000


async def test_one_mistake_gives_one_message_with_the_buttons(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    worker = emulator.user(5104, "Agus")
    await walk(worker, until="group")
    reply = await worker.send("banyak")
    assert len(reply.messages) == 1 and "dari 1 sampai 500" in reply.text
    assert "Sendiri" in reply.buttons
    await worker.tap("3")
    for label in ("Tidak tahu", "Tidak tahu", "Pabrik"):
        await worker.tap(label)
    reply = await worker.send("tukang sawit")  # not a time: a short question, the options
    assert len(reply.messages) == 1 and "Kapan kira-kira" in reply.text
    assert "Bulan lalu" in reply.buttons
    assert "work_ended_text" not in _draft(db).data
    await worker.send("kemarin")
    reply = await worker.send("belum")  # "not yet paid" or "nothing unpaid yet"?
    assert len(reply.messages) == 1 and "ada gaji yang belum dibayar?" in reply.text
    assert reply.buttons == ["Ya", "Tidak", "Tidak tahu"]
    assert "Silakan pilih" not in reply.text
    reply = await worker.send("5 juta atau 7 juta")  # still unclear: no yes in it
    assert len(reply.messages) == 1
    await worker.send("iya")
    reply = await worker.send("janjinya 5 juta tapi katanya 3,5 juta")
    assert len(reply.messages) == 1 and "Yang mana" in reply.text
    assert reply.buttons[:2] == ["Rp 5.000.000", "Rp 3.500.000"]
    reply = await worker.tap("Rp 3.500.000")
    assert "butuhkan" in reply.text and _draft(db).data["wages_amount"] == 3_500_000
    await worker.send("makan")
    reply = await worker.send("tidak ada yang sakit")  # a condition denied: never "none"
    assert len(reply.messages) == 1 and "Tidak ada" in reply.buttons
    assert "vulnerabilities" not in _draft(db).data
    # An unexpected kind of input says so and repeats the question, still in one message.
    reply = await worker.send_sticker()
    assert len(reply.messages) == 1 and "sakit" in reply.text and "Tidak ada" in reply.buttons


async def test_a_closed_list_keeps_what_was_chosen_and_a_shared_place_is_acknowledged(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    worker = emulator.user(5105, "Dewi")
    await walk(worker, until="location")
    reply = await worker.share_location(-2.7312, 111.7321)
    texts = [m.text for m in reply.messages]
    assert texts[0] == "✔ Lokasi diterima." and "Baik." not in texts
    assert "kecamatan" in reply.text and reply.keyboard == []
    await walk_from(worker, "district", until="needs")
    await worker.tap("Pulang ke daerah asal")
    await worker.tap("Makan")
    reply = await worker.tap("Selesai")
    closed = next(m for m in reply.messages if m.edited)
    assert closed.text.endswith("→ Pulang ke daerah asal, Makan")
    assert closed.inline_labels == []


async def test_a_shared_contact_is_acknowledged_with_the_number_as_written_here(
    bot: RunningBot, emulator: BotAPIEmulator
) -> None:
    worker = emulator.user(5106, "Made")
    await walk(worker, until="phone")
    reply = await worker.press("Kirim nomor saya", phone=PHONE)
    assert reply.messages[0].text == "✔ Nomor HP: 0812-3456-7890"
    assert "Baik." not in [m.text for m in reply.messages]


async def walk_from(worker: Any, start: str, *, until: str) -> None:
    """Answers the standard script's questions from `start` up to `until`."""
    from tests.e2e.intake_script import script

    steps = script()
    names = [name for name, _ in steps]
    for _, action in steps[names.index(start) : names.index(until)]:
        await action(worker)


async def test_back_from_the_question_after_a_wages_sentence_returns_to_the_wages(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    worker = emulator.user(5107, "Yanti")
    await walk(worker, until="wages")
    reply = await worker.send("blm dibayar sama sekali, 2,5 jt")
    assert "butuhkan" in reply.text
    reply = await worker.send("/kembali")
    assert "gaji yang belum dibayar" in reply.text
    reply = await worker.send("sudah dibayar semua")
    assert "butuhkan" in reply.text
    draft = _draft(db).data
    assert (draft["wages_unpaid"], draft["wages_amount"]) == (False, None)
