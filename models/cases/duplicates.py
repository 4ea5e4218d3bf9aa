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
from models.outbox.ports import Renderer
from models.outbox.queue import enqueue
from models.storage.tables import (
    CLOSED_STATUSES,
    Case,
    CaseEvent,
    CaseLink,
    CaseStatus,
    EventKind,
    Person,
)

logger = logging.getLogger(__name__)

DUPLICATE = "duplicate"
REPEAT = "repeat"
NIK = "nik"
PHONE = "phone"

# A case sent home as a whole: a match with anyone in it is a repeat claim.
_SENT_HOME = frozenset({CaseStatus.DIPULANGKAN, CaseStatus.SELESAI})


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


@dataclass(frozen=True)
class LinksNotice:
    """The staff notice: the new case and the cases it shares a NIK or phone with (buttons:
    open each). It names case numbers only, never the NIK or phone that matched."""

    case_id: int
    number: str
    found: tuple[Found, ...]

    @property
    def repeat(self) -> bool:
        return any(f.kind == REPEAT for f in self.found)


def check_new_case(
    session: Session,
    case: Case,
    *,
    staff_chat_id: int | None,
    now: datetime,
    renderer: Renderer,
) -> list[Found]:
    """Links a new case to the cases it duplicates or repeats and tells staff (no commit).

    The staff group gets the notice; with no group, every active staff member in private.
    """
    assert case.id is not None
    found = link_matches(session, case, now=now)
    if not found:
        return []
    notice = LinksNotice(case.id, case.number, tuple(found))
    for chat_id, account_id, lang in team_targets(session, staff_chat_id):
        shown = renderer(notice, lang)
        enqueue(
            session,
            key=f"links:{case.id}:{chat_id}",
            chat_id=chat_id,
            account_id=account_id,
            case_id=case.id,
            text=shown.text,
            reply_markup=shown.reply_markup,
            urgent=notice.repeat,
            now=now,
        )
    return found
