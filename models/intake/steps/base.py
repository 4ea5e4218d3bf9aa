"""What every step shares: the steps and the order they come in, the results an answer can
have, and `StepDef`, the base of the step classes in the modules beside this one."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlmodel import Session

from models.intake.io import Button, Question
from models.storage.tables import Account, Dialog
from models.texts import Msg, msg

SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 500


class Step(StrEnum):
    CONSENT = "consent"
    NAME = "name"
    NIK = "nik"
    PHONE = "phone"
    ORIGIN = "origin"
    # The origin the NIK names, offered to confirm with one tap.
    ORIGIN_CONFIRM = "nik_origin"
    REGENCY = "regency"
    ORIGIN_PICK = "pick"
    LOCATION = "location"
    DISTRICT = "district"
    GROUP = "group"
    RECRUITER = "recruiter"
    RECRUITER_PHONE = "rec_phone"
    EMPLOYER = "employer"
    WORK = "work"
    ENDED = "ended"
    WAGES = "wages"
    AMOUNT = "amount"
    NEEDS = "needs"
    NEEDS_OTHER = "needs_other"
    URGENCY = "urgency"
    PHOTOS = "photos"
    SUMMARY = "summary"
    CANCEL = "cancel"
    # A field officer registering someone else, often a whole group.
    O_CONSENT = "oconsent"
    MEMBERS = "members"
    SITE = "site"
    STORY = "story"
    O_SUMMARY = "osummary"


# Where each step goes when answered (sub-steps return to the main line).
NEXT: dict[Step, Step] = {
    Step.CONSENT: Step.NAME,
    Step.NAME: Step.NIK,
    Step.NIK: Step.PHONE,
    Step.PHONE: Step.ORIGIN,
    Step.ORIGIN: Step.LOCATION,
    Step.ORIGIN_CONFIRM: Step.LOCATION,
    Step.REGENCY: Step.LOCATION,
    Step.ORIGIN_PICK: Step.LOCATION,
    Step.LOCATION: Step.DISTRICT,
    Step.DISTRICT: Step.GROUP,
    Step.GROUP: Step.RECRUITER,
    Step.RECRUITER: Step.EMPLOYER,
    Step.RECRUITER_PHONE: Step.EMPLOYER,
    Step.EMPLOYER: Step.WORK,
    Step.WORK: Step.ENDED,
    Step.ENDED: Step.WAGES,
    Step.WAGES: Step.NEEDS,
    Step.AMOUNT: Step.NEEDS,
    Step.NEEDS: Step.URGENCY,
    Step.NEEDS_OTHER: Step.URGENCY,
    Step.URGENCY: Step.PHOTOS,
    Step.PHOTOS: Step.SUMMARY,
}

# The officer's group intake: members instead of one person's identity, plus the work site
# and the group's story; shared steps return to this line.
OFFICER_NEXT: dict[Step, Step] = {
    Step.O_CONSENT: Step.MEMBERS,
    Step.MEMBERS: Step.ORIGIN,
    Step.ORIGIN: Step.LOCATION,
    Step.REGENCY: Step.LOCATION,
    Step.ORIGIN_PICK: Step.LOCATION,
    Step.LOCATION: Step.DISTRICT,
    Step.DISTRICT: Step.RECRUITER,
    Step.RECRUITER: Step.EMPLOYER,
    Step.RECRUITER_PHONE: Step.EMPLOYER,
    Step.EMPLOYER: Step.SITE,
    Step.SITE: Step.WORK,
    Step.WORK: Step.ENDED,
    Step.ENDED: Step.WAGES,
    Step.WAGES: Step.NEEDS,
    Step.AMOUNT: Step.NEEDS,
    Step.NEEDS: Step.STORY,
    Step.NEEDS_OTHER: Step.STORY,
    Step.STORY: Step.PHOTOS,
    Step.PHOTOS: Step.O_SUMMARY,
}


@dataclass(frozen=True)
class FlowSpec:
    first: Step
    next: dict[Step, Step]
    summary: Step
    consent_method: str


FLOWS: dict[str, FlowSpec] = {
    "intake": FlowSpec(Step.CONSENT, NEXT, Step.SUMMARY, "self"),
    "officer": FlowSpec(Step.O_CONSENT, OFFICER_NEXT, Step.O_SUMMARY, "officer_verbal"),
}


@dataclass
class Ctx:
    """One input being applied to one draft."""

    session: Session
    account: Account
    dialog: Dialog
    lang: str
    now: datetime

    @property
    def data(self) -> dict[str, Any]:
        return self.dialog.data


@dataclass
class Advance:
    """Answer stored; go to `to` (or the usual next step)."""

    to: Step | None = None
    notices: list[Msg] = field(default_factory=list)


@dataclass
class Stay:
    """Answer stored, same question again (a toggle, a page, another photo)."""

    notices: list[Msg] = field(default_factory=list)
    edit_in_place: bool = False


@dataclass
class Retry:
    """Answer not usable: say why, ask again, in one message with the question's buttons.

    The error is the whole message when it asks again itself ("Jawab ya atau tidak"); with
    `ask_again` (an unexpected kind of input) the question follows it in the same message.
    """

    error: Msg
    ask_again: bool = False


@dataclass
class Finish:
    """The draft ends: "submit", "declined" (no consent) or "discard" (cancel confirmed)."""

    how: str


Result = Advance | Stay | Retry | Finish


def clean_text(text: str) -> str:
    """A typed answer with its runs of spaces and line breaks made single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def button_rows(buttons: list[Button], per_row: int) -> tuple[tuple[Button, ...], ...]:
    return tuple(tuple(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row))


def skip_row(key: str = "btn.dont_know", value: str = "skip") -> tuple[Button, ...]:
    return (Button(msg(key), value),)


class StepDef(ABC):
    """One question: `ask` builds it from the draft, the `on_*` methods store an answer to it.

    Every input a step does not expect gets a hint and the same question again.
    """

    step: Step
    # Free-text questions keep a voice note as an attachment instead of refusing it.
    free_text = False

    @abstractmethod
    def ask(self, c: Ctx) -> Question: ...

    def on_text(self, c: Ctx, text: str) -> Result:
        return Retry(msg("hint.not_understood"), ask_again=True)

    def on_choice(self, c: Ctx, value: str) -> Result:
        return Retry(msg("hint.use_buttons"), ask_again=True)

    def on_contact(self, c: Ctx, phone: str, own: bool) -> Result:
        return Retry(msg("hint.unexpected_contact"), ask_again=True)

    def on_location(self, c: Ctx, latitude: float, longitude: float) -> Result:
        return Retry(msg("hint.unexpected_location"), ask_again=True)

    def on_file(self, c: Ctx, kind: str, file_id: str, unique_id: str) -> Result:
        return Retry(msg(f"hint.unexpected_{kind}"), ask_again=True)
