"""Duplicate and repeat check: a new case whose people share a NIK or phone with another case.

- The other case is still open: probably the same people reporting twice (a friend reported
  them too, or they tried again). The cases are linked as "duplicate"; staff decide.
- The matched person, or the whole other case (`dipulangkan`, or `selesai` with a repatriation
  date), was already sent home: a "repeat" claim. Staff should know before paying for a
  second journey. A case closed without going home (rejected, itself a duplicate, finished
  here) links nothing.

Either way both cases get a LINKED event and staff get one notice with buttons to open the
cases. The notice names case numbers only, never the NIK or phone that matched.

A person with neither NIK nor phone (a member an officer listed by name, a reporter who has
neither) is still compared with the people of other cases: by name, folding the Indonesian
variants (models.understanding.names), with birth date or age and the origin regency. A
likely match is linked as "name" and shown to staff as "mungkin sama dengan": a hint to check,
never a merge. Two people with different NIKs are never matched by name.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from rapidfuzz import fuzz, process
from sqlalchemy import and_, or_
from sqlalchemy import select as select_columns
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
from models.understanding import names

logger = logging.getLogger(__name__)

DUPLICATE = "duplicate"
REPEAT = "repeat"
NIK = "nik"
PHONE = "phone"
NAME = "name"
# Which match says most: a NIK, then a phone number, then a name.
_STRENGTH = {NIK: 2, PHONE: 1, NAME: 0}
# Names whose folded forms are this far apart (rapidfuzz, 0-100) are not compared further.
_NAME_PREFILTER = 70

# A case sent home as a whole: a match with anyone in it is a repeat claim.
_SENT_HOME = frozenset({CaseStatus.DIPULANGKAN, CaseStatus.SELESAI})


@dataclass(frozen=True)
class Found:
    """Another case that shares a NIK or phone with the new one."""

    other_case_id: int
    other_number: str
    other_status: str
    kind: str  # DUPLICATE or REPEAT
    matched_on: str  # NIK, PHONE or NAME
    # For a NAME match: what speaks for one person (models.understanding.names.Reason values).
    reasons: tuple[str, ...] = ()

    @property
    def rank(self) -> tuple[bool, int]:
        return self.kind == REPEAT, _STRENGTH[self.matched_on]


def _kind(other: Case, person: Person) -> str | None:
    return _kind_of(other.status, other.repatriated_at, person.repatriated_at)


def _kind_of(
    status: str, case_sent_home_at: datetime | None, person_sent_home_at: datetime | None
) -> str | None:
    sent_home = status in _SENT_HOME and (
        case_sent_home_at is not None or status == CaseStatus.DIPULANGKAN
    )
    if person_sent_home_at is not None or sent_home:
        return REPEAT
    if status not in CLOSED_STATUSES:
        return DUPLICATE
    return None  # closed without going home (rejected, a duplicate itself, finished here)


def _keep_best(best: dict[int, Found], found: Found) -> None:
    current = best.get(found.other_case_id)
    if current is None or found.rank > current.rank:
        best[found.other_case_id] = found


def find_matches(session: Session, case: Case) -> list[Found]:
    """Other cases whose people share a NIK or phone with any person of `case`.

    One entry per other case: a repeat outranks a duplicate; a NIK outranks a phone, a phone
    a name (see the module for matching by name).
    """
    people = list(session.exec(select(Person).where(Person.case_id == case.id)).all())
    best: dict[int, Found] = {}
    for found in _identifier_matches(session, case, people):
        _keep_best(best, found)
    for found in _name_matches(session, case, people):
        _keep_best(best, found)
    return list(best.values())


def _identifier_matches(session: Session, case: Case, people: list[Person]) -> list[Found]:
    # NIKs and phones are encrypted: their keyed hashes are compared (models/storage/crypto).
    niks = {p.nik_hash for p in people if p.nik_hash}
    phones = {p.phone_hash for p in people if p.phone_hash}
    if not niks and not phones:
        return []
    conditions = []
    if niks:
        conditions.append(col(Person.nik_hash).in_(niks))
    if phones:
        conditions.append(col(Person.phone_hash).in_(phones))
    rows = session.exec(
        select(Person, Case)
        .join(Case, col(Case.id) == col(Person.case_id))
        .where(and_(col(Person.case_id) != case.id, or_(*conditions)))
        .order_by(col(Case.id))
    ).all()
    found: list[Found] = []
    for person, other in rows:
        kind = _kind(other, person)
        if kind is None:
            continue
        on = NIK if person.nik_hash in niks else PHONE
        found.append(Found(other.id, other.number, other.status, kind, on))  # type: ignore[arg-type]
    return found


def _unidentified(nik: str | None, phone: str | None) -> bool:
    return not nik and not phone


def _name_matches(session: Session, case: Case, people: list[Person]) -> list[Found]:
    """Other cases with a person who may be one of `people` by name, age and origin.

    A pair is compared when at least one of the two has neither NIK nor phone, and not both
    have a NIK. The folded names are screened in one vectorised pass first, so only close
    names are scored in full.
    """
    named = [p for p in people if p.full_name.strip()]
    if not named:
        return []
    query = (
        select_columns(
            col(Person.full_name).label("name"),
            # Only whether they have one counts here: the hashes say it without decrypting.
            col(Person.nik_hash).label("nik"),
            col(Person.phone_hash).label("phone"),
            col(Person.birth_date).label("born"),
            col(Person.age).label("age"),
            col(Person.repatriated_at).label("person_home_at"),
            col(Case.id).label("case_id"),
            col(Case.number).label("number"),
            col(Case.status).label("status"),
            col(Case.repatriated_at).label("case_home_at"),
            col(Case.origin_regency_code).label("regency"),
        )
        .join(Case, col(Case.id) == col(Person.case_id))
        .where(col(Person.case_id) != case.id, col(Person.full_name) != "")
        .order_by(col(Case.id))
    )
    if not any(_unidentified(p.nik, p.phone) for p in named):
        # Only people without NIK and phone in other cases can match these by name.
        query = query.where(col(Person.nik_hash).is_(None), col(Person.phone_hash).is_(None))
    rows = session.execute(query).all()
    if not rows:
        return []
    today = case.created_at.date()
    new_keys = [names.name_key(p.full_name) for p in named]
    old_keys = [names.name_key(row.name) for row in rows]
    close = [
        (i, j)
        for i, key in enumerate(new_keys)
        for _, _, j in process.extract(
            key, old_keys, scorer=fuzz.token_set_ratio, score_cutoff=_NAME_PREFILTER, limit=None
        )
    ]
    found: list[Found] = []
    for i, j in close:
        mine, row = named[i], rows[j]
        if not (_unidentified(mine.nik, mine.phone) or _unidentified(row.nik, row.phone)):
            continue
        if mine.nik and row.nik:
            continue  # two different NIKs are two people
        kind = _kind_of(row.status, row.case_home_at, row.person_home_at)
        if kind is None:
            continue
        match = names.possible_match(
            _who(mine.full_name, mine.birth_date, mine.age, case.origin_regency_code),
            _who(row.name, row.born, row.age, row.regency),
            today=today,
        )
        if match.likely:
            reasons = tuple(str(r) for r in match.reasons)
            found.append(Found(row.case_id, row.number, row.status, kind, NAME, reasons))
    return found


def _who(name: str, born: date | None, age: int | None, regency: str | None) -> names.Person:
    return names.Person(name=name, birth_date=born, age=age, regency_code=regency)


def _event(case_id: int, other: int, number: str, found: Found, now: datetime) -> CaseEvent:
    return CaseEvent(
        case_id=case_id,
        kind=EventKind.LINKED,
        data={
            "other_case_id": other,
            "other_number": number,
            "link": found.kind,
            "matched_on": found.matched_on,
            "reasons": list(found.reasons),
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
