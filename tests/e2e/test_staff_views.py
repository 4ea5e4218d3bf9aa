"""What staff, officers and admins see (issue 10): the notice of an officer's own case, one
line after a typed note, referral or message, a truthful people list on the card, and a
confirmed deactivation that is never offered on the admin's own entry."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from bot.config import Settings
from emulator import BotAPIEmulator, Group
from models.storage.db import Database
from models.storage.tables import Account, Case, CaseEvent, EventKind, Referral, Role
from tests.e2e.conftest import RunningBot
from tests.e2e.intake_script import submit
from tests.e2e.team import make_member
from views.admin import active_data, ask_deactivate_data, member_data

YEAR = datetime.now(UTC).year
NUMBER = f"KBR-{YEAR}-0001"
ADMIN_ID = 9000


async def test_an_officers_own_case_names_them_in_the_group_and_offers_no_take(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database, staff_group: Group
) -> None:
    officer_id = make_member(db, 9400, Role.OFFICER, "Pak Hadi")
    officer = emulator.user(9400, "Hadi")
    await officer.send("/lapor")
    await officer.tap("✅ Ya, sudah setuju secara lisan")
    await officer.send("Budi Santoso, , 34\nSiti Rahma, , 25, P, hamil")
    reply = await officer.tap("✔ Selesai")
    # The officer is asked about the group, not as if they were the worker.
    assert "asal rombongan" in reply.text and "asal</b> Anda" not in reply.text
    reply = await officer.send("Lotim")
    assert "rombongan sekarang" in reply.text
    await officer.send("Mes PT Sawit Makmur, Kumai")
    reply = await officer.tap("Kumai")
    assert "membawa mereka" in reply.text
    await officer.send("Pak Darto")
    await officer.tap("Tidak tahu")
    reply = await officer.send("PT Sawit Makmur")
    await officer.send("Kebun Desa Sungai Bedaun")  # the work site
    reply = await officer.tap("Kebun sawit")
    assert "pekerjaan mereka" in reply.text
    await officer.tap("Bulan lalu")
    reply = await officer.tap("Tidak")
    assert "mereka butuhkan" in reply.text
    await officer.tap("Pulang ke daerah asal")
    await officer.tap("Selesai")
    reply = await officer.send("Kontrak selesai, mandor hilang.")
    assert "keadaan rombongan" in reply.text
    await officer.tap("Lewati")
    done = await officer.tap("Kirim laporan")
    assert NUMBER in done.text

    notice = await staff_group.wait_for_message(contains=NUMBER)
    assert "Petugas: Pak Hadi" in notice.text
    assert notice.inline_labels == ["📂 Buka", "✔ Verifikasi"]  # nobody else is asked to take it
    with db.session() as session:
        case = session.exec(select(Case)).one()
        assert case.assignee_id == officer_id


async def test_a_note_referral_or_message_answers_with_one_line_and_a_button_to_the_card(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database, staff_group: Group
) -> None:
    make_member(db, 9200, Role.STAFF, "Sri Staf")
    staff = emulator.user(9200, "Sri")
    await staff.send("/kasus")  # staff open their private chat with the bot first
    await submit(emulator.user(5101, "Siti"))
    await staff_group.wait_for_message(contains=NUMBER)
    await staff.tap("🙋 Saya tangani", chat=staff_group)

    card = await staff.send(f"/kasus {NUMBER}")
    # Three people: the reporter, named, and the two companions they counted.
    assert "Orang: 3 (1 dengan nama, 2 tanpa nama)" in card.text
    assert "• 2 orang tanpa nama · Status: menunggu" in card.text
    # A person's status and condition are labelled, not run together.
    assert "Status: menunggu · Kondisi: Hamil" in card.text
    assert "menunggu Hamil" not in card.text

    await staff.tap("📝 Catatan")
    reply = await staff.send("Sudah ditelepon, besok datang ke kantor")
    assert [m.shown_text for m in reply.messages] == [f"📝 Catatan disimpan untuk {NUMBER}."]
    assert reply.buttons == ["📂 Buka kartu"]
    opened = await staff.tap("📂 Buka kartu")
    assert "Prosedur" in opened.text and NUMBER in opened.text
    assert opened.last.message_id == reply.last.message_id  # the line becomes the card

    await staff.tap("🏥 Rujuk")
    await staff.tap("Dinas Kesehatan Kabupaten Kotawaringin Barat")
    reply = await staff.send("Ibu hamil, perlu periksa")
    assert len(reply.messages) == 1 and f"{NUMBER} dirujuk" in reply.text
    assert reply.buttons == ["📂 Buka kartu"]

    await staff.tap("📂 Buka kartu")
    await staff.tap("✉ Tulis ke pelapor")
    reply = await staff.send("Besok jam 9 datang ke kantor")
    assert len(reply.messages) == 1 and "dikirim" in reply.text
    assert reply.buttons == ["📂 Buka kartu"]

    with db.session() as session:
        kinds = [e.kind for e in session.exec(select(CaseEvent))]
        assert EventKind.NOTE in kinds and "message_out" in kinds
        assert session.exec(select(Referral)).one().note == "Ibu hamil, perlu periksa"


async def test_deactivating_a_member_is_confirmed_and_never_offered_on_ones_own_entry(
    emulator: BotAPIEmulator, settings: Settings, db: Database
) -> None:
    settings.admin_telegram_ids = [ADMIN_ID]
    running = RunningBot(settings)
    await running.start()
    try:
        member_id = make_member(db, 9100, Role.STAFF, "Rahmat")
        await emulator.user(9100, "Rahmat").send("/kasus")  # Telegram knows the chat
        admin = emulator.user(ADMIN_ID, "Kadis")
        await admin.send("/petugas")
        with db.session() as session:
            own = session.exec(select(Account).where(Account.telegram_user_id == ADMIN_ID)).one()
            own_id = own.id
        assert own_id is not None

        reply = await admin.tap(data=member_data(own_id))
        assert "akun Anda sendiri" in reply.text
        assert reply.last.inline_labels == []  # no role or deactivate buttons on oneself

        await admin.send("/petugas")
        await admin.tap("Rahmat")
        reply = await admin.tap("⛔ Nonaktifkan")
        assert "Nonaktifkan Rahmat?" in reply.text
        assert reply.buttons == ["Ya, nonaktifkan", "Batal"]
        reply = await admin.tap("Batal")
        assert "⛔ Nonaktifkan" in reply.buttons  # back to the member, nothing changed
        with db.session() as session:
            assert session.get(Account, member_id).active  # type: ignore[union-attr]

        await admin.tap("⛔ Nonaktifkan")
        reply = await admin.tap("Ya, nonaktifkan")
        assert "Rahmat · staf Dinsos · nonaktif" in reply.text
        with db.session() as session:
            assert not session.get(Account, member_id).active  # type: ignore[union-attr]

        # A crafted button for oneself is refused by the staff rules, not only hidden.
        for data in (ask_deactivate_data(own_id), active_data(own_id, False)):
            reply = await admin.replay(data)
            assert reply.callback_answer and "sendiri" in reply.callback_answer
        with db.session() as session:
            assert session.get(Account, own_id).active  # type: ignore[union-attr]
    finally:
        await running.stop()
