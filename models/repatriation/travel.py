"""Sending people home: a travel plan for one, several or all people of a case, and each
person's travel status from planned to a confirmed arrival.

A plan holds the destination (a regency or city of the region list), the route as legs, the
escort and the handover point and receiving office. Each person has one `Travel` row; its
status moves only along TRAVEL_TRANSITIONS, and every move is a case event (kind "travel")
with who and when. Functions don't commit; refusals raise `NotAllowed` with a catalogue key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from sqlmodel import Session, col, select

from models.cases.lifecycle import NotAllowed, people_of, record_event
from models.people.access import can_handle_case, is_team
from models.reference import regions
from models.reference.regions import Region
from models.storage.tables import (
    Account,
    ArrivalMethod,
    Case,
    EventKind,
    Person,
    PersonStatus,
    Travel,
    TravelLeg,
    TravelMode,
    TravelPlan,
    TravelReason,
    TravelStatus,
)

T = TravelStatus
TRAVEL_TRANSITIONS: dict[str, tuple[TravelStatus, ...]] = {
    T.DIRENCANAKAN: (T.DIPESAN, T.TERBIT, T.BERANGKAT, T.TIDAK_BERANGKAT),
    T.DIPESAN: (T.TERBIT, T.TIDAK_BERANGKAT),
    T.TERBIT: (T.BERANGKAT, T.TIDAK_BERANGKAT),
    T.BERANGKAT: (T.DISERAHKAN, T.TIBA),
    T.DISERAHKAN: (T.TIBA,),
    T.TIBA: (),
    # A new plan starts again from "planned" (someone who left hospital, say).
    T.TIDAK_BERANGKAT: (),
}
# Whom a new plan may include: nobody booked or on the way.
PLANNABLE = frozenset({T.DIRENCANAKAN, T.TIDAK_BERANGKAT})
# What an escort (a staff member or officer who is not running the case) may record.
ESCORT_MAY = frozenset({T.BERANGKAT, T.DISERAHKAN, T.TIBA, T.TIDAK_BERANGKAT})
# Where each mode leaves Kotawaringin Barat from.
DEPARTURE_POINT = {
    TravelMode.SHIP: "Pelabuhan Kumai",
    TravelMode.BUS: "Terminal Pangkalan Bun",
    TravelMode.FLIGHT: "Bandara Iskandar Pangkalan Bun",
    TravelMode.CAR: "Pangkalan Bun",
}
# A person's own status (models/cases) for the reasons that have one.
_PERSON_STATUS = {
    TravelReason.HOSPITAL: PersonStatus.DIRAWAT,
    TravelReason.STAYS: PersonStatus.TINGGAL,
}
PLACE_MAX = 120
TEXT_MAX = 200
CODE_MAX = 40
TICKET_MAX = 60
FARE_MAX = 100_000_000  # rupiah: more is a typo


@dataclass(frozen=True)
class LegDraft:
    mode: TravelMode
    from_place: str
    to_place: str
    carrier: str | None
    departs_at: datetime


@dataclass(frozen=True)
class Move:
    """One step of a person's travel, with what that step records."""

    to: TravelStatus
    booking_code: str | None = None
    ticket_number: str | None = None
    fare: int | None = None
    handed_to: str | None = None
    method: ArrivalMethod | None = None
    reason: TravelReason | None = None


def default_destination(case: Case) -> Region | None:
    """The regency the case's people come from, if the intake knew it."""
    if not case.origin_regency_code:
        return None
    region = regions.get(case.origin_regency_code)
    return region if region is not None and region.level == regions.REGENCY else None


def default_route(
    mode: TravelMode, previous: LegDraft | None, destination: Region
) -> tuple[str, str]:
    """From where the last leg ended (or the mode's point in Kobar) to the destination."""
    start = previous.to_place if previous is not None else DEPARTURE_POINT[mode]
    return start, destination.short_name


def default_receiving_office(destination: Region) -> str:
    return f"Dinas Sosial {destination.name}"[:TEXT_MAX]


def travels_of(session: Session, case_id: int) -> dict[int, Travel]:
    """Each person's travel, by person id."""
    return {t.person_id: t for t in session.exec(select(Travel).where(Travel.case_id == case_id))}


def plannable(session: Session, case: Case) -> list[Person]:
    """The people of a case a new plan may take: not booked, not on the way."""
    assert case.id is not None
    travels = travels_of(session, case.id)
    return [
        p
        for p in people_of(session, case.id)
        if (t := travels.get(p.id)) is None  # type: ignore[arg-type]
        or t.status in PLANNABLE
    ]


def legs_of(session: Session, plan_id: int) -> list[TravelLeg]:
    return list(
        session.exec(
            select(TravelLeg).where(TravelLeg.plan_id == plan_id).order_by(col(TravelLeg.position))
        )
    )


def plan_travel(
    session: Session,
    case: Case,
    *,
    people: Sequence[Person],
    destination: Region,
    legs: Sequence[LegDraft],
    escort: Account | None,
    handover_point: str | None,
    receiving_office: str | None,
    actor: Account,
    now: datetime,
) -> TravelPlan:
    """One plan for the chosen people: each becomes "planned" under it (no commit)."""
    assert case.id is not None
    if not can_handle_case(actor, case):
        raise NotAllowed("case.not_allowed")
    if not people or any(p.case_id != case.id for p in people):
        raise NotAllowed("rp.no_people")
    if destination.level != regions.REGENCY:
        raise NotAllowed("rp.bad_destination")
    if not legs:
        raise NotAllowed("rp.no_legs")
    if any(b.departs_at < a.departs_at for a, b in pairwise(legs)):
        raise NotAllowed("rp.legs_out_of_order")
    if escort is not None and not (is_team(escort) and escort.active):
        raise NotAllowed("rp.bad_escort")
    travels = travels_of(session, case.id)
    if any((t := travels.get(p.id)) is not None and t.status not in PLANNABLE for p in people):  # type: ignore[arg-type]
        raise NotAllowed("rp.already_travelling")
    plan = TravelPlan(
        case_id=case.id,
        destination_province_code=destination.code[:2],
        destination_regency_code=destination.code,
        escort_id=escort.id if escort else None,
        handover_point=_clip(handover_point, TEXT_MAX),
        receiving_office=_clip(receiving_office, TEXT_MAX),
        created_by_id=actor.id,  # type: ignore[arg-type]
        created_at=now,
    )
    session.add(plan)
    session.flush()
    for position, leg in enumerate(legs, start=1):
        session.add(
            TravelLeg(
                plan_id=plan.id,  # type: ignore[arg-type]
                position=position,
                mode=leg.mode,
                from_place=leg.from_place[:PLACE_MAX],
                to_place=leg.to_place[:PLACE_MAX],
                carrier=_clip(leg.carrier, PLACE_MAX),
                departs_at=leg.departs_at,
            )
        )
    for person in people:
        assert person.id is not None
        travel = travels.get(person.id) or Travel(case_id=case.id, person_id=person.id)
        previous = travel.status if travel.id is not None else None
        for name in ("booking_code", "ticket_number", "fare", "handed_to", "reason"):
            setattr(travel, name, None)
        travel.plan_id = plan.id
        travel.status = T.DIRENCANAKAN
        travel.departed_at = travel.arrived_at = travel.arrival_method = None
        travel.arrival_asked_at = None
        _touch(session, travel, actor, now)
        if person.status == PersonStatus.DIRAWAT:
            person.status = PersonStatus.MENUNGGU  # left hospital: on the way home now
            session.add(person)
        record_event(
            session, case, EventKind.TRAVEL, actor=actor, now=now, person_id=person.id,
            from_status=previous, to_status=T.DIRENCANAKAN, data={"plan_id": plan.id},
        )  # fmt: skip
    return plan


def not_travelling(
    session: Session,
    case: Case,
    person: Person,
    reason: TravelReason,
    *,
    actor: Account,
    now: datetime,
) -> Travel:
    """Someone who is in no plan does not travel (in hospital, staying...): their travel
    starts as "did not travel" with the reason (no commit)."""
    assert case.id is not None and person.id is not None
    if person.case_id != case.id or not can_handle_case(actor, case):
        raise NotAllowed("case.not_allowed")
    if travels_of(session, case.id).get(person.id) is not None:
        raise NotAllowed("rp.bad_move")
    travel = Travel(case_id=case.id, person_id=person.id, status=T.TIDAK_BERANGKAT)
    travel.reason = reason
    _touch(session, travel, actor, now)
    person.status = _PERSON_STATUS.get(reason, person.status)
    session.add(person)
    record_event(
        session, case, EventKind.TRAVEL, actor=actor, now=now, person_id=person.id,
        from_status=None, to_status=T.TIDAK_BERANGKAT, data={"reason": reason},
    )  # fmt: skip
    return travel


def may_move(actor: Account, case: Case, plan: TravelPlan | None, to: TravelStatus) -> bool:
    """Whoever runs the case; the plan's escort for departure, handover and arrival."""
    if can_handle_case(actor, case):
        return True
    escorting = plan is not None and plan.escort_id == actor.id and is_team(actor)
    return escorting and to in ESCORT_MAY


def move(
    session: Session,
    case: Case,
    travel: Travel,
    step: Move,
    *,
    actor: Account,
    now: datetime,
) -> None:
    """Moves one person's travel one step, with what that step needs (no commit)."""
    plan = session.get(TravelPlan, travel.plan_id) if travel.plan_id else None
    if travel.case_id != case.id or not may_move(actor, case, plan, step.to):
        raise NotAllowed("case.not_allowed")
    if step.to not in TRAVEL_TRANSITIONS[travel.status]:
        raise NotAllowed("rp.bad_move")
    details = _details(step)
    previous = travel.status
    travel.status = step.to
    for name, value in details.items():
        setattr(travel, name, value)
    person = session.get(Person, travel.person_id)
    assert person is not None
    if step.to == T.BERANGKAT:
        travel.departed_at = now
        person.status = PersonStatus.DIPULANGKAN
        person.repatriated_at = now
    elif step.to == T.TIBA:
        travel.arrived_at = now
    elif step.to == T.TIDAK_BERANGKAT and step.reason is not None:
        person.status = _PERSON_STATUS.get(step.reason, person.status)
    session.add(person)
    _touch(session, travel, actor, now)
    shown = {k: v for k, v in details.items() if k != "handed_to"}
    record_event(
        session, case, EventKind.TRAVEL, actor=actor, now=now, person_id=travel.person_id,
        from_status=previous, to_status=step.to, note=details.get("handed_to"), data=shown,
    )  # fmt: skip


def _details(step: Move) -> dict[str, object]:
    """What the step records; refuses a step without what it needs."""
    if step.to == T.DIPESAN:
        code = (step.booking_code or "").strip()
        if not code or len(code) > CODE_MAX:
            raise NotAllowed("rp.need_booking")
        return {"booking_code": code}
    if step.to == T.TERBIT:
        number = (step.ticket_number or "").strip()
        if not number or len(number) > TICKET_MAX:
            raise NotAllowed("rp.need_ticket")
        if step.fare is None or not 0 <= step.fare <= FARE_MAX:
            raise NotAllowed("rp.need_ticket")
        return {"ticket_number": number, "fare": step.fare}
    if step.to == T.DISERAHKAN:
        whom = (step.handed_to or "").strip()
        if not whom or len(whom) > TEXT_MAX:
            raise NotAllowed("rp.need_handed_to")
        return {"handed_to": whom}
    if step.to == T.TIBA:
        if step.method is None:
            raise NotAllowed("rp.need_method")
        return {"arrival_method": step.method}
    if step.to == T.TIDAK_BERANGKAT:
        if step.reason is None:
            raise NotAllowed("rp.need_reason")
        return {"reason": step.reason}
    return {}


def _touch(session: Session, travel: Travel, actor: Account, now: datetime) -> None:
    travel.updated_by_id = actor.id
    travel.updated_at = now
    session.add(travel)


def _clip(text: str | None, limit: int) -> str | None:
    text = (text or "").strip()
    return text[:limit] or None
