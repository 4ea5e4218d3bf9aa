"""The case card and its sub-views (checklist, refer, assign, people, person, history), rendered
from the plain data of models/cases/card.py: Telegram HTML and (label, callback data) buttons.

The data arrives decided: identities already masked for this viewer, the actions they may
take already chosen by the access rules. Here it only becomes text and buttons.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import datetime, tzinfo

from models.cases.card import (
    CardActions,
    CardPerson,
    CaseCard,
    CaseChecklist,
    CaseHistory,
    ChecklistState,
    Choices,
    HistoryEntry,
    PeoplePage,
)
from models.cases.duplicates import NAME
from models.cases.recruiters import RecruiterSummary
from models.intake.steps import ENDED_OPTIONS, WORK_TYPES
from models.reference.validation import format_rupiah
from models.storage.tables import EventKind, PersonStatus
from models.texts import Join, Msg, msg
from views.answers import STORY_SHOWN, clip, options_label, origin_label
from views.case_buttons import Action, Buttons, Row, TravelAction, View, case_data, travel_data
from views.text import plain, render

# Free text on the card is cut so the whole card fits one message.
LOCATION_SHOWN = 200
NEEDS_OTHER_SHOWN = 200
NOTE_IN_HISTORY = 150
# Telegram shows about this much of a button's label.
LABEL_MAX = 60
NONE = "—"


def button(
    lang: str, key: str, case_id: int, action: Action, arg: str | int = "", **params: object
) -> tuple[str, str]:
    return (plain(lang, msg(key, **params)), case_data(case_id, action, arg))


def when(moment: datetime, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%d-%m-%Y %H:%M")


# -- The card ---------------------------------------------------------------------------------


def card(c: CaseCard, lang: str, tz: tzinfo) -> View:
    """Every field, the people, checklist, referrals and links, and the viewer's buttons."""
    text = render(
        lang,
        msg(
            "card.text",
            number=c.number,
            status=msg(f"status.{c.status}"),
            urgent=msg("notify.urgent") if c.urgent else "",
            assignee=c.assignee or msg("card.nobody"),
            created=when(c.created_at, tz),
            source=msg(f"card.source_{c.source}"),
            origin=origin_label(c.origin_province_code, c.origin_regency_code),
            location=_location(c),
            people=_people(c),
            recruiter=_recruiter(c),
            employer=c.employer or NONE,
            site=c.work_site or NONE,
            work=_option("work", c.work_type, WORK_TYPES),
            ended=_option("ended", c.work_ended, ENDED_OPTIONS),
            wages=_wages(c),
            needs=options_label("needs", list(c.needs), clip(c.needs_other, NEEDS_OTHER_SHOWN)),
            story=clip(c.story, STORY_SHOWN) or NONE,
            checklist=_checklist(c.checklist),
            referrals=_lines(
                msg(
                    "card.referral",
                    agency=r.agency,
                    state=msg("card.referral_done" if r.done else "card.referral_open"),
                )
                for r in c.referrals
            ),
            links=_lines(
                msg(
                    "card.link_name" if link.matched_on == NAME else "card.link",
                    number=link.number,
                    kind=msg(f"link.{link.kind}"),
                    on=msg(f"link.on_{link.matched_on}"),
                )
                for link in c.links
            ),
            photos=c.photos,
            voices=c.voices,
        ),
    )
    extra = recruiter_lines(c.recruiters)
    if extra:
        text += "\n" + "\n".join(render(lang, line) for line in extra)
    return View(text, card_buttons(c.case_id, c.actions, lang))


def _lines(items: Iterable[Msg]) -> Join | str:
    lines = tuple(items)
    return Join(lines, sep="\n") if lines else NONE


def _person_line(p: CardPerson) -> Msg:
    """Who the person is on one line; their status and condition, each labelled, below."""
    conditions = options_label("urgency", list(p.vulnerabilities))
    return msg(
        "card.person",
        n=p.position,
        name=p.name or msg("person.unnamed"),
        nik=p.nik or NONE,
        phone=p.phone or NONE,
        status=msg(f"pstatus.{p.status}"),
        extra=msg("card.person_conditions", conditions=conditions) if p.vulnerabilities else "",
        age=f"{p.age} th" if p.age is not None else (p.age_group or NONE),
    )


def _people(c: CaseCard) -> Join:
    """How many people the case has (named and not), each named one, the others counted."""
    unnamed = c.people_total - c.named_total
    # A group reported larger than the people recorded (older cases) says so.
    reported = (
        msg("card.people_reported", group=c.group_size) if c.group_size != c.people_total else ""
    )
    head: Msg = (
        msg(
            "card.people_head_mixed",
            total=c.people_total,
            named=c.named_total,
            unnamed=unnamed,
            reported=reported,
        )
        if c.named_total and unnamed
        else msg("card.people_head", total=c.people_total, reported=reported)
    )
    lines: list[Msg | str] = [head]
    lines += [_person_line(p) for p in c.people]
    lines += [
        msg("card.unnamed", count=u.count, status=msg(f"pstatus.{u.status}")) for u in c.unnamed
    ]
    not_shown = c.people_total - len(c.people) - sum(u.count for u in c.unnamed)
    if not_shown > 0:
        lines.append(msg("value.more_people", count=not_shown))
    return Join(tuple(lines), sep="\n")


def _location(c: CaseCard) -> Join | str:
    if not (c.location_text or c.district or c.latitude is not None):
        return NONE
    parts: list[Msg | str] = []
    if c.location_text:
        parts.append(clip(c.location_text, LOCATION_SHOWN) or "")
    if c.district:
        parts.append(msg("value.district", name=c.district))
    if c.latitude is not None and c.longitude is not None:
        parts.append(f"📍 {c.latitude:.4f}, {c.longitude:.4f}")
    return Join(tuple(parts))


def _recruiter(c: CaseCard) -> str:
    name = c.recruiter_name or NONE
    return f"{name} ({c.recruiter_phone})" if c.recruiter_phone else name


def _wages(c: CaseCard) -> Msg | str:
    if c.wages_amount:
        return format_rupiah(c.wages_amount)
    if c.wages_unpaid is None:
        return NONE
    return msg("btn.yes" if c.wages_unpaid else "btn.no")


def _option(step: str, value: str | None, codes: tuple[str, ...]) -> Msg | str:
    """A stored answer: an option's code shown as its label, or what was typed."""
    if value in codes:
        return msg(f"opt.{step}.{value}")
    return value or NONE


def _checklist(items: tuple[ChecklistState, ...]) -> Join:
    return Join(
        tuple(
            msg("card.check_item", mark="✅" if i.done else "⬜", label=msg(f"check.{i.code}"))
            for i in items
        ),
        sep="\n",
    )


def recruiter_lines(summaries: tuple[RecruiterSummary, ...] | list[RecruiterSummary]) -> list[Msg]:
    """Lines for the card: "this recruiter appears in N other cases (M people)".

    No phone numbers: the card may be shown in a group chat.
    """
    return [
        msg(
            f"rec.line.{s.kind}" if s.other_cases else f"rec.line.{s.kind}.first",
            name=s.name,
            cases=s.other_cases,
            people=s.other_people,
        )
        for s in summaries
    ]


def card_buttons(case_id: int, actions: CardActions, lang: str) -> Buttons:
    rows: Buttons = []
    if actions.handle:
        rows += _handler_rows(case_id, actions, lang)
    elif actions.note:
        row = [button(lang, "btn.case_note", case_id, Action.NOTE)]
        row += [
            button(lang, "btn.referral_done", case_id, Action.REFERRAL_DONE, referral_id)
            for referral_id in actions.close_referrals
        ]
        rows.append(row)
    rows.append(
        [
            button(lang, "btn.case_people", case_id, Action.PEOPLE),
            button(lang, "btn.case_photos", case_id, Action.PHOTOS),
            button(lang, "btn.case_history", case_id, Action.HISTORY),
        ]
    )
    return rows


def _handler_rows(case_id: int, actions: CardActions, lang: str) -> Buttons:
    rows: Buttons = []
    first: Row = []
    if actions.take:
        first.append(button(lang, "btn.case_take", case_id, Action.TAKE))
    if actions.assign:
        first.append(button(lang, "btn.case_assign", case_id, Action.ASSIGN))
    if first:
        rows.append(first)
    moves = [
        button(lang, "btn.case_move", case_id, Action.STATUS, s, status=msg(f"status.{s}"))
        for s in actions.moves
    ]
    rows += [moves[i : i + 2] for i in range(0, len(moves), 2)]
    if actions.reopen:
        rows.append([button(lang, "btn.case_reopen", case_id, Action.REOPEN)])
    rows.append(
        [
            button(lang, "btn.case_checklist", case_id, Action.CHECK),
            button(lang, "btn.case_refer", case_id, Action.REFER),
        ]
    )
    # Sending people home (handlers/repatriation.py).
    rows.append([(plain(lang, msg("btn.case_travel")), travel_data(case_id, TravelAction.OPEN))])
    rows.append(
        [
            button(lang, "btn.case_note", case_id, Action.NOTE),
            button(lang, "btn.case_reply", case_id, Action.MESSAGE),
        ]
    )
    return rows


def done(lang: str, key: str, case_id: int, number: str) -> View:
    """One line after a typed note, referral, message or reason, and a button to the card
    (the whole card again would fill a small screen three times)."""
    text = render(lang, msg(key, number=number))
    return View(text, [[button(lang, "btn.case_open_card", case_id, Action.OPEN)]])


# -- The sub-views ----------------------------------------------------------------------------


def _back(lang: str, case_id: int, to: Action = Action.OPEN) -> Row:
    return [button(lang, "btn.back", case_id, to)]


def checklist(c: CaseChecklist, lang: str) -> View:
    rows: Buttons = [
        [
            button(
                lang,
                "btn.ticked" if item.done else "btn.unticked",
                c.case_id,
                Action.CHECK,
                item.code,
                label=msg(f"check.{item.code}"),
            )
        ]
        for item in c.items
    ]
    title = render(lang, msg("card.checklist_title", number=c.number))
    return View(title, [*rows, _back(lang, c.case_id)])


def refer(c: Choices, lang: str) -> View:
    rows: Buttons = [
        [(agency.name[:LABEL_MAX], case_data(c.case_id, Action.REFER, agency.id))]
        for agency in c.options
    ]
    title = render(lang, msg("card.refer_title", number=c.number))
    return View(title, [*rows, _back(lang, c.case_id)])


def assign(c: Choices, lang: str) -> View:
    rows: Buttons = [
        [
            (
                f"{'✅ ' if member.current else ''}{member.name}"[:LABEL_MAX],
                case_data(c.case_id, Action.ASSIGN, member.id),
            )
        ]
        for member in c.options
    ]
    title = render(lang, msg("card.assign_title", number=c.number))
    return View(title, [*rows, _back(lang, c.case_id)])


def person_name(name: str, lang: str) -> str:
    """A person's name as typed, or a label for a companion counted but not named (plain)."""
    return name or plain(lang, msg("person.unnamed"))


def _person_label(one: CardPerson, lang: str) -> str:
    """`2. Budi · dirawat` as plain text (the name is user text: escape it for HTML)."""
    status = plain(lang, msg(f"pstatus.{one.status}"))
    return f"{one.position}. {person_name(one.name, lang)} · {status}"


def people(p: PeoplePage, lang: str) -> View:
    """A page of the people, with their statuses; a button per person for those who may set it."""
    rows: Buttons = []
    if p.can_set_status:
        rows = [
            [(_person_label(one, lang)[:LABEL_MAX], case_data(p.case_id, Action.PERSON, one.id))]
            for one in p.people
        ]
    nav: Row = []
    if p.page > 0:
        nav.append(("◀", case_data(p.case_id, Action.PEOPLE, p.page - 1)))
    if p.page + 1 < p.pages:
        nav.append(("▶", case_data(p.case_id, Action.PEOPLE, p.page + 1)))
    title = render(lang, msg("card.people_title", number=p.number))
    if p.pages > 1:
        title += f" ({p.page + 1}/{p.pages})"
    lines = [html.escape(_person_label(one, lang), quote=False) for one in p.people]
    text = title + "\n" + "\n".join(lines)
    return View(text, [*rows, *([nav] if nav else []), _back(lang, p.case_id)])


def person(case_id: int, person_id: int, name: str, lang: str) -> View:
    """The statuses one person of the case can be given."""
    rows: Buttons = [
        [button(lang, f"pstatus.{s}", case_id, Action.PERSON_STATUS, f"{person_id}.{s}")]
        for s in PersonStatus
    ]
    title = render(lang, msg("card.person_title", name=person_name(name, lang)))
    return View(title, [*rows, _back(lang, case_id, Action.PEOPLE)])


def history(h: CaseHistory, lang: str, tz: tzinfo) -> View:
    lines = [render(lang, _event(entry, tz)) for entry in h.entries]
    text = render(lang, msg("card.history_title", number=h.number)) + "\n" + "\n".join(lines)
    return View(text, [_back(lang, h.case_id)])


def _event(entry: HistoryEntry, tz: tzinfo) -> Msg:
    who: Msg | str
    if entry.by_reporter:
        who = msg("card.by_reporter")
    else:
        who = entry.by if entry.by is not None else msg("card.by_system")
    return msg(
        "card.event",
        when=when(entry.at, tz),
        who=who,
        what=msg(
            f"event.{entry.kind}",
            to=_event_target(entry),
            note=clip(entry.note, NOTE_IN_HISTORY) or "",
        ),
    )


def _event_target(entry: HistoryEntry) -> Msg | str:
    if entry.kind == EventKind.STATUS and entry.to_status:
        return msg(f"status.{entry.to_status}")
    if entry.kind == EventKind.PERSON_STATUS and entry.to_status:
        return msg(f"pstatus.{entry.to_status}")
    if entry.kind == EventKind.TRAVEL and entry.to_status:
        return msg(f"travel.{entry.to_status}")
    return ""
