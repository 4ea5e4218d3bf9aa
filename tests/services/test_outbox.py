"""The outbox: idempotent enqueue, exclusive claims, leases, and token-checked completion."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from models.outbox.queue import DEFAULT_LEASE, claim_due, enqueue, mark_sent, release, renew
from models.storage.db import Database
from models.storage.tables import Outbox, OutboxStatus

NOW = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)


def _enqueue(db: Database, count: int, **kwargs: object) -> None:
    with db.session() as session:
        for n in range(count):
            enqueue(session, key=f"k{n}", chat_id=100 + n, text=f"pesan {n}", now=NOW, **kwargs)  # type: ignore[arg-type]
        session.commit()


def test_enqueue_is_idempotent_on_the_key(db: Database) -> None:
    with db.session() as session:
        assert enqueue(session, key="a", chat_id=1, text="x", now=NOW)
        assert not enqueue(session, key="a", chat_id=1, text="other", now=NOW)
        session.commit()
        assert [o.text for o in session.exec(select(Outbox))] == ["x"]


def test_messages_wait_until_not_before(db: Database) -> None:
    _enqueue(db, 1, not_before=NOW + timedelta(hours=8))
    with db.session() as session:
        assert claim_due(session, now=NOW) == []
        assert [c.key for c in claim_due(session, now=NOW + timedelta(hours=8))] == ["k0"]


def test_concurrent_claimers_never_take_the_same_message(db: Database) -> None:
    _enqueue(db, 60)

    def claim(_: int) -> list[str]:
        keys: list[str] = []
        with db.session() as session:
            while batch := claim_due(session, now=NOW, limit=3):
                keys += [c.key for c in batch]
        return keys

    with ThreadPoolExecutor(max_workers=4) as pool:
        taken = [key for keys in pool.map(claim, range(4)) for key in keys]
    assert sorted(taken) == sorted(f"k{n}" for n in range(60))


def test_a_claim_abandoned_by_a_dead_process_is_taken_over_after_the_lease(db: Database) -> None:
    _enqueue(db, 1)
    with db.session() as session:
        (first,) = claim_due(session, now=NOW)
        assert claim_due(session, now=NOW + DEFAULT_LEASE / 2) == []
        (second,) = claim_due(session, now=NOW + DEFAULT_LEASE + timedelta(seconds=1))
        assert second.attempts == 2
        # The first claimer comes back too late: its token no longer counts.
        assert not mark_sent(session, first, now=NOW, telegram_message_id=1)
        assert mark_sent(session, second, now=NOW, telegram_message_id=2)
        row = session.exec(select(Outbox)).one()
        assert (row.status, row.telegram_message_id) == (OutboxStatus.SENT, 2)


def test_a_renewed_claim_is_not_taken_over_until_a_lease_after_the_renewal(db: Database) -> None:
    _enqueue(db, 2)
    second = timedelta(seconds=1)
    with db.session() as session:
        held = claim_due(session, now=NOW)
        assert renew(session, [held[0].token], now=NOW + DEFAULT_LEASE - second) == 2
        assert claim_due(session, now=NOW + DEFAULT_LEASE + second) == []
        (taken,) = claim_due(session, now=NOW + 2 * DEFAULT_LEASE, limit=1)
        # A claim taken over has another token: the old holder's renewal leaves it alone.
        assert renew(session, [held[0].token], now=NOW + 2 * DEFAULT_LEASE) == 1
        assert mark_sent(session, taken, now=NOW, telegram_message_id=1)
        assert not mark_sent(session, held[0], now=NOW, telegram_message_id=2)


def test_released_messages_come_back_later(db: Database) -> None:
    _enqueue(db, 1)
    with db.session() as session:
        (claimed,) = claim_due(session, now=NOW)
        assert release(session, claimed, not_before=NOW + timedelta(seconds=5), reason="429")
        assert claim_due(session, now=NOW + timedelta(seconds=1)) == []
        assert len(claim_due(session, now=NOW + timedelta(seconds=5))) == 1


def test_delivered_messages_are_forgotten_after_thirty_days_but_never_resent(db: Database) -> None:
    from models.outbox.queue import forget_delivered

    with db.session() as session:
        enqueue(session, key="old", chat_id=1, text="Siti, NIK 5203...", now=NOW, blob=b"ktp")
        enqueue(session, key="waiting", chat_id=1, text="masih menunggu", now=NOW)
        session.commit()
        (claimed,) = claim_due(session, now=NOW, limit=1)
        mark_sent(session, claimed, now=NOW, telegram_message_id=7)
        assert forget_delivered(session, now=NOW + timedelta(days=29)) == 0
        assert forget_delivered(session, now=NOW + timedelta(days=31)) == 1
        rows = {o.key: o for o in session.exec(select(Outbox))}
        assert (rows["old"].text, rows["old"].blob, rows["old"].status) == ("", None, "sent")
        assert rows["waiting"].text == "masih menunggu"  # not delivered yet: kept
        # The key stays, so the same message can't be queued (and sent) again.
        assert not enqueue(session, key="old", chat_id=1, text="again", now=NOW)
