"""The update pipeline: every update stored first, handled once, in order per person; what
cannot be handled is parked and the bot goes on; a flood from one person holds up nobody else."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from sqlmodel import select

from emulator import BotAPIEmulator
from models.inbox import store
from models.storage.db import Database
from models.storage.tables import Dialog, InboundUpdate, Role
from tests.e2e.conftest import RunningBot
from tests.e2e.team import make_member


def inject(emulator: BotAPIEmulator, body: Any) -> int:
    """An update exactly as given (a Bot API server of another version, or a broken one)."""
    queue = emulator.state.updates
    update_id = queue.next_id
    queue.next_id += 1
    queue.pending.append({"update_id": update_id, **body})
    queue.signal.fire()
    return update_id


async def test_an_update_the_bot_cannot_read_is_parked_and_the_bot_goes_on(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    poison = inject(emulator, {"message": "not a message object"})
    await emulator.wait_processed(poison)
    worker = emulator.user(5101, "Ani")
    reply = await worker.send("/start")
    assert "Apakah Anda setuju?" in reply.text
    with db.session() as session:
        [parked] = store.parked_updates(session)
        assert parked.update_id == poison
        assert parked.error is not None and "not a message" not in parked.error
        row = session.get(InboundUpdate, poison)
        assert row is not None and row.status == "parked"
    # The admins can see it; nobody else can.
    make_member(db, 5190, Role.ADMIN, "Kadis")
    listing = await emulator.user(5190, "Kadis").send("/gagal")
    assert f"#{poison}" in listing.text and parked.error.split(" at ")[0] in listing.text
    refused = await worker.send("/gagal")
    assert "tidak boleh" in refused.text and f"#{poison}" not in refused.text


async def test_a_handler_that_keeps_failing_is_parked_with_one_apology(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from handlers import intake

    worker = emulator.user(5102, "Budi")
    await worker.send("/start")
    calls: list[int] = []

    def broken(*args: object, **kwargs: object) -> object:
        calls.append(1)
        raise KeyError("a bug")

    monkeypatch.setattr(intake.flow, "handle", broken)
    reply = await worker.tap("✅ Setuju")
    assert len(calls) == store.PARK_AFTER  # tried again before giving up
    assert reply.text.count("ada gangguan") == 1
    monkeypatch.undo()
    reply = await worker.tap("✅ Setuju")  # nothing was stored: the same question, answered now
    assert "nama lengkap" in reply.text.lower()
    with db.session() as session:
        parked = store.parked_updates(session)
        assert [p.error.split(" at ")[0] for p in parked if p.error] == ["KeyError"]


async def test_an_update_delivered_again_is_handled_once(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    worker = emulator.user(5103, "Citra")
    first = await worker.send("/start")
    assert bot.application is not None
    pipeline = bot.application.bot_data["pipeline"]
    with db.session() as session:
        row = session.get(InboundUpdate, first.update_id)
        assert row is not None and row.status == "done" and row.payload is None
    # Telegram delivers the same update again (a restart before the offset moved on).
    raw = {
        "update_id": first.update_id,
        "message": {
            "message_id": 999, "date": int(time.time()), "text": "/start",
            "chat": {"id": 5103, "type": "private"},
            "from": {"id": 5103, "is_bot": False, "first_name": "Citra"},
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }  # fmt: skip
    assert await pipeline.receive([raw]) == 0
    await pipeline.settled()
    sent = [
        c for c in emulator.calls if c.method == "sendMessage" and c.params.get("chat_id") == 5103
    ]
    assert len(sent) == 1  # the consent question, once


async def test_one_person_flooding_the_bot_holds_up_nobody_else(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    flooder = emulator.user(5104, "Dedi")
    await flooder.send("/start")
    await flooder.tap("✅ Setuju")
    sent = [await flooder.send(f"pesan {i}", wait=False) for i in range(60)]
    other = emulator.user(5105, "Eka")
    started = time.monotonic()
    reply = await other.send("/start")
    waited = time.monotonic() - started
    assert "Apakah Anda setuju?" in reply.text
    with db.session() as session:
        still_waiting = store.backlog_of(session, 5104)
    assert still_waiting > 0, "the flood was handled before the other person was answered"
    assert waited < 5.0
    for item in sent:
        await emulator.wait_processed(item.update_id, timeout=120)
    notices = await flooder.wait_for_message(contains="banyak sekali", timeout=5)
    assert notices is not None
    flood_notices = [
        c for c in emulator.calls
        if c.method == "sendMessage" and "banyak sekali" in str(c.params.get("text"))
    ]  # fmt: skip
    assert len(flood_notices) == 1
    with db.session() as session:
        dialog = session.exec(select(Dialog).where(Dialog.chat_id == 5104)).one()
        assert dialog.data.get("full_name") == "pesan 0"  # in order: the first answered the name


async def test_the_api_being_down_at_start_is_waited_out(
    emulator: BotAPIEmulator, settings: Any, db: Database
) -> None:
    await emulator.stop()
    running = RunningBot(settings)
    starting = asyncio.create_task(running.start())
    await asyncio.sleep(1.5)
    assert not starting.done()
    await emulator.start(port=int(settings.telegram_api_url.rsplit(":", 1)[1]))
    await asyncio.wait_for(starting, timeout=20)
    try:
        reply = await emulator.user(5106, "Fajar").send("/start")
        assert "Apakah Anda setuju?" in reply.text
    finally:
        await running.stop()


async def test_twenty_people_writing_at_the_same_moment_are_all_answered(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    """On SQLite one writer at a time: the update that holds the lock must always find a thread
    to commit in, however many others wait for the lock (it once waited 30 s for one)."""
    people = [emulator.user(5400 + n, f"Orang {n}") for n in range(20)]
    started = time.monotonic()
    replies = await asyncio.gather(*(person.send("/start", timeout=20) for person in people))
    took = time.monotonic() - started
    assert all("setuju" in reply.text.lower() for reply in replies)
    with db.session() as session:
        assert len(session.exec(select(Dialog)).all()) == 20
    print(f"20 people at once: every consent question within {took:.1f} s")
