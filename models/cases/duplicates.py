"""Duplicate and repeat check: a new case whose people share a NIK or phone with another case.

- The other case is still open: probably the same people reporting twice (a friend reported
  them too, or they tried again). The cases are linked as "duplicate"; staff decide.
- The matched person, or the whole other case (`dipulangkan`, or `selesai` with a repatriation
  date), was already sent home: a "repeat" claim. Staff should know before paying for a
  second journey. A case closed without going home (rejected, itself a duplicate, finished
  here) links nothing.

Either way both cases get a LINKED event and staff get one notice with buttons to open the
cases. The notice names case numbers only, never the NIK or phone that matched.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from models.cases.notices import team_targets
from models.outbox.callbacks import Action, case_data
from models.outbox.queue import enqueue, inline_keyboard
from models.storage.tables import (
    CLOSED_STATUSES,
    Case,
    CaseEvent,
    CaseLink,
    CaseStatus,
    EventKind,
    Person,
)
from models.texts import Join, Msg, msg
from views.text import plain, render

logger = logging.getLogger(__name__)

DUPLICATE = "duplicate"
REPEAT = "repeat"
NIK = "nik"
PHONE = "phone"

# A case sent home as a whole: a match with anyone in it is a repeat claim.
_SENT_HOME = frozenset({CaseStatus.DIPULANGKAN, CaseStatus.SELESAI})
MAX_BUTTONS = 4


@dataclass(frozen=True)
class Found:
    """Another case that shares a NIK or phone with the new one."""

    other_case_id: int
    other_number: str
    other_status: str
    kind: str  # DUPLICATE or REPEAT
    matched_on: str  # NIK or PHONE


def _kind(other: Case, person: Person) -> str | None:
    sent_home = other.status in _SENT_HOME and (
        other.repatriated_at is not None or other.status == CaseStatus.DIPULANGKAN
    )
    if person.repatriated_at is not None or sent_home:
        return REPEAT
    if other.status not in CLOSED_STATUSES:
        return DUPLICATE
    return None  # closed without going home (rejected, a duplicate itself, finished here)


def find_matches(session: Session, case: Case) -> list[Found]:
    """Other cases whose people share a NIK or phone with any person of `case`.

    One entry per other case: a repeat outranks a duplicate, a NIK outranks a phone.
    """
    people = session.exec(select(Person).where(Person.case_id == case.id)).all()
    niks = {p.nik for p in people if p.nik}
    phones = {p.phone for p in people if p.phone}
    if not niks and not phones:
        return []
    conditions = []
    if niks:
        conditions.append(col(Person.nik).in_(niks))
    if phones:
        conditions.append(col(Person.phone).in_(phones))
    rows = session.exec(
        select(Person, Case)
        .join(Case, col(Case.id) == col(Person.case_id))
        .where(and_(col(Person.case_id) != case.id, or_(*conditions)))
        .order_by(col(Case.id))
    ).all()
    best: dict[int, Found] = {}
    for person, other in rows:
        kind = _kind(other, person)
        if kind is None:
            continue
        on = NIK if person.nik and person.nik in niks else PHONE
        found = Found(other.id, other.number, other.status, kind, on)  # type: ignore[arg-type]
        current = best.get(found.other_case_id)
        rank = (found.kind == REPEAT, found.matched_on == NIK)
        if current is None or rank > (current.kind == REPEAT, current.matched_on == NIK):
            best[found.other_case_id] = found
    return list(best.values())


def _event(case_id: int, other: int, number: str, found: Found, now: datetime) -> CaseEvent:
    return CaseEvent(
        case_id=case_id,
        kind=EventKind.LINKED,
        data={
            "other_case_id": other,
            "other_number": number,
            "link": found.kind,
            "matched_on": found.matched_on,
        },
        created_at=now,
    )


def link_matches(session: Session, case: Case, *, now: datetime) -> list[Found]:
    """Stores a CaseLink and a LINKED event on both cases for each match (no commit).

    Idempotent: a pair already linked is not linked again (nor reported again).
    """
    assert case.id is not None
    new: list[Found] = []
    for found in find_matches(session, case):
        exists = session.exec(
            select(CaseLink.id).where(
                CaseLink.case_id == case.id, CaseLink.other_case_id == found.other_case_id
            )
        ).first()
        if exists is not None:
            continue
        session.add(
            CaseLink(
                case_id=case.id,
                other_case_id=found.other_case_id,
                kind=found.kind,
                matched_on=found.matched_on,
                created_at=now,
            )
        )
        session.add(_event(case.id, found.other_case_id, found.other_number, found, now))
        session.add(_event(found.other_case_id, case.id, case.number, found, now))
        new.append(found)
    if new:
        session.flush()
        logger.info("case %s linked to %d other case(s)", case.id, len(new))
    return new


def links_text(case: Case, found: list[Found]) -> Msg:
    """The staff notice: the new case number and one line per linked case. No NIK or phone."""
    lines = tuple(
        msg(
            f"dup.line.{f.kind}",
            number=f.other_number,
            on=msg(f"dup.on.{f.matched_on}"),
            status=msg(f"status.{f.other_status}"),
        )
        for f in found
    )
    repeat = any(f.kind == REPEAT for f in found)
    return msg(
        "dup.notice.repeat" if repeat else "dup.notice.duplicate",
        number=case.number,
        lines=Join(lines, sep="\n"),
    )


def _buttons(case: Case, found: list[Found], lang: str) -> dict[str, object]:
    rows = [
        [(plain(lang, msg("dup.btn.open", number=f.other_number)),
          case_data(f.other_case_id, Action.OPEN))]
        for f in found[:MAX_BUTTONS]
    ]  # fmt: skip
    rows.append(
        [(plain(lang, msg("dup.btn.open", number=case.number)), case_data(case.id, Action.OPEN))]  # type: ignore[arg-type]
    )
    return inline_keyboard(rows)


def check_new_case(
    session: Session, case: Case, *, staff_chat_id: int | None, now: datetime
) -> list[Found]:
    """Links a new case to the cases it duplicates or repeats and tells staff (no commit).

    The staff group gets the notice; with no group, every active staff member in private.
    """
    found = link_matches(session, case, now=now)
    if not found:
        return []
    for chat_id, account_id, lang in team_targets(session, staff_chat_id):
        enqueue(
            session,
            key=f"links:{case.id}:{chat_id}",
            chat_id=chat_id,
            account_id=account_id,
            case_id=case.id,
            text=render(lang, links_text(case, found)),
            reply_markup=_buttons(case, found, lang),
            urgent=any(f.kind == REPEAT for f in found),
            now=now,
        )
    return found
