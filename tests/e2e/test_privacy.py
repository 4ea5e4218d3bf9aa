"""A reporter's rights and the audit log through the real bot and the emulator: /datasaya,
/koreksi applied by staff, /hapusdata confirmed by staff (the data is gone, /statistik still
counts the case), /audit showing a card view, and `python -m bot audit` writing CSV."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import col, select

from bot.__main__ import main
from bot.config import Settings
from emulator import BotAPIEmulator, Group
from models.storage.db import Database
from models.storage.tables import (
    Attachment,
    AuditEntry,
    Case,
    CaseErasure,
    CaseEvent,
    Dialog,
    EventKind,
    Outbox,
    Person,
    PrivacyRequest,
    Role,
)
from tests.conftest import TEST_DATA_KEY
from tests.e2e.conftest import RunningBot
from tests.e2e.intake_script import NIK, PHONE_E164, submit, walk
from tests.e2e.scheduled import ManualClock, scheduled_bot
from tests.e2e.team import make_member, only_case

YEAR = datetime.now(UTC).year
NUMBER = f"KBR-{YEAR}-0001"
ADMIN_ID = 9000


async def test_a_reporter_sees_their_data_and_staff_apply_a_correction(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database, staff_group: Group
) -> None:
    make_member(db, 9200, Role.STAFF, "Sri Staf")
    staff = emulator.user(9200, "Sri")
    await staff.send("/start")
    await staff.send("/batal")
    worker = emulator.user(5101, "Siti")
    await submit(worker)

    reply = await worker.send("/datasaya")
    assert "Data Anda yang kami simpan" in reply.text
    assert NUMBER in reply.text and NIK in reply.text and "Siti Aminah" in reply.text
    assert "Pak Joko" in reply.text and "PT Sawit Makmur" in reply.text
    assert "730 hari" in reply.text and "/hapusdata" in reply.text
    document = next(m for m in reply.messages if m.document is not None)
    stored = json.loads(emulator.file_bytes(document.document))  # type: ignore[arg-type]
    assert stored["cases"][0]["number"] == NUMBER
    assert stored["cases"][0]["people"][0]["nik"] == NIK
    assert stored["cases"][0]["people"][0]["phone"] == PHONE_E164

    reply = await worker.send("/koreksi")
    assert f"Bagian mana dari laporan {NUMBER}" in reply.text
    reply = await worker.tap("Nama")
    assert "Ketik Nama yang benar" in reply.text
    reply = await worker.send("Siti Aminah Putri")
    assert "Permintaan koreksi Nama sudah kami terima" in reply.text
    notice = await staff_group.wait_for_message(contains="minta koreksi")
    assert NUMBER in notice.text and "Siti Aminah Putri" in notice.text

    reply = await staff.tap("✅ Terapkan", chat=staff_group)
    told = await worker.wait_for_message(contains="sudah diterapkan")
    assert NUMBER in told.text
    decided = staff_group.chat.last_bot_message
    assert decided is not None and "Diterapkan oleh Sri Staf" in decided.text
    assert decided.inline_labels == []
    with db.session() as session:
        case = only_case(db)
        person = session.exec(
            select(Person).where(Person.case_id == case.id, Person.position == 1)
        ).one()
        assert person.full_name == "Siti Aminah Putri"
        request = session.exec(select(PrivacyRequest)).one()
        assert (request.status, request.value) == ("applied", None)

    # Staff see the request in the case's history.
    await staff.send(f"/kasus {NUMBER}")
    reply = await staff.tap("🕘 Riwayat")
    assert "Permintaan data pribadi: correction full_name: applied" in reply.text
    # A wrong NIK is refused and the question stays open.
    await worker.send("/koreksi")
    await worker.tap("NIK")
    reply = await worker.send("12345")
    assert "NIK itu tidak mungkin benar" in reply.text
    reply = await worker.send("/batal")
    assert "tidak jadi" in reply.text


async def test_an_erasure_confirmed_by_staff_removes_the_data_and_keeps_the_counts(
    emulator: BotAPIEmulator,
    settings: Settings,
    db: Database,
    staff_group: Group,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings.admin_telegram_ids = [ADMIN_ID]
    running = RunningBot(settings)
    await running.start()
    try:
        admin = emulator.user(ADMIN_ID, "Kadis")
        await admin.send("/start")
        await admin.send("/batal")
        worker = emulator.user(5101, "Siti")
        await submit(worker)
        card = await admin.send(f"/kasus {NUMBER}")
        assert NIK in card.text

        reply = await worker.send("/hapusdata")
        assert "1 laporan" in reply.text and "3x24 jam" in reply.text
        reply = await worker.tap("🗑 Ya, hapus data saya")
        assert "paling lambat" in reply.text
        notice = await staff_group.wait_for_message(contains="minta semua datanya dihapus")
        assert NUMBER in notice.text and NIK not in notice.text
        reply = await worker.send("/hapusdata")
        assert "sedang diputuskan" in reply.text

        reply = await admin.tap("🗑 Hapus sekarang", chat=staff_group)
        assert reply.callback_answer == "Data pelapor dihapus dari 1 laporan."
        told = await worker.wait_for_message(contains="sudah dihapus")
        assert "1 laporan" in told.text
        reply = await worker.send("/datasaya")
        assert "Kami tidak menyimpan laporan atas nama Anda" in reply.text

        with db.session() as session:
            case = session.exec(select(Case)).one()
            people = session.exec(select(Person).where(Person.case_id == case.id)).all()
            assert [(p.full_name, p.nik, p.phone) for p in people] == [("", None, None)] * 3
            assert (case.recruiter_name, case.employer, case.location_text) == (None, None, None)
            assert session.exec(select(Attachment)).all() == []
            notes = session.exec(select(CaseEvent.note)).all()
            assert [n for n in notes if n] == []
            kinds = session.exec(select(CaseEvent.kind)).all()
            assert EventKind.PRIVACY in kinds

        reply = await admin.send("/statistik")
        assert "1 kasus, 3 orang" in reply.text

        reply = await admin.send("/audit")
        assert "Log audit" in reply.text and "case.view" in reply.text and NUMBER in reply.text
        reply = await admin.send(f"/audit kasus {NUMBER}")
        assert "privacy.erase" in reply.text and "privacy.ask_correction" not in reply.text
        local_today = datetime.now(settings.tz).date().isoformat()
        reply = await admin.send(f"/audit orang {ADMIN_ID} {local_today} {local_today}")
        assert "case.view" in reply.text and "privacy.ask_erasure" not in reply.text
        reply = await admin.send("/audit 2020-01-01 2020-01-31")
        assert "Tidak ada catatan yang cocok" in reply.text
        reply = await admin.send("/audit kemarin")
        assert "Contoh: /audit" in reply.text
        reply = await admin.send("/audit orang 999999")
        assert "Tidak ada akun 999999" in reply.text
        reply = await worker.send("/audit")
        assert "hanya untuk admin" in reply.text
        with db.session() as session:
            views = session.exec(select(AuditEntry).where(AuditEntry.action == "case.view")).all()
            assert [v.chat_id for v in views] == [ADMIN_ID]
    finally:
        await running.stop()

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("DATA_ENCRYPTION_KEY", TEST_DATA_KEY)
    monkeypatch.chdir(tmp_path)  # no .env from the working copy
    output = tmp_path / "audit.csv"
    today = datetime.now(settings.tz).date().isoformat()  # the log reads local (WIB) days
    assert main(["audit", "--from", "2020-01-01", "--to", today, "--output", str(output)]) == 0
    rows = list(csv.DictReader(io.StringIO(output.read_text(encoding="utf-8"))))
    actions = [r["action"] for r in rows]
    assert "case.view" in actions and "privacy.erasure_confirmed" in actions
    text = output.read_text(encoding="utf-8")
    assert NIK not in text and "Siti" not in text


# Monday 30 November 2026, 09:00 WIB.
T0 = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)


async def test_admins_are_reminded_once_and_retention_erases_what_is_kept_too_long(
    emulator: BotAPIEmulator, settings: Settings, db: Database, staff_group: Group
) -> None:
    settings.admin_telegram_ids = [ADMIN_ID]
    clock = ManualClock(T0)
    async with scheduled_bot(settings, clock) as sbot:
        admin = emulator.user(ADMIN_ID, "Kadis")
        await admin.send("/start")
        await admin.send("/batal")
        worker = emulator.user(5101, "Siti")
        await submit(worker)
        await worker.send("/hapusdata")
        await worker.tap("🗑 Ya, hapus data saya")

        clock.advance(hours=47)
        await sbot.tick()
        assert _keys(db, "privacy:due:") == []
        clock.advance(hours=1)  # a day before the 3x24-hour deadline
        await sbot.tick()
        await sbot.tick()
        await sbot.settled()
        assert len(_keys(db, "privacy:due:")) == 1
        reminder = await admin.wait_for_message(contains="belum diputuskan")
        assert "1 laporan" in reminder.text and "Siti" not in reminder.text

        reply = await admin.tap("Tolak: proses hukum", chat=staff_group)
        assert reply.callback_answer == "Penolakan dikirim ke pelapor."
        told = await worker.wait_for_message(contains="tidak bisa kami penuhi")
        assert "penegakan hukum" in told.text
        assert "Ditolak oleh Kadis: masih diperlukan untuk proses penegakan hukum" in reply.text

        # Closed, then kept RETENTION_DAYS; a draft abandoned meanwhile goes too.
        with db.session() as session:
            case = session.exec(select(Case)).one()
            case.status, case.closed_at = "selesai", clock.now
            session.add(case)
            session.commit()
        await walk(emulator.user(5102, "Budi"), until="phone", name="Budi Santoso")
        clock.advance(days=729)
        await sbot.tick()
        with db.session() as session:
            assert session.exec(select(Person.full_name).where(Person.position == 1)).one() != ""
            assert session.exec(select(Dialog)).all() == []
        clock.advance(days=2)
        await sbot.tick()
        with db.session() as session:
            people = session.exec(select(Person)).all()
            assert {(p.full_name, p.nik) for p in people} == {("", None)}
            assert session.exec(select(CaseErasure.cause)).all() == ["retention"]
        reply = await worker.send("/datasaya")
        assert "Kami tidak menyimpan laporan atas nama Anda" in reply.text


def _keys(db: Database, prefix: str) -> list[str]:
    with db.session() as session:
        return list(session.exec(select(Outbox.key).where(col(Outbox.key).startswith(prefix))))
