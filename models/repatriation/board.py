"""What the "Pemulangan" screen of a case shows, as plain data (views/repatriation.py renders
it): its plans with their legs, and each person's travel with the steps the viewer may take.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from models.cases.lifecycle import people_of
from models.people.access import can_handle_case
from models.reference import regions
from models.repatriation.travel import TRAVEL_TRANSITIONS, legs_of, may_move, travels_of
from models.storage.tables import Account, Case, TravelLeg, TravelPlan, TravelStatus


@dataclass(frozen=True)
class LegLine:
    mode: str
    from_place: str
    to_place: str
    carrier: str | None
    departs_at: datetime

    @classmethod
    def of(cls, leg: TravelLeg) -> LegLine:
        return cls(leg.mode, leg.from_place, leg.to_place, leg.carrier, leg.departs_at)


@dataclass(frozen=True)
class PlanLine:
    plan_id: int
    destination: str
    legs: tuple[LegLine, ...]
    escort: str | None
    handover_point: str | None
    receiving_office: str | None


@dataclass(frozen=True)
class TravelLine:
    person_id: int
    name: str
    status: str | None  # None: not in any plan yet
    plan_id: int | None = None
    booking_code: str | None = None
    ticket_number: str | None = None
    fare: int | None = None
    handed_to: str | None = None
    arrival_method: str | None = None
    reason: str | None = None
    # The steps the viewer may take next.
    next: tuple[TravelStatus, ...] = ()


@dataclass(frozen=True)
class Board:
    case_id: int
    number: str
    plans: tuple[PlanLine, ...]
    people: tuple[TravelLine, ...]
    can_plan: bool


def destination_name(code: str) -> str:
    region = regions.get(code)
    if region is None:
        return code
    return f"{region.short_name}, {regions.province_of(code).short_name}"


def plan_line(session: Session, plan: TravelPlan) -> PlanLine:
    assert plan.id is not None
    escort = session.get(Account, plan.escort_id) if plan.escort_id else None
    return PlanLine(
        plan.id,
        destination_name(plan.destination_regency_code),
        tuple(LegLine.of(leg) for leg in legs_of(session, plan.id)),
        escort.display_name if escort else None,
        plan.handover_point,
        plan.receiving_office,
    )


def board(session: Session, case: Case, viewer: Account) -> Board:
    assert case.id is not None
    travels = travels_of(session, case.id)
    plans = {
        p.id: p
        for p in session.exec(
            select(TravelPlan).where(TravelPlan.case_id == case.id).order_by(col(TravelPlan.id))
        )
    }
    lines = []
    for person in people_of(session, case.id):
        assert person.id is not None
        travel = travels.get(person.id)
        if travel is None:
            # Someone in no plan yet may be recorded as not travelling (in hospital...).
            unplanned = (TravelStatus.TIDAK_BERANGKAT,) if can_handle_case(viewer, case) else ()
            lines.append(TravelLine(person.id, person.full_name, None, next=unplanned))
            continue
        plan = plans.get(travel.plan_id)
        steps = tuple(
            s for s in TRAVEL_TRANSITIONS[travel.status] if may_move(viewer, case, plan, s)
        )
        lines.append(
            TravelLine(
                person.id,
                person.full_name,
                travel.status,
                travel.plan_id,
                travel.booking_code,
                travel.ticket_number,
                travel.fare,
                travel.handed_to,
                travel.arrival_method,
                travel.reason,
                steps,
            )
        )
    # Only the plans someone still travels under are shown.
    current = {t.plan_id for t in travels.values()}
    shown = tuple(plan_line(session, p) for pid, p in plans.items() if pid in current)
    return Board(case.id, case.number, shown, tuple(lines), can_handle_case(viewer, case))
