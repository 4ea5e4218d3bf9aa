"""The work: how many came, who brought them, the employer, the job, when it ended, the wages."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from models.intake.io import Button, Question
from models.intake.steps.base import (
    SHORT_TEXT_MAX,
    Advance,
    Ctx,
    Result,
    Retry,
    Stay,
    Step,
    StepDef,
    clean_text,
    skip_row,
)
from models.intake.steps.identity import contact_number
from models.intake.steps.kinds import OptionStep, TextStep
from models.intake.typed import says_dont_know, says_nobody, yes_or_no
from models.reference.validation import (
    InvalidAmount,
    InvalidPhone,
    format_rupiah,
    normalize_phone,
    parse_amount,
    small_number,
)
from models.texts import msg
from models.understanding.amounts import find_amounts
from models.understanding.ended import when_ended
from models.understanding.group import find_group_size
from models.understanding.yes_no import WAGES_UNPAID

MAX_GROUP = 500
WORK_TYPES = ("plantation", "construction", "mining", "factory", "fishing")
ENDED_OPTIONS = ("this_week", "this_month", "last_month", "earlier")
# "Kemarin" is a day in Kobar: typed times are read against the date there.
LOCAL_TZ = ZoneInfo("Asia/Jakarta")
# Two amounts in one answer ("5 juta atau 7 juta"): the person picks one (draft key).
AMOUNT_CHOICES = "amount_choices"


class Group(StepDef):
    """Stores how many are in the group, tapped or typed ("kami berlima"); asks the recruiter."""

    step = Step.GROUP

    def ask(self, c: Ctx) -> Question:
        buttons = [Button(msg("btn.alone"), "1")] + [Button(str(n), str(n)) for n in range(2, 6)]
        return Question(self.step, msg("ask.group"), (tuple(buttons[:3]), tuple(buttons[3:])))

    def on_text(self, c: Ctx, text: str) -> Result:
        size = find_group_size(text)
        if size is None:
            return Retry(msg("error.group", max=MAX_GROUP))
        return self.on_choice(c, str(size))

    def on_choice(self, c: Ctx, value: str) -> Result:
        size = small_number(value, most=MAX_GROUP)
        if size is not None and size >= 1:
            c.data["group_size"] = size
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
        # "tidak ada", "datang sendiri" name no one; "gak tau" is the "don't know" button.
        if says_nobody(text):
            return self.on_choice(c, "none")
        if says_dont_know(text):
            return self.on_choice(c, "skip")
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
            if says_dont_know(text) or says_nobody(text):
                return self.on_choice(c, "skip")
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
    """Stores when the work ended, an option or a time typed ("2 minggu lalu"); asks the wages."""

    def __init__(self) -> None:
        super().__init__(Step.ENDED, "work_ended", ENDED_OPTIONS, typed=True)

    def on_text(self, c: Ctx, text: str) -> Result:
        """Takes only what reads as a time (a date, a month, "kemarin"); keeps the words."""
        value = clean_text(text)
        ended = when_ended(value, c.now.astimezone(LOCAL_TZ).date())
        if ended is None or len(value) > SHORT_TEXT_MAX:
            return Retry(msg("again.ended"))
        c.data.update(
            work_ended=None,
            work_ended_text=value,
            work_ended_on=ended.on.isoformat(),
            work_ended_precision=ended.precision.value,
        )
        return Advance()

    def on_choice(self, c: Ctx, value: str) -> Result:
        if value in self.options:
            c.data.pop("work_ended_on", None)
            c.data.pop("work_ended_precision", None)
        return super().on_choice(c, value)


class Wages(StepDef):
    """Stores whether wages are unpaid (and an amount said with it); asks the amount or needs."""

    step = Step.WAGES

    def ask(self, c: Ctx) -> Question:
        buttons = [Button(msg(f"btn.{v}"), v) for v in ("yes", "no", "dont_know")]
        return Question(self.step, msg("ask.wages"), (tuple(buttons),))

    def on_choice(self, c: Ctx, value: str) -> Result:
        c.data.pop(AMOUNT_CHOICES, None)
        if value == "yes":
            c.data["wages_unpaid"] = True
            return Advance(Step.AMOUNT)
        if value in ("no", "dont_know"):
            c.data.update(wages_unpaid=False if value == "no" else None, wages_amount=None)
            return Advance()
        return super().on_choice(c, value)

    def on_text(self, c: Ctx, text: str) -> Result:
        """ "udah 3 bln gak digaji, kira2 7 juta" is a yes and the amount: no amount question."""
        answer = yes_or_no(text, WAGES_UNPAID)
        if answer is None and says_dont_know(text):
            return self.on_choice(c, "dont_know")
        if answer is None:
            return Retry(msg("again.wages"))
        result = self.on_choice(c, answer)
        amounts = find_amounts(text)
        if answer == "yes" and amounts.amount is not None:
            c.data["wages_amount"] = amounts.amount
            return Advance()
        if answer == "yes" and amounts.ambiguous:
            c.data[AMOUNT_CHOICES] = list(amounts.candidates)
        return result


class Amount(StepDef):
    """Stores the unpaid amount found in what was typed, or picked of two; asks the needs."""

    step = Step.AMOUNT

    def ask(self, c: Ctx) -> Question:
        choices = c.data.get(AMOUNT_CHOICES)
        if choices:
            picks = tuple((Button(format_rupiah(a), f"a:{a}"),) for a in choices)
            return Question(self.step, msg("ask.amount_which"), (*picks, skip_row()))
        return Question(self.step, msg("ask.amount"), (skip_row(),))

    def on_text(self, c: Ctx, text: str) -> Result:
        """The amount inside a sentence ("4 bulan kerja, Rp 6.500.000 belum dikasih")."""
        reading = find_amounts(text)
        if reading.ambiguous:
            c.data[AMOUNT_CHOICES] = list(reading.candidates)
            return Stay()
        amount = reading.amount
        if amount is None:
            try:
                amount = parse_amount(text)
            except InvalidAmount:
                return Retry(msg("error.amount"))
        return self._store(c, amount)

    def on_choice(self, c: Ctx, value: str) -> Result:
        kind, _, said = value.partition(":")
        chosen = small_number(said, most=10**13)  # Rp 10 trillion: more than any wage
        if kind == "a" and chosen is not None and chosen in c.data.get(AMOUNT_CHOICES, []):
            return self._store(c, chosen)
        if value == "skip":
            return self._store(c, None)
        return super().on_choice(c, value)

    def _store(self, c: Ctx, amount: int | None) -> Result:
        c.data.pop(AMOUNT_CHOICES, None)
        c.data["wages_amount"] = amount
        return Advance()
