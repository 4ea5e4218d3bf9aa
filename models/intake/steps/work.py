"""The work: how many came, who brought them, the employer, the job, when it ended, the wages."""

from __future__ import annotations

import re

from models.intake.io import Button, Question
from models.intake.steps.base import (
    SHORT_TEXT_MAX,
    Advance,
    Ctx,
    Result,
    Retry,
    Step,
    StepDef,
    skip_row,
)
from models.intake.steps.identity import contact_number
from models.intake.steps.kinds import OptionStep, TextStep
from models.reference.validation import InvalidAmount, InvalidPhone, normalize_phone, parse_amount
from models.texts import msg

MAX_GROUP = 500
WORK_TYPES = ("plantation", "construction", "mining", "factory", "fishing")
ENDED_OPTIONS = ("this_week", "this_month", "last_month", "earlier")

_NUMBER_WORDS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9, "sepuluh": 10, "sendiri": 1, "sendirian": 1,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "alone": 1,
}  # fmt: skip


class Group(StepDef):
    """Stores how many people are in the group (1 to 500); asks who brought them."""

    step = Step.GROUP

    def ask(self, c: Ctx) -> Question:
        buttons = [Button(msg("btn.alone"), "1")] + [Button(str(n), str(n)) for n in range(2, 6)]
        return Question(self.step, msg("ask.group"), (tuple(buttons[:3]), tuple(buttons[3:])))

    def on_text(self, c: Ctx, text: str) -> Result:
        lowered = text.lower()
        digits = re.findall(r"\d+", lowered)
        if len(digits) == 1:
            return self.on_choice(c, digits[0])
        words = [_NUMBER_WORDS[w] for w in re.findall(r"[a-z]+", lowered) if w in _NUMBER_WORDS]
        if len(words) == 1 and not digits:
            return self.on_choice(c, str(words[0]))
        return Retry(msg("error.group", max=MAX_GROUP))

    def on_choice(self, c: Ctx, value: str) -> Result:
        if value.isdigit() and 1 <= int(value) <= MAX_GROUP:
            c.data["group_size"] = int(value)
            return Advance()
        return Retry(msg("error.group", max=MAX_GROUP))


class Recruiter(TextStep):
    """Stores the recruiter's name (asks their phone), or no recruiter (asks the employer)."""

    def __init__(self) -> None:
        super().__init__(Step.RECRUITER, "recruiter_name", skip=None, max_len=SHORT_TEXT_MAX)

    def ask(self, c: Ctx) -> Question:
        return Question(
            self.step,
            msg("ask.recruiter"),
            ((Button(msg("btn.no_recruiter"), "none"),), (Button(msg("btn.dont_know"), "skip"),)),
        )

    def on_text(self, c: Ctx, text: str) -> Result:
        result = super().on_text(c, text)
        if isinstance(result, Advance):
            return Advance(Step.RECRUITER_PHONE)
        return result

    def on_choice(self, c: Ctx, value: str) -> Result:
        if value in ("none", "skip"):
            c.data.update(recruiter_name=None, recruiter_phone=None, recruiter=value)
            return Advance()
        return super().on_choice(c, value)


class RecruiterPhone(StepDef):
    """Stores the recruiter's phone number, typed or shared (or none); asks the employer."""

    step = Step.RECRUITER_PHONE

    def ask(self, c: Ctx) -> Question:
        return Question(
            self.step,
            msg("ask.rec_phone", name=c.data.get("recruiter_name") or ""),
            (skip_row(),),
        )

    def on_text(self, c: Ctx, text: str) -> Result:
        try:
            c.data["recruiter_phone"] = normalize_phone(text)
        except InvalidPhone:
            return Retry(msg("error.phone"))
        return Advance()

    def on_contact(self, c: Ctx, phone: str, own: bool) -> Result:
        return self.on_text(c, contact_number(phone))

    def on_choice(self, c: Ctx, value: str) -> Result:
        if value == "skip":
            c.data["recruiter_phone"] = None
            return Advance()
        return super().on_choice(c, value)


class Employer(TextStep):
    """Stores the employer (or none); asks the kind of work (officers: the work site)."""

    def __init__(self) -> None:
        super().__init__(Step.EMPLOYER, "employer", skip="btn.dont_know", max_len=SHORT_TEXT_MAX)


class WorkType(OptionStep):
    """Stores the kind of work, a code or what was typed; asks when the work ended."""

    def __init__(self) -> None:
        super().__init__(Step.WORK, "work_type", WORK_TYPES, typed=True)


class WorkEnded(OptionStep):
    """Stores when the work ended, a code or what was typed; asks about unpaid wages."""

    def __init__(self) -> None:
        super().__init__(Step.ENDED, "work_ended", ENDED_OPTIONS, typed=True)


class Wages(StepDef):
    """Stores whether wages are unpaid; asks the amount if they are, otherwise the needs."""

    step = Step.WAGES

    def ask(self, c: Ctx) -> Question:
        buttons = [Button(msg(f"btn.{v}"), v) for v in ("yes", "no", "dont_know")]
        return Question(self.step, msg("ask.wages"), (tuple(buttons),))

    def on_choice(self, c: Ctx, value: str) -> Result:
        if value == "yes":
            c.data["wages_unpaid"] = True
            return Advance(Step.AMOUNT)
        if value in ("no", "dont_know"):
            c.data.update(wages_unpaid=False if value == "no" else None, wages_amount=None)
            return Advance()
        return super().on_choice(c, value)


class Amount(StepDef):
    """Stores the unpaid amount in rupiah (or none); asks what the person needs."""

    step = Step.AMOUNT

    def ask(self, c: Ctx) -> Question:
        return Question(self.step, msg("ask.amount"), (skip_row(),))

    def on_text(self, c: Ctx, text: str) -> Result:
        try:
            c.data["wages_amount"] = parse_amount(text)
        except InvalidAmount:
            return Retry(msg("error.amount"))
        return Advance()

    def on_choice(self, c: Ctx, value: str) -> Result:
        if value == "skip":
            c.data["wages_amount"] = None
            return Advance()
        return super().on_choice(c, value)
