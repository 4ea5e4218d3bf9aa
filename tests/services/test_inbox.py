"""The inbox stores each update once, hands each person's queue to one process at a time, and
parks what cannot be handled."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from models.inbox import store
from models.storage.db import Database

NOW = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


def _message(update_id: int, user_id: int, text: str = "halo") -> dict[str, object]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 0,
            "chat": {"id": user_id, "type": "private"},
            "from": {"id": user_id, "is_bot": False, "first_name": "Ani"},
            "text": text,
        },
    }


def test_an_update_delivered_twice_is_stored_once(db: Database) -> None:
    first = [store.incoming(_message(1, 7)), store.incoming(_message(2, 7))]
    with db.session() as session:
        assert store.store(session, [u for u in first if u], now=NOW) == 2
        again = store.incoming(_message(2, 7))
        assert again is not None
        assert store.store(session, [again], now=NOW) == 0
        assert store.backlog(session) == 2


def test_each_persons_updates_come_in_order_and_done_ones_are_skipped(db: Database) -> None:
    with db.session() as session:
        updates = [store.incoming(_message(i, 7 if i % 2 else 8)) for i in (5, 3, 4, 1)]
        store.store(session, [u for u in updates if u], now=NOW)
        assert store.people_waiting(session, now=NOW, holder="a") == [7, 8]
        waiting = store.next_pending(session, 7)
        assert waiting is not None and waiting.update_id == 1
        assert waiting.backlog == 3  # updates 1, 3 and 5 are person 7's
        assert json.loads(waiting.payload)["message"]["text"] == "halo"
        store.mark_done(session, 1, now=NOW)
        session.commit()
        waiting = store.next_pending(session, 7)
        assert waiting is not None and waiting.update_id == 3 and waiting.backlog == 2
        assert store.backlog(session) == 3


def test_a_handled_update_keeps_only_its_id(db: Database) -> None:
    with db.session() as session:
        update = store.incoming(_message(9, 7, text="NIK 6201010101010001"))
        assert update is not None
        store.store(session, [update], now=NOW)
        store.mark_done(session, 9, now=NOW)
        session.commit()
    with db.session() as session:
        row = session.get(store.InboundUpdate, 9)
        assert row is not None and row.payload is None and row.status == "done"


def test_one_process_holds_a_persons_queue_until_its_lease_runs_out(db: Database) -> None:
    with db.session() as session:
        assert store.claim_person(session, 7, holder="a", now=NOW)
        assert store.claim_person(session, 7, holder="a", now=NOW)  # renewing is fine
        assert not store.claim_person(session, 7, holder="b", now=NOW)
        store.store(session, [u for u in [store.incoming(_message(1, 7))] if u], now=NOW)
        assert store.people_waiting(session, now=NOW, holder="b") == []
        later = NOW + store.LEASE + timedelta(seconds=1)
        assert store.people_waiting(session, now=later, holder="b") == [7]
        assert store.claim_person(session, 7, holder="b", now=later)
        store.release_person(session, 7, holder="b")
        assert store.claim_person(session, 7, holder="a", now=later)


def test_an_update_failing_again_and_again_is_parked_and_skipped(db: Database) -> None:
    with db.session() as session:
        store.store(session, [u for u in [store.incoming(_message(1, 7))] if u], now=NOW)
        assert not store.record_failure(session, 1, error="KeyError at x.py:1", now=NOW)
        assert not store.record_failure(session, 1, error="KeyError at x.py:1", now=NOW)
        assert store.record_failure(session, 1, error="KeyError at x.py:1", now=NOW)
        assert store.next_pending(session, 7) is None
        [parked] = store.parked_updates(session)
        assert (parked.update_id, parked.attempts, parked.error) == (1, 3, "KeyError at x.py:1")


def test_updates_without_a_sender_queue_by_chat_and_without_an_id_are_refused() -> None:
    channel = {"update_id": 4, "channel_post": {"chat": {"id": -100123, "type": "channel"}}}
    assert store.person_key_of(channel) == -100123
    assert store.person_key_of({"update_id": 5, "poll": {"id": "x"}}) == 0
    assert store.incoming({"message": {}}) is None
    assert store.incoming({"update_id": "1"}) is None
    assert store.incoming({"update_id": True}) is None
