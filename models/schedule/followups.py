"""Follow-up rules: who is reminded of what, and when.

Each rule is a function of (session, now, policy) that looks at the database as it is and
enqueues outbox messages under deterministic keys, so a rule that fires twice (two ticks, two
bot processes, a restart) still sends once. The rules keep no memory of their own: the keys in
the outbox are the memory. Work missed while the bot was down is simply found on the next run.

A snooze is part of every case reminder's key: once a snooze ends, a case still waiting is
reminded once more.

What each reminder says is plain data (models/schedule/reminders.py); views/reminders.py
renders it through the `Renderer` the caller hands down.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, tzinfo

from sqlalchemy import func
from sqlmodel import Session, col, select

from models.cases.lists import CaseLine
from models.outbox.ports import Renderer
from models.outbox.queue import Message, enqueue_many, existing_keys, outbox_rows, rendered_message
from models.people.staff import (
    GROUP_LANGUAGE,
    accounts_with_role,
    active_account,
    reachable,
    staff_members,
)
from models.schedule.quiet import QuietHours, deliver_at
from models.schedule.reminders import (
    CaseReminder,
    CheckinQuestion,
    CheckinSilent,
    Idle,
    IdleForAdmins,
    IntakeReminder,
    Offer,
    ReminderAbout,
    Unassigned,
    WaitingReferral,
)
from models.storage.tables import (
    CLOSED_STATUSES,
    Account,
    Agency,
    Case,
    CaseEvent,
    CaseSource,
    CaseStatus,
    Dialog,
    EventKind,
    OutboxStatus,
    Person,
    Referral,
    Role,
)

logger = logging.getLogger(__name__)

INTAKE_FLOW = "intake"


@dataclass(frozen=True)
class Policy:
    """When each rule fires, from the settings."""

    tz: tzinfo
    quiet: QuietHours | None = None
    staff_chat_id: int | None = None
    unassigned_after: timedelta = timedelta(hours=2)
    unassigned_urgent_after: timedelta = timedelta(minutes=30)
    idle_after: timedelta = timedelta(days=2)
    referral_after: timedelta = timedelta(days=3)
    intake_after: timedelta = timedelta(hours=24)
    checkin_after: timedelta = timedelta(days=3)
    checkin_silence: timedelta = timedelta(days=2)
    # After a route's last leg left: the reporter is asked, then the assignee is reminded.
    arrival_ask_after: timedelta = timedelta(hours=6)
    arrival_overdue_after: timedelta = timedelta(hours=24)
    # Daily digest; weekly (Monday) and monthly (1st) reports at the same time of day.
    digest_time: time = time(7, 0)


@dataclass(frozen=True)
class Recipient:
    chat_id: int
    account_id: int | None
    lang: str
    offer: Offer = Offer.STAFF

    @classmethod
    def of(cls, account: Account, offer: Offer = Offer.STAFF) -> Recipient:
        return cls(account.telegram_user_id, account.id, account.language, offer)


@dataclass
class Fired:
    """How many messages each rule queued in one run."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, rule: str, n: int) -> None:
        if n:
            self.counts[rule] = self.counts.get(rule, 0) + n

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _epoch(moment: datetime | None) -> int:
    return int(moment.timestamp()) if moment is not None else 0


def _snooze_tag(case: Case) -> str:
    return f"s{_epoch(case.followup_snoozed_until)}"


def _snoozed(case: Case, now: datetime) -> bool:
    return case.followup_snoozed_until is not None and case.followup_snoozed_until > now


class Team:
    """The team as one run of a rule sees it: read once, then looked up for every case."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._staff: list[Account] | None = None
        self._partners: list[Account] | None = None

    def staff(self) -> list[Account]:
        """Active, reachable staff and admins."""
        if self._staff is None:
            self._staff = staff_members(self.session)
        return self._staff

    def admins(self) -> list[Account]:
        return [a for a in self.staff() if a.role == Role.ADMIN]

    def partners(self, agency_id: int) -> list[Account]:
        if self._partners is None:
            self._partners = reachable(accounts_with_role(self.session, Role.PARTNER))
        return [a for a in self._partners if a.agency_id == agency_id]

    def active(self, account_id: int | None) -> Account | None:
        return active_account(self.session, account_id)

    def assignee_or_admins(self, case: Case) -> list[Recipient]:
        assignee = self.active(case.assignee_id)
        if assignee is not None:
            return [Recipient.of(assignee, Offer.ASSIGNEE)]
        return [Recipient.of(a) for a in self.admins()]


# -- The rules -------------------------------------------------------------------------------
#
# Each rule makes a plan per case (who should hear what, under which key), then carries out
# only the part not done yet: the keys already in the outbox are read in bulk, so a tick over
# thousands of old cases costs a few queries, not a statement per case.


@dataclass(frozen=True)
class Plan:
    case: Case
    rule: str
    key: str
    recipients: list[Recipient]
    about: ReminderAbout

    def keys(self) -> list[str]:
        return [f"{self.key}:{r.chat_id}" for r in self.recipients]


def carry_out(
    session: Session, plans: list[Plan], now: datetime, policy: Policy, renderer: Renderer
) -> int:
    """Queues the reminders of `plans` that were not queued before, in one statement, and
    notes each on its case (a reminder is history, not activity: last_activity_at stays)."""
    done = existing_keys(session, [key for plan in plans for key in plan.keys()])
    messages: list[Message] = []
    for plan in plans:
        case = plan.case
        assert case.id is not None
        not_before = deliver_at(now, quiet=policy.quiet, tz=policy.tz, urgent=case.urgent)
        for recipient, key in zip(plan.recipients, plan.keys(), strict=True):
            if key in done:
                continue
            shown = renderer(CaseReminder(case.id, plan.about, recipient.offer), recipient.lang)
            messages.append(
                rendered_message(
                    shown,
                    key=key,
                    chat_id=recipient.chat_id,
                    account_id=recipient.account_id,
                    case_id=case.id,
                    urgent=case.urgent,
                    not_before=not_before,
                )
            )
    new = enqueue_many(session, messages, now=now)
    for plan in plans:
        count = sum(key in new for key in plan.keys())
        if count:
            session.add(
                CaseEvent(
                    case_id=plan.case.id,  # type: ignore[arg-type]
                    kind=EventKind.REMINDER,
                    data={"rule": plan.rule, "recipients": count},
                    created_at=now,
                )
            )
    return len(new)


def remind(
    session: Session,
    case: Case,
    *,
    rule: str,
    key: str,
    recipients: Iterable[Recipient],
    about: ReminderAbout,
    now: datetime,
    policy: Policy,
    renderer: Renderer,
) -> int:
    """Queues one reminder per recipient (key + recipient) and notes it on the case."""
    plan = Plan(case, rule, key, list(recipients), about)
    return carry_out(session, [plan], now, policy, renderer)


def unassigned_cases(session: Session, now: datetime, policy: Policy, renderer: Renderer) -> int:
    """Nobody took a new case: the staff chat first, after twice as long every staff member."""
    cases = session.exec(
        select(Case).where(
            col(Case.assignee_id).is_(None),
            col(Case.status).not_in([*CLOSED_STATUSES, CaseStatus.DIPULANGKAN]),
            col(Case.created_at)
            <= now - min(policy.unassigned_after, policy.unassigned_urgent_after),
        )
    ).all()
    team = Team(session)
    plans: list[Plan] = []
    for case in cases:
        after = policy.unassigned_urgent_after if case.urgent else policy.unassigned_after
        waited = now - case.created_at
        if waited < after or _snoozed(case, now):
            continue
        text = Unassigned(CaseLine.of(case), waited)
        base = f"fu:unassigned:{case.id}:{_snooze_tag(case)}"
        staff = [Recipient.of(a) for a in team.staff()]
        if policy.staff_chat_id is None:
            plans.append(Plan(case, "unassigned", f"{base}:staff", staff, text))
            continue
        group = [Recipient(policy.staff_chat_id, None, GROUP_LANGUAGE)]
        plans.append(Plan(case, "unassigned", f"{base}:group", group, text))
        if waited >= 2 * after:
            plans.append(Plan(case, "unassigned_staff", f"{base}:staff", staff, text))
    return carry_out(session, plans, now, policy, renderer)


def idle_cases(session: Session, now: datetime, policy: Policy, renderer: Renderer) -> int:
    """No activity on an open case: its assignee, after twice as long the admins.

    Repatriated cases are left to the check-in rule.
    """
    activity = func.coalesce(col(Case.last_activity_at), col(Case.created_at))
    cases = session.exec(
        select(Case).where(
            col(Case.status).not_in([*CLOSED_STATUSES, CaseStatus.DIPULANGKAN]),
            activity <= now - policy.idle_after,
        )
    ).all()
    team = Team(session)
    plans: list[Plan] = []
    for case in cases:
        if _snoozed(case, now):
            continue
        last = case.last_activity_at or case.created_at
        idle = now - last
        base = f"fu:idle:{case.id}:{_epoch(last)}:{_snooze_tag(case)}"
        assignee = team.active(case.assignee_id)
        if assignee is not None:
            mine = [Recipient.of(assignee, Offer.ASSIGNEE)]
            about = Idle(case.number, case.status, idle)
            plans.append(Plan(case, "idle", f"{base}:assignee", mine, about))
        if idle >= 2 * policy.idle_after:
            # Named even when inactive or unreachable: the admins should know who it was.
            holder = session.get(Account, case.assignee_id) if case.assignee_id else None
            about_admins = IdleForAdmins(
                case.number,
                case.status,
                idle,
                assignee_id=holder.id if holder else None,
                assignee_name=holder.display_name if holder else None,
            )
            admins_ = [Recipient.of(a) for a in team.admins()]
            plans.append(Plan(case, "idle_admin", f"{base}:admin", admins_, about_admins))
    return carry_out(session, plans, now, policy, renderer)


def waiting_referrals(session: Session, now: datetime, policy: Policy, renderer: Renderer) -> int:
    """A referral not marked done: the agency's partners and the case's assignee."""
    rows = session.exec(
        select(Referral, Case, Agency)
        .join(Case, col(Case.id) == col(Referral.case_id))
        .join(Agency, col(Agency.id) == col(Referral.agency_id))
        .where(
            col(Referral.done_at).is_(None),
            col(Case.status).not_in(list(CLOSED_STATUSES)),
            col(Referral.created_at) <= now - policy.referral_after,
        )
    ).all()
    team = Team(session)
    plans: list[Plan] = []
    for referral, case, agency in rows:
        if _snoozed(case, now):
            continue
        recipients = [Recipient.of(a, Offer.PARTNER) for a in team.partners(referral.agency_id)]
        assignee = team.active(case.assignee_id)
        if assignee is not None:
            recipients.append(Recipient.of(assignee, Offer.ASSIGNEE))
        about = WaitingReferral(case.number, agency.name, now - referral.created_at)
        key = f"fu:referral:{referral.id}:{_snooze_tag(case)}"
        plans.append(Plan(case, "referral", key, recipients, about))
    return carry_out(session, plans, now, policy, renderer)


def unfinished_intakes(session: Session, now: datetime, policy: Policy, renderer: Renderer) -> int:
    """One gentle reminder, a day after a reporter stopped halfway; never a second one."""
    rows = session.exec(
        select(Dialog, Account)
        .join(Account, col(Account.id) == col(Dialog.account_id))
        .where(
            Dialog.flow == INTAKE_FLOW,
            col(Dialog.updated_at) <= now - policy.intake_after,
            col(Account.unreachable_at).is_(None),
        )
    ).all()
    # started_at in the key too: SQLite may hand a deleted dialog's id to a new one.
    keyed = [(f"fu:intake:{d.id}:{_epoch(d.started_at)}", d, a) for d, a in rows]
    done = existing_keys(session, [key for key, _, _ in keyed])
    not_before = deliver_at(now, quiet=policy.quiet, tz=policy.tz, urgent=False)
    messages = []
    for key, dialog, account in keyed:
        if key in done:
            continue
        shown = renderer(IntakeReminder(), account.language)
        messages.append(
            rendered_message(
                shown,
                key=key,
                chat_id=dialog.chat_id,
                account_id=account.id,
                not_before=not_before,
            )
        )
    return len(enqueue_many(session, messages, now=now))


def checkin_key(case_id: int) -> str:
    return f"fu:checkin:{case_id}"


def _unanswered_repatriations(session: Session, before: datetime) -> list[tuple[Case, Person]]:
    """Self-reported cases whose reporter was sent home before `before` and has not answered
    the check-in yet."""
    answered = select(CaseEvent.id).where(
        col(CaseEvent.case_id) == col(Case.id), CaseEvent.kind == EventKind.CHECKIN
    )
    return list(
        session.exec(
            select(Case, Person)
            .join(Person, col(Person.case_id) == col(Case.id))
            .where(
                col(Person.is_reporter).is_(True),
                col(Person.repatriated_at).is_not(None),
                col(Person.repatriated_at) <= before,
                Case.source == CaseSource.SELF,
                col(Case.status).not_in([CaseStatus.DITOLAK, CaseStatus.DUPLIKAT]),
                ~answered.exists(),
            )
        ).all()
    )


def checkins(session: Session, now: datetime, policy: Policy, renderer: Renderer) -> int:
    """Asks a repatriated reporter whether they arrived; silence after that reminds the
    assignee (or the admins when nobody is assigned)."""
    candidates = _unanswered_repatriations(session, now - policy.checkin_after)
    asked = {
        row.key: row
        for row in outbox_rows(session, [checkin_key(c.id) for c, _ in candidates])  # type: ignore[arg-type]
    }
    reporter_ids = {case.reporter_id for case, _ in candidates}
    reporters = {
        a.id: a for a in session.exec(select(Account).where(col(Account.id).in_(reporter_ids)))
    }
    team = Team(session)
    questions: list[tuple[Case, Account]] = []
    plans: list[Plan] = []
    for case, person in candidates:
        assert case.id is not None and person.repatriated_at is not None
        question = asked.get(checkin_key(case.id))
        reporter = reporters.get(case.reporter_id)
        if question is None and reporter is not None and reporter.unreachable_at is None:
            questions.append((case, reporter))
            continue
        if question is not None and question.status in (OutboxStatus.PENDING, OutboxStatus.SENDING):
            continue  # not delivered yet: silence starts once it is
        asked_at = (
            (question.sent_at or question.not_before)
            if question is not None
            else person.repatriated_at + policy.checkin_after
        )
        if now < asked_at + policy.checkin_silence or _snoozed(case, now):
            continue
        about = CheckinSilent(case.number, now - person.repatriated_at)
        key = f"fu:checkin-silent:{case.id}:{_snooze_tag(case)}"
        plans.append(Plan(case, "checkin_silent", key, team.assignee_or_admins(case), about))
    not_before = deliver_at(now, quiet=policy.quiet, tz=policy.tz, urgent=False)
    new = enqueue_many(
        session, [checkin_question(c, r, not_before, renderer) for c, r in questions], now=now
    )
    for case, _ in questions:
        if checkin_key(case.id) in new:  # type: ignore[arg-type]
            session.add(
                CaseEvent(
                    case_id=case.id,  # type: ignore[arg-type]
                    kind=EventKind.REMINDER,
                    data={"rule": "checkin", "recipients": 1},
                    created_at=now,
                )
            )
    return len(new) + carry_out(session, plans, now, policy, renderer)


def checkin_question(
    case: Case, reporter: Account, not_before: datetime, renderer: Renderer
) -> Message:
    """ "Have you arrived home?", asked once per case (one outbox key, whichever rule asks)."""
    assert case.id is not None
    shown = renderer(CheckinQuestion(case.id, case.number), reporter.language)
    return rendered_message(
        shown,
        key=checkin_key(case.id),
        chat_id=reporter.telegram_user_id,
        account_id=reporter.id,
        case_id=case.id,
        not_before=not_before,
    )


RULES = {
    "unassigned": unassigned_cases,
    "idle": idle_cases,
    "referral": waiting_referrals,
    "intake": unfinished_intakes,
    "checkin": checkins,
}


def run_followups(session: Session, now: datetime, policy: Policy, *, renderer: Renderer) -> Fired:
    """Every rule once, in one transaction (commits)."""
    fired = Fired()
    for name, rule in RULES.items():
        fired.add(name, rule(session, now, policy, renderer))
    session.commit()
    if fired.total:
        logger.info("follow-ups queued: %s", fired.counts)
    return fired
