"""What case handling tells the people concerned, as plain data (no commit, no text).

lifecycle.py decides who is told what and queues it; views/case_notices.py renders each of
these in the reader's language, with its buttons.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AssignedToYou:
    """The case was given to the reader (button: open)."""

    case_id: int
    number: str


@dataclass(frozen=True)
class ReferredToYou:
    """The case was referred to the reader's agency, with the referral's note (button: open)."""

    case_id: int
    number: str
    agency: str
    note: str | None


@dataclass(frozen=True)
class ReferralDoneNotice:
    """The agency finished its referral (to the assignee; button: open)."""

    case_id: int
    number: str


@dataclass(frozen=True)
class FromOffice:
    """Staff's message to the reporter, signed by the office, not by the staff member."""

    case_id: int
    number: str
    text: str


@dataclass(frozen=True)
class FromReporter:
    """The reporter's message for the assignee (buttons: reply, open)."""

    case_id: int
    number: str
    text: str


@dataclass(frozen=True)
class WaitingInGroup:
    """The reporter wrote and nobody is assigned: the group hears of it, without the text."""

    case_id: int
    number: str
