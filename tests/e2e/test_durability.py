"""At the moment the bot speaks to a person, their answer is already in the database."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from emulator import BotAPIEmulator
from models.storage.db import Database
from models.storage.tables import Account, Case, Dialog
from tests.e2e.conftest import RunningBot
from tests.e2e.intake_script import submit

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
