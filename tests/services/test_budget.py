"""The shared send budget: Telegram's limits, pauses, and two processes booking at once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from models.outbox.budget import pause, prune, reserve, settle
from models.storage.db import Database
from models.storage.tables import SendPause, SendStamp

NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
GROUP = -1001000000001


def at(seconds: float) -> datetime:
    return NOW + timedelta(seconds=seconds)


def book(db: Database, chat_id: int, when: datetime) -> float:
    with db.session() as session:
        return reserve(session, chat_id, when)


def hold(db: Database, chat_id: int | None, until: datetime, now: datetime) -> None:
    with db.session() as session:
        pause(session, chat_id, until, now=now)
        session.commit()


def test_a_private_chat_gets_3_in_any_3_seconds(db: Database) -> None:
    assert [book(db, 11, at(0)) for _ in range(3)] == [0.0, 0.0, 0.0]
    assert book(db, 11, at(0)) == 3.0
    assert book(db, 11, at(1)) == 2.0
    # A refusal takes nothing: at 3 s there is room again, for 3 more.
    assert [book(db, 11, at(3)) for _ in range(4)] == [0.0, 0.0, 0.0, 3.0]
    # Another person's chat is not held up.
    assert book(db, 22, at(3)) == 0.0


def test_a_group_gets_20_a_minute(db: Database) -> None:
    assert {book(db, GROUP, at(n)) for n in range(20)} == {0.0}
    assert book(db, GROUP, at(20)) == 40.0
    assert book(db, GROUP, at(60)) == 0.0
    assert book(db, GROUP, at(60)) == 1.0


def test_all_chats_together_get_30_a_second(db: Database) -> None:
    assert {book(db, 1000 + n, at(0.5)) for n in range(30)} == {0.0}
    assert book(db, 2000, at(0.5)) == 1.0
    assert book(db, 2000, at(1.25)) == 0.25
    assert book(db, 2000, at(1.5)) == 0.0


def test_a_429_holds_the_chat_and_a_second_one_meanwhile_holds_every_chat(db: Database) -> None:
    hold(db, 11, at(7), now=at(0))
    assert book(db, 11, at(0)) == 7.0
    assert book(db, 22, at(0)) == 0.0
    # Another chat told to wait while chat 11 still waits: Telegram counts something they
    # share, so nobody sends until the new pause is over.
    hold(db, 22, at(5), now=at(1))
    assert book(db, 33, at(1)) == 4.0
    assert book(db, 11, at(6)) == 1.0
    assert book(db, 33, at(6)) == 0.0


def test_a_pause_running_longer_is_kept(db: Database) -> None:
    hold(db, 11, at(30), now=at(0))
    hold(db, 11, at(5), now=at(1))
    assert book(db, 11, at(10)) == 20.0
    hold(db, None, at(12), now=at(10))
    assert book(db, 44, at(10)) == 2.0


def test_a_send_counts_from_when_telegram_answered(db: Database) -> None:
    for _ in range(3):
        assert book(db, 11, at(0)) == 0.0
    # The three requests took 2 seconds on their way (Telegram counts them when they arrive):
    # the window ends 3 seconds after the answers, not after the reservations.
    with db.session() as session:
        for _ in range(3):
            settle(session, 11, at(0), at(2))
        session.commit()
        assert [s.sent_at for s in session.exec(select(SendStamp))] == [at(2)] * 3
    assert book(db, 11, at(3)) == 2.0
    assert book(db, 11, at(5)) == 0.0


def test_what_no_longer_counts_is_deleted(db: Database) -> None:
    book(db, 11, at(0))
    book(db, GROUP, at(30))
    hold(db, 22, at(10), now=at(0))
    with db.session() as session:
        prune(session, at(61))
        session.commit()
        # A minute on, the private chat's send no longer counts; the group's still does.
        assert [(s.chat_id, s.sent_at) for s in session.exec(select(SendStamp))] == [
            (GROUP, at(30))
        ]
    # The next pause clears those that are over (and, alone, holds only its own chat).
    hold(db, 44, at(70), now=at(61))
    with db.session() as session:
        pauses = [(p.chat_id, p.until) for p in session.exec(select(SendPause))]
    assert pauses == [(44, at(70))]


def test_two_processes_booking_at_once_never_overbook(database_url: str, db: Database) -> None:
    """Both ask at the same moment, many times: one chat gets 3 sends, all chats 30."""
    start = threading.Barrier(2)

    def process(n: int) -> list[tuple[int, float]]:
        own = Database.from_url(database_url)
        try:
            start.wait()
            answers = []
            for k in range(25):
                answers.append((11, book(own, 11, at(0))))
                chat_id = 1000 + 100 * n + k
                answers.append((chat_id, book(own, chat_id, at(0))))
            return answers
        finally:
            own.dispose()

    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = [a for result in pool.map(process, range(2)) for a in result]
    granted = [chat_id for chat_id, wait in answers if wait == 0.0]
    assert granted.count(11) == 3
    assert len(granted) == 30
    with db.session() as session:
        assert len(session.exec(select(SendStamp)).all()) == 30
