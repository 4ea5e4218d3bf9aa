"""Reminders about people's travel home (models/repatriation), exactly once through the outbox:

- the escort and the assignee, the day before a departure (at DIGEST_TIME) and on its morning
  (at DIGEST_TIME, or two hours before an earlier departure);
- the self-reporter on the way, once their route's last leg left ARRIVAL_ASK_HOURS ago: the
  arrival check-in question (the same message and key as the check-in rule in followups.py,
  so it is asked once whichever rule comes first);
- the assignee (or, with nobody assigned, the admins), when ARRIVAL_OVERDUE_HOURS after the
  last leg left someone's arrival is still not confirmed.

Like the other rules, these look at the database as it is, and the outbox keys are their
memory; quiet hours hold back what is not urgent.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from sqlmodel import Session

from models.outbox.ports import Renderer
from models.outbox.queue import enqueue_many, existing_keys, rendered_message
from models.repatriation.board import LegLine
from models.repatriation.due import PlanDue, departures_between, on_the_way, reporters_on_the_way
from models.schedule.followups import Fired, Policy, Recipient, Team, checkin_question
from models.schedule.quiet import at_local, deliver_at
from models.storage.tables import Account, Case, CaseEvent, EventKind

logger = logging.getLogger(__name__)

EVE = "eve"
MORNING = "day"
# A departure before DIGEST_TIME is reminded this long before it, on its morning.
EARLY_MORNING_LEAD = timedelta(hours=2)


@dataclass(frozen=True)
class DepartureSoon:
    """People of a case leave tomorrow (`eve`) or today, with the reader as escort or not."""

    case_id: int
    number: str
    destination: str
    leg: LegLine
    people: int
    tomorrow: bool
    escorting: bool
    tz: tzinfo


@dataclass(frozen=True)
class ArrivalOverdue:
    """People of a case left and nobody confirmed their arrival."""

    case_id: int
    number: str
    destination: str
    people: int
    since: timedelta


def _morning_due(plan: PlanDue, policy: Policy) -> datetime:
    day = plan.first_leg.departs_at.astimezone(policy.tz).date()
    return min(
        at_local(day, policy.digest_time, policy.tz),
        plan.first_leg.departs_at - EARLY_MORNING_LEAD,
    )


def _eve_due(plan: PlanDue, policy: Policy) -> datetime:
    day = plan.first_leg.departs_at.astimezone(policy.tz).date() - timedelta(days=1)
    return at_local(day, policy.digest_time, policy.tz)


def _readers(team: Team, plan: PlanDue) -> list[tuple[Account, bool]]:
    """The escort and the assignee (once, if they are the same), with "escorting"."""
    found: list[tuple[Account, bool]] = []
    escort = team.active(plan.escort_id)
    if escort is not None and escort.unreachable_at is None:
        found.append((escort, True))
    assignee = team.active(plan.assignee_id)
    if assignee is not None and assignee.unreachable_at is None and assignee.id != plan.escort_id:
        found.append((assignee, False))
    return found


def departure_reminders(session: Session, now: datetime, policy: Policy, renderer: Renderer) -> int:
    """The day before and the morning of a departure; a reminder that came due after its
    departure, or after the next one came due, is not sent."""
    plans = departures_between(session, now, now + timedelta(days=2))
    team = Team(session)
    wanted: list[tuple[str, Account, PlanDue, bool, bool]] = []
    for plan in plans:
        morning = _morning_due(plan, policy)
        if now >= morning:
            moment = MORNING
        elif now >= _eve_due(plan, policy):
            moment = EVE
        else:
            continue
        for reader, escorting in _readers(team, plan):
            key = f"rp:dep:{plan.plan_id}:{moment}:{reader.id}"
            wanted.append((key, reader, plan, moment == EVE, escorting))
    done = existing_keys(session, [key for key, *_ in wanted])
    not_before = deliver_at(now, quiet=policy.quiet, tz=policy.tz, urgent=False)
    messages = []
    for key, reader, plan, tomorrow, escorting in wanted:
        # Quiet hours that would hold it past the departure: the eve's reminder has to do.
        if key in done or not_before >= plan.first_leg.departs_at:
            continue
        about = DepartureSoon(
            plan.case_id, plan.number, plan.destination, plan.first_leg, plan.people,
            tomorrow, escorting, policy.tz,
        )  # fmt: skip
        shown = renderer(about, reader.language)
        messages.append(
            rendered_message(
                shown,
                key=key,
                chat_id=reader.telegram_user_id,
                account_id=reader.id,
                case_id=plan.case_id,
                not_before=not_before,
            )
        )
    new = enqueue_many(session, messages, now=now)
    _note(session, [(m.case_id, "departure") for m in messages if m.key in new], now)
    return len(new)


def arrival_questions(session: Session, now: datetime, policy: Policy, renderer: Renderer) -> int:
    """Asks a self-reporter on the way whether they arrived, once their last leg left
    ARRIVAL_ASK_HOURS ago."""
    due = [
        r
        for r in reporters_on_the_way(session)
        if r.travel.arrival_asked_at is None and now >= r.last_departure + policy.arrival_ask_after
    ]
    not_before = deliver_at(now, quiet=policy.quiet, tz=policy.tz, urgent=False)
    messages = []
    for r in due:
        assert r.case.id is not None
        reporter = session.get(Account, r.case.reporter_id)
        if reporter is None or reporter.unreachable_at is not None:
            continue
        r.travel.arrival_asked_at = now
        session.add(r.travel)
        messages.append(checkin_question(r.case, reporter, not_before, renderer))
    new = enqueue_many(session, messages, now=now)
    _note(session, [(m.case_id, "arrival_question") for m in messages if m.key in new], now)
    return len(new)


def overdue_arrivals(session: Session, now: datetime, policy: Policy, renderer: Renderer) -> int:
    """Nobody confirmed the arrival ARRIVAL_OVERDUE_HOURS after the last leg left."""
    team = Team(session)
    wanted: list[tuple[str, Recipient, PlanDue]] = []
    for plan in on_the_way(session):
        if now < plan.last_departure + policy.arrival_overdue_after:
            continue
        case = session.get(Case, plan.case_id)
        assert case is not None
        for recipient in team.assignee_or_admins(case):
            wanted.append((f"rp:late:{plan.plan_id}:{recipient.chat_id}", recipient, plan))
    done = existing_keys(session, [key for key, _, _ in wanted])
    not_before = deliver_at(now, quiet=policy.quiet, tz=policy.tz, urgent=False)
    messages = []
    for key, recipient, plan in wanted:
        if key in done:
            continue
        about = ArrivalOverdue(
            plan.case_id, plan.number, plan.destination, plan.people, now - plan.last_departure
        )
        shown = renderer(about, recipient.lang)
        messages.append(
            rendered_message(
                shown,
                key=key,
                chat_id=recipient.chat_id,
                account_id=recipient.account_id,
                case_id=plan.case_id,
                not_before=not_before,
            )
        )
    new = enqueue_many(session, messages, now=now)
    _note(session, [(m.case_id, "arrival_overdue") for m in messages if m.key in new], now)
    return len(new)


def _note(session: Session, sent: list[tuple[int | None, str]], now: datetime) -> None:
    """A reminder is history, not activity: the case's last_activity_at stays."""
    for case_id, rule in sent:
        session.add(
            CaseEvent(
                case_id=case_id,  # type: ignore[arg-type]
                kind=EventKind.REMINDER,
                data={"rule": rule, "recipients": 1},
                created_at=now,
            )
        )


TRAVEL_RULES = {
    "departure": departure_reminders,
    "arrival_question": arrival_questions,
    "arrival_overdue": overdue_arrivals,
}


def run_travel_reminders(
    session: Session, now: datetime, policy: Policy, *, renderer: Renderer
) -> Fired:
    """Every travel rule once, in one transaction (commits)."""
    fired = Fired()
    for name, rule in TRAVEL_RULES.items():
        fired.add(name, rule(session, now, policy, renderer))
    session.commit()
    if fired.total:
        logger.info("travel reminders queued: %s", fired.counts)
    return fired
