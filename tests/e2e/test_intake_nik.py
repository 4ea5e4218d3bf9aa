"""Fewer questions from the NIK, files at any step, /start with an open report (issue 10).

The real bot over HTTP against the emulator; what the person reads and what is stored.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import col, select

from emulator import BotAPIEmulator
from emulator.reply import Reply
from models.storage.db import Database
from models.storage.tables import Attachment, Case, Dialog, Person
from tests.e2e.conftest import RunningBot
from tests.e2e.intake_script import NIK, PHONE, script, submit, walk

YEAR = datetime.now(UTC).year
CONFIRM = "Asal Anda Kabupaten Lombok Timur, Nusa Tenggara Barat?"


class Counted:
    """A person whose every answer is counted: typed texts, taps, shared contacts/locations."""

    def __init__(self, person: Any) -> None:
        self.person = person
        self.typed = 0
        self.taps = 0
        self.shares = 0
        self.questions: list[str] = []

    def _asked(self, reply: Reply) -> Reply:
        self.questions.append(reply.text)
        return reply

    async def send(self, text: str) -> Reply:
        if not text.startswith("/"):
            self.typed += 1
        return self._asked(await self.person.send(text))

    async def tap(self, label: str) -> Reply:
        self.taps += 1
        return self._asked(await self.person.tap(label))

    async def press(self, label: str, **kwargs: Any) -> Reply:
        self.shares += 1
        return self._asked(await self.person.press(label, **kwargs))

    async def share_location(self, latitude: float, longitude: float) -> Reply:
        self.shares += 1
        return self._asked(await self.person.share_location(latitude, longitude))

    async def send_photo(self) -> Reply:
        self.shares += 1
        return self._asked(await self.person.send_photo())


def steps_between(first: str, last: str) -> list[Any]:
    """The usual answers of tests/e2e/intake_script.py from step `first` to `last`."""
    names = [name for name, _ in script()]
    return [action for name, action in script()[names.index(first) : names.index(last) + 1]]


async def test_the_origin_from_the_nik_is_confirmed_with_one_tap(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    worker = Counted(emulator.user(5601, "Siti"))
    await worker.send("/start")
    await worker.tap("✅ Setuju")
    await worker.send("Siti Aminah")
    await worker.send(NIK)  # Keruak, Lombok Timur; a man born 15-08-1990
    reply = await worker.press("Kirim nomor saya", phone=PHONE)
    assert CONFIRM in reply.text
    assert reply.buttons == ["Ya", "Bukan"]
    reply = await worker.tap("Ya")
    assert "Di mana Anda sekarang?" in reply.text  # no province, regency or pick question
    assert "Asal:" not in reply.text  # a confirmed origin is not read back
    for action in steps_between("location", "urgency"):
        reply = await action(worker)
    summary = await worker.tap("Lewati")  # no photos
    assert "Periksa laporan Anda" in summary.text
    assert "Asal: Kabupaten Lombok Timur, Nusa Tenggara Barat" in summary.text

    # 18 questions, none about the province or regency. Typed: name, NIK, recruiter, their
    # phone, employer, amount (7 with the origin typed before, as tests/e2e/intake_script.py
    # still does); taps: 13 (multi-choice ticks included); shared: contact and location.
    assert (worker.typed, worker.taps, worker.shares) == (6, 13, 2)
    assert worker.typed <= 8
    assert not any("Dari mana asal Anda?" in question for question in worker.questions)

    await worker.tap("Kirim laporan")
    with db.session() as session:
        case = session.exec(select(Case)).one()
        assert (case.origin_province_code, case.origin_regency_code) == ("52", "52.03")
        person = session.exec(select(Person).order_by(col(Person.position))).first()
        assert person is not None
        assert (person.nik, person.sex, person.birth_date) == (NIK, "L", date(1990, 8, 15))


async def test_bukan_asks_the_origin_and_a_typed_yes_confirms(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    first = emulator.user(5602, "Ahmad")
    await first.send("/start")
    await first.tap("✅ Setuju")
    await first.send("Ahmad")
    await first.send(NIK)
    reply = await first.press("Tidak punya nomor HP")  # the phone skipped
    assert CONFIRM in reply.text
    reply = await first.send("Bukan")
    assert "Dari mana asal Anda?" in reply.text
    reply = await first.send("Jember")
    assert "Asal: Kabupaten Jember, Jawa Timur" in reply.text

    second = emulator.user(5603, "Iwan")
    await second.send("/start")
    await second.tap("✅ Setuju")
    await second.send("Iwan")
    await second.send(NIK)
    await second.press("Kirim nomor saya", phone=PHONE)
    reply = await second.send("iya betul")
    assert "Di mana Anda sekarang?" in reply.text

    with db.session() as session:
        drafts = {d.account_id: d.data for d in session.exec(select(Dialog)).all()}
        assert sorted(d["origin_regency"] for d in drafts.values()) == ["35.09", "52.03"]


async def test_a_nik_changed_in_the_summary_asks_to_confirm_the_origin_it_names(
    bot: RunningBot, emulator: BotAPIEmulator
) -> None:
    worker = emulator.user(5606, "Wati")
    summary = await walk(worker, name="Wati")  # the origin typed: Lombok Timur, as the NIK says
    assert "Asal: Kabupaten Lombok Timur" in summary.text
    await worker.tap("NIK")
    reply = await worker.send("3509015505900002")  # a woman from Jember
    assert "Asal Anda Kabupaten Jember, Jawa Timur?" in reply.text
    summary = await worker.tap("Ya")
    assert "Periksa laporan Anda" in summary.text
    assert "Asal: Kabupaten Jember, Jawa Timur" in summary.text


async def test_start_with_an_open_report_says_so_and_offers_a_new_one_or_the_status(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    worker = emulator.user(5604, "Rina")
    await submit(worker, name="Rina Wati")
    number = f"KBR-{YEAR}-0001"

    reply = await worker.send("/start")
    assert f"Anda sudah punya laporan {number}" in reply.text
    assert "menunggu petugas" in reply.text  # its status, in the reporter's words
    assert reply.buttons == ["📝 Laporan baru", "📋 Lihat laporan saya"]
    offer = reply.last.message_id
    with db.session() as session:
        assert session.exec(select(Dialog)).all() == []  # no intake begun

    status = await worker.tap("📋 Lihat laporan saya")
    assert number in status.text and "menunggu petugas" in status.text

    fresh = await worker.tap("📝 Laporan baru", message_id=offer)
    assert "✅ Setuju" in fresh.buttons  # the consent question: a new intake
    with db.session() as session:
        assert len(session.exec(select(Dialog)).all()) == 1
    reply = await worker.send("/start")  # mid-way: the current question again, not the offer
    assert "✅ Setuju" in reply.buttons and "sudah punya laporan" not in reply.text

    await worker.send("/batal")
    await worker.tap("Ya, hapus")
    with db.session() as session:
        case = session.exec(select(Case)).one()
        case.status = "selesai"
        session.add(case)
        session.commit()
    reply = await worker.send("/start")  # a closed report: a new intake at once
    assert "✅ Setuju" in reply.buttons and "sudah punya laporan" not in reply.text


async def test_a_voice_note_at_any_step_and_a_photo_sent_early_are_kept(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    worker = emulator.user(5605, "Dewi")
    await worker.send("/start")
    await worker.tap("✅ Setuju")
    reply = await worker.send_photo()  # at the name question
    assert "Foto disimpan" in reply.text and "nanti kami tanya itu foto apa" in reply.text
    assert "nama lengkap" in reply.text
    with db.session() as session:  # stored with the reply, in the same unit of work
        files = session.exec(select(Dialog)).one().data["files"]
        assert [(f["kind"], f["purpose"], f.get("early")) for f in files] == [("photo", None, True)]

    await worker.send("Dewi Lestari")
    await worker.send(NIK)
    await worker.press("Kirim nomor saya", phone=PHONE)
    reply = await worker.send_voice()  # at a question with buttons
    assert "Pesan suara disimpan" in reply.text and "tekan tombol atau ketik" in reply.text
    assert CONFIRM in reply.text
    await worker.tap("Ya")
    for action in steps_between("location", "urgency"):
        reply = await action(worker)
    assert "Foto ke-1 yang Anda kirim tadi sudah kami simpan" in reply.text
    assert reply.buttons[:3] == ["KTP", "Surat / dokumen", "Keadaan"]

    reply = await worker.send_voice()  # at the photo step: no "choose a button"
    assert "Pesan suara disimpan" in reply.text and "Kirim foto kalau ada" in reply.text
    assert "pilih" not in reply.text.lower()
    reply = await worker.tap("KTP")
    assert "1 foto diterima" in reply.text
    summary = await worker.tap("Selesai kirim foto")
    assert "Foto: 1 · Pesan suara: 2" in summary.text

    await worker.tap("Kirim laporan")
    with db.session() as session:
        kept = session.exec(select(Attachment).order_by(col(Attachment.id))).all()
        assert [(a.kind, a.purpose) for a in kept] == [
            ("photo", "ktp"),
            ("voice", "nik_origin"),
            ("voice", "photos"),
        ]
