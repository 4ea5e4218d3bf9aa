"""Sending people home as staff, escorts and reporters read it: the travel board of a case,
a plan's steps while it is put together, each person's next steps, the departure and
overdue-arrival reminders. Rendered from the plain data of models/repatriation and
models/schedule/departures.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from models.outbox.ports import Rendered
from models.reference import regions
from models.reference.validation import format_rupiah
from models.repatriation.board import Board, LegLine, TravelLine, destination_name
from models.repatriation.draft import Draft, PlanStep
from models.repatriation.due import PlanDue
from models.repatriation.travel import LegDraft
from models.schedule.departures import ArrivalOverdue, DepartureSoon
from models.storage.tables import ArrivalMethod, TravelMode, TravelReason, TravelStatus
from models.texts import Msg, msg
from views.case_buttons import (
    Action,
    Buttons,
    Row,
    TravelAction,
    View,
    case_data,
    keyboard,
    travel_data,
)
from views.text import plain, render
from views.when import duration, local_datetime

T = TravelStatus
LABEL_MAX = 60
# Steps that need something typed or chosen next, instead of a button that does it at once.
DETAILED = frozenset({T.DIPESAN, T.TERBIT, T.DISERAHKAN})


def _button(
    lang: str, key: str, case_id: int, action: TravelAction, arg: str | int = "", **params: object
) -> tuple[str, str]:
    return (plain(lang, msg(key, **params))[:LABEL_MAX], travel_data(case_id, action, arg))


def person_label(position: int, name: str, lang: str) -> str:
    """`2. Budi` (plain), or `2. (tanpa nama)` for a companion counted but not named."""
    return f"{position}. {name or plain(lang, msg('person.unnamed'))}"


def _leg(leg: LegLine | LegDraft, tz: tzinfo) -> Msg:
    return msg(
        "rp.leg",
        mode=msg(f"rp.mode.{leg.mode}"),
        start=leg.from_place,
        end=leg.to_place,
        carrier=leg.carrier or "—",
        at=local_datetime(leg.departs_at, tz),
    )


def _status(line: TravelLine) -> Msg:
    if line.status is None:
        return msg("rp.unplanned")
    if line.status == T.DIPESAN:
        return msg("rp.shown_booked", code=line.booking_code or "")
    if line.status == T.TERBIT:
        return msg(
            "rp.shown_issued",
            ticket=line.ticket_number or "",
            fare=format_rupiah(line.fare or 0),
        )
    if line.status == T.DISERAHKAN:
        return msg("rp.shown_handed", whom=line.handed_to or "")
    if line.status == T.TIBA and line.arrival_method:
        return msg("rp.shown_arrived", how=msg(f"rp.method.{line.arrival_method}"))
    if line.status == T.TIDAK_BERANGKAT and line.reason:
        return msg("rp.shown_not_travelled", why=msg(f"rp.reason.{line.reason}"))
    return msg(f"travel.{line.status}")


# -- The board ----------------------------------------------------------------------------------


def board(b: Board, lang: str, tz: tzinfo) -> View:
    """The plans, each person's status, a button per person who has a next step."""
    parts = [render(lang, msg("rp.board_title", number=b.number))]
    for plan in b.plans:
        parts.append(
            render(
                lang,
                msg(
                    "rp.plan",
                    destination=plan.destination,
                    escort=plan.escort or msg("rp.no_escort"),
                    handover=plan.handover_point or "—",
                    office=plan.receiving_office or "—",
                ),
            )
        )
        parts += [render(lang, _leg(leg, tz)) for leg in plan.legs]
    people = [
        render(
            lang,
            msg(
                "rp.person_line",
                who=person_label(n, p.name, lang),
                status=_status(p),
            ),
        )
        for n, p in enumerate(b.people, start=1)
    ]
    parts.append("\n".join(people))
    rows: Buttons = [
        [
            _button(
                lang,
                "rp.btn_person",
                b.case_id,
                TravelAction.PERSON,
                p.person_id,
                who=person_label(n, p.name, lang),
            )
        ]
        for n, p in enumerate(b.people, start=1)
        if p.next
    ]
    if b.can_plan and any(p.status in (None, T.TIDAK_BERANGKAT) for p in b.people):
        rows.append([_button(lang, "rp.btn_new_plan", b.case_id, TravelAction.NEW)])
    if b.can_plan:
        rows.append([(plain(lang, msg("btn.back")), case_data(b.case_id, Action.OPEN))])
    return View("\n\n".join(parts), rows)


def person_steps(case_id: int, position: int, line: TravelLine, lang: str) -> View:
    """The next steps for one person; "did not travel" and "arrived" ask how next."""
    rows: Buttons = []
    for step in line.next:
        if step == T.TIDAK_BERANGKAT:
            rows += [
                [
                    _button(
                        lang,
                        "rp.btn_reason",
                        case_id,
                        TravelAction.REASON,
                        f"{line.person_id}.{reason}",
                        reason=msg(f"rp.reason.{reason}"),
                    )
                ]
                for reason in TravelReason
            ]
        elif step == T.TIBA:
            rows += [
                [
                    _button(
                        lang,
                        "rp.btn_arrived",
                        case_id,
                        TravelAction.ARRIVED,
                        f"{line.person_id}.{method}",
                        how=msg(f"rp.method.{method}"),
                    )
                ]
                for method in ArrivalMethod
                if method != ArrivalMethod.PERSON
            ]
        else:
            key = f"travel.{step}"
            rows.append(
                [
                    _button(
                        lang,
                        "rp.btn_step",
                        case_id,
                        TravelAction.STEP,
                        f"{line.person_id}.{step}",
                        step=msg(key),
                    )
                ]
            )
    rows.append([_button(lang, "btn.back", case_id, TravelAction.OPEN)])
    text = render(
        lang,
        msg("rp.person_title", who=person_label(position, line.name, lang), status=_status(line)),
    )
    return View(text, rows)


def detail_prompt(step: TravelStatus, who: str, lang: str) -> str:
    """Asks for what a step records: the booking code, the ticket and fare, to whom."""
    return render(lang, msg(f"rp.ask.{step}", who=who))


# -- A plan being put together --------------------------------------------------------------


@dataclass(frozen=True)
class DraftScreen:
    """What a plan's step shows besides the draft: the case and the choices."""

    case_id: int
    number: str
    people: Sequence[tuple[int, int, str]]  # (id, position, name) of those who can be planned
    team: Sequence[tuple[int, str]]  # (account id, name) of possible escorts
    escort_name: str | None


def draft_view(d: Draft, s: DraftScreen, lang: str, tz: tzinfo) -> View:
    """The question of the draft's step, with its buttons."""
    head = render(lang, msg("rp.draft_title", number=s.number))
    body, rows = _STEPS[d.step](d, s, lang, tz)
    last: Row = [_button(lang, "rp.btn_stop", s.case_id, TravelAction.STOP)]
    if d.back:
        last.insert(0, _button(lang, "btn.back", s.case_id, TravelAction.BACK))
    rows.append(last)
    return View(f"{head}\n\n{body}", rows)


def _people_step(d: Draft, s: DraftScreen, lang: str, _tz: tzinfo) -> tuple[str, Buttons]:
    chosen = set(d.people)
    rows: Buttons = [
        [
            _button(
                lang,
                "btn.ticked" if pid in chosen else "btn.unticked",
                s.case_id,
                TravelAction.PICK,
                pid,
                label=person_label(position, name, lang),
            )
        ]
        for pid, position, name in s.people
    ]
    rows.append(
        [
            _button(lang, "rp.btn_all", s.case_id, TravelAction.ALL),
            _button(lang, "rp.btn_next", s.case_id, TravelAction.NEXT),
        ]
    )
    return render(lang, msg("rp.ask_people")), rows


def _dest_step(d: Draft, s: DraftScreen, lang: str, _tz: tzinfo) -> tuple[str, Buttons]:
    rows: Buttons = []
    if d.candidates:
        rows = [
            [
                (
                    destination_name(c)[:LABEL_MAX],
                    travel_data(s.case_id, TravelAction.DEST, _digits(c)),
                )
            ]
            for c in d.candidates
        ]
        return render(lang, msg("rp.ask_dest_which")), rows
    if d.dest:
        name = destination_name(d.dest)
        rows = [[_button(lang, "rp.btn_use", s.case_id, TravelAction.NEXT, value=name)]]
        return render(lang, msg("rp.ask_dest_prefilled", destination=name)), rows
    return render(lang, msg("rp.ask_dest")), rows


def _digits(code: str) -> str:
    return code.replace(".", "")


def destination_code(digits: int) -> str | None:
    """The regency code a destination button carries (`3315` -> `33.15`)."""
    region = regions.get(f"{digits:04d}") if 0 <= digits <= 9999 else None
    return region.code if region is not None else None


def _mode_step(d: Draft, s: DraftScreen, lang: str, tz: tzinfo) -> tuple[str, Buttons]:
    modes: Row = [
        _button(lang, f"rp.mode.{mode}", s.case_id, TravelAction.MODE, mode) for mode in TravelMode
    ]
    rows: Buttons = [modes[:2], modes[2:]]
    if not d.legs:
        return render(lang, msg("rp.ask_mode_first")), rows
    rows.append([_button(lang, "rp.btn_legs_done", s.case_id, TravelAction.DONE)])
    legs = "\n".join(render(lang, _leg(leg, tz)) for leg in d.legs)
    return f"{legs}\n\n{render(lang, msg('rp.ask_mode_more'))}", rows


def _route_step(d: Draft, s: DraftScreen, lang: str, _tz: tzinfo) -> tuple[str, Buttons]:
    route = f"{d.from_place} → {d.to_place}"
    rows = [[_button(lang, "rp.btn_use", s.case_id, TravelAction.NEXT, value=route)]]
    text = msg("rp.ask_route", mode=msg(f"rp.mode.{d.mode}"), start=d.from_place, end=d.to_place)
    return render(lang, text), rows


def _carrier_step(d: Draft, _s: DraftScreen, lang: str, _tz: tzinfo) -> tuple[str, Buttons]:
    return render(lang, msg("rp.ask_carrier", mode=msg(f"rp.mode.{d.mode}"))), []


def _when_step(_d: Draft, _s: DraftScreen, lang: str, _tz: tzinfo) -> tuple[str, Buttons]:
    return render(lang, msg("rp.ask_when")), []


def _escort_step(_d: Draft, s: DraftScreen, lang: str, _tz: tzinfo) -> tuple[str, Buttons]:
    rows: Buttons = [
        [(name[:LABEL_MAX] or f"#{aid}", travel_data(s.case_id, TravelAction.ESCORT, aid))]
        for aid, name in s.team
    ]
    rows.append([_button(lang, "rp.btn_no_escort", s.case_id, TravelAction.ESCORT, 0)])
    return render(lang, msg("rp.ask_escort")), rows


def _handover_step(_d: Draft, _s: DraftScreen, lang: str, _tz: tzinfo) -> tuple[str, Buttons]:
    return render(lang, msg("rp.ask_handover")), []


def _office_step(d: Draft, s: DraftScreen, lang: str, _tz: tzinfo) -> tuple[str, Buttons]:
    rows: Buttons = []
    if d.office:
        rows = [[_button(lang, "rp.btn_use", s.case_id, TravelAction.NEXT, value=d.office)]]
    return render(lang, msg("rp.ask_office", office=d.office or "—")), rows


def _confirm_step(d: Draft, s: DraftScreen, lang: str, tz: tzinfo) -> tuple[str, Buttons]:
    chosen = set(d.people)
    who = ", ".join(person_label(pos, name, lang) for pid, pos, name in s.people if pid in chosen)
    summary = msg(
        "rp.confirm",
        people=who,
        destination=destination_name(d.dest) if d.dest else "—",
        escort=s.escort_name or msg("rp.no_escort"),
        handover=d.handover or "—",
        office=d.office or "—",
    )
    legs = "\n".join(render(lang, _leg(leg, tz)) for leg in d.legs)
    rows: Buttons = [[_button(lang, "rp.btn_save", s.case_id, TravelAction.SAVE)]]
    return f"{render(lang, summary)}\n{legs}", rows


_STEPS = {
    PlanStep.PEOPLE: _people_step,
    PlanStep.DEST: _dest_step,
    PlanStep.MODE: _mode_step,
    PlanStep.ROUTE: _route_step,
    PlanStep.CARRIER: _carrier_step,
    PlanStep.WHEN: _when_step,
    PlanStep.ESCORT: _escort_step,
    PlanStep.HANDOVER: _handover_step,
    PlanStep.OFFICE: _office_step,
    PlanStep.CONFIRM: _confirm_step,
}


# -- The daily digest (views/digest.py) ------------------------------------------------------


def digest_departure(plan: PlanDue, lang: str, tz: tzinfo) -> str:
    line = msg(
        "rp.digest_line",
        number=plan.number,
        people=plan.people,
        destination=plan.destination,
        leg=_leg(plan.first_leg, tz),
    )
    return render(lang, line)


def digest_overdue(plan: PlanDue, lang: str, now: datetime) -> str:
    line = msg(
        "rp.digest_overdue_line",
        number=plan.number,
        people=plan.people,
        destination=plan.destination,
        age=duration(now - plan.last_departure),
    )
    return render(lang, line)


# -- Reminders (registered in views/renderer.py) --------------------------------------------


def _open_button(case_id: int, lang: str) -> dict[str, object]:
    return keyboard([[_button(lang, "rp.btn_open", case_id, TravelAction.OPEN)]])


def departure_soon(about: DepartureSoon, lang: str) -> Rendered:
    text = render(
        lang,
        msg(
            "rp.rem_departure_tomorrow" if about.tomorrow else "rp.rem_departure_today",
            number=about.number,
            people=about.people,
            destination=about.destination,
            leg=_leg(about.leg, about.tz),
            role=msg("rp.rem_you_escort" if about.escorting else "rp.rem_you_assignee"),
        ),
    )
    return Rendered(text, _open_button(about.case_id, lang))


def arrival_overdue(about: ArrivalOverdue, lang: str) -> Rendered:
    text = render(
        lang,
        msg(
            "rp.rem_overdue",
            number=about.number,
            people=about.people,
            destination=about.destination,
            age=duration(about.since),
        ),
    )
    return Rendered(text, _open_button(about.case_id, lang))
