"""Two bot processes on one PostgreSQL database: every reminder and every queued message
reaches its chat exactly once."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from emulator import BotAPIEmulator, Group
from models.outbox.queue import enqueue
from models.storage.db import Database, utcnow
from models.storage.tables import Outbox, OutboxStatus, Role
from tests.e2e.conftest import STAFF_CHAT_ID
from tests.services.followup_world import World

ROOT = Path(__file__).resolve().parents[2]
QUEUED = 12
CASES = 4


async def start_process(env: dict[str, str], cwd: Path) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        env=env,
        cwd=cwd,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_two_processes_send_each_reminder_and_message_exactly_once(
    emulator: BotAPIEmulator,
    staff_group: Group,
    database_url: str,
    db: Database,
    tmp_path: Path,
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("two processes sharing one database: the PostgreSQL deployment")
    world = World(db)
    staff = [world.member(name, Role.STAFF) for name in ("Ani", "Budi")]
    people = [emulator.user(a.telegram_user_id, a.display_name or "") for a in staff]
    for n in range(QUEUED):
        account = world.member(f"Warga {n}", Role.REPORTER)
        people.append(emulator.user(account.telegram_user_id, f"Warga {n}"))
    for person in people:
        # Everyone has talked to the bot before (both processes may answer that: two pollers
        # on one token fight over getUpdates, as they would on Telegram).
        await person.send("/status", wait=False)
    five_hours_ago = utcnow() - timedelta(hours=5)
    for n in range(CASES):
        world.case(at=five_hours_ago, name=f"Warga {n}")
    with db.session() as session:
        for n in range(QUEUED):
            chat_id = people[len(staff) + n].user_id
            enqueue(session, key=f"relay:{n}", chat_id=chat_id, text=f"Pesan {n}", now=utcnow())
        session.commit()

    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": emulator.token,
        "TELEGRAM_API_URL": emulator.api_root,
        "DATABASE_URL": database_url,
        "STAFF_CHAT_ID": str(STAFF_CHAT_ID),
        "QUIET_HOURS": "off",
        "POLLING_TIMEOUT": "1",
        "SEND_PRIVATE_BURST": "1000",
        "LOG_LEVEL": "WARNING",
    }
    processes = [await start_process(env, tmp_path) for _ in range(2)]
    try:
        # Per case: the new-case notice (queued again at start, in case a crash lost it) and
        # the reminder to the group, one to each staff member; and the queued messages.
        expected = CASES * (2 + len(staff)) + QUEUED

        def delivered() -> list[tuple[int, str]]:
            return [
                (int(call.params["chat_id"]), str(call.params["text"]))
                for call in emulator.calls_of("sendMessage")
                if call.ok and ("KBR-" in call.params["text"] or "Pesan " in call.params["text"])
            ]

        await emulator.wait_for(lambda: len(delivered()) >= expected, timeout=60)
    finally:
        for process in processes:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
        errors = [await asyncio.wait_for(p.communicate(), timeout=20) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], [e[1].decode()[-3000:] for e in errors]

    # Both processes stopped: whatever was going to be sent has been. Each exactly once.
    counts = Counter(delivered())
    assert len(counts) == expected
    assert set(counts.values()) == {1}
    assert sum(1 for chat, _ in counts if chat == STAFF_CHAT_ID) == 2 * CASES
    with db.session() as session:
        statuses = set(session.exec(select(Outbox.status)))
    assert statuses == {OutboxStatus.SENT}
