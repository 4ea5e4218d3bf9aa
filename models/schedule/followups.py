"""Follow-up rules: who is reminded of what, and when.

Each rule is a function of (session, now, policy) that looks at the database as it is and
enqueues outbox messages under deterministic keys, so a rule that fires twice (two ticks, two
bot processes, a restart) still sends once. The rules keep no memory of their own: the keys in
the outbox are the memory. Work missed while the bot was down is simply found on the next run.

A snooze is part of every case reminder's key: once a snooze ends, a case still waiting is
reminded once more.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from models.intake.summary import origin_label
from models.outbox.callbacks import Action, case_data
from models.outbox.queue import Message, enqueue_many, existing_keys, inline_keyboard, outbox_rows
from models.people.access import can_handle_case, is_staff
from models.people.staff import accounts_with_role
from models.reference.when import duration, local_datetime
from models.schedule.quiet import QuietHours, deliver_at
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
from models.texts import Msg, msg
from views.text import plain, render

logger = logging.getLogger(__name__)

SNOOZE = timedelta(days=1)
INTAKE_FLOW = "intake"
# The reminder to continue an intake opens it again through the main menu's button.
CONTINUE_REPORT = "m:report"
CHECKIN_PREFIX = "ci"


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
    # Daily digest; weekly (Monday) and monthly (1st) reports at the same time of day.
    digest_time: time = time(7, 0)


@dataclass(frozen=True)
class Recipient:
    chat_id: int
    account_id: int | None
    lang: str
    # What the reminder's buttons may offer: "staff" (take, open, snooze), "assignee" (open,
    # snooze), "partner" (open).
    kind: str = "staff"

    @classmethod
    def of(cls, account: Account, kind: str = "staff") -> Recipient:
        return cls(account.telegram_user_id, account.id, account.language, kind)


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


def reminder_buttons(case_id: int, lang: str, kind: str) -> dict[str, Any]:
    take = (plain(lang, msg("btn.case_take")), case_data(case_id, Action.TAKE))
    open_ = (plain(lang, msg("btn.case_open")), case_data(case_id, Action.OPEN))
    snooze = (plain(lang, msg("btn.snooze")), case_data(case_id, Action.SNOOZE))
    if kind == "partner":
        return inline_keyboard([[open_]])
    if kind == "assignee":
        return inline_keyboard([[open_, snooze]])
    return inline_keyboard([[take, open_], [snooze]])


def _reachable(accounts: Iterable[Account]) -> list[Account]:
    return [a for a in accounts if a.unreachable_at is None]


def staff_members(session: Session) -> list[Account]:
    return _reachable(accounts_with_role(session, Role.STAFF, Role.ADMIN))


def admins(session: Session) -> list[Account]:
    return _reachable(accounts_with_role(session, Role.ADMIN))


def active_account(session: Session, account_id: int | None) -> Account | None:
    if account_id is None:
        return None
    account = session.get(Account, account_id)
    if account is None or not account.active or account.unreachable_at is not None:
        return None
    return account


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
            self._partners = _reachable(accounts_with_role(self.session, Role.PARTNER))
        return [a for a in self._partners if a.agency_id == agency_id]

    def active(self, account_id: int | None) -> Account | None:
        return active_account(self.session, account_id)

    def assignee_or_admins(self, case: Case) -> list[Recipient]:
        assignee = self.active(case.assignee_id)
        if assignee is not None:
            return [Recipient.of(assignee, "assignee")]
        return [Recipient.of(a) for a in self.admins()]


def _urgent_mark(case: Case) -> Msg | str:
    return msg("rem.urgent_mark") if case.urgent else ""


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
    text: Msg

    def keys(self) -> list[str]:
        return [f"{self.key}:{r.chat_id}" for r in self.recipients]


def carry_out(session: Session, plans: list[Plan], now: datetime, policy: Policy) -> int:
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
            messages.append(
                Message(
                    key=key,
                    chat_id=recipient.chat_id,
                    account_id=recipient.account_id,
                    case_id=case.id,
                    text=render(recipient.lang, plan.text),
                    reply_markup=reminder_buttons(case.id, recipient.lang, recipient.kind),
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
    text: Msg,
    now: datetime,
    policy: Policy,
) -> int:
    """Queues one reminder per recipient (key + recipient) and notes it on the case."""
    return carry_out(session, [Plan(case, rule, key, list(recipients), text)], now, policy)


def unassigned_cases(session: Session, now: datetime, policy: Policy) -> int:
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
        text = msg(
            "rem.unassigned",
            number=case.number,
            urgent=_urgent_mark(case),
            age=duration(waited),
            origin=origin_label(case.origin_province_code, case.origin_regency_code),
            group=case.group_size,
        )
        base = f"fu:unassigned:{case.id}:{_snooze_tag(case)}"
        staff = [Recipient.of(a) for a in team.staff()]
        if policy.staff_chat_id is None:
            plans.append(Plan(case, "unassigned", f"{base}:staff", staff, text))
            continue
        group = [Recipient(policy.staff_chat_id, None, "id")]
        plans.append(Plan(case, "unassigned", f"{base}:group", group, text))
        if waited >= 2 * after:
            plans.append(Plan(case, "unassigned_staff", f"{base}:staff", staff, text))
    return carry_out(session, plans, now, policy)


def idle_cases(session: Session, now: datetime, policy: Policy) -> int:
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
        status = msg(f"status.{case.status}")
        assignee = team.active(case.assignee_id)
        if assignee is not None:
            text = msg("rem.idle", number=case.number, status=status, age=duration(idle))
            plans.append(
                Plan(case, "idle", f"{base}:assignee", [Recipient.of(assignee, "assignee")], text)
            )
        if idle >= 2 * policy.idle_after:
            text = msg(
                "rem.idle_admin",
                number=case.number,
                status=status,
                age=duration(idle),
                assignee=assignee_name(session, case),
            )
            admins_ = [Recipient.of(a) for a in team.admins()]
            plans.append(Plan(case, "idle_admin", f"{base}:admin", admins_, text))
    return carry_out(session, plans, now, policy)


def assignee_name(session: Session, case: Case) -> Msg | str:
    account = session.get(Account, case.assignee_id) if case.assignee_id else None
    if account is None:
        return msg("rem.nobody")
    return account.display_name or msg("rem.someone", id=account.id)


def waiting_referrals(session: Session, now: datetime, policy: Policy) -> int:
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
        recipients = [Recipient.of(a, "partner") for a in team.partners(referral.agency_id)]
        assignee = team.active(case.assignee_id)
        if assignee is not None:
            recipients.append(Recipient.of(assignee, "assignee"))
        text = msg(
            "rem.referral",
            number=case.number,
            agency=agency.name,
            age=duration(now - referral.created_at),
        )
        key = f"fu:referral:{referral.id}:{_snooze_tag(case)}"
        plans.append(Plan(case, "referral", key, recipients, text))
    return carry_out(session, plans, now, policy)


def unfinished_intakes(session: Session, now: datetime, policy: Policy) -> int:
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
    messages = [
        Message(
            key=key,
            chat_id=dialog.chat_id,
            account_id=account.id,
            text=render(account.language, msg("rem.intake")),
            reply_markup=inline_keyboard(
                [[(plain(account.language, msg("btn.continue_report")), CONTINUE_REPORT)]]
            ),
            not_before=not_before,
        )
        for key, dialog, account in keyed
        if key not in done
    ]
    return len(enqueue_many(session, messages, now=now))


def checkin_data(case_id: int, arrived: bool) -> str:
    return f"{CHECKIN_PREFIX}:{case_id}:{'y' if arrived else 'n'}"


def parse_checkin_data(data: str | None) -> tuple[int, bool] | None:
    parts = (data or "").split(":")
    if len(parts) != 3 or parts[0] != CHECKIN_PREFIX or not parts[1].isdigit():
        return None
    if parts[2] not in ("y", "n"):
        return None
    return int(parts[1]), parts[2] == "y"


def checkin_buttons(case_id: int, lang: str, *, ask_no: bool = True) -> dict[str, Any]:
    row = [(plain(lang, msg("btn.checkin_yes")), checkin_data(case_id, True))]
    if ask_no:
        row.append((plain(lang, msg("btn.checkin_no")), checkin_data(case_id, False)))
    return inline_keyboard([row])


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


def checkins(session: Session, now: datetime, policy: Policy) -> int:
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
        text = msg(
            "rem.checkin_silent", number=case.number, age=duration(now - person.repatriated_at)
        )
        key = f"fu:checkin-silent:{case.id}:{_snooze_tag(case)}"
        plans.append(Plan(case, "checkin_silent", key, team.assignee_or_admins(case), text))
    not_before = deliver_at(now, quiet=policy.quiet, tz=policy.tz, urgent=False)
    new = enqueue_many(
        session,
        [
            Message(
                key=checkin_key(case.id),  # type: ignore[arg-type]
                chat_id=reporter.telegram_user_id,
                account_id=reporter.id,
                case_id=case.id,
                text=render(reporter.language, msg("checkin.ask", number=case.number)),
                reply_markup=checkin_buttons(case.id, reporter.language),  # type: ignore[arg-type]
                not_before=not_before,
            )
            for case, reporter in questions
        ],
        now=now,
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
    return len(new) + carry_out(session, plans, now, policy)


RULES = {
    "unassigned": unassigned_cases,
    "idle": idle_cases,
    "referral": waiting_referrals,
    "intake": unfinished_intakes,
    "checkin": checkins,
}


def run_followups(session: Session, now: datetime, policy: Policy) -> Fired:
    """Every rule once, in one transaction (commits)."""
    fired = Fired()
    for name, rule in RULES.items():
        fired.add(name, rule(session, now, policy))
    session.commit()
    if fired.total:
        logger.info("follow-ups queued: %s", fired.counts)
    return fired


# -- Acting on a reminder --------------------------------------------------------------------


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


def snoozed_text(case: Case, until: datetime, tz: tzinfo) -> Msg:
    return msg("snooze.done", number=case.number, until=local_datetime(until, tz))


def record_checkin(
    session: Session,
    case: Case,
    *,
    reporter: Account,
    arrived: bool,
    now: datetime,
    policy: Policy,
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
    if not arrived:
        remind(
            session,
            case,
            rule="checkin_no",
            key=f"fu:checkin-no:{case.id}:{event.id}",
            recipients=Team(session).assignee_or_admins(case),
            text=msg("rem.checkin_no", number=case.number),
            now=now,
            policy=policy,
        )
    return event
