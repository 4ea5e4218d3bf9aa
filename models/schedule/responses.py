"""Answers to reminders: "snooze 1 day" on a case reminder, and a repatriated reporter's
check-in ("arrived" / "not yet", which reminds whoever handles the case at once)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session

from models.outbox.ports import Renderer
from models.people.access import can_handle_case, is_staff
from models.repatriation.arrival import arrived_by_reporter
from models.schedule.followups import Policy, Team, remind
from models.schedule.reminders import CheckinNotYet
from models.storage.tables import Account, Case, CaseEvent, EventKind

SNOOZE = timedelta(days=1)


class NotAllowed(Exception):
    """The person pressing may not do this."""


def snooze(session: Session, case: Case, *, actor: Account, now: datetime) -> datetime:
    """No follow-ups for this case for a day (no commit). Staff, or the case's handler."""
    if not (is_staff(actor) or can_handle_case(actor, case)):
        raise NotAllowed
    until = now + SNOOZE
    case.followup_snoozed_until = until
    session.add(case)
    session.add(
        CaseEvent(
            case_id=case.id,  # type: ignore[arg-type]
            kind=EventKind.REMINDER,
            actor_id=actor.id,
            data={"snoozed_until": until.isoformat()},
            created_at=now,
        )
    )
    return until


def record_checkin(
    session: Session,
    case: Case,
    *,
    reporter: Account,
    arrived: bool,
    now: datetime,
    policy: Policy,
    renderer: Renderer,
    note: str | None = None,
) -> CaseEvent:
    """The reporter's answer, on the case; "not yet" reminds the assignee at once (no commit).

    `note` is the answer in words, as the case history shows it.
    """
    if case.reporter_id != reporter.id:
        raise NotAllowed
    event = CaseEvent(
        case_id=case.id,  # type: ignore[arg-type]
        kind=EventKind.CHECKIN,
        actor_id=reporter.id,
        note=note,
        data={"arrived": arrived},
        created_at=now,
    )
    session.add(event)
    case.last_activity_at = now
    case.updated_at = now
    session.add(case)
    session.flush()
    if arrived:
        # On the way home under a travel plan: this is their own confirmation of arrival.
        arrived_by_reporter(session, case, reporter, now)
    else:
        remind(
            session,
            case,
            rule="checkin_no",
            key=f"fu:checkin-no:{case.id}:{event.id}",
            recipients=Team(session).assignee_or_admins(case),
            about=CheckinNotYet(case.number),
            now=now,
            policy=policy,
            renderer=renderer,
        )
    return event
