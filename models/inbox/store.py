"""The inbox: every update is stored before Telegram is told it arrived, handled once, in order.

- `store` keeps what `getUpdates` (or a webhook call) brought, idempotent on `update_id`.
- Each person's updates form a queue handled strictly in order by one process at a time:
  `claim_person` takes (or renews) a short lease on the queue, `next_pending` gives its
  oldest update, and `mark_done` is called in the same transaction as the update's effect,
  so a crash either keeps both or neither.
- An update that fails again and again (or cannot be parsed at all) is `park`ed with the
  error's name and skipped: one poisoned update never stops the bot.

What people wrote is in `payload` only while it waits; handled updates keep just their id.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, or_, select, update
from sqlmodel import Session, col

from models.storage.db import insert_for
from models.storage.tables import (
    InboundStatus,
    InboundUpdate,
    Outbox,
    OutboxStatus,
    PersonLease,
)

# Short, because the holder renews it every few seconds while it lives (bot/pipeline.py):
# the queues of a process that died are taken over within seconds.
LEASE = timedelta(seconds=6)
KEEP_DONE = timedelta(days=7)  # Telegram redelivers for at most 24 hours
PARK_AFTER = 3  # attempts


@dataclass(frozen=True)
class Incoming:
    update_id: int
    person_key: int
    payload: str


@dataclass(frozen=True)
class Waiting:
    update_id: int
    payload: str
    attempts: int
    backlog: int  # the person's updates still waiting, this one included (a flood shows here)


@dataclass(frozen=True)
class Parked:
    update_id: int
    person_key: int
    error: str | None
    attempts: int
    received_at: datetime


def person_key_of(update: Mapping[str, Any]) -> int:
    """Whose queue an update joins: its sender, else its chat; 0 when it names neither."""
    for value in update.values():
        if not isinstance(value, Mapping):
            continue
        sender = value.get("from")
        if isinstance(sender, Mapping) and isinstance(sender.get("id"), int):
            return int(sender["id"])
        chat = value.get("chat")
        if isinstance(chat, Mapping) and isinstance(chat.get("id"), int):
            return int(chat["id"])
    return 0


def incoming(raw: Mapping[str, Any]) -> Incoming | None:
    """An update as received; None when it has no usable `update_id` (nothing to confirm)."""
    update_id = raw.get("update_id")
    if not isinstance(update_id, int) or isinstance(update_id, bool) or update_id < 0:
        return None
    return Incoming(update_id, person_key_of(raw), json.dumps(raw, ensure_ascii=False))


def store(session: Session, updates: Sequence[Incoming], *, now: datetime) -> int:
    """Keeps the updates not seen before; returns how many were new. Commits."""
    if not updates:
        return 0
    statement = (
        insert_for(session, InboundUpdate)
        .values(
            [
                {
                    "update_id": u.update_id,
                    "person_key": u.person_key,
                    "payload": u.payload,
                    "status": InboundStatus.PENDING,
                    "attempts": 0,
                    "received_at": now,
                }
                for u in updates
            ]
        )
        .on_conflict_do_nothing(index_elements=["update_id"])
        .returning(InboundUpdate.update_id)
    )
    stored = len(session.execute(statement).scalars().all())
    session.commit()
    return stored


def people_waiting(
    session: Session, *, now: datetime, holder: str, exclude: Iterable[int] = (), limit: int = 100
) -> list[int]:
    """Queues with work whose lease is free, expired or ours, oldest update first."""
    leased = select(col(PersonLease.person_key)).where(
        col(PersonLease.until) >= now, col(PersonLease.holder) != holder
    )
    query = (
        select(col(InboundUpdate.person_key), func.min(col(InboundUpdate.update_id)).label("first"))
        .where(
            col(InboundUpdate.status) == InboundStatus.PENDING,
            col(InboundUpdate.person_key).not_in(leased),
        )
        .group_by(col(InboundUpdate.person_key))
        .order_by("first")
        .limit(limit)
    )
    skip = set(exclude)
    return [key for key, _ in session.execute(query).all() if key not in skip]


def claim_person(
    session: Session, person_key: int, *, holder: str, now: datetime, lease: timedelta = LEASE
) -> bool:
    """Takes or renews the lease on a person's queue; False if another process holds it."""
    renewed = session.execute(
        update(PersonLease)
        .where(
            col(PersonLease.person_key) == person_key,
            or_(col(PersonLease.holder) == holder, col(PersonLease.until) < now),
        )
        .values(holder=holder, until=now + lease)
        .execution_options(synchronize_session=False)
    )
    if cast(CursorResult[Any], renewed).rowcount:
        session.commit()
        return True
    created = session.execute(
        insert_for(session, PersonLease)
        .values(person_key=person_key, holder=holder, until=now + lease)
        .on_conflict_do_nothing(index_elements=["person_key"])
        .returning(PersonLease.person_key)
    ).first()
    session.commit()
    return created is not None


def renew_people(
    session: Session, person_keys: Iterable[int], *, holder: str, now: datetime, lease: timedelta
) -> None:
    """The holder is alive: its leases run on. Commits."""
    keys = list(person_keys)
    if not keys:
        return
    session.execute(
        update(PersonLease)
        .where(col(PersonLease.person_key).in_(keys), col(PersonLease.holder) == holder)
        .values(until=now + lease)
        .execution_options(synchronize_session=False)
    )
    session.commit()


def release_person(session: Session, person_key: int, *, holder: str) -> None:
    """Gives the queue back at once (a clean stop, or the queue is empty). Commits."""
    session.execute(
        delete(PersonLease).where(
            col(PersonLease.person_key) == person_key, col(PersonLease.holder) == holder
        )
    )
    session.commit()


def next_pending(session: Session, person_key: int) -> Waiting | None:
    """The person's oldest update still to handle, with the size of their queue (one query)."""
    row = session.execute(
        select(
            col(InboundUpdate.update_id),
            col(InboundUpdate.payload),
            col(InboundUpdate.attempts),
            func.count().over(),
        )
        .where(
            col(InboundUpdate.person_key) == person_key,
            col(InboundUpdate.status) == InboundStatus.PENDING,
        )
        .order_by(col(InboundUpdate.update_id))
        .limit(1)
    ).first()
    if row is None:
        return None
    update_id, payload, attempts, waiting = row
    return Waiting(update_id, payload or "{}", attempts, int(waiting))


def mark_done(session: Session, update_id: int, *, now: datetime) -> None:
    """Part of the update's own transaction: its effect and this mark commit together."""
    session.execute(
        update(InboundUpdate)
        .where(col(InboundUpdate.update_id) == update_id)
        .values(status=InboundStatus.DONE, payload=None, done_at=now, error=None)
        .execution_options(synchronize_session=False)
    )


def record_failure(
    session: Session, update_id: int, *, error: str, now: datetime, park_after: int = PARK_AFTER
) -> bool:
    """Counts a failed attempt; parks the update once it failed `park_after` times (no
    commit: an apology can go in the same transaction). Returns True when it is now parked."""
    row = session.get(InboundUpdate, update_id)
    if row is None:
        return False
    row.attempts += 1
    row.error = error[:300]
    parked = row.attempts >= park_after
    if parked:
        row.status = InboundStatus.PARKED
        row.done_at = now
    session.add(row)
    session.flush()
    return parked


def park(session: Session, update_id: int, *, error: str, now: datetime) -> None:
    """An update that can never be handled (it cannot be parsed): skip it for good. Commits."""
    session.execute(
        update(InboundUpdate)
        .where(col(InboundUpdate.update_id) == update_id)
        .values(
            status=InboundStatus.PARKED,
            error=error[:300],
            attempts=InboundUpdate.attempts + 1,
            done_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    session.commit()


def parked_updates(session: Session, *, limit: int = 20) -> list[Parked]:
    rows = session.execute(
        select(InboundUpdate)
        .where(col(InboundUpdate.status) == InboundStatus.PARKED)
        .order_by(col(InboundUpdate.update_id).desc())
        .limit(limit)
    ).scalars()
    return [Parked(r.update_id, r.person_key, r.error, r.attempts, r.received_at) for r in rows]


def is_handled(session: Session, update_id: int) -> bool:
    """Stored, handled (done or parked), and every reply it queued is out of the outbox's
    hands (sent or given up): what a person waiting for an answer is waiting for."""
    status = session.execute(
        select(col(InboundUpdate.status)).where(col(InboundUpdate.update_id) == update_id)
    ).scalar_one_or_none()
    if status is None or status == InboundStatus.PENDING:
        return False
    owed = session.execute(
        select(func.count())
        .select_from(Outbox)
        .where(
            col(Outbox.key).like(f"u:{update_id}:%"),
            col(Outbox.status).in_([OutboxStatus.PENDING, OutboxStatus.SENDING]),
        )
    ).scalar_one()
    return not owed


def backlog(session: Session) -> int:
    """Updates waiting to be handled (for health checks and tests)."""
    return int(
        session.execute(
            select(func.count())
            .select_from(InboundUpdate)
            .where(col(InboundUpdate.status) == InboundStatus.PENDING)
        ).scalar_one()
    )


def backlog_of(session: Session, person_key: int) -> int:
    """How many updates one person has waiting (a flood shows here)."""
    return int(
        session.execute(
            select(func.count())
            .select_from(InboundUpdate)
            .where(
                col(InboundUpdate.person_key) == person_key,
                col(InboundUpdate.status) == InboundStatus.PENDING,
            )
        ).scalar_one()
    )


def purge(session: Session, *, now: datetime, keep: timedelta = KEEP_DONE) -> int:
    """Forgets handled updates older than `keep` (their ids are no longer redelivered)."""
    result = session.execute(
        delete(InboundUpdate).where(
            col(InboundUpdate.status) == InboundStatus.DONE, col(InboundUpdate.done_at) < now - keep
        )
    )
    session.commit()
    return int(cast(CursorResult[Any], result).rowcount or 0)
