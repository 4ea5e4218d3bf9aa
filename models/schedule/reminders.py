"""What the follow-up reminders say, as plain data; views/reminders.py renders them.

followups.py decides who is reminded of what, and when; these describe the message, so the
domain never holds a text or a button label.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from models.cases.lists import CaseLine


class Offer(StrEnum):
    """What a case reminder's buttons offer its reader."""

    STAFF = "staff"  # take, open, snooze
    ASSIGNEE = "assignee"  # open, snooze
    PARTNER = "partner"  # open


@dataclass(frozen=True)
class Unassigned:
    """Nobody took a new case (no names: the staff group reads it)."""

    case: CaseLine
    waited: timedelta


@dataclass(frozen=True)
class Idle:
    """No activity on the reader's case."""

    number: str
    status: str
    idle: timedelta


@dataclass(frozen=True)
class IdleForAdmins:
    """No activity on a case for twice as long: the admins hear who has it."""

    number: str
    status: str
    idle: timedelta
    assignee_id: int | None  # None: nobody
    assignee_name: str | None


@dataclass(frozen=True)
class WaitingReferral:
    """A referral the agency has not marked done."""

    number: str
    agency: str
    waited: timedelta


@dataclass(frozen=True)
class CheckinSilent:
    """A repatriated reporter has not said whether they arrived."""

    number: str
    since_home: timedelta


@dataclass(frozen=True)
class CheckinNotYet:
    """A repatriated reporter answered that they have not arrived."""

    number: str


ReminderAbout = Unassigned | Idle | IdleForAdmins | WaitingReferral | CheckinSilent | CheckinNotYet


@dataclass(frozen=True)
class CaseReminder:
    """One reminder about a case for one reader, with the buttons their role may use."""

    case_id: int
    about: ReminderAbout
    offer: Offer


@dataclass(frozen=True)
class IntakeReminder:
    """A reporter stopped halfway through a report (button: continue it)."""


@dataclass(frozen=True)
class CheckinQuestion:
    """Asks a repatriated reporter whether they arrived home (buttons: yes, not yet)."""

    case_id: int
    number: str
