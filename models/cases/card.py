"""The case card and its sub-views as plain data; views/case_card.py renders them.

What a viewer may read and do is decided here, on the server, by the access rules: NIK and
phone numbers arrive already masked wherever `can_see_identity` says so, and `CardActions`
lists the buttons the viewer may use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from models.cases.lifecycle import CHECKLIST, allowed_next, done_codes, people_of, referrals_of
from models.cases.recruiters import RecruiterSummary, recruiter_summary
from models.people.access import can_handle_case, can_see_identity, is_partner, is_staff
from models.people.staff import accounts_with_role, agencies, member_name
from models.reference import regions
from models.reference.validation import mask_nik, mask_phone
from models.storage.tables import (
    CLOSED_STATUSES,
    Account,
    Attachment,
    Case,
    CaseEvent,
    CaseLink,
    CaseSource,
    CaseStatus,
    Person,
    Role,
)

HISTORY_SIZE = 15
# The card lists the first people of a group; "👥 Orang" pages through all of them. Companions
# counted but not named, with nothing noted about them, are one line per status.
PEOPLE_ON_CARD = 10
PEOPLE_PAGE = 10


def account_name(account: Account) -> str:
    """How the team sees a member: their name, or their number when they have none."""
    return member_name(account)


@dataclass(frozen=True)
class CardPerson:
    id: int
    position: int
    name: str
    nik: str | None  # masked unless the viewer may see it
    phone: str | None  # masked unless the viewer may see it
    status: str
    vulnerabilities: tuple[str, ...]
    age: int | None
    age_group: str | None


@dataclass(frozen=True)
class UnnamedPeople:
    """Companions counted but not named and with no condition noted, by their status."""

    status: str
    count: int


@dataclass(frozen=True)
class ChecklistState:
    code: str
    done: bool


@dataclass(frozen=True)
class CardReferral:
    id: int
    agency_id: int
    agency: str
    done: bool


@dataclass(frozen=True)
class CardLink:
    """Another case that shares a NIK or phone (the value itself is never shown)."""

    number: str
    kind: str
    matched_on: str


@dataclass(frozen=True)
class CardActions:
    """The buttons the viewer may use on this card."""

    take: bool = False
    assign: bool = False
    moves: tuple[CaseStatus, ...] = ()
    reopen: bool = False
    handle: bool = False  # checklist, refer, note, write to the reporter
    note: bool = False  # a partner's note, without the rest of `handle`
    close_referrals: tuple[int, ...] = ()  # the partner's own open referrals


@dataclass(frozen=True)
class CaseCard:
    case_id: int
    number: str
    status: str
    urgent: bool
    assignee: str | None  # None: nobody yet
    created_at: datetime
    source: str
    origin_province_code: str | None
    origin_regency_code: str | None
    location_text: str | None
    district: str | None
    latitude: float | None
    longitude: float | None
    people: tuple[CardPerson, ...]  # the first PEOPLE_ON_CARD named (or with a condition)
    unnamed: tuple[UnnamedPeople, ...]  # everyone else who is counted only
    people_total: int  # every person row of the case
    named_total: int
    group_size: int  # as reported
    recruiter_name: str | None
    recruiter_phone: str | None  # masked unless the viewer may see it
    employer: str | None
    work_site: str | None
    work_type: str | None
    work_ended: str | None
    wages_amount: int | None
    wages_unpaid: bool | None
    needs: tuple[str, ...]
    needs_other: str | None
    story: str | None
    checklist: tuple[ChecklistState, ...]
    referrals: tuple[CardReferral, ...]
    links: tuple[CardLink, ...]
    photos: int
    voices: int
    recruiters: tuple[RecruiterSummary, ...]
    actions: CardActions


def _shown(value: str | None, masker: Callable[[str], str], show: bool) -> str | None:
    if not value:
        return None
    return value if show else masker(value)


def _person(p: Person, show: bool) -> CardPerson:
    assert p.id is not None
    return CardPerson(
        id=p.id,
        position=p.position,
        name=p.full_name,
        nik=_shown(p.nik, mask_nik, show),
        phone=_shown(p.phone, mask_phone, show),
        status=p.status,
        vulnerabilities=tuple(p.vulnerabilities or ()),
        age=p.age,
        age_group=p.age_group,
    )


def checklist_of(session: Session, case_id: int) -> tuple[ChecklistState, ...]:
    done = done_codes(session, case_id)
    return tuple(ChecklistState(entry.code, entry.code in done) for entry in CHECKLIST)


def _referrals(session: Session, case_id: int) -> tuple[CardReferral, ...]:
    return tuple(
        CardReferral(referral.id, referral.agency_id, agency.name, referral.done_at is not None)  # type: ignore[arg-type]
        for referral, agency in referrals_of(session, case_id)
    )


def _links(session: Session, case_id: int) -> tuple[CardLink, ...]:
    links = session.exec(select(CaseLink).where(CaseLink.case_id == case_id)).all()
    return tuple(
        CardLink(other.number, link.kind, link.matched_on)
        for link in links
        if (other := session.get(Case, link.other_case_id)) is not None
    )


def actions_for(viewer: Account, case: Case, referrals: tuple[CardReferral, ...]) -> CardActions:
    """What the viewer may do: staff run the case, an officer the cases assigned to them, a
    partner notes and closes their agency's referrals."""
    if can_handle_case(viewer, case):
        return CardActions(
            take=is_staff(viewer) and case.assignee_id != viewer.id,
            assign=is_staff(viewer),
            moves=allowed_next(case),
            reopen=case.status in CLOSED_STATUSES,
            handle=True,
        )
    if is_partner(viewer):
        own_open = tuple(r.id for r in referrals if r.agency_id == viewer.agency_id and not r.done)
        return CardActions(note=True, close_referrals=own_open)
    return CardActions()


def case_card(session: Session, case: Case, viewer: Account, *, private_chat: bool) -> CaseCard:
    """Everything the card shows the viewer: fields, people, checklist, referrals, links."""
    assert case.id is not None
    show = can_see_identity(viewer, private_chat=private_chat)
    assignee = session.get(Account, case.assignee_id) if case.assignee_id else None
    people = people_of(session, case.id)
    listed = [p for p in people if p.full_name or p.vulnerabilities]
    unnamed: dict[str, int] = {}
    for p in people:
        if not (p.full_name or p.vulnerabilities):
            unnamed[p.status] = unnamed.get(p.status, 0) + 1
    referrals = _referrals(session, case.id)
    attachments = session.exec(select(Attachment.kind).where(Attachment.case_id == case.id)).all()
    district = regions.get(case.location_district_code or "")
    return CaseCard(
        case_id=case.id,
        number=case.number,
        status=case.status,
        urgent=case.urgent,
        assignee=account_name(assignee) if assignee else None,
        created_at=case.created_at,
        source=case.source,
        origin_province_code=case.origin_province_code,
        origin_regency_code=case.origin_regency_code,
        location_text=case.location_text,
        district=district.name if district else None,
        latitude=case.latitude,
        longitude=case.longitude,
        people=tuple(_person(p, show) for p in listed[:PEOPLE_ON_CARD]),
        unnamed=tuple(UnnamedPeople(status, count) for status, count in unnamed.items()),
        people_total=len(people),
        named_total=sum(1 for p in people if p.full_name),
        group_size=case.group_size,
        recruiter_name=case.recruiter_name,
        recruiter_phone=_shown(case.recruiter_phone, mask_phone, show),
        employer=case.employer,
        work_site=case.work_site,
        work_type=case.work_type,
        work_ended=case.work_ended,
        wages_amount=case.wages_amount,
        wages_unpaid=case.wages_unpaid,
        needs=tuple(case.needs or ()),
        needs_other=case.needs_other,
        story=case.story,
        checklist=checklist_of(session, case.id),
        referrals=referrals,
        links=_links(session, case.id),
        photos=sum(1 for kind in attachments if kind != "voice"),
        voices=sum(1 for kind in attachments if kind == "voice"),
        recruiters=tuple(recruiter_summary(session, case.id)),
        actions=actions_for(viewer, case, referrals),
    )


@dataclass(frozen=True)
class CaseChecklist:
    case_id: int
    number: str
    items: tuple[ChecklistState, ...]


def case_checklist(session: Session, case: Case) -> CaseChecklist:
    assert case.id is not None
    return CaseChecklist(case.id, case.number, checklist_of(session, case.id))


@dataclass(frozen=True)
class Choice:
    """Something to pick for a case: an agency to refer to, a team member to assign."""

    id: int
    name: str
    current: bool = False


@dataclass(frozen=True)
class Choices:
    case_id: int
    number: str
    options: tuple[Choice, ...]


def refer_choices(session: Session, case: Case) -> Choices:
    """The active agencies a case may be referred to."""
    assert case.id is not None
    options = tuple(Choice(agency.id, agency.name) for agency in agencies(session))  # type: ignore[arg-type]
    return Choices(case.id, case.number, options)


def assign_choices(session: Session, case: Case) -> Choices:
    """The active team members a case may be assigned to, the current assignee marked."""
    assert case.id is not None
    team = accounts_with_role(session, Role.STAFF, Role.ADMIN, Role.OFFICER)
    options = tuple(
        Choice(a.id, account_name(a), current=a.id == case.assignee_id)  # type: ignore[arg-type]
        for a in team
    )
    return Choices(case.id, case.number, options)


@dataclass(frozen=True)
class PeoplePage:
    case_id: int
    number: str
    people: tuple[CardPerson, ...]
    page: int  # from 0, within the pages there are
    pages: int
    can_set_status: bool


def people_page(session: Session, case: Case, viewer: Account, page: int = 0) -> PeoplePage:
    """One page of the people in the case; those who handle it may set each one's status."""
    assert case.id is not None
    people = people_of(session, case.id)
    pages = max(1, -(-len(people) // PEOPLE_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = people[page * PEOPLE_PAGE : (page + 1) * PEOPLE_PAGE]
    return PeoplePage(
        case.id,
        case.number,
        tuple(_person(p, show=False) for p in shown),
        page,
        pages,
        can_set_status=can_handle_case(viewer, case),
    )


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    kind: str
    by: str | None  # the actor's name; None: the system
    by_reporter: bool  # the person who reported their own case
    to_status: str | None
    note: str | None


@dataclass(frozen=True)
class CaseHistory:
    case_id: int
    number: str
    entries: tuple[HistoryEntry, ...]  # oldest first


def case_history(session: Session, case: Case, limit: int = HISTORY_SIZE) -> CaseHistory:
    """The case's last `limit` events, with who did each."""
    assert case.id is not None
    events = session.exec(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id)
        .order_by(col(CaseEvent.id).desc())
        .limit(limit)
    ).all()
    actors = {
        a.id: a
        for a in session.exec(
            select(Account).where(col(Account.id).in_({e.actor_id for e in events if e.actor_id}))
        )
    }
    entries = []
    for event in reversed(events):
        actor = actors.get(event.actor_id) if event.actor_id else None
        entries.append(
            HistoryEntry(
                at=event.created_at,
                kind=event.kind,
                by=account_name(actor) if actor else None,
                by_reporter=actor is not None
                and actor.id == case.reporter_id
                and case.source == CaseSource.SELF,
                to_status=event.to_status,
                note=event.note,
            )
        )
    return CaseHistory(case.id, case.number, tuple(entries))
