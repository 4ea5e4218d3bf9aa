"""One rate budget for everything the bot sends, kept in the database.

Telegram's flood limits (`Limits`): about 30 messages a second overall; in a private chat about
one a second, with the short bursts Telegram allows (at most 3 in any 3 seconds); 20 a minute
in a group. Every send counts: a message, a file, an edit, a deletion. Because the budget is in
the database, every process on one database shares it, and it holds across a restart.

- `reserve` takes one send from the budget, or says how many seconds to wait: one short
  transaction, serialised across processes (PostgreSQL: an advisory lock held until the
  commit; SQLite: its first statement writes, which takes the database's one write lock).
- `settle` moves a send's stamp to the moment Telegram answered. Telegram counts a message
  when it arrives, somewhere between our reservation and its answer; counting from the answer
  means a request held up on its way (a busy process, a slow network) never lets a window
  close early.
- `pause` keeps a chat waiting for a 429's retry_after. A second chat told to wait while the
  first still waits means Telegram counts something they share (the overall limit, or this
  token used from outside this database): then every chat waits.
- `prune` (run by `reserve`) drops stamps too old to count and pauses that are over.

Stamps carry the senders' clock: processes sharing a database must keep their clocks in step
(NTP). One running ahead only makes the others wait longer; one running behind would let them
send early.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ScalarSelect, delete, func, insert, select, text, update
from sqlmodel import Session, col

from models.storage.db import insert_for
from models.storage.tables import SendPause, SendStamp

# The pause that holds for every chat (no Telegram chat has id 0).
EVERY_CHAT = 0
# The budget's pg_advisory_xact_lock key: the word "budget", unused by any other lock.
LOCK_KEY = int.from_bytes(b"budget", "big")


@dataclass(frozen=True)
class Limits:
    """Telegram's flood limits, each as "at most n sends in any window"."""

    overall_per_second: int = 30
    private_burst: int = 3
    private_seconds: float = 3.0
    group_per_minute: int = 20

    def overall(self) -> tuple[int, timedelta]:
        return self.overall_per_second, timedelta(seconds=1)

    def chat(self, chat_id: int) -> tuple[int, timedelta]:
        if is_group(chat_id):
            return self.group_per_minute, timedelta(minutes=1)
        return self.private_burst, timedelta(seconds=self.private_seconds)

    @property
    def longest(self) -> timedelta:
        """How long a stamp can still count for some limit."""
        return max(self.overall()[1], self.chat(-1)[1], self.chat(1)[1])


DEFAULT_LIMITS = Limits()


def is_group(chat_id: int) -> bool:
    """Groups, supergroups and channels have negative ids; people's chats positive ones."""
    return chat_id < 0


def reserve(
    session: Session, chat_id: int, now: datetime, limits: Limits = DEFAULT_LIMITS
) -> float:
    """Takes one send to `chat_id` from the budget (0.0), or says how many seconds to wait
    before asking again (nothing taken). Commits: give it a session of its own."""
    _serialise(session)
    # On SQLite this is the transaction's first statement: a write, so it holds the write
    # lock from here on and no other process can book in between.
    prune(session, now, limits)
    overall, chat = limits.overall(), limits.chat(chat_id)
    # One round trip for all three: the pause, and each window's send that must leave it.
    paused, overall_nth, chat_nth = session.execute(
        select(
            _pause_end(chat_id, now),
            _nth_latest(None, overall, now),
            _nth_latest(chat_id, chat, now),
        )
    ).one()
    ends = [paused] if paused is not None else []
    for nth, (_, window) in ((overall_nth, overall), (chat_nth, chat)):
        if nth is not None:
            ends.append(nth + window)
    wait = max((end - now).total_seconds() for end in ends) if ends else 0.0
    if wait <= 0:
        session.execute(insert(SendStamp).values(chat_id=chat_id, sent_at=now))
    session.commit()
    return max(0.0, wait)


def settle(session: Session, chat_id: int, reserved_at: datetime, answered_at: datetime) -> None:
    """Counts a send reserved at `reserved_at` from when Telegram answered it (no commit).

    Stamps of one chat with the same time are interchangeable, so any one of them moves.
    """
    if answered_at <= reserved_at:
        return
    stamp = (
        select(col(SendStamp.id))
        .where(col(SendStamp.chat_id) == chat_id, col(SendStamp.sent_at) == reserved_at)
        .order_by(col(SendStamp.id))
        .limit(1)
        .scalar_subquery()
    )
    session.execute(
        update(SendStamp)
        .where(col(SendStamp.id) == stamp)
        .values(sent_at=answered_at)
        .execution_options(synchronize_session=False)
    )


def pause(session: Session, chat_id: int | None, until: datetime, *, now: datetime) -> None:
    """Nothing more to `chat_id` (None: to any chat) before `until` (no commit)."""
    _serialise(session)
    target = EVERY_CHAT if chat_id is None else chat_id
    _pause_until(session, target, until)
    session.execute(delete(SendPause).where(col(SendPause.until) <= now))
    if target != EVERY_CHAT and _others_paused(session, target, now):
        _pause_until(session, EVERY_CHAT, until)


def prune(session: Session, now: datetime, limits: Limits = DEFAULT_LIMITS) -> None:
    """Deletes the stamps too old to count for any limit (no commit). Pauses that are over
    are deleted by the next `pause`: until then they are rare, and ignored."""
    session.execute(delete(SendStamp).where(col(SendStamp.sent_at) <= now - limits.longest))


def _serialise(session: Session) -> None:
    """PostgreSQL: one budget transaction at a time across every process, until the commit.
    Its commit need not wait for the disk: a stamp lost in a crash of the database server
    costs at most a moment of Telegram's patience, and it makes every send cheaper."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text(
                "SELECT pg_advisory_xact_lock(:key), set_config('synchronous_commit', 'off', true)"
            ),
            {"key": LOCK_KEY},
        )


def _pause_end(chat_id: int, now: datetime) -> ScalarSelect[datetime]:
    """When the pause of the chat (or of every chat) ends; NULL if there is none."""
    return (
        select(func.max(col(SendPause.until)))
        .where(col(SendPause.chat_id).in_([chat_id, EVERY_CHAT]), col(SendPause.until) > now)
        .scalar_subquery()
    )


def _nth_latest(
    chat_id: int | None, limit: tuple[int, timedelta], now: datetime
) -> ScalarSelect[datetime]:
    """The `most`-th latest send in the window (of the chat, or of all chats): a place frees
    up when it leaves the window. NULL while the window has room."""
    most, window = limit
    stamps = select(col(SendStamp.sent_at)).where(col(SendStamp.sent_at) > now - window)
    if chat_id is not None:
        stamps = stamps.where(col(SendStamp.chat_id) == chat_id)
    return (
        stamps.order_by(col(SendStamp.sent_at).desc()).offset(most - 1).limit(1).scalar_subquery()
    )


def _pause_until(session: Session, chat_id: int, until: datetime) -> None:
    """Upserts the pause; a pause already running longer is kept."""
    statement = insert_for(session, SendPause).values(chat_id=chat_id, until=until)
    postgres = session.get_bind().dialect.name == "postgresql"
    later = func.greatest if postgres else func.max  # SQLite's max() of two values
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["chat_id"],
            set_={"until": later(col(SendPause.until), statement.excluded.until)},
        )
    )


def _others_paused(session: Session, chat_id: int, now: datetime) -> bool:
    other = session.execute(
        select(col(SendPause.chat_id))
        .where(col(SendPause.chat_id).not_in([chat_id, EVERY_CHAT]), col(SendPause.until) > now)
        .limit(1)
    ).first()
    return other is not None
