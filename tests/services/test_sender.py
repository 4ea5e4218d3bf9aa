"""The sender: Telegram's limits from the shared budget, 429 and 403, restarts, two senders.

Telegram is a recording fake here (or the emulator, which answers 429 past a flood limit) and
time is fake too (a clock the senders' sleep advances), so limits that take seconds or minutes
are checked without waiting for them.
"""

from __future__ import annotations

import asyncio
import threading
import time as real_time
from collections import defaultdict
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import col, select
from telegram.error import Forbidden, RetryAfter

import bot.sender as sender_module
from bot.config import Settings
from bot.sender import OutboxSender, sender_bot
from emulator import BotAPIEmulator
from emulator.errors import too_many_requests
from emulator.ratelimit import RateLimiter, RateLimits, SlidingWindow
from models.outbox.queue import DEFAULT_LEASE, Message, claim_due, enqueue, enqueue_claimed
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
    at: float  # seconds after NOW


@dataclass
class FakeTime:
    """The senders' clock: it stands still, except while a sender sleeps."""

    now: datetime = NOW
    slept: list[float] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def clock(self) -> datetime:
        return self.now

    def elapsed(self) -> float:
        return (self.now - NOW).total_seconds()

    def advance(self, seconds: float) -> None:
        with self._lock:
            self.now += timedelta(seconds=seconds)

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.advance(seconds)
        await asyncio.sleep(0)


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
            self.sent.append(Sent(chat_id, text, self.time.elapsed()))
            message_id = len(self.sent)
        if self.after_send is not None:
            self.after_send()
        return type("Message", (), {"message_id": message_id})()

    def texts(self, chat_id: int) -> list[str]:
        return [s.text for s in self.sent if s.chat_id == chat_id]

    def stamps(self, chat_id: int) -> list[float]:
        return [s.at for s in self.sent if s.chat_id == chat_id]


def make_sender(db: Database, time: FakeTime, telegram: Any, **kwargs: Any) -> OutboxSender:
    return OutboxSender(
        telegram, db, time.clock, budget_clock=time.clock, sleep=time.sleep, **kwargs
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


def waiting(db: Database, chat_id: int) -> list[Outbox]:
    with db.session() as session:
        return list(
            session.exec(
                select(Outbox)
                .where(Outbox.chat_id == chat_id, Outbox.status == OutboxStatus.PENDING)
                .order_by(col(Outbox.id))
            )
        )


@pytest.fixture
def time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def telegram(time: FakeTime) -> FakeTelegram:
    return FakeTelegram(time)


# -- the limits ----------------------------------------------------------------------------


async def test_each_chat_in_order_chats_interleaved_about_one_a_second_per_private_chat(
    db: Database, time: FakeTime, telegram: FakeTelegram
) -> None:
    chat_a = [(11, f"a{n}") for n in range(7)]
    queue(db, [*chat_a, (22, "b1"), (22, "b2"), (GROUP, "g1")])
    assert await make_sender(db, time, telegram).drain() == 10
    assert telegram.texts(11) == [f"a{n}" for n in range(7)]
    assert telegram.texts(22) == ["b1", "b2"]
    # A short burst, then about one a second: never more than 3 in any 3 seconds.
    assert telegram.stamps(11) == [0.0, 0.0, 0.0, 3.0, 3.0, 3.0, 6.0]
    # The other chats did not wait for chat 11.
    assert {s.at for s in telegram.sent if s.chat_id != 11} == {0.0}
    assert set(statuses(db).values()) == {OutboxStatus.SENT}


async def test_a_group_gets_20_a_minute_and_the_rest_waits_in_the_outbox(
    db: Database, time: FakeTime, telegram: FakeTelegram
) -> None:
    queue(db, [(GROUP, f"m{n:02d}") for n in range(25)])
    sender = make_sender(db, time, telegram)
    assert await sender.drain() == 20
    assert telegram.texts(GROUP) == [f"m{n:02d}" for n in range(20)]
    rest = waiting(db, GROUP)
    assert [w.text for w in rest] == [f"m{n:02d}" for n in range(20, 25)]
    assert all(w.not_before == NOW + timedelta(seconds=60) for w in rest)
    # A minute later, the rest goes, still in order.
    time.advance(60)
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
    assert stamps[-1] == 2.0  # 30, 30, then 15: as fast as the limit allows


async def test_replies_and_the_outbox_share_one_budget(
    db: Database, time: FakeTime, telegram: FakeTelegram
) -> None:
    with db.session() as session:
        replies = enqueue_claimed(
            session,
            [Message(key=f"reply:{n}", chat_id=11, text=f"r{n}") for n in range(3)],
            token="update-1",
            now=NOW,
        )
        session.commit()
    sender = make_sender(db, time, telegram)
    assert await sender.deliver(replies) == 3
    queue(db, [(11, "notice")])
    assert await sender.drain() == 1
    assert telegram.texts(11) == ["r0", "r1", "r2", "notice"]
    assert telegram.stamps(11) == [0.0, 0.0, 0.0, 3.0]


async def test_a_batch_that_would_outlast_half_its_lease_goes_back_and_is_claimed_again(
    db: Database, time: FakeTime, telegram: FakeTelegram
) -> None:
    queue(db, [(11, f"m{n:02d}") for n in range(20)])
    sender = make_sender(db, time, telegram, lease=timedelta(seconds=30))
    assert await sender.drain() == 20
    assert telegram.texts(11) == [f"m{n:02d}" for n in range(20)]
    stamps = telegram.stamps(11)
    for i, start in enumerate(stamps):
        assert sum(1 for s in stamps[i:] if s < start + 3.0) <= 3
    # Half of the 30-second lease: what was left at 15 s went back and came again.
    with db.session() as session:
        attempts = {row.text: row.attempts for row in session.exec(select(Outbox))}
    assert attempts["m00"] == 1 and attempts["m19"] == 2


# -- 429 and 403 ---------------------------------------------------------------------------


async def test_a_429_puts_the_chat_back_until_retry_after_and_other_chats_go_on(
    db: Database, time: FakeTime, telegram: FakeTelegram
) -> None:
    queue(db, [(11, "a1"), (11, "a2"), (22, "b1")])
    telegram.errors[11].append(RetryAfter(7))
    sender = make_sender(db, time, telegram)
    assert await sender.drain() == 1
    assert telegram.texts(22) == ["b1"]
    assert telegram.attempts[11] == 1  # no retry loop
    assert {(b.status, b.not_before) for b in waiting(db, 11)} == {
        (OutboxStatus.PENDING, NOW + timedelta(seconds=7))
    }
    # Not a moment before retry_after...
    time.advance(6)
    assert await sender.drain() == 0
    # ...then in the order they were queued.
    time.advance(1)
    assert await sender.drain() == 2
    assert telegram.texts(11) == ["a1", "a2"]


async def test_a_429_pauses_the_chat_for_every_sender_on_the_database(
    database_url: str, db: Database, time: FakeTime, telegram: FakeTelegram
) -> None:
    queue(db, [(11, "a1")])
    telegram.errors[11].append(RetryAfter(7))
    assert await make_sender(db, time, telegram).drain() == 0
    # Another process (its own engine and sender), with a new message for the same chat.
    other = Database.from_url(database_url)
    try:
        queue(other, [(11, "a2"), (22, "b1")])
        assert await make_sender(other, time, telegram).drain() == 1
    finally:
        other.dispose()
    assert telegram.texts(22) == ["b1"]
    assert telegram.attempts[11] == 1
    assert {(w.text, w.not_before) for w in waiting(db, 11)} == {
        ("a1", NOW + timedelta(seconds=7)),
        ("a2", NOW + timedelta(seconds=7)),
    }


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


# -- restarts and crashes --------------------------------------------------------------------


async def test_a_restart_between_claim_and_send_sends_once_after_the_lease(
    db: Database, time: FakeTime, telegram: FakeTelegram
) -> None:
    queue(db, [(11, "halo")])
    with db.session() as session:
        (_abandoned,) = claim_due(session, now=NOW)  # the process dies right after this
    lease = DEFAULT_LEASE.total_seconds()
    time.advance(lease / 2)
    restarted = make_sender(db, time, telegram)
    assert await restarted.drain() == 0
    time.advance(lease / 2 + 1)
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
    time.advance(3600)
    assert await make_sender(db, time, telegram).drain() == 0
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
    time.advance(180)
    assert await make_sender(db, time, telegram).drain() == 3
    assert [s.text for s in telegram.sent].count("a1") == 2
    assert [s.text for s in telegram.sent].count("b1") == 1
    assert [s.text for s in telegram.sent].count("c1") == 1
    assert set(statuses(db).values()) == {OutboxStatus.SENT}


async def test_a_send_slower_than_the_lease_is_not_taken_over_and_sent_twice(
    database_url: str, db: Database, time: FakeTime
) -> None:
    """The sender renews the claims it holds: a send that takes longer than the lease (a
    slow API server, a large file) stays its own, and another process leaves it alone."""
    queue(db, [(11, "ekspor besar")])
    in_flight, answered = asyncio.Event(), asyncio.Event()

    class SlowTelegram(FakeTelegram):
        async def send_message(self, chat_id: int, text: str, reply_markup: Any = None) -> Any:
            if not in_flight.is_set():  # the first attempt hangs until the test lets it go
                in_flight.set()
                await answered.wait()
            return await super().send_message(chat_id, text, reply_markup)

    telegram = SlowTelegram(time)
    sending = asyncio.create_task(make_sender(db, time, telegram, renew_every=0.01).drain())
    await asyncio.wait_for(in_flight.wait(), timeout=5)
    # Telegram takes twice the lease to answer (on the clock every process shares).
    for _ in range(4):
        time.advance(DEFAULT_LEASE.total_seconds() / 2)
        await asyncio.sleep(0.1)  # the heartbeat beats meanwhile, in real time
    other = Database.from_url(database_url)
    try:
        assert await make_sender(other, time, telegram).drain() == 0
    finally:
        other.dispose()
    answered.set()
    assert await asyncio.wait_for(sending, timeout=5) == 1
    assert telegram.texts(11) == ["ekspor besar"]
    with db.session() as session:
        row = session.exec(select(Outbox)).one()
    assert (row.status, row.attempts) == (OutboxStatus.SENT, 1)


# -- two senders, one database ----------------------------------------------------------------


def test_two_senders_on_one_database_send_each_message_exactly_once(
    database_url: str, db: Database
) -> None:
    queue(db, [(2000 + n, f"pesan {n}") for n in range(80)])
    time = FakeTime()
    telegram = FakeTelegram(time)

    def process(_: int) -> int:
        own = Database.from_url(database_url)
        try:
            return asyncio.run(make_sender(own, time, telegram, batch_size=5).drain())
        finally:
            own.dispose()

    with ThreadPoolExecutor(max_workers=2) as pool:
        counts = list(pool.map(process, range(2)))
    assert sum(counts) == 80
    assert sorted(s.text for s in telegram.sent) == sorted(f"pesan {n}" for n in range(80))
    assert set(statuses(db).values()) == {OutboxStatus.SENT}


class FloodLimits(RateLimiter):
    """The emulator's flood limits (30 a second overall, 20 a minute per group), with at most
    3 in any 3 seconds per private chat too, measured on `clock`."""

    def __init__(self, clock: Callable[[], float]) -> None:
        super().__init__(RateLimits())
        self.clock = clock

    def chat_window(self, chat_id: int, is_group: bool) -> SlidingWindow | None:
        if is_group:
            return super().chat_window(chat_id, is_group)
        return self.per_chat.setdefault(chat_id, SlidingWindow(3, 3.0))

    def check(self, chat_id: int, is_group: bool) -> None:
        now = self.clock()
        for window in (self.overall, self.chat_window(chat_id, is_group)):
            if window is not None and (wait := window.retry_after(now)) is not None:
                raise too_many_requests(wait)

    def record(self, chat_id: int, is_group: bool) -> None:
        now = self.clock()
        for window in (self.overall, self.chat_window(chat_id, is_group)):
            if window is not None:
                window.add(now)


@pytest.fixture
async def emulator() -> AsyncIterator[BotAPIEmulator]:
    async with BotAPIEmulator() as emu:
        yield emu


def emulator_bot(emu: BotAPIEmulator, database_url: str) -> Any:
    settings = Settings(
        _env_file=None,
        telegram_bot_token=emu.token,
        telegram_api_url=emu.api_root,
        database_url=database_url,
    )
    return sender_bot(settings)


def floods(emu: BotAPIEmulator) -> int:
    return sum(1 for call in emu.calls if call.error_code == 429)


def delivered(emu: BotAPIEmulator, chat_id: int) -> list[str]:
    calls = emu.calls_of("sendMessage")
    return [c.params["text"] for c in calls if c.ok and c.params["chat_id"] == chat_id]


@pytest.fixture
def processes(database_url: str) -> Iterator[Callable[[], Database]]:
    """Each call: the database as one more bot process sees it (an engine of its own)."""
    opened: list[Database] = []

    def open_one() -> Database:
        opened.append(Database.from_url(database_url))
        return opened[-1]

    yield open_one
    for own in opened:
        own.dispose()


async def test_two_senders_sending_to_one_chat_and_one_group_together_provoke_no_429(
    database_url: str, db: Database, emulator: BotAPIEmulator, processes: Callable[[], Database]
) -> None:
    """Real time here: the emulator measures its windows with the monotonic clock, and so do
    the senders. Each alone would keep the limits; only the shared budget keeps them for both."""
    started = real_time.monotonic()

    def clock() -> datetime:
        return NOW + timedelta(seconds=real_time.monotonic() - started)

    emulator.state.limiter = FloodLimits(real_time.monotonic)
    person, others = 501, [600 + n for n in range(40)]
    for user_id in [person, *others]:
        await emulator.user(user_id, f"Orang {user_id}").send("/start", wait=False)
    emulator.group(GROUP, "Posko Dinsos")
    queue(db, [(person, f"p{n}") for n in range(6)])
    queue(db, [(GROUP, f"g{n:02d}") for n in range(25)])
    queue(db, [(user_id, "halo") for user_id in others])

    senders = [
        OutboxSender(emulator_bot(emulator, database_url), processes(), clock, budget_clock=clock)
        for _ in range(2)
    ]
    for sender in senders:
        await sender.bot.initialize()
    try:
        counts = await asyncio.gather(*(sender.drain() for sender in senders))
    finally:
        for sender in senders:
            await sender.bot.shutdown()

    assert floods(emulator) == 0
    assert sum(counts) == 6 + 20 + 40
    assert sorted(delivered(emulator, person)) == [f"p{n}" for n in range(6)]
    assert len(delivered(emulator, GROUP)) == 20
    assert all(delivered(emulator, user_id) == ["halo"] for user_id in others)
    # The group's last five wait for their minute in the outbox, sent by neither sender.
    assert len(waiting(db, GROUP)) == 5
    assert all(w.not_before >= NOW + timedelta(seconds=59) for w in waiting(db, GROUP))
    # The private chat's second three waited for the first three's window (3 seconds).
    assert real_time.monotonic() - started >= 3.0


async def test_a_sender_started_after_a_restart_respects_the_sends_made_just_before(
    database_url: str,
    db: Database,
    time: FakeTime,
    emulator: BotAPIEmulator,
    processes: Callable[[], Database],
) -> None:
    emulator.state.limiter = FloodLimits(time.elapsed)
    person = 501
    await emulator.user(person, "Ani").send("/start", wait=False)
    emulator.group(GROUP, "Posko Dinsos")
    queue(db, [(person, f"p{n}") for n in range(3)])
    queue(db, [(GROUP, f"g{n:02d}") for n in range(20)])
    async with emulator_bot(emulator, database_url) as bot:
        assert await make_sender(processes(), time, bot).drain() == 23
    # The process stops and starts again at once: new engine, new sender, new bot.
    queue(db, [(person, "p3"), (person, "p4"), (GROUP, "g20")])
    async with emulator_bot(emulator, database_url) as bot:
        assert await make_sender(processes(), time, bot).drain() == 2

    assert floods(emulator) == 0
    assert delivered(emulator, person) == [f"p{n}" for n in range(5)]
    # p3 and p4 waited out the 3 seconds of the burst sent before the restart...
    assert time.slept == [3.0]
    # ...and the group's 21st message waits for its minute in the outbox.
    assert [(w.text, w.not_before) for w in waiting(db, GROUP)] == [
        ("g20", NOW + timedelta(seconds=60))
    ]
