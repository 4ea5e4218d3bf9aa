"""Case handling: status changes, the procedure checklist, assignment, notes, referrals and
people's own statuses (messages between staff and the reporter are in relay.py).

Every change is recorded as a CaseEvent with actor and time. Functions don't commit; the
caller commits once per use case. Refusals raise `NotAllowed` with a catalogue key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from models.audit import log as audit
from models.cases.messages import (
    AssignedToYou,
    ReferralDoneNotice,
    ReferredToYou,
)
from models.outbox.ports import Renderer
from models.outbox.queue import enqueue
from models.people.access import can_handle_case, is_admin, is_partner, is_staff
from models.people.staff import accounts_with_role
from models.storage.tables import (
    CLOSED_STATUSES,
    DEPARTED_STATUSES,
    FINAL_TRAVEL_REASONS,
    Account,
    Agency,
    Case,
    CaseEvent,
    CaseStatus,
    ChecklistItem,
    EventKind,
    Person,
    PersonStatus,
    Referral,
    Role,
    Travel,
)
from models.texts import Join, Msg, msg

S = CaseStatus
TRANSITIONS: dict[str, tuple[CaseStatus, ...]] = {
    S.BARU: (S.DIVERIFIKASI, S.DITOLAK, S.DUPLIKAT),
    S.DIVERIFIKASI: (S.DITANGANI, S.DIRUJUK, S.DITOLAK, S.DUPLIKAT),
    S.DITANGANI: (S.DIRUJUK, S.DIPULANGKAN, S.SELESAI),
    S.DIRUJUK: (S.DITANGANI, S.DIPULANGKAN, S.SELESAI),
    S.DIPULANGKAN: (S.SELESAI,),
    S.SELESAI: (),
    S.DITOLAK: (),
    S.DUPLIKAT: (),
}
REOPEN_TO = S.DITANGANI


@dataclass(frozen=True)
class ChecklistEntry:
    code: str
    required: bool


# The standard procedure for stranded people (Dinsos Kobar), in order.
CHECKLIST: tuple[ChecklistEntry, ...] = (
    ChecklistEntry("interview", True),  # interview and photo
    ChecklistEntry("police_letter", True),  # surat keterangan dari kepolisian
    ChecklistEntry("identity", True),  # identity document or a loss report
    ChecklistEntry("health", True),  # health check
    ChecklistEntry("head_statement", True),  # statement signed by the head of Dinsos
    ChecklistEntry("cover_letter", False),  # cover letter to the origin region's Dinsos
)
CHECKLIST_CODES = frozenset(entry.code for entry in CHECKLIST)
# A step another agency does: not done while the case's referral to that agency is open.
REFERRAL_STEPS = {"police_letter": "polres", "health": "dinkes"}


class NotAllowed(Exception):
    """The action is refused; `key` is the catalogue text explaining why."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def record_event(
    session: Session,
    case: Case,
    kind: EventKind,
    *,
    actor: Account | None,
    now: datetime,
    **fields: object,
) -> CaseEvent:
    event = CaseEvent(
        case_id=case.id,  # type: ignore[arg-type]
        kind=kind,
        actor_id=actor.id if actor else None,
        created_at=now,
        **fields,  # type: ignore[arg-type]
    )
    session.add(event)
    action = AUDITED.get(kind)
    if action is not None:
        audit.record(
            session, actor_id=event.actor_id, action=action, now=now, case_id=case.id,
            detail=_audit_detail(event),
        )  # fmt: skip
    if kind != EventKind.ACCESS:
        case.last_activity_at = now
        case.updated_at = now
        session.add(case)
    return event


# The case events that are also audit entries (views, status changes, overrides, handovers).
AUDITED = {
    EventKind.ACCESS: "case.view",
    EventKind.STATUS: "case.status",
    EventKind.REOPENED: "case.reopen",
    EventKind.OVERRIDE: "case.override",
    EventKind.ASSIGNED: "case.assign",
    EventKind.REFERRAL: "case.refer",
    EventKind.REFERRAL_DONE: "case.referral_done",
}


def _audit_detail(event: CaseEvent) -> str | None:
    """A code, never the note: the new status, or what was accessed (files, an export)."""
    if event.to_status:
        return f"{event.from_status or ''}>{event.to_status}"
    if event.data:
        return ",".join(f"{k}={v}" for k, v in sorted(event.data.items()) if k != "note")
    return None


def require_handler(account: Account, case: Case) -> None:
    """Refuses anyone who may not run the case (see `can_handle_case`)."""
    if not can_handle_case(account, case):
        raise NotAllowed("case.not_allowed")


def done_codes(session: Session, case_id: int) -> set[str]:
    ticked = set(
        session.exec(select(ChecklistItem.code).where(ChecklistItem.case_id == case_id)).all()
    )
    return ticked - held_by_referral(session, case_id)


def held_by_referral(session: Session, case_id: int) -> set[str]:
    """The steps whose agency still has the case (an open referral): never done yet."""
    open_agencies = set(
        session.exec(
            select(Agency.code)
            .join(Referral, col(Referral.agency_id) == Agency.id)
            .where(Referral.case_id == case_id, col(Referral.done_at).is_(None))
        ).all()
    )
    return {code for code, agency in REFERRAL_STEPS.items() if agency in open_agencies}


def _name(person: Person) -> Msg | str:
    return person.full_name or msg("case.person_numbered", position=person.position)


def not_travelled(session: Session, case_id: int) -> list[Person] | None:
    """The people who keep a planned case from Dipulangkan: neither departed nor staying
    for good. None when nobody of the case has a travel plan (the checklist alone decides)."""
    travels = {
        t.person_id: t for t in session.exec(select(Travel).where(Travel.case_id == case_id))
    }
    if not travels:
        return None
    waiting = []
    for person in people_of(session, case_id):
        travel = travels.get(person.id)  # type: ignore[arg-type]
        if travel is None:
            waiting.append(person)
        elif travel.status not in DEPARTED_STATUSES and travel.reason not in FINAL_TRAVEL_REASONS:
            waiting.append(person)
    return waiting


def open_required(session: Session, case_id: int) -> list[str]:
    done = done_codes(session, case_id)
    return [e.code for e in CHECKLIST if e.required and e.code not in done]


def allowed_next(case: Case) -> tuple[CaseStatus, ...]:
    return TRANSITIONS[case.status]


def change_status(
    session: Session,
    case: Case,
    to: CaseStatus,
    *,
    actor: Account,
    now: datetime,
    note: str | None = None,
    override_reason: str | None = None,
) -> None:
    """Moves a case along its lifecycle; `dipulangkan` needs the required checklist done
    (an admin may override with a reason, which is recorded) and, once anyone of the case
    has a travel plan, everyone departed or staying for good."""
    require_handler(actor, case)
    if to not in allowed_next(case):
        raise NotAllowed("case.bad_transition", current=msg(f"status.{case.status}"))
    if to == S.DIPULANGKAN:
        waiting = not_travelled(session, case.id)  # type: ignore[arg-type]
        if waiting:
            raise NotAllowed("case.not_travelled", names=Join(tuple(_name(p) for p in waiting)))
        missing = open_required(session, case.id)  # type: ignore[arg-type]
        if missing:
            if not (override_reason and is_admin(actor)):
                raise NotAllowed(
                    "case.checklist_open", items=Join(tuple(msg(f"check.{c}") for c in missing))
                )
            record_event(
                session,
                case,
                EventKind.OVERRIDE,
                actor=actor,
                now=now,
                note=override_reason,
                data={"skipped": missing},
            )
        case.repatriated_at = case.repatriated_at or now
        if waiting is None:  # with travel plans, each departure said who went home
            for person in people_of(session, case.id):  # type: ignore[arg-type]
                if person.status == PersonStatus.MENUNGGU:
                    person.status = PersonStatus.DIPULANGKAN
                    person.repatriated_at = now
                    session.add(person)
    _set_status(session, case, to, actor=actor, now=now, note=note)


def _set_status(
    session: Session,
    case: Case,
    to: CaseStatus,
    *,
    actor: Account,
    now: datetime,
    note: str | None = None,
    kind: EventKind = EventKind.STATUS,
) -> None:
    previous = case.status
    case.status = to
    case.closed_at = now if to in CLOSED_STATUSES else None
    record_event(
        session, case, kind, actor=actor, now=now, from_status=previous, to_status=to, note=note
    )


def reopen(session: Session, case: Case, *, actor: Account, now: datetime, reason: str) -> None:
    require_handler(actor, case)
    if case.status not in CLOSED_STATUSES:
        raise NotAllowed("case.not_closed")
    if not reason.strip():
        raise NotAllowed("case.reason_needed")
    _set_status(
        session, case, REOPEN_TO, actor=actor, now=now, note=reason, kind=EventKind.REOPENED
    )


def take(session: Session, case: Case, *, actor: Account, now: datetime) -> bool:
    """Assigns the case to the person pressing "take"; False if it was already theirs."""
    if not is_staff(actor):
        raise NotAllowed("case.not_allowed")
    if case.assignee_id == actor.id:
        return False
    _assign(session, case, assignee=actor, actor=actor, now=now)
    return True


def assign(
    session: Session,
    case: Case,
    *,
    assignee: Account,
    actor: Account,
    now: datetime,
    renderer: Renderer,
) -> None:
    """Gives the case to a team member, who is told (unless they assigned it themselves)."""
    assert case.id is not None
    _assign(session, case, assignee=assignee, actor=actor, now=now)
    if assignee.id != actor.id:
        tell(
            session,
            assignee,
            case,
            key=f"assigned:{case.id}:{assignee.id}:{now.timestamp():.0f}",
            message=AssignedToYou(case.id, case.number),
            urgent=case.urgent,
            now=now,
            renderer=renderer,
        )


def _assign(
    session: Session, case: Case, *, assignee: Account, actor: Account, now: datetime
) -> None:
    if not is_staff(actor):
        raise NotAllowed("case.not_allowed")
    if assignee.role not in (Role.STAFF, Role.ADMIN, Role.OFFICER) or not assignee.active:
        raise NotAllowed("case.bad_assignee")
    previous = case.assignee_id
    case.assignee_id = assignee.id
    case.assigned_at = now
    record_event(
        session,
        case,
        EventKind.ASSIGNED,
        actor=actor,
        now=now,
        data={"from": previous, "to": assignee.id},
    )


def add_note(session: Session, case: Case, *, actor: Account, text: str, now: datetime) -> None:
    if not (can_handle_case(actor, case) or is_partner(actor)):
        raise NotAllowed("case.not_allowed")
    record_event(session, case, EventKind.NOTE, actor=actor, now=now, note=text)


def toggle_checklist(
    session: Session, case: Case, code: str, *, actor: Account, now: datetime
) -> bool:
    """Ticks (or unticks) a procedure step; returns whether it is now done."""
    require_handler(actor, case)
    if code not in CHECKLIST_CODES:
        raise NotAllowed("case.not_allowed")
    item = session.exec(
        select(ChecklistItem).where(ChecklistItem.case_id == case.id, ChecklistItem.code == code)
    ).first()
    if item is None and code in held_by_referral(session, case.id):  # type: ignore[arg-type]
        raise NotAllowed("case.check_held", item=msg(f"check.{code}"))
    if item is None:
        session.add(
            ChecklistItem(case_id=case.id, code=code, done_by_id=actor.id, done_at=now)  # type: ignore[arg-type]
        )
        done = True
    else:
        session.delete(item)
        done = False
    record_event(
        session, case, EventKind.CHECKLIST, actor=actor, now=now, data={"code": code, "done": done}
    )
    return done


def tell(
    session: Session,
    account: Account,
    case: Case,
    *,
    key: str,
    message: object,
    now: datetime,
    renderer: Renderer,
    urgent: bool = False,
) -> None:
    """Queues a message about a case for one person, in their language (no commit)."""
    assert case.id is not None
    shown = renderer(message, account.language)
    enqueue(
        session,
        key=key,
        chat_id=account.telegram_user_id,
        account_id=account.id,
        case_id=case.id,
        text=shown.text,
        reply_markup=shown.reply_markup,
        urgent=urgent,
        now=now,
    )


def refer(
    session: Session,
    case: Case,
    agency: Agency,
    *,
    actor: Account,
    now: datetime,
    renderer: Renderer,
    note: str | None = None,
) -> Referral:
    """Refers the case to an agency: its partners are notified and may then see the case."""
    assert case.id is not None
    require_handler(actor, case)
    if not agency.active:
        raise NotAllowed("case.not_allowed")
    referral = Referral(
        case_id=case.id,
        agency_id=agency.id,  # type: ignore[arg-type]
        note=note,
        created_by_id=actor.id,  # type: ignore[arg-type]
        created_at=now,
    )
    session.add(referral)
    session.flush()
    if S.DIRUJUK in allowed_next(case):
        _set_status(session, case, S.DIRUJUK, actor=actor, now=now)
    record_event(
        session,
        case,
        EventKind.REFERRAL,
        actor=actor,
        now=now,
        note=note,
        data={"agency_id": agency.id, "referral_id": referral.id},
    )
    told = ReferredToYou(case.id, case.number, agency.name, note)
    for partner in partners_of(session, agency.id):  # type: ignore[arg-type]
        tell(
            session,
            partner,
            case,
            key=f"referral:{referral.id}:{partner.id}",
            message=told,
            urgent=case.urgent,
            now=now,
            renderer=renderer,
        )
    return referral


def partners_of(session: Session, agency_id: int) -> list[Account]:
    return [a for a in accounts_with_role(session, Role.PARTNER) if a.agency_id == agency_id]


def referral_done(
    session: Session,
    referral: Referral,
    case: Case,
    *,
    actor: Account,
    now: datetime,
    renderer: Renderer,
) -> None:
    assert case.id is not None
    own_agency = is_partner(actor) and actor.agency_id == referral.agency_id
    if not (own_agency or can_handle_case(actor, case)):
        raise NotAllowed("case.not_allowed")
    if referral.done_at is not None:
        raise NotAllowed("case.referral_already_done")
    referral.done_at = now
    referral.done_by_id = actor.id
    session.add(referral)
    record_event(
        session,
        case,
        EventKind.REFERRAL_DONE,
        actor=actor,
        now=now,
        data={"referral_id": referral.id, "agency_id": referral.agency_id},
    )
    if case.assignee_id and case.assignee_id != actor.id:
        assignee = session.get(Account, case.assignee_id)
        if assignee is not None:
            tell(
                session,
                assignee,
                case,
                key=f"referral-done:{referral.id}",
                message=ReferralDoneNotice(case.id, case.number),
                now=now,
                renderer=renderer,
            )


def referrals_of(session: Session, case_id: int) -> list[tuple[Referral, Agency]]:
    return list(
        session.exec(
            select(Referral, Agency)
            .join(Agency, col(Agency.id) == Referral.agency_id)
            .where(Referral.case_id == case_id)
            .order_by(col(Referral.id))
        ).all()
    )


def people_of(session: Session, case_id: int) -> list[Person]:
    return list(
        session.exec(select(Person).where(Person.case_id == case_id).order_by(col(Person.position)))
    )


def set_person_status(
    session: Session,
    case: Case,
    person: Person,
    status: PersonStatus,
    *,
    actor: Account,
    now: datetime,
) -> None:
    """One person's own status: one may be in hospital while the others go home."""
    require_handler(actor, case)
    if person.case_id != case.id:
        raise NotAllowed("case.not_allowed")
    previous = person.status
    person.status = status
    person.repatriated_at = now if status == PersonStatus.DIPULANGKAN else None
    session.add(person)
    record_event(
        session,
        case,
        EventKind.PERSON_STATUS,
        actor=actor,
        now=now,
        person_id=person.id,
        from_status=previous,
        to_status=status,
    )
