"""A travel plan being put together in the chat, step by step; kept as plain JSON in the staff
member's PendingInput row, so a restart continues the plan where it was.

Steps: the people (multi-select, or everyone), the destination (prefilled from the origin,
or typed), then legs (mode, route prefilled per mode, carrier, departure date and time) as
many as needed, the escort, the handover point, the receiving office, and a last look before
saving. Each function takes what the person did and returns the draft at its next step, or
raises `NotAllowed` with the hint to show (the question is then asked again).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, tzinfo
from enum import StrEnum
from typing import Any

from models.cases.lifecycle import NotAllowed
from models.reference import regions
from models.reference.regions import Region
from models.repatriation.travel import (
    PLACE_MAX,
    TEXT_MAX,
    LegDraft,
    default_destination,
    default_receiving_office,
    default_route,
)
from models.repatriation.typed import parse_route
from models.repatriation.when import parse_departure
from models.storage.tables import Case, TravelMode

PENDING_KIND = "rp_plan"
NONE_WORDS = frozenset({"-", "tidak ada", "tidak", "none", "no"})


class PlanStep(StrEnum):
    PEOPLE = "people"
    DEST = "dest"
    MODE = "mode"
    ROUTE = "route"
    CARRIER = "carrier"
    WHEN = "when"
    ESCORT = "escort"
    HANDOVER = "handover"
    OFFICE = "office"
    CONFIRM = "confirm"


# Steps answered by typing (the others by buttons only).
TYPED = frozenset(
    {
        PlanStep.DEST,
        PlanStep.ROUTE,
        PlanStep.CARRIER,
        PlanStep.WHEN,
        PlanStep.HANDOVER,
        PlanStep.OFFICE,
    }
)


@dataclass(frozen=True)
class Draft:
    step: PlanStep
    people: tuple[int, ...] = ()
    dest: str | None = None  # a regency code
    legs: tuple[LegDraft, ...] = ()
    # The leg being added.
    mode: TravelMode | None = None
    from_place: str | None = None
    to_place: str | None = None
    carrier: str | None = None
    escort: int | None = None
    handover: str | None = None
    office: str | None = None
    back: tuple[PlanStep, ...] = field(default=())
    # Regencies the typed destination might mean (shown as buttons), codes.
    candidates: tuple[str, ...] = ()

    @property
    def destination(self) -> Region | None:
        return regions.get(self.dest) if self.dest else None

    def to_data(self) -> dict[str, Any]:
        return {
            "step": self.step.value,
            "people": list(self.people),
            "dest": self.dest,
            "legs": [
                {
                    "mode": leg.mode.value,
                    "from": leg.from_place,
                    "to": leg.to_place,
                    "carrier": leg.carrier,
                    "at": leg.departs_at.isoformat(),
                }
                for leg in self.legs
            ],
            "mode": self.mode.value if self.mode else None,
            "from": self.from_place,
            "to": self.to_place,
            "carrier": self.carrier,
            "escort": self.escort,
            "handover": self.handover,
            "office": self.office,
            "back": [s.value for s in self.back],
            "candidates": list(self.candidates),
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Draft:
        return cls(
            step=PlanStep(data["step"]),
            people=tuple(int(p) for p in data.get("people", [])),
            dest=data.get("dest"),
            legs=tuple(
                LegDraft(
                    TravelMode(leg["mode"]),
                    leg["from"],
                    leg["to"],
                    leg.get("carrier"),
                    datetime.fromisoformat(leg["at"]),
                )
                for leg in data.get("legs", [])
            ),
            mode=TravelMode(data["mode"]) if data.get("mode") else None,
            from_place=data.get("from"),
            to_place=data.get("to"),
            carrier=data.get("carrier"),
            escort=data.get("escort"),
            handover=data.get("handover"),
            office=data.get("office"),
            back=tuple(PlanStep(s) for s in data.get("back", [])),
            candidates=tuple(data.get("candidates", [])),
        )


def start(case: Case) -> Draft:
    region = default_destination(case)
    return Draft(PlanStep.PEOPLE, dest=region.code if region else None)


def _to(draft: Draft, step: PlanStep, **changes: Any) -> Draft:
    return replace(draft, step=step, back=(*draft.back, draft.step), candidates=(), **changes)


def back(draft: Draft) -> Draft:
    """One step back (/kembali); the first step stays where it is."""
    if not draft.back:
        return draft
    previous = draft.back[-1]
    changes: dict[str, Any] = {}
    if draft.step == PlanStep.MODE and previous == PlanStep.WHEN and draft.legs:
        # Back to the last leg's time: that leg is taken off again, to be finished anew.
        last = draft.legs[-1]
        changes = {
            "legs": draft.legs[:-1],
            "mode": last.mode,
            "from_place": last.from_place,
            "to_place": last.to_place,
            "carrier": last.carrier,
        }
    return replace(draft, step=previous, back=draft.back[:-1], candidates=(), **changes)


def toggle(draft: Draft, person_id: int, plannable: set[int]) -> Draft:
    if draft.step != PlanStep.PEOPLE or person_id not in plannable:
        raise NotAllowed("rp.stale")
    chosen = set(draft.people) ^ {person_id}
    return replace(draft, people=tuple(sorted(chosen)))


def everyone(draft: Draft, plannable: set[int]) -> Draft:
    if draft.step != PlanStep.PEOPLE or not plannable:
        raise NotAllowed("rp.stale")
    return _to(draft, PlanStep.DEST, people=tuple(sorted(plannable)))


def accept(draft: Draft, plannable: set[int]) -> Draft:
    """The step's "next" button: the people chosen, or the prefilled value shown."""
    if draft.step == PlanStep.PEOPLE:
        people = tuple(p for p in draft.people if p in plannable)
        if not people:
            raise NotAllowed("rp.choose_people")
        return _to(draft, PlanStep.DEST, people=people)
    if draft.step == PlanStep.DEST and draft.destination is not None:
        return _to(draft, PlanStep.MODE)
    if draft.step == PlanStep.ROUTE and draft.from_place and draft.to_place:
        return _to(draft, PlanStep.CARRIER)
    if draft.step == PlanStep.OFFICE and draft.office:
        return _to(draft, PlanStep.CONFIRM)
    raise NotAllowed("rp.stale")


def choose_destination(draft: Draft, code: str) -> Draft:
    region = regions.get(code)
    if draft.step != PlanStep.DEST or region is None or region.level != regions.REGENCY:
        raise NotAllowed("rp.bad_destination")
    return _to(draft, PlanStep.MODE, dest=region.code)


def choose_mode(draft: Draft, mode: TravelMode) -> Draft:
    destination = draft.destination
    if draft.step != PlanStep.MODE or destination is None:
        raise NotAllowed("rp.stale")
    start, end = default_route(mode, draft.legs[-1] if draft.legs else None, destination)
    return _to(draft, PlanStep.ROUTE, mode=mode, from_place=start, to_place=end, carrier=None)


def legs_done(draft: Draft) -> Draft:
    if draft.step != PlanStep.MODE or not draft.legs:
        raise NotAllowed("rp.no_legs")
    return _to(draft, PlanStep.ESCORT)


def choose_escort(draft: Draft, escort_id: int | None, team: set[int]) -> Draft:
    if draft.step != PlanStep.ESCORT or (escort_id is not None and escort_id not in team):
        raise NotAllowed("rp.bad_escort")
    return _to(draft, PlanStep.HANDOVER, escort=escort_id)


def typed(draft: Draft, text: str, *, now: datetime, tz: tzinfo) -> Draft:
    """A typed answer to the step that asked for one."""
    text = " ".join(text.split())
    none = text.lower() in NONE_WORDS
    if draft.step == PlanStep.DEST:
        match = regions.match_regency(text)
        if match.region is not None:
            return _to(draft, PlanStep.MODE, dest=match.region.code)
        if not match.candidates:
            raise NotAllowed("rp.unknown_destination")
        return replace(draft, candidates=tuple(r.code for r in match.candidates))
    if draft.step == PlanStep.ROUTE:
        route = parse_route(text)
        if route is None:
            raise NotAllowed("rp.bad_route")
        return _to(draft, PlanStep.CARRIER, from_place=route[0], to_place=route[1])
    if draft.step == PlanStep.CARRIER:
        if len(text) > PLACE_MAX:
            raise NotAllowed("rp.too_long")
        return _to(draft, PlanStep.WHEN, carrier=None if none else text)
    if draft.step == PlanStep.WHEN:
        return _leg_added(draft, parse_departure(text, now=now, tz=tz))
    if draft.step == PlanStep.HANDOVER:
        if len(text) > TEXT_MAX:
            raise NotAllowed("rp.too_long")
        destination = draft.destination
        office = draft.office or (default_receiving_office(destination) if destination else None)
        return _to(draft, PlanStep.OFFICE, handover=None if none else text, office=office)
    if draft.step == PlanStep.OFFICE:
        if len(text) > TEXT_MAX:
            raise NotAllowed("rp.too_long")
        return _to(draft, PlanStep.CONFIRM, office=None if none else text)
    raise NotAllowed("rp.use_buttons")


def _leg_added(draft: Draft, departs_at: datetime | None) -> Draft:
    if departs_at is None:
        raise NotAllowed("rp.bad_time")
    if draft.legs and departs_at < draft.legs[-1].departs_at:
        raise NotAllowed("rp.legs_out_of_order")
    assert draft.mode is not None and draft.from_place and draft.to_place
    leg = LegDraft(draft.mode, draft.from_place, draft.to_place, draft.carrier, departs_at)
    return _to(
        draft,
        PlanStep.MODE,
        legs=(*draft.legs, leg),
        mode=None,
        from_place=None,
        to_place=None,
        carrier=None,
    )
