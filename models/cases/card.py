"""The case card and its sub-views, as HTML text and (label, callback data) buttons.

What a viewer sees and which buttons they get depend on their role, decided here on the
server; NIK and phone numbers are masked wherever `can_see_identity` says so.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from models.cases.lifecycle import (
    CHECKLIST,
    allowed_next,
    done_codes,
    people_of,
    referrals_of,
)
from models.cases.recruiters import recruiter_lines
from models.intake.steps import ENDED_OPTIONS, WORK_TYPES
from models.intake.summary import STORY_SHOWN, clip, options_label, origin_label
from models.outbox.callbacks import Action, case_data
from models.people.access import can_handle_case, can_see_identity, is_partner, is_staff
from models.people.staff import accounts_with_role, agencies
from models.reference import regions
from models.reference.validation import format_rupiah, mask_nik, mask_phone
from models.storage.tables import (
    CLOSED_STATUSES,
    Account,
    Attachment,
    Case,
    CaseEvent,
    CaseLink,
    CaseSource,
    EventKind,
    PersonStatus,
    Role,
)
from models.texts import Join, Msg, msg
from views.text import plain, render

Buttons = list[list[tuple[str, str]]]
HISTORY_SIZE = 15
# The card lists the first people of a group; "👥 Orang" pages through all of them.
PEOPLE_ON_CARD = 10
PEOPLE_PAGE = 10


@dataclass
class View:
    text: str
    buttons: Buttons = field(default_factory=list)


def _name(account: Account | None, lang: str) -> str:
    if account is None:
        return render(lang, msg("card.nobody"))
    return account.display_name or f"#{account.id}"


def _when(moment: datetime, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).strftime("%d-%m-%Y %H:%M")


def _btn(
    lang: str, key: str, case_id: int, action: str, arg: str | int = "", **p: object
) -> tuple[str, str]:
    return (plain(lang, msg(key, **p)), case_data(case_id, action, arg))


def _identity(value: str | None, masker: Callable[[str], str], show: bool) -> str:
    if not value:
        return "—"
    return value if show else masker(value)


def card(
    session: Session, case: Case, viewer: Account, *, private_chat: bool, lang: str, tz: ZoneInfo
) -> View:
    """The full card: every field, the people, checklist, referrals, links and the buttons."""
    assert case.id is not None
    show = can_see_identity(viewer, private_chat=private_chat)
    assignee = session.get(Account, case.assignee_id) if case.assignee_id else None
    people = people_of(session, case.id)
    person_lines = [
        msg(
            "card.person",
            n=p.position,
            name=p.full_name,
            nik=_identity(p.nik, mask_nik, show),
            phone=_identity(p.phone, mask_phone, show),
            status=msg(f"pstatus.{p.status}"),
            extra=options_label("urgency", p.vulnerabilities) if p.vulnerabilities else "",
            age=f"{p.age} th" if p.age is not None else (p.age_group or "—"),
        )
        for p in people[:PEOPLE_ON_CARD]
    ]
    if len(people) > PEOPLE_ON_CARD:
        person_lines.append(msg("value.more_people", count=len(people) - PEOPLE_ON_CARD))
    done = done_codes(session, case.id)
    checklist = Join(
        tuple(
            msg(
                "card.check_item",
                mark="✅" if e.code in done else "⬜",
                label=msg(f"check.{e.code}"),
            )
            for e in CHECKLIST
        ),
        sep="\n",
    )
    referral_lines = [
        msg(
            "card.referral",
            agency=agency.name,
            state=msg("card.referral_done" if referral.done_at else "card.referral_open"),
        )
        for referral, agency in referrals_of(session, case.id)
    ]
    links = session.exec(select(CaseLink).where(CaseLink.case_id == case.id)).all()
    link_lines = [
        msg(
            "card.link",
            number=other.number,
            kind=msg(f"link.{link.kind}"),
            on=msg(f"link.on_{link.matched_on}"),
        )
        for link in links
        if (other := session.get(Case, link.other_case_id)) is not None
    ]
    attachments = session.exec(select(Attachment.kind).where(Attachment.case_id == case.id)).all()
    district = regions.get(case.location_district_code or "")
    recruiter = case.recruiter_name or "—"
    if case.recruiter_phone:
        recruiter = f"{recruiter} ({_identity(case.recruiter_phone, mask_phone, show)})"
    text = render(
        lang,
        msg(
            "card.text",
            number=case.number,
            status=msg(f"status.{case.status}"),
            urgent=msg("notify.urgent") if case.urgent else "",
            assignee=_name(assignee, lang),
            created=_when(case.created_at, tz),
            source=msg(f"card.source_{case.source}"),
            origin=origin_label(case.origin_province_code, case.origin_regency_code),
            location=Join(
                tuple(
                    x
                    for x in (
                        clip(case.location_text, 200),
                        msg("value.district", name=district.name) if district else None,
                        f"📍 {case.latitude:.4f}, {case.longitude:.4f}"
                        if case.latitude is not None and case.longitude is not None
                        else None,
                    )
                    if x
                )
            )
            if (case.location_text or district or case.latitude is not None)
            else "—",
            people=Join(tuple(person_lines), sep="\n"),
            group=case.group_size,
            recruiter=recruiter,
            employer=case.employer or "—",
            site=case.work_site or "—",
            work=_option("work", case.work_type, WORK_TYPES),
            ended=_option("ended", case.work_ended, ENDED_OPTIONS),
            wages=format_rupiah(case.wages_amount)
            if case.wages_amount
            else msg("btn.yes" if case.wages_unpaid else "btn.no")
            if case.wages_unpaid is not None
            else "—",
            needs=options_label("needs", case.needs, clip(case.needs_other, 200)),
            story=clip(case.story, STORY_SHOWN) or "—",
            checklist=checklist,
            referrals=Join(tuple(referral_lines), sep="\n") if referral_lines else "—",
            links=Join(tuple(link_lines), sep="\n") if link_lines else "—",
            photos=sum(1 for k in attachments if k != "voice"),
            voices=sum(1 for k in attachments if k == "voice"),
        ),
    )
    extra = recruiter_lines(session, case.id)
    if extra:
        text += "\n" + "\n".join(render(lang, line) for line in extra)
    return View(text, card_buttons(session, case, viewer, lang))


def card_buttons(session: Session, case: Case, viewer: Account, lang: str) -> Buttons:
    cid = case.id
    assert cid is not None
    rows: Buttons = []
    if can_handle_case(viewer, case):
        first = []
        if is_staff(viewer) and case.assignee_id != viewer.id:
            first.append(_btn(lang, "btn.case_take", cid, Action.TAKE))
        if is_staff(viewer):
            first.append(_btn(lang, "btn.case_assign", cid, Action.ASSIGN))
        if first:
            rows.append(first)
        moves = [
            _btn(lang, "btn.case_move", cid, Action.STATUS, s, status=msg(f"status.{s}"))
            for s in allowed_next(case)
        ]
        rows += [moves[i : i + 2] for i in range(0, len(moves), 2)]
        if case.status in CLOSED_STATUSES:
            rows.append([_btn(lang, "btn.case_reopen", cid, Action.REOPEN)])
        rows.append(
            [
                _btn(lang, "btn.case_checklist", cid, Action.CHECK),
                _btn(lang, "btn.case_refer", cid, Action.REFER),
            ]
        )
        rows.append(
            [
                _btn(lang, "btn.case_note", cid, Action.NOTE),
                _btn(lang, "btn.case_reply", cid, Action.MESSAGE),
            ]
        )
    elif is_partner(viewer):
        row = [_btn(lang, "btn.case_note", cid, Action.NOTE)]
        for referral, _agency in referrals_of(session, cid):
            if referral.agency_id == viewer.agency_id and referral.done_at is None:
                row.append(_btn(lang, "btn.referral_done", cid, Action.REFERRAL_DONE, referral.id))
        rows.append(row)
    rows.append(
        [
            _btn(lang, "btn.case_people", cid, Action.PEOPLE),
            _btn(lang, "btn.case_photos", cid, Action.PHOTOS),
            _btn(lang, "btn.case_history", cid, Action.HISTORY),
        ]
    )
    return rows


def _back(lang: str, case_id: int) -> list[tuple[str, str]]:
    return [_btn(lang, "btn.back", case_id, Action.OPEN)]


def checklist_view(session: Session, case: Case, lang: str) -> View:
    assert case.id is not None
    done = done_codes(session, case.id)
    rows: Buttons = [
        [
            _btn(
                lang,
                "btn.ticked" if e.code in done else "btn.unticked",
                case.id,
                Action.CHECK,
                e.code,
                label=msg(f"check.{e.code}"),
            )
        ]
        for e in CHECKLIST
    ]
    return View(
        render(lang, msg("card.checklist_title", number=case.number)), [*rows, _back(lang, case.id)]
    )


def refer_view(session: Session, case: Case, lang: str) -> View:
    assert case.id is not None
    rows: Buttons = [
        [(agency.name[:60], case_data(case.id, Action.REFER, agency.id))]
        for agency in agencies(session)
    ]
    return View(
        render(lang, msg("card.refer_title", number=case.number)), [*rows, _back(lang, case.id)]
    )


def assign_view(session: Session, case: Case, lang: str) -> View:
    assert case.id is not None
    team = accounts_with_role(session, Role.STAFF, Role.ADMIN, Role.OFFICER)
    rows: Buttons = [
        [(f"{'✅ ' if a.id == case.assignee_id else ''}{_name(a, lang)}"[:60],
          case_data(case.id, Action.ASSIGN, a.id))]  # type: ignore[arg-type]
        for a in team
    ]  # fmt: skip
    return View(
        render(lang, msg("card.assign_title", number=case.number)), [*rows, _back(lang, case.id)]
    )


def people_view(session: Session, case: Case, viewer: Account, lang: str, page: int = 0) -> View:
    assert case.id is not None
    people = people_of(session, case.id)
    last = max(0, (len(people) - 1) // PEOPLE_PAGE)
    page = min(max(page, 0), last)
    shown = people[page * PEOPLE_PAGE : (page + 1) * PEOPLE_PAGE]
    rows: Buttons = []
    if can_handle_case(viewer, case):
        rows = [
            [(f"{p.position}. {p.full_name} · {plain(lang, msg(f'pstatus.{p.status}'))}"[:60],
              case_data(case.id, Action.PERSON, p.id))]  # type: ignore[arg-type]
            for p in shown
        ]  # fmt: skip
    nav = []
    if page > 0:
        nav.append(("◀", case_data(case.id, Action.PEOPLE, page - 1)))
    if page < last:
        nav.append(("▶", case_data(case.id, Action.PEOPLE, page + 1)))
    lines = [
        f"{p.position}. {p.full_name} · {render(lang, msg(f'pstatus.{p.status}'))}" for p in shown
    ]
    title = render(lang, msg("card.people_title", number=case.number))
    if last:
        title += f" ({page + 1}/{last + 1})"
    text = title + "\n" + "\n".join(_escape(line) for line in lines)
    return View(text, [*rows, *([nav] if nav else []), _back(lang, case.id)])


def _escape(line: str) -> str:
    # Names are user text; the status part comes from the catalogue and is plain text.
    return html.escape(line, quote=False)


def person_view(case: Case, person_id: int, name: str, lang: str) -> View:
    assert case.id is not None
    rows: Buttons = [
        [_btn(lang, f"pstatus.{s}", case.id, Action.PERSON_STATUS, f"{person_id}.{s}")]
        for s in PersonStatus
    ]
    return View(
        render(lang, msg("card.person_title", name=name)),
        [*rows, [_btn(lang, "btn.back", case.id, Action.PEOPLE)]],
    )


def history_view(session: Session, case: Case, lang: str, tz: ZoneInfo) -> View:
    assert case.id is not None
    events = session.exec(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id)
        .order_by(col(CaseEvent.id).desc())
        .limit(HISTORY_SIZE)
    ).all()
    actors = {
        a.id: a
        for a in session.exec(
            select(Account).where(col(Account.id).in_({e.actor_id for e in events if e.actor_id}))
        )
    }
    lines = []
    for event in reversed(events):
        actor = actors.get(event.actor_id) if event.actor_id else None
        who = (
            msg("card.by_reporter")
            if actor is not None and actor.id == case.reporter_id and case.source == CaseSource.SELF
            else _name(actor, lang)
            if actor
            else msg("card.by_system")
        )
        lines.append(
            msg(
                "card.event",
                when=_when(event.created_at, tz),
                who=who,
                what=msg(
                    f"event.{event.kind}", to=_event_target(event), note=clip(event.note, 150) or ""
                ),
            )
        )
    text = (
        render(lang, msg("card.history_title", number=case.number))
        + "\n"
        + "\n".join(render(lang, line) for line in lines)
    )
    return View(text, [_back(lang, case.id)])


def _option(step: str, value: str | None, codes: tuple[str, ...]) -> Msg | str:
    """A stored answer: an option's code shown as its label, or what was typed."""
    if value in codes:
        return msg(f"opt.{step}.{value}")
    return value or "—"


def _event_target(event: CaseEvent) -> Msg | str:
    if event.kind == EventKind.STATUS and event.to_status:
        return msg(f"status.{event.to_status}")
    if event.kind == EventKind.PERSON_STATUS and event.to_status:
        return msg(f"pstatus.{event.to_status}")
    return ""


def case_list_line(case: Case, lang: str) -> str:
    return render(
        lang,
        msg(
            "list.line",
            number=case.number,
            status=msg(f"status.{case.status}"),
            urgent="⚠️ " if case.urgent else "",
            origin=origin_label(case.origin_province_code, case.origin_regency_code),
            group=case.group_size,
        ),
    )
