"""A self-reporter says, through the bot, that they arrived: their travel becomes "tiba"
(confirmed by the person). The question itself is the arrival check-in
(models/schedule/followups.py); its answer comes here by button or typed yes/no."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session, col, select

from models.cases.lifecycle import record_event
from models.outbox.queue import existing_keys
from models.storage.tables import (
    Account,
    ArrivalMethod,
    Case,
    CaseEvent,
    EventKind,
    Person,
    Travel,
    TravelStatus,
)

ON_THE_WAY = (TravelStatus.BERANGKAT, TravelStatus.DISERAHKAN)


def reporter_travel(session: Session, case: Case) -> Travel | None:
    """The reporter's own travel, if they are on the way."""
    return session.exec(
        select(Travel)
        .join(Person, col(Person.id) == col(Travel.person_id))
        .where(
            Travel.case_id == case.id,
            col(Person.is_reporter).is_(True),
            col(Travel.status).in_(ON_THE_WAY),
        )
    ).first()


def arrived_by_reporter(session: Session, case: Case, reporter: Account, now: datetime) -> bool:
    """Marks the reporter's travel arrived, confirmed by them (no commit); False when they
    were not on the way."""
    travel = reporter_travel(session, case) if case.reporter_id == reporter.id else None
    if travel is None:
        return False
    previous = travel.status
    travel.status = TravelStatus.TIBA
    travel.arrival_method = ArrivalMethod.PERSON
    travel.arrived_at = now
    travel.updated_by_id = reporter.id
    travel.updated_at = now
    session.add(travel)
    record_event(
        session, case, EventKind.TRAVEL, actor=reporter, now=now, person_id=travel.person_id,
        from_status=previous, to_status=TravelStatus.TIBA,
        data={"arrival_method": ArrivalMethod.PERSON},
    )  # fmt: skip
    return True


def awaiting_answer(
    session: Session, reporter: Account, question_key: Callable[[int], str]
) -> Case | None:
    """The case whose arrival question (outbox key `question_key(case id)`) this reporter was
    asked and has not answered since, while they are on the way: a typed yes or no answers it.
    """
    rows = session.exec(
        select(Case, Travel)
        .join(Travel, col(Travel.case_id) == col(Case.id))
        .join(Person, col(Person.id) == col(Travel.person_id))
        .where(
            Case.reporter_id == reporter.id,
            col(Person.is_reporter).is_(True),
            col(Travel.status).in_(ON_THE_WAY),
            col(Travel.arrival_asked_at).is_not(None),
        )
        .order_by(col(Case.id).desc())
    ).all()
    for case, travel in rows:
        assert case.id is not None and travel.arrival_asked_at is not None
        answered = session.exec(
            select(CaseEvent.id).where(
                CaseEvent.case_id == case.id,
                CaseEvent.kind == EventKind.CHECKIN,
                col(CaseEvent.created_at) >= travel.arrival_asked_at,
            )
        ).first()
        if answered is None and existing_keys(session, [question_key(case.id)]):
            return case
    return None
