"""At the moment the bot speaks to a person, their answer is already in the database."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from emulator import BotAPIEmulator
from handlers.owed import queue_owed_questions
from models.storage.db import Database, utcnow
from models.storage.tables import Account, Case, Dialog
from tests.e2e.conftest import OFFICE, RunningBot
from tests.e2e.intake_script import submit, walk

SPEAKING = {"sendMessage", "editMessageText", "editMessageReplyMarkup", "sendPhoto"}


async def test_every_answer_is_committed_before_the_reply(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    worker = emulator.user(5801, "Siti")
    checked: list[int] = []
    problems: list[str] = []

    def check(method: str, params: dict[str, Any]) -> None:
        if method not in SPEAKING or params.get("chat_id") != worker.user_id:
            return
        # The newest update is the worker's (they are the only one talking).
        latest = emulator.state.updates.next_id - 1
        with db.session() as session:
            account = session.exec(
                select(Account).where(Account.telegram_user_id == worker.user_id)
            ).first()
            dialog = (
                session.exec(select(Dialog).where(Dialog.account_id == account.id)).first()
                if account
                else None
            )
            submitted = session.exec(select(Case)).first() is not None
        if dialog is not None:
            if dialog.last_update_id < latest:
                problems.append(f"{method} before update {latest} was stored")
        elif not submitted:
            problems.append(f"{method} with no stored conversation")
        checked.append(latest)

    emulator.observe(check)
    await submit(worker)
    assert problems == []
    assert len(set(checked)) >= 20  # the check ran for every answer, so it could fail


async def test_questions_owed_when_the_bot_stopped_are_sent_again_at_start(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    rina, sari = emulator.user(5802, "Rina"), emulator.user(5803, "Sari")
    await walk(rina, until="phone", name="Rina")
    await walk(sari, name="Sari Dewi")  # at the summary
    await bot.stop()
    # As if the process died after storing each answer and before sending the next question.
    with db.session() as session:
        for dialog in session.exec(select(Dialog)).all():
            dialog.prompt_pending = True
            session.add(dialog)
        session.commit()
    seen = {person.user_id: len(person.chat.messages) for person in (rina, sari)}

    await bot.start()
    await rina.chat.wait_for_message("nomor HP")
    await sari.chat.wait_for_message("Periksa laporan Anda")
    for person, question in ((rina, "nomor HP"), (sari, "Periksa laporan Anda")):
        apology, owed = person.chat.messages[seen[person.user_id] :]
        assert "ada gangguan" in apology.text
        assert question in owed.text
    assert "Nama: Sari Dewi" in sari.chat.messages[-1].text
    assert "Kirim laporan" in sari.chat.messages[-1].inline_labels[-2]
    assert rina.keyboard_labels == ["📱 Kirim nomor saya", "Tidak punya nomor HP"]
    with db.session() as session:
        assert not any(d.prompt_pending for d in session.exec(select(Dialog)).all())
    assert queue_owed_questions(db, utcnow(), office=OFFICE) == 0  # queued once, not again
