"""The outbox sender: Telegram's limits, 429 and 403, restarts around a send, two senders.

Telegram is a recording fake here and time is fake too (a monotonic clock the sender's sleep
advances), so limits that take seconds or minutes are checked without waiting for them.
"""

from __future__ import annotations

import asyncio
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import col, select
from telegram.error import Forbidden, RetryAfter

import bot.sender as sender_module
from bot.sender import OutboxSender, Throttle
from models.outbox.queue import claim_due, enqueue
from models.storage.db import Database
from models.storage.tables import Account, Outbox, OutboxStatus, Role
from tests.services.followup_world import World

NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
GROUP = -1001000000001


class Crash(BaseException):
    """The process dies (kill -9): nothing after this point runs."""


@dataclass
class Sent:
    chat_id: int
    text: str
    at: float


@dataclass
class FakeTime:
    now: float = 1000.0
    slept: list[float] = field(default_factory=list)

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


class FakeTelegram:
    """Records what would reach people; `errors` are raised (once each) for a chat."""

    def __init__(self, time: FakeTime) -> None:
        self.time = time
        self.sent: list[Sent] = []
        self.attempts: dict[int, int] = defaultdict(int)
        self.errors: dict[int, list[BaseException]] = defaultdict(list)
        self.after_send: Any = None
        self._lock = threading.Lock()

    async def send_message(self, chat_id: int, text: str, reply_markup: Any = None) -> Any:
        with self._lock:
            self.attempts[chat_id] += 1
            if self.errors[chat_id]:
                raise self.errors[chat_id].pop(0)
            self.sent.append(Sent(chat_id, text, self.time.now))
            message_id = len(self.sent)
        if self.after_send is not None:
            self.after_send()
        return type("Message", (), {"message_id": message_id})()

    def texts(self, chat_id: int) -> list[str]:
        return [s.text for s in self.sent if s.chat_id == chat_id]


def make_sender(
    db: Database, time: FakeTime, telegram: FakeTelegram, **kwargs: Any
) -> OutboxSender:
    clock = kwargs.pop("clock", lambda: NOW)
    return OutboxSender(
        telegram,
        db,
        clock,
        throttle=Throttle(clock=time.monotonic),
        sleep=time.sleep,
        **kwargs,
    )


def queue(db: Database, messages: list[tuple[int, str]], **kwargs: Any) -> None:
    with db.session() as session:
        for chat_id, text in messages:
            enqueue(
                session, key=f"t:{chat_id}:{text}", chat_id=chat_id, text=text, now=NOW, **kwargs
            )
        session.commit()


def statuses(db: Database) -> dict[str, str]:
    with db.session() as session:
        return {row.key: row.status for row in session.exec(select(Outbox))}


@pytest.fixture
def time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def telegram(time: FakeTime) -> FakeTelegram:
    return FakeTelegram(time)


async def test_each_chat_in_order_chats_interleaved_about_one_a_second_per_private_chat(
    db: Database, time: FakeTime, telegram: FakeTelegram
) -> None:
    chat_a = [(11, f"a{n}") for n in range(7)]
    queue(db, [*chat_a, (22, "b1"), (22, "b2"), (GROUP, "g1")])
    assert await make_sender(db, time, telegram).drain() == 10
    assert telegram.texts(11) == [f"a{n}" for n in range(7)]
    assert telegram.texts(22) == ["b1", "b2"]
    # A short burst, then about one a second: never more than 3 in any 3 seconds.
    stamps = [s.at - 1000.0 for s in telegram.sent if s.chat_id == 11]
    assert stamps == [0.0, 0.0, 0.0, 3.0, 3.0, 3.0, 6.0]
    # The other chats did not wait for chat 11.
    assert {s.at - 1000.0 for s in telegram.sent if s.chat_id != 11} == {0.0}
    assert set(statuses(db).values()) == {OutboxStatus.SENT}


async def test_a_group_gets_20_a_minute_and_the_rest_waits_in_the_outbox(
    db: Database, time: FakeTime, telegram: FakeTelegram
) -> None:
    queue(db, [(GROUP, f"m{n:02d}") for n in range(25)])
    sender = make_sender(db, time, telegram)
    assert await sender.drain() == 20
    assert telegram.texts(GROUP) == [f"m{n:02d}" for n in range(20)]
    with db.session() as session:
        waiting = session.exec(
            select(Outbox).where(Outbox.status == OutboxStatus.PENDING).order_by(col(Outbox.id))
        ).all()
    assert [w.text for w in waiting] == [f"m{n:02d}" for n in range(20, 25)]
    assert all(w.not_before == NOW + timedelta(seconds=60) for w in waiting)
    # A minute later (both clocks), the rest goes, still in order.
    time.now += 60
    sender.clock = lambda: NOW + timedelta(seconds=60)
    assert await sender.drain() == 5
    assert telegram.texts(GROUP) == [f"m{n:02d}" for n in range(25)]


async def test_no_more_than_30_messages_in_any_second(
    db: Database, time: FakeTime, telegram: FakeTelegram
) -> None:
    queue(db, [(1000 + n, "hai") for n in range(75)])
    assert await make_sender(db, time, telegram).drain() == 75
    stamps = sorted(s.at for s in telegram.sent)
    for i, start in enumerate(stamps):
        assert sum(1 for s in stamps[i:] if s < start + 1.0) <= 30


async def test_a_429_puts_the_chat_back_until_retry_after_and_other_chats_go_on(
    db: Database, time: FakeTime, telegram: FakeTelegram
) -> None:
    queue(db, [(11, "a1"), (11, "a2"), (22, "b1")])
    telegram.errors[11].append(RetryAfter(7))
    sender = make_sender(db, time, telegram)
    assert await sender.drain() == 1
    assert telegram.texts(22) == ["b1"]
    assert telegram.attempts[11] == 1  # no retry loop
    with db.session() as session:
        back = session.exec(select(Outbox).where(Outbox.chat_id == 11)).all()
    assert {(b.status, b.not_before) for b in back} == {
        (OutboxStatus.PENDING, NOW + timedelta(seconds=7))
    }
    # Not a moment before retry_after...
    sender.clock = lambda: NOW + timedelta(seconds=6)
    assert await sender.drain() == 0
    # ...then in the order they were queued.
    time.now += 7
    sender.clock = lambda: NOW + timedelta(seconds=7)
    assert await sender.drain() == 2
    assert telegram.texts(11) == ["a1", "a2"]


async def test_a_blocked_reporter_is_marked_unreachable_and_the_assignee_told_once(
    db: Database, time: FakeTime, telegram: FakeTelegram
) -> None:
    world = World(db)
    ani = world.member("Ani", Role.STAFF)
    reporter = world.member("pelapor", Role.REPORTER)
    case = world.case(assignee=ani, reporter=reporter)
    with db.session() as session:
        for n in (1, 2):
            enqueue(
                session,
                key=f"relay:{n}",
                chat_id=reporter.telegram_user_id,
                account_id=reporter.id,
                case_id=case.id,
                text=f"pesan {n}",
                now=NOW,
            )
        session.commit()
    blocked = Forbidden("Forbidden: bot was blocked by the user")
    telegram.errors[reporter.telegram_user_id] += [blocked, blocked]

    await make_sender(db, time, telegram).drain()

    # Each message tried once and given up; the assignee told once, by case number only.
    assert telegram.attempts[reporter.telegram_user_id] == 2
    assert statuses(db)["relay:1"] == statuses(db)["relay:2"] == OutboxStatus.FAILED
    (notice,) = telegram.texts(ani.telegram_user_id)
    assert case.number in notice and "memblokir" in notice
    with db.session() as session:
        gone = session.get(Account, reporter.id)
    assert gone is not None and gone.unreachable_at == NOW


async def test_a_restart_between_claim_and_send_sends_once_after_the_lease(
    db: Database, time: FakeTime, telegram: FakeTelegram
) -> None:
    queue(db, [(11, "halo")])
    with db.session() as session:
        (_abandoned,) = claim_due(session, now=NOW)  # the process dies right after this
    restarted = make_sender(db, time, telegram, clock=lambda: NOW + timedelta(seconds=30))
    assert await restarted.drain() == 0
    restarted.clock = lambda: NOW + timedelta(minutes=2, seconds=1)
    assert await restarted.drain() == 1
    assert telegram.texts(11) == ["halo"]
    with db.session() as session:
        row = session.exec(select(Outbox)).one()
    assert (row.status, row.attempts) == (OutboxStatus.SENT, 2)


async def test_a_clean_stop_mid_batch_releases_what_was_not_sent_at_once(
    db: Database, time: FakeTime, telegram: FakeTelegram
) -> None:
    queue(db, [(11, "a1"), (11, "a2"), (22, "b1"), (33, "c1")])
    stop = asyncio.Event()
    telegram.after_send = stop.set
    assert await make_sender(db, time, telegram).drain(stop) == 1
    assert list(statuses(db).values()).count(OutboxStatus.PENDING) == 3
    # The next start sends the rest straight away (no lease to wait for), each once.
    telegram.after_send = None
    assert await make_sender(db, time, telegram).drain() == 3
    assert sorted(s.text for s in telegram.sent) == ["a1", "a2", "b1", "c1"]
    assert telegram.texts(11) == ["a1", "a2"]


async def test_a_database_hiccup_after_the_send_is_retried_not_resent(
    db: Database, time: FakeTime, telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    queue(db, [(11, "halo")])
    real_mark_sent = sender_module.mark_sent
    failures = [OperationalError("UPDATE outbox", {}, Exception("connection lost"))]

    def flaky_mark_sent(*args: Any, **kwargs: Any) -> bool:
        if failures:
            raise failures.pop()
        return real_mark_sent(*args, **kwargs)

    monkeypatch.setattr(sender_module, "mark_sent", flaky_mark_sent)
    assert await make_sender(db, time, telegram).drain() == 1
    assert statuses(db) == {"t:11:halo": OutboxStatus.SENT}
    later = make_sender(db, time, telegram, clock=lambda: NOW + timedelta(hours=1))
    assert await later.drain() == 0
    assert telegram.texts(11) == ["halo"]


async def test_a_crash_between_send_and_mark_loses_nothing(
    db: Database, time: FakeTime, telegram: FakeTelegram
) -> None:
    """The one window Telegram leaves open: it accepted the message, the process died before
    the mark. The message is sent again after the lease (never lost); every other message of
    the batch goes exactly once."""
    queue(db, [(11, "a1"), (22, "b1"), (33, "c1")])

    def die() -> None:
        raise Crash

    telegram.after_send = die
    with pytest.raises(Crash):
        await make_sender(db, time, telegram).drain()
    telegram.after_send = None
    restarted = make_sender(db, time, telegram, clock=lambda: NOW + timedelta(minutes=3))
    assert await restarted.drain() == 3
    assert [s.text for s in telegram.sent].count("a1") == 2
    assert [s.text for s in telegram.sent].count("b1") == 1
    assert [s.text for s in telegram.sent].count("c1") == 1
    assert set(statuses(db).values()) == {OutboxStatus.SENT}


def test_two_senders_on_one_database_send_each_message_exactly_once(
    database_url: str, db: Database
) -> None:
    queue(db, [(2000 + n, f"pesan {n}") for n in range(80)])
    time = FakeTime()
    telegram = FakeTelegram(time)

    def process(_: int) -> int:
        own = Database.from_url(database_url)
        try:
            sender = OutboxSender(
                telegram,
                own,
                lambda: NOW,
                throttle=Throttle(clock=FakeTime().monotonic),
                sleep=lambda _s: asyncio.sleep(0),
                batch_size=5,
            )
            return asyncio.run(sender.drain())
        finally:
            own.dispose()

    with ThreadPoolExecutor(max_workers=2) as pool:
        counts = list(pool.map(process, range(2)))
    assert sum(counts) == 80
    assert sorted(s.text for s in telegram.sent) == sorted(f"pesan {n}" for n in range(80))
    assert set(statuses(db).values()) == {OutboxStatus.SENT}
