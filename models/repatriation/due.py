"""Travel that needs someone's attention at a given moment, for the reminders and the digest
(models/schedule): departures coming up, arrivals expected or overdue, reporters to ask.

A plan's departure is its first leg's; its arrival is expected some hours after its last leg
departs (the caller says how many: ARRIVAL_ASK_HOURS, ARRIVAL_OVERDUE_HOURS).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from models.repatriation.board import LegLine, destination_name
from models.storage.tables import (
    Case,
    CaseSource,
    Person,
    Travel,
    TravelLeg,
    TravelPlan,
    TravelStatus,
)

T = TravelStatus
NOT_YET_LEFT = (T.DIRENCANAKAN, T.DIPESAN, T.TERBIT)
ON_THE_WAY = (T.BERANGKAT, T.DISERAHKAN)


@dataclass(frozen=True)
class PlanDue:
    """A plan with the people of it in the statuses asked for."""

    plan_id: int
    case_id: int
    number: str
    destination: str
    first_leg: LegLine
    last_departure: datetime
    people: int
    escort_id: int | None
    assignee_id: int | None
    urgent: bool


def _plans(session: Session, statuses: tuple[TravelStatus, ...]) -> list[PlanDue]:
    counted = session.exec(
        select(Travel.plan_id, func.count())
        .where(col(Travel.status).in_(statuses), col(Travel.plan_id).is_not(None))
        .group_by(col(Travel.plan_id))
    ).all()
    people = {plan_id: n for plan_id, n in counted}
    if not people:
        return []
    legs: dict[int, list[TravelLeg]] = defaultdict(list)
    for leg in session.exec(
        select(TravelLeg)
        .where(col(TravelLeg.plan_id).in_(people))
        .order_by(col(TravelLeg.plan_id), col(TravelLeg.position))
    ):
        legs[leg.plan_id].append(leg)
    found = []
    for plan, case in session.exec(
        select(TravelPlan, Case)
        .join(Case, col(Case.id) == col(TravelPlan.case_id))
        .where(col(TravelPlan.id).in_(people))
        .order_by(col(TravelPlan.id))
    ):
        assert plan.id is not None and case.id is not None
        route = legs.get(plan.id)
        if not route:
            continue
        found.append(
            PlanDue(
                plan.id,
                case.id,
                case.number,
                destination_name(plan.destination_regency_code),
                LegLine.of(route[0]),
                route[-1].departs_at,
                people[plan.id],
                plan.escort_id,
                case.assignee_id,
                case.urgent,
            )
        )
    return found


def departures_between(session: Session, start: datetime, end: datetime) -> list[PlanDue]:
    """Plans whose first leg leaves in [start, end) with someone still to board it."""
    return sorted(
        (p for p in _plans(session, NOT_YET_LEFT) if start <= p.first_leg.departs_at < end),
        key=lambda p: p.first_leg.departs_at,
    )


def on_the_way(session: Session) -> list[PlanDue]:
    """Plans with people departed and not yet confirmed arrived."""
    return _plans(session, ON_THE_WAY)


@dataclass(frozen=True)
class ReporterOnTheWay:
    """A self-reporter on the way home, who can be asked through the bot if they arrived."""

    travel: Travel
    case: Case
    last_departure: datetime


def reporters_on_the_way(session: Session) -> list[ReporterOnTheWay]:
    rows = session.exec(
        select(Travel, Case)
        .join(Person, col(Person.id) == col(Travel.person_id))
        .join(Case, col(Case.id) == col(Travel.case_id))
        .where(
            col(Travel.status).in_(ON_THE_WAY),
            col(Person.is_reporter).is_(True),
            Case.source == CaseSource.SELF,
        )
    ).all()
    last = dict(
        session.exec(
            select(TravelLeg.plan_id, func.max(TravelLeg.departs_at))
            .where(col(TravelLeg.plan_id).in_({t.plan_id for t, _ in rows}))
            .group_by(col(TravelLeg.plan_id))
        ).all()
    )
    return [
        ReporterOnTheWay(travel, case, last[travel.plan_id])
        for travel, case in rows
        if travel.plan_id in last
    ]
