"""The audit log (UU PDP accountability): every view of a case, every status change, override
and erasure, every role change, invitation and deactivation, with who, when and the chat.

An entry holds ids and a short code (`detail`: a status, a role, a field's name, a count),
never a name, a NIK, a phone number or a text, because it outlives an erasure. Writing one
never commits: it goes in with the use case it records.

Where the work comes from: handlers name the chat once per update (`set_origin`, called by
handlers/context.viewer_of), so the domain functions that record (the lifecycle, the team's
role changes) need no chat parameter; scheduled jobs have no chat.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from models.reference.validation import small_number
from models.storage.tables import Account, AuditEntry, Case

_ORIGIN = "audit_chat_id"
DETAIL_MAX = 80
LATEST = 30


def set_origin(session: Session, chat_id: int | None) -> None:
    """The chat this session's work comes from (one update, one chat)."""
    session.info[_ORIGIN] = chat_id


def origin(session: Session) -> int | None:
    value = session.info.get(_ORIGIN)
    return value if isinstance(value, int) else None


def record(
    session: Session,
    *,
    actor_id: int | None,
    action: str,
    now: datetime,
    case_id: int | None = None,
    target_account_id: int | None = None,
    detail: str | None = None,
    chat_id: int | None = None,
) -> AuditEntry:
    """Adds one entry (no commit); `chat_id` defaults to the session's origin."""
    entry = AuditEntry(
        actor_id=actor_id,
        action=action,
        case_id=case_id,
        chat_id=chat_id if chat_id is not None else origin(session),
        target_account_id=target_account_id,
        detail=detail[:DETAIL_MAX] if detail else None,
        created_at=now,
    )
    session.add(entry)
    return entry


def record_cases(
    session: Session,
    case_ids: Iterable[int],
    *,
    actor_id: int | None,
    action: str,
    now: datetime,
    detail: str | None = None,
) -> int:
    """One entry per case (search results, exports); returns how many."""
    count = 0
    for case_id in case_ids:
        record(session, actor_id=actor_id, action=action, now=now, case_id=case_id, detail=detail)
        count += 1
    return count


@dataclass(frozen=True)
class AuditFilter:
    """What `/audit` and `python -m bot audit` ask for; None is "any"."""

    actor_id: int | None = None
    case_id: int | None = None
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive


@dataclass(frozen=True)
class AuditLine:
    """One entry with the ids resolved to what the log's readers know them by."""

    id: int
    at: datetime
    actor_id: int | None
    actor_name: str | None  # staff's display name (a reporter has none)
    action: str
    case_id: int | None
    case_number: str | None
    chat_id: int | None
    target_account_id: int | None
    detail: str | None


def query(
    session: Session, filt: AuditFilter, *, limit: int | None = LATEST, newest_first: bool = True
) -> list[AuditLine]:
    """Entries matching the filter: the latest `limit` (all with None)."""
    statement = (
        select(AuditEntry, Account.display_name, Case.number)
        .join(Account, col(Account.id) == AuditEntry.actor_id, isouter=True)
        .join(Case, col(Case.id) == AuditEntry.case_id, isouter=True)
    )
    if filt.actor_id is not None:
        statement = statement.where(AuditEntry.actor_id == filt.actor_id)
    if filt.case_id is not None:
        statement = statement.where(AuditEntry.case_id == filt.case_id)
    if filt.since is not None:
        statement = statement.where(col(AuditEntry.created_at) >= filt.since)
    if filt.until is not None:
        statement = statement.where(col(AuditEntry.created_at) < filt.until)
    order = col(AuditEntry.id).desc() if newest_first else col(AuditEntry.id)
    statement = statement.order_by(order)
    if limit is not None:
        statement = statement.limit(limit)
    return [_line(entry, name, number) for entry, name, number in session.exec(statement)]


def _line(entry: AuditEntry, name: str | None, number: str | None) -> AuditLine:
    assert entry.id is not None
    return AuditLine(
        id=entry.id,
        at=entry.created_at,
        actor_id=entry.actor_id,
        actor_name=name,
        action=entry.action,
        case_id=entry.case_id,
        case_number=number,
        chat_id=entry.chat_id,
        target_account_id=entry.target_account_id,
        detail=entry.detail,
    )


def find_actor(session: Session, text: str) -> Account | None:
    """An account by its id (`123` or `#123`), its Telegram id, or a team member's name."""
    cleaned = text.strip().lstrip("#@")
    number = small_number(cleaned, most=2**53)  # ids and Telegram ids fit; "²" or 10^30 do not
    if number is not None:
        by_id = session.get(Account, number)
        if by_id is not None:
            return by_id
        return session.exec(select(Account).where(Account.telegram_user_id == number)).first()
    if not cleaned:
        return None
    named: Sequence[Account] = session.exec(
        select(Account).where(col(Account.display_name).ilike(f"%{cleaned}%"))
    ).all()
    return named[0] if len(named) == 1 else None
