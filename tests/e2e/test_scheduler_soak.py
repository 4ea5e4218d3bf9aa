"""The scheduler's fault soak: two bot processes on one PostgreSQL database, each killed with
SIGKILL over and over (while it starts, while it sends) while follow-up reminders and the
daily digest are due. Each start runs the scheduled work again, in both processes. Nothing
may be lost and nothing doubled, except in the one window Telegram leaves open: a kill
between Telegram accepting a message and its "sent" mark. That window is measured (every
message the emulator accepted, against the outbox rows) and printed, never hidden.

SOAK_SEED picks the moments, SOAK_SCHEDULER_KILLS the number of kills. `pytest -s` shows
the figures.
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, select

from emulator import BotAPIEmulator, Group
from models.storage.db import Database, utcnow
from models.storage.tables import DigestRun, Outbox, OutboxStatus, Role
from tests.e2e.conftest import STAFF_CHAT_ID
from tests.e2e.soak import BotProcess, doubled_sends, polled_since, too_many_requests
from tests.services.followup_world import World

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

SEED = int(os.environ.get("SOAK_SEED", "20261201"))
KILLS = int(os.environ.get("SOAK_SCHEDULER_KILLS", "40"))
WIB = ZoneInfo("Asia/Jakarta")
# New cases that are overdue for a first look, added every few kills so that every phase of
# the soak has reminders to send.
ROUNDS = 4
CASES_PER_ROUND = 3
STAFF = ("Ani", "Budi")


@pytest.fixture
async def processes(
    emulator: BotAPIEmulator, database_url: str, db: Database, tmp_path: Path
) -> AsyncIterator[list[BotProcess]]:
    if not database_url.startswith("postgresql"):
        pytest.skip("two processes sharing one database: the PostgreSQL deployment")
    env = {
        "QUIET_HOURS": "off",
        # Today's digest is due (and missed: it goes out late, once).
        "DIGEST_TIME": "00:00",
    }
    bots = [
        BotProcess(emulator, database_url, tmp_path, env=env, warm=True, name=f"bot{n}")
        for n in (1, 2)
    ]
    try:
        yield bots
    finally:
        for bot in bots:
            await bot.stop()
            sys.stderr.write(bot.log_tail(2000))


async def test_two_processes_killed_again_and_again_send_each_reminder_and_digest_once(
    processes: list[BotProcess], emulator: BotAPIEmulator, db: Database, staff_group: Group
) -> None:
    started = time.monotonic()
    rng = random.Random(SEED)
    today = utcnow().astimezone(WIB).date()
    if utcnow().astimezone(WIB).time() < datetime.min.time().replace(minute=1):
        await asyncio.sleep(60)  # the digest's minute itself: let it pass
        today = utcnow().astimezone(WIB).date()
    world = World(db)
    staff = [world.member(name, Role.STAFF) for name in STAFF]
    for account in staff:
        # Team members have talked to the bot before (Telegram knows their chats).
        await emulator.user(account.telegram_user_id, account.display_name or "").send(
            "/status", wait=False
        )
    with db.session() as session:
        session.add(DigestRun(day=today - timedelta(days=1), created_at=utcnow()))  # not new
        session.commit()

    kinds: Counter[str] = Counter()
    cases = 0
    for bot in processes:
        await bot.start()
    while sum(bot.kills for bot in processes) < KILLS:
        done = sum(bot.kills for bot in processes)
        if done % (KILLS // ROUNDS) == 0 and cases < ROUNDS * CASES_PER_ROUND:
            # Reported six hours ago and nobody has looked: due for reminders, found by the
            # next start's tick (or the running process's next one).
            for _ in range(CASES_PER_ROUND):
                cases += 1
                world.case(at=utcnow() - timedelta(hours=6), name=f"Warga {cases}")
        bot = rng.choice(processes)
        index = len(emulator.calls)
        if not bot.running:
            await bot.start()
        if rng.random() < 0.3:
            await asyncio.sleep(rng.uniform(0.0, 0.8))
            kind = "running" if polled_since(emulator, index) else "start-up"
        else:
            await asyncio.sleep(rng.uniform(0.5, 2.5))
            kind = "running"
        await bot.kill()
        kinds[kind] += 1
        await bot.start()

    # Both run on, undisturbed, until everything due has gone out.
    for bot in processes:
        if not bot.running:
            await bot.start()
    await emulator.wait_for(lambda: _settled(db, today), timeout=90)
    await asyncio.sleep(1.0)  # a message sent twice would arrive now
    codes = [await bot.stop() for bot in processes]
    seconds = time.monotonic() - started

    kill_times = sorted(t for bot in processes for t in bot.kill_times)
    doubles = doubled_sends(emulator, db, kill_times)
    floods = too_many_requests(emulator)
    with db.session() as session:
        rows = session.exec(select(Outbox)).all()
        digests = session.exec(select(DigestRun).where(DigestRun.day == today)).all()
    reminders = [r for r in rows if "KBR-" in r.text and not r.key.startswith("digest:")]
    digest_rows = [r for r in rows if r.key.startswith("digest:")]
    print(
        f"\nscheduler soak [postgresql] seed={SEED}: {sum(b.kills for b in processes)} kills "
        f"({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}) of 2 processes, "
        f"{sum(b.starts for b in processes)} starts, {cases} overdue cases, "
        f"{len(reminders)} reminders and notices, {len(digest_rows)} digest messages; "
        f"sent twice: {len(doubles.window)} in the window Telegram leaves open "
        f"({len(doubles.window) / max(1, len(kill_times)):.0%} of kills), "
        f"{len(doubles.other)} otherwise; {floods} HTTP 429; {seconds:.0f} s"
    )
    for line in doubles.window:
        print(f"  window: {line}")

    assert codes == [0, 0]
    assert doubles.other == [], doubles.other
    assert floods == 0
    # None lost: every message the rules queued went out.
    assert {r.status for r in rows} == {OutboxStatus.SENT}
    accepted = Counter(
        (int(c.params["chat_id"]), str(c.params.get("text") or c.params.get("caption") or ""))
        for c in emulator.calls
        if c.ok and c.method in ("sendMessage", "sendPhoto", "sendDocument")
    )
    assert all(accepted[(r.chat_id, r.text)] >= 1 for r in rows if r.kind == "message")
    # None doubled by the rules: one digest for today, each case's reminders queued once for
    # the group and for each staff member.
    assert len(digests) == 1 and digest_rows
    for n in range(1, cases + 1):
        about = [r for r in reminders if _number_of(db, n) in r.text]
        to = Counter(r.chat_id for r in about)
        assert set(to) == {STAFF_CHAT_ID, *(a.telegram_user_id for a in staff)}, (n, to)
    # Each reminder text reached its chat once (or twice, in the window, counted above).
    for (chat_id, text), count in accepted.items():
        if "KBR-" in text:
            assert count == 1 or any(text[:60] in w for w in doubles.window), (chat_id, text)


def _number_of(db: Database, seq: int) -> str:
    from models.storage.tables import Case

    with db.session() as session:
        return session.exec(select(Case.number).where(Case.seq == seq)).one()


def _settled(db: Database, today: date) -> bool:
    """Today's digest is queued and nothing waits in the outbox."""
    with db.session() as session:
        waiting = session.exec(
            select(Outbox.id).where(
                col(Outbox.status).in_([OutboxStatus.PENDING, OutboxStatus.SENDING])
            )
        ).first()
        return waiting is None and session.get(DigestRun, (today, "daily")) is not None
