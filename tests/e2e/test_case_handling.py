"""Staff, partners and admins handling cases through the real bot and the emulator."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlmodel import col, select

from bot.config import Settings
from emulator import BotAPIEmulator, Group
from models.storage.db import Database
from models.storage.tables import (
    Account,
    Case,
    CaseEvent,
    ChecklistItem,
    EventKind,
    Invite,
    Person,
    Referral,
    Role,
)
from tests.e2e.conftest import RunningBot
from tests.e2e.intake_script import NIK, submit
from tests.e2e.team import make_member, only_case

YEAR = datetime.now(UTC).year
NUMBER = f"KBR-{YEAR}-0001"
ADMIN_ID = 9000


async def test_an_admin_invites_staff_with_a_one_time_link(
    emulator: BotAPIEmulator, settings: Settings, db: Database
) -> None:
    settings.admin_telegram_ids = [ADMIN_ID]
    running = RunningBot(settings)
    await running.start()
    try:
        admin = emulator.user(ADMIN_ID, "Kadis")
        reply = await admin.send("/undang")
        assert "Undang sebagai apa?" in reply.text
        reply = await admin.tap("staf Dinsos")
        link = re.search(r"https://t\.me/\w+\?start=(\S+)", reply.text)
        assert link is not None and "sekali pakai" in reply.text
        code = link.group(1)

        newcomer = emulator.user(9100, "Rahmat")
        reply = await newcomer.send(f"/start {code}")
        assert "staf Dinsos" in reply.text
        again = emulator.user(9101, "Orang Lain")
        reply = await again.send(f"/start {code}")
        assert "sudah dipakai" in reply.text

        reply = await admin.send("/undang")
        await admin.tap("mitra instansi")
        reply = await admin.tap("Dinas Kesehatan Kabupaten Kotawaringin Barat")
        partner_code = re.search(r"start=(\S+)", reply.text).group(1)  # type: ignore[union-attr]
        with db.session() as session:
            invite = session.exec(select(Invite).where(Invite.code == partner_code)).one()
            invite.expires_at = datetime.now(UTC) - timedelta(minutes=1)
            session.add(invite)
            session.commit()
        reply = await emulator.user(9102, "Telat").send(f"/start {partner_code}")
        assert "kedaluwarsa" in reply.text

        reply = await admin.send("/petugas")
        assert "Rahmat · staf Dinsos" in reply.text
        await admin.tap("Rahmat")
        await admin.tap("⛔ Nonaktifkan")
        reply = await admin.tap("Ya, nonaktifkan")
        assert "nonaktif" in reply.text
        reply = await newcomer.send("/kasus")
        assert "hanya untuk petugas" in reply.text
        reply = await newcomer.send("/undang")
        assert "hanya untuk admin" in reply.text

        with db.session() as session:
            staff = session.exec(select(Account).where(Account.telegram_user_id == 9100)).one()
            assert (staff.role, staff.active, staff.display_name) == ("staff", False, "Rahmat")
        scoped = [c for c in emulator.calls_of("setMyCommands") if "scope" in c.params]
        assert any(c.params["scope"]["chat_id"] == 9100 for c in scoped)
    finally:
        await running.stop()


async def test_staff_take_verify_refer_and_close_a_case_with_the_checklist(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database, staff_group: Group
) -> None:
    make_member(db, 9200, Role.STAFF, "Sri Staf")
    make_member(db, 9300, Role.PARTNER, "Dokter Ani", agency="dinkes")
    staff = emulator.user(9200, "Sri")
    partner = emulator.user(9300, "Ani")
    await staff.send("/start")  # staff open their private chat with the bot first
    await staff.send("/batal")
    await partner.send("/kasus")

    worker = emulator.user(5101, "Siti")
    await submit(worker)
    notice = await staff_group.wait_for_message(contains=NUMBER)
    assert NIK not in notice.text and "0812" not in notice.text

    reply = await staff.tap("🙋 Saya tangani", chat=staff_group)
    assert reply.callback_answer and NUMBER in reply.callback_answer
    taken = staff_group.chat.last_bot_message
    assert taken is not None and "Ditangani: Sri Staf" in taken.text
    assert taken.inline_labels == ["📂 Buka", "✔ Verifikasi"]  # no second "take" from the group
    reply = await staff.tap("📂 Buka", chat=staff_group)
    card = await staff.wait_for_message(contains="Prosedur")
    assert NIK in card.text  # full details in the private chat
    assert "Pekerjaan: Kebun sawit · Berhenti: Bulan lalu" in card.text
    assert NIK not in staff_group.chat.last_bot_message.text  # type: ignore[union-attr]

    reply = await staff.tap("→ Diverifikasi")
    assert "Diverifikasi" in reply.text
    reply = await staff.tap("→ Ditangani")
    reply = await staff.tap("→ Dipulangkan")
    assert reply.callback_answer and "Prosedur yang belum selesai" in reply.callback_answer

    reply = await staff.tap("☑ Prosedur")
    for item in (
        "Wawancara dan foto",
        "Surat keterangan polisi",
        "KTP / surat kehilangan",
        "Pemeriksaan kesehatan",
    ):
        reply = await staff.tap(item)
    assert "✅ Pemeriksaan kesehatan" in reply.buttons
    await staff.tap("◀ Kembali")

    await staff.tap("🏥 Rujuk")
    reply = await staff.tap("Dinas Kesehatan Kabupaten Kotawaringin Barat")
    assert "catatan untuk Dinas Kesehatan" in reply.text
    reply = await staff.send("Ibu hamil 7 bulan, perlu periksa")
    assert f"{NUMBER} dirujuk" in reply.text
    referral_notice = await partner.wait_for_message(contains=NUMBER)
    assert "Ibu hamil 7 bulan" in referral_notice.text

    reply = await partner.tap("📂 Buka")
    assert "Dirujuk" in reply.text
    assert "→ Ditangani" not in reply.buttons  # partners don't run the case
    await partner.tap("📝 Catatan")
    reply = await partner.send("Sudah diperiksa di Puskesmas Kumai, sehat")
    assert "Catatan disimpan" in reply.text
    reply = await partner.tap("✔ Rujukan selesai")
    assert "selesai" in reply.text
    await staff.wait_for_message(contains="sudah diselesaikan mitra")

    await staff.send(f"/kasus {NUMBER}")
    reply = await staff.tap("→ Dipulangkan")
    assert reply.callback_answer and "Surat pernyataan Kepala Dinsos" in reply.callback_answer
    await staff.tap("☑ Prosedur")
    await staff.tap("Surat pernyataan Kepala Dinsos")
    await staff.tap("◀ Kembali")
    reply = await staff.tap("→ Dipulangkan")
    assert "Dipulangkan" in reply.text
    reply = await staff.tap("→ Selesai")
    assert "↩ Buka lagi" in reply.buttons
    await staff.tap("↩ Buka lagi")
    reply = await staff.send("Pelapor kembali lagi ke kantor")
    assert "dibuka lagi" in reply.text

    with db.session() as session:
        case = session.exec(select(Case)).one()
        assert case.status == "ditangani" and case.repatriated_at is not None
        events = session.exec(select(CaseEvent).order_by(col(CaseEvent.id))).all()
        statuses = [e.to_status for e in events if e.kind == EventKind.STATUS]
        assert statuses == [
            "diverifikasi", "ditangani", "dirujuk", "dipulangkan", "selesai",
        ]  # fmt: skip
        assert all(e.actor_id is not None for e in events if e.kind != EventKind.CREATED)
        assert any(e.kind == EventKind.ACCESS for e in events)
        assert len(session.exec(select(ChecklistItem)).all()) == 5
        referral = session.exec(select(Referral)).one()
        assert referral.done_at is not None
        notes = [e for e in events if e.kind == EventKind.NOTE]
        assert [n.note for n in notes] == ["Sudah diperiksa di Puskesmas Kumai, sehat"]
        # The reporter and the two they counted (issue 8), each sent home.
        people = session.exec(select(Person)).all()
        assert [p.status for p in people] == ["dipulangkan"] * 3


async def test_partners_see_only_cases_referred_to_their_agency(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database, staff_group: Group
) -> None:
    make_member(db, 9200, Role.STAFF, "Sri Staf")
    make_member(db, 9301, Role.PARTNER, "Brigpol Eko", agency="polres")
    staff, police = emulator.user(9200, "Sri"), emulator.user(9301, "Eko")
    await staff.send("/kasus")
    await police.send("/kasus")
    await submit(emulator.user(5201, "Ani"), name="Ani")
    await submit(emulator.user(5202, "Budi"), name="Budi")
    await staff_group.wait_for_message(contains=f"KBR-{YEAR}-0002")

    await staff.send(f"/kasus KBR-{YEAR}-0002")
    await staff.tap("🏥 Rujuk")
    await staff.tap("Polres Kotawaringin Barat")
    await staff.send("-")
    await police.wait_for_message(contains=f"KBR-{YEAR}-0002")

    reply = await police.send("/kasus")
    assert f"KBR-{YEAR}-0002" in reply.text and f"KBR-{YEAR}-0001" not in reply.text
    reply = await police.send(f"/kasus KBR-{YEAR}-0001")
    assert "tidak ditemukan" in reply.text
    with db.session() as session:
        first = session.exec(select(Case).where(Case.seq == 1)).one()
    reply = await police.replay(f"c:{first.id}:open")
    assert reply.callback_answer and "tidak boleh" in reply.callback_answer
    assert "Ani" not in reply.text


async def test_staff_buttons_pressed_by_people_without_the_role_do_nothing(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database, staff_group: Group
) -> None:
    worker = emulator.user(5301, "Siti")
    await submit(worker)
    await staff_group.wait_for_message(contains=NUMBER)
    case = only_case(db)

    # A reporter who got into the staff group presses the notice's buttons.
    for label in ("🙋 Saya tangani", "✔ Verifikasi", "📂 Buka"):
        reply = await worker.tap(label, chat=staff_group)
        assert reply.callback_answer and "tidak boleh" in reply.callback_answer
    # A modified client replays case actions in the reporter's own chat.
    for data in (f"c:{case.id}:take", f"c:{case.id}:st:dipulangkan", f"c:{case.id}:msg",
                 f"c:{case.id}:asg:1", "a:inv:admin", "l:o:0"):  # fmt: skip
        reply = await worker.replay(data)
        assert (reply.callback_answer and "tidak boleh" in reply.callback_answer.lower()) or (
            reply.callback_answer and "hanya untuk admin" in reply.callback_answer
        ), data
    # A deactivated staff member is a reporter again.
    staff_id = make_member(db, 9200, Role.STAFF, "Mantan Staf")
    with db.session() as session:
        former = session.get(Account, staff_id)
        former.active = False  # type: ignore[union-attr]
        session.add(former)
        session.commit()
    reply = await emulator.user(9200, "Mantan").tap("🙋 Saya tangani", chat=staff_group)
    assert reply.callback_answer and "tidak boleh" in reply.callback_answer

    after = only_case(db)
    assert (after.status, after.assignee_id) == ("baru", None)


async def test_relay_between_staff_and_the_reporter(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database, staff_group: Group
) -> None:
    make_member(db, 9200, Role.STAFF, "Sri Staf")
    staff, worker = emulator.user(9200, "Sri"), emulator.user(5401, "Siti")
    await staff.send("/kasus")
    await submit(worker)
    await staff_group.wait_for_message(contains=NUMBER)

    # Before anyone takes the case, a reply reaches the group without its content.
    reply = await worker.send("Pak, kapan saya bisa pulang?")
    assert "diteruskan ke petugas" in reply.text
    assert reply.buttons == ["📝 Buat laporan", "📋 Laporan saya"]  # never a dead end
    waiting = await staff_group.wait_for_message(contains="pesan baru dari pelapor")
    assert "kapan saya bisa pulang" not in waiting.text

    await staff.tap("🙋 Saya tangani", chat=staff_group)
    await staff.send(f"/kasus {NUMBER}")
    reply = await staff.tap("✉ Tulis ke pelapor")
    assert "bukan dari akun Anda" in reply.text
    await staff.send("Besok jam 9 datang ke kantor Dinsos <Jl. Sutan Syahrir> & bawa KTP")
    relayed = await worker.wait_for_message(contains="Pesan dari Dinas Sosial")
    assert "Besok jam 9 datang ke kantor Dinsos <Jl. Sutan Syahrir> & bawa KTP" in relayed.text
    assert "Sri" not in relayed.text

    await worker.send("Baik pak, terima kasih")
    forwarded = await staff.wait_for_message(contains="Baik pak, terima kasih")
    assert NUMBER in forwarded.text
    with db.session() as session:
        kinds = [e.kind for e in session.exec(select(CaseEvent).order_by(col(CaseEvent.id)))]
    assert kinds.count("message_in") == 2 and kinds.count("message_out") == 1


async def test_case_lists_filter_and_paginate(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database, staff_group: Group
) -> None:
    from tests.e2e.bulk import create_cases

    make_member(db, 9200, Role.STAFF, "Sri Staf")
    staff_id = make_member(db, 9201, Role.STAFF, "Dedi")
    create_cases(db, 30, assignee_every=3, assignee_id=staff_id)
    staff = emulator.user(9201, "Dedi")
    reply = await staff.send("/kasus")
    assert "30 kasus · halaman 1/4" in reply.text
    reply = await staff.tap("▶")
    assert "halaman 2/4" in reply.text
    reply = await staff.tap("Punya saya")
    assert "10 kasus" in reply.text
    reply = await staff.tap("Mendesak")
    urgent = int(re.search(r"(\d+) kasus", reply.text).group(1))  # type: ignore[union-attr]
    with db.session() as session:
        expected = len(session.exec(select(Case).where(col(Case.urgent).is_(True))).all())
    assert urgent == expected
    reply = await staff.tap("Ditangani")
    assert "0 kasus" in reply.text and "Tidak ada kasus" in reply.text


async def test_long_texts_stay_within_telegrams_limits(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database, staff_group: Group
) -> None:
    make_member(db, 9200, Role.STAFF, "Sri Staf")
    staff, worker = emulator.user(9200, "Sri"), emulator.user(5501, "Siti")
    await staff.send("/kasus")
    await submit(worker)
    await staff_group.wait_for_message(contains=NUMBER)
    await staff.tap("🙋 Saya tangani", chat=staff_group)

    long_reply = "Saya sudah menunggu lama. " * 157  # 4,082 characters: a full message
    await worker.send(long_reply)
    forwarded = await staff.wait_for_message(contains="Balasan pelapor")
    assert forwarded.text.endswith("…")

    await staff.send(f"/kasus {NUMBER}")
    await staff.tap("📝 Catatan")
    reply = await staff.send("x" * 4000)
    assert "Terlalu panjang" in reply.text
    for n in range(15):
        await staff.send(f"/kasus {NUMBER}")
        await staff.tap("📝 Catatan")
        await staff.send(f"Catatan {n}: " + "panjang sekali " * 200)
    reply = await staff.tap("🕘 Riwayat")
    assert "Riwayat" in reply.text and "Catatan 14" in reply.text
    with db.session() as session:
        message_in = session.exec(
            select(CaseEvent).where(CaseEvent.kind == EventKind.MESSAGE_IN)
        ).one()
        assert (message_in.note or "").strip() == long_reply.strip()  # the full text is kept


async def test_malformed_button_data_is_refused_before_the_database(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database, staff_group: Group
) -> None:
    make_member(db, 9200, Role.STAFF, "Sri Staf")
    make_member(db, ADMIN_ID, Role.ADMIN, "Kadis")
    staff, admin = emulator.user(9200, "Sri"), emulator.user(ADMIN_ID, "Kadis")
    await submit(emulator.user(5601, "Siti"))
    await staff_group.wait_for_message(contains=NUMBER)
    reply = await staff.send("/kasus")
    assert NUMBER in reply.text
    # A number too large for the database, digits int() reads but are not ASCII, a wrong shape.
    for data in (
        "c:99999999999999999999:open",
        "c:²:open",
        "c:١:open",
        "c:2147483648:open",
        "c:99999999999999999999:snz",
        f"c:{only_case(db).id}:st",
        f"c:{only_case(db).id}:ppl:99999999999999999999",
        f"c:{only_case(db).id}:refdone:²",
        "l:o:99999999999999999999",
        "l:p.²²:0",
        "l:o",
    ):
        reply = await staff.replay(data)
        assert reply.callback_answer and "tidak boleh" in reply.callback_answer, data
    for data in ("ci:99999999999999999999:y", "ci:²:n"):
        reply = await staff.replay(data)
        assert reply.callback_answer and "bukan untuk Anda" in reply.callback_answer, data
    await admin.send("/petugas")
    for data in ("a:m:99999999999999999999", "a:m:²", "a:r:1:boss", "a:act:1:2"):
        reply = await admin.replay(data)
        assert reply.callback_answer and "hanya untuk admin" in reply.callback_answer, data
    # Nothing broke: the same people carry on.
    reply = await staff.send(f"/kasus {NUMBER}")
    assert "Prosedur" in reply.text
    reply = await admin.send("/petugas")
    assert "Sri Staf" in reply.text
