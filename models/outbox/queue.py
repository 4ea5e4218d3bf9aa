"""The outbox: every message the bot sends on its own goes through this table.

- `enqueue` (one message) and `enqueue_many` (one statement for many) are idempotent on
  `key`: a rule that fires twice, or two processes that both decide to send, still store one
  row. `existing_keys` tells which keys are queued already, so rules skip work done before.
- `claim_due` takes rows atomically (PostgreSQL: FOR UPDATE SKIP LOCKED, so two bot processes
  never take the same row; SQLite: one writer at a time) and stamps them with a claim token.
- `mark_sent` / `mark_failed` / `release` finish a claim, only if the token still matches.
- `renew` moves the lease of claims still in hand forward (the sender does, while it sends).

A row claimed by a process that died is taken over after `lease`; a live sender renews its
claims well within it, so a slow send is not taken over and sent twice. The only window in
which a message can go out twice is between Telegram accepting it and `mark_sent` committing
(a few milliseconds); Telegram offers no idempotency key to close it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Result, and_, or_, select, update
from sqlmodel import Session, col

from models.outbox.ports import Rendered
from models.storage.db import insert_for
from models.storage.tables import Outbox, OutboxStatus

# A claim left by a process that died is taken over after this: seconds, not minutes. The
# sender renews its claims while it holds them and hands a batch back at half the lease
# (bot/sender.py), so no live claim is taken over.
DEFAULT_LEASE = timedelta(seconds=6)
# Replies to what a person just did go before everything else.
REPLY_PRIORITY = 0
ROUTINE_PRIORITY = 1


def enqueue(
    session: Session,
    *,
    key: str,
    chat_id: int,
    text: str,
    now: datetime,
    account_id: int | None = None,
    case_id: int | None = None,
    reply_markup: dict[str, Any] | None = None,
    kind: str = "message",
    filename: str | None = None,
    blob: bytes | None = None,
    urgent: bool = False,
    not_before: datetime | None = None,
) -> bool:
    """Stores a message to send (no commit). False if a message with this key exists."""
    message = Message(
        key=key,
        chat_id=chat_id,
        text=text,
        account_id=account_id,
        case_id=case_id,
        reply_markup=reply_markup,
        kind=kind,
        filename=filename,
        blob=blob,
        urgent=urgent,
        not_before=not_before,
    )
    return bool(enqueue_many(session, [message], now=now))


@dataclass(frozen=True)
class Message:
    """One message to queue with `enqueue_many`."""

    key: str
    chat_id: int
    text: str
    account_id: int | None = None
    case_id: int | None = None
    reply_markup: dict[str, Any] | None = None
    kind: str = "message"
    filename: str | None = None
    blob: bytes | None = None
    urgent: bool = False
    not_before: datetime | None = None
    priority: int = ROUTINE_PRIORITY
    target_message_id: int | None = None
    file_ref: str | None = None


def rendered_message(shown: Rendered, *, key: str, chat_id: int, **fields: Any) -> Message:
    """A message as the views rendered it (text and buttons), with its key and recipient."""
    return Message(
        key=key, chat_id=chat_id, text=shown.text, reply_markup=shown.reply_markup, **fields
    )


def enqueue_many(session: Session, messages: Sequence[Message], *, now: datetime) -> set[str]:
    """Stores several messages in one statement (no commit); returns the keys that were new.

    Keys that exist already are left alone, so queueing the same messages again (a rule that
    fires twice, two processes at once) stores nothing twice.
    """
    if not messages:
        return set()
    rows = [_row(m, now) for m in messages]
    statement = (
        insert_for(session, Outbox)
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(col(Outbox.key))
    )
    return set(session.execute(statement, rows).scalars())


def _row(m: Message, now: datetime) -> dict[str, Any]:
    return {
        "key": m.key,
        "chat_id": m.chat_id,
        "text": m.text,
        "account_id": m.account_id,
        "case_id": m.case_id,
        "reply_markup": m.reply_markup,
        "kind": m.kind,
        "filename": m.filename,
        "blob": m.blob,
        "urgent": m.urgent,
        "status": OutboxStatus.PENDING,
        "not_before": m.not_before or now,
        "attempts": 0,
        "created_at": now,
        "priority": m.priority,
        "target_message_id": m.target_message_id,
        "file_ref": m.file_ref,
    }


def enqueue_claimed(
    session: Session, messages: Sequence[Message], *, token: str, now: datetime
) -> list[Claimed]:
    """Stores messages already claimed by the caller, who sends them right after its commit
    (a reply): no second look-up, and if the caller dies first the lease hands them to any
    sender. Keys already queued are skipped. No commit."""
    if not messages:
        return []
    rows = [
        {**_row(m, now), "status": OutboxStatus.SENDING, "claimed_at": now, "claim_token": token,
         "attempts": 1}
        for m in messages
    ]  # fmt: skip
    statement = (
        insert_for(session, Outbox).on_conflict_do_nothing(index_elements=["key"]).returning(Outbox)
    )
    stored = session.execute(statement, rows).scalars().all()
    return sorted((_claimed(row, token) for row in stored), key=lambda c: c.id)


def _chunks(items: Sequence[str], size: int = 500) -> list[Sequence[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def existing_keys(session: Session, keys: Sequence[str]) -> set[str]:
    """Which of `keys` are in the outbox already (any status)."""
    found: set[str] = set()
    for chunk in _chunks(list(dict.fromkeys(keys))):
        found |= set(
            session.execute(select(col(Outbox.key)).where(col(Outbox.key).in_(chunk))).scalars()
        )
    return found


def outbox_rows(session: Session, keys: Sequence[str]) -> list[Outbox]:
    """The outbox rows with these keys."""
    rows: list[Outbox] = []
    for chunk in _chunks(list(dict.fromkeys(keys))):
        rows += session.execute(select(Outbox).where(col(Outbox.key).in_(chunk))).scalars()
    return rows


@dataclass(frozen=True)
class Claimed:
    """A claimed message, detached from the session: what the sender needs."""

    id: int
    token: str
    key: str
    chat_id: int
    account_id: int | None
    case_id: int | None
    kind: str
    text: str
    reply_markup: dict[str, Any] | None
    filename: str | None
    blob: bytes | None
    urgent: bool
    attempts: int
    priority: int = ROUTINE_PRIORITY
    target_message_id: int | None = None
    file_ref: str | None = None


def claim_due(
    session: Session, *, now: datetime, limit: int = 20, lease: timedelta = DEFAULT_LEASE
) -> list[Claimed]:
    """Atomically claims up to `limit` due messages (oldest first) and commits the claim."""
    token = uuid.uuid4().hex
    due = or_(
        and_(col(Outbox.status) == OutboxStatus.PENDING, col(Outbox.not_before) <= now),
        and_(col(Outbox.status) == OutboxStatus.SENDING, col(Outbox.claimed_at) < now - lease),
    )
    candidates = (
        select(col(Outbox.id))
        .where(due)
        .order_by(col(Outbox.priority), col(Outbox.id))
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    rows = session.execute(
        update(Outbox)
        .where(col(Outbox.id).in_(candidates.scalar_subquery()))
        .values(
            status=OutboxStatus.SENDING,
            claimed_at=now,
            claim_token=token,
            attempts=Outbox.attempts + 1,
        )
        .returning(Outbox)
        .execution_options(synchronize_session=False)
    ).scalars()
    claimed = [_claimed(row, token) for row in rows]
    session.commit()
    return sorted(claimed, key=lambda c: (c.priority, c.id))


def renew(session: Session, tokens: Sequence[str], *, now: datetime) -> int:
    """Starts the lease of the messages claimed under `tokens` and not finished yet again from
    `now`; returns how many. A claim taken over meanwhile has another token: it stays as it is.
    Commits."""
    if not tokens:
        return 0
    result = session.execute(
        update(Outbox)
        .where(
            col(Outbox.claim_token).in_(list(tokens)),
            col(Outbox.status) == OutboxStatus.SENDING,
        )
        .values(claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return _rowcount(result)


def _claimed(row: Outbox, token: str) -> Claimed:
    assert row.id is not None
    return Claimed(
        id=row.id,
        token=token,
        key=row.key,
        chat_id=row.chat_id,
        account_id=row.account_id,
        case_id=row.case_id,
        kind=row.kind,
        text=row.text,
        reply_markup=row.reply_markup,
        filename=row.filename,
        blob=row.blob,
        urgent=row.urgent,
        attempts=row.attempts,
        priority=row.priority,
        target_message_id=row.target_message_id,
        file_ref=row.file_ref,
    )


def _rowcount(result: Result[Any]) -> int:
    # An UPDATE's result is a CursorResult, which has the row count.
    return cast(CursorResult[Any], result).rowcount


def _finish(session: Session, claimed: Claimed, **values: Any) -> bool:
    result = session.execute(
        update(Outbox)
        .where(
            col(Outbox.id) == claimed.id,
            col(Outbox.claim_token) == claimed.token,
            col(Outbox.status) == OutboxStatus.SENDING,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return bool(_rowcount(result))


def mark_sent(
    session: Session, claimed: Claimed, *, now: datetime, telegram_message_id: int | None
) -> bool:
    return _finish(
        session,
        claimed,
        status=OutboxStatus.SENT,
        sent_at=now,
        telegram_message_id=telegram_message_id,
        last_error=None,
    )


def mark_failed(session: Session, claimed: Claimed, *, reason: str) -> bool:
    """Gives up on a message for good (e.g. the person blocked the bot)."""
    return _finish(session, claimed, status=OutboxStatus.FAILED, last_error=reason[:300])


def release(session: Session, claimed: Claimed, *, not_before: datetime, reason: str) -> bool:
    """Puts a message back to try again later (rate limit, network trouble)."""
    return _finish(
        session,
        claimed,
        status=OutboxStatus.PENDING,
        not_before=not_before,
        claim_token=None,
        last_error=reason[:300],
    )


# Delivered messages keep their key (so nothing is sent again) but not their content.
FORGET_AFTER = timedelta(days=30)
FORGOTTEN = ""


def forget_delivered(session: Session, *, now: datetime, after: timedelta = FORGET_AFTER) -> int:
    """Blanks the text, buttons and files of messages sent or given up on more than `after`
    ago (UU PDP: personal data is kept only as long as it is needed). Commits."""
    result = session.execute(
        update(Outbox)
        .where(
            col(Outbox.status).in_([OutboxStatus.SENT, OutboxStatus.FAILED]),
            col(Outbox.created_at) < now - after,
            or_(col(Outbox.text) != FORGOTTEN, col(Outbox.blob).is_not(None)),
        )
        .values(text=FORGOTTEN, reply_markup=None, blob=None, filename=None)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return _rowcount(result)
