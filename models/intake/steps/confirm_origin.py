"""The origin a valid NIK names, offered to confirm with one tap instead of three questions.

The first four digits of a NIK are the regency where it was issued: for a stranded worker
almost always home. `Nik` keeps that regency (`nik_regency`); `Phone` then asks this step
instead of the origin questions. "Bukan" (the person lives elsewhere now) asks them as usual.
"""

from __future__ import annotations

from models.intake.io import Button, Question
from models.intake.steps.base import Advance, Ctx, Result, Retry, Step, StepDef
from models.intake.steps.origin import origin_typed, set_origin
from models.reference import regions
from models.texts import msg
from models.understanding.yes_no import YesNo, answer_yes_no

NIK_REGENCY = "nik_regency"


def offers_nik_origin(c: Ctx) -> bool:
    """Whether the NIK named a regency the origin questions can be replaced with."""
    code = c.data.get(NIK_REGENCY)
    return isinstance(code, str) and regions.get(code) is not None


class OriginConfirm(StepDef):
    """Stores the NIK's regency as the origin at "Ya" (a typed name: that one); "Bukan" asks it."""

    step = Step.ORIGIN_CONFIRM
    free_text = True

    def ask(self, c: Ctx) -> Question:
        regency = regions.get(c.data[NIK_REGENCY])
        assert regency is not None  # offered only for a known regency (offers_nik_origin)
        province = regions.province_of(regency.code)
        return Question(
            self.step,
            msg("ask.nik_origin", regency=regency.name, province=province.name),
            ((Button(msg("btn.yes"), "yes"), Button(msg("btn.origin_not_mine"), "no")),),
        )

    def on_choice(self, c: Ctx, value: str) -> Result:
        if value == "yes":
            return set_origin(c, c.data[NIK_REGENCY], announce=False)
        if value == "no":
            c.data.pop("province_page", None)
            return Advance(Step.ORIGIN)
        return super().on_choice(c, value)

    def on_text(self, c: Ctx, text: str) -> Result:
        said = answer_yes_no(text)
        if said is YesNo.YES:
            return self.on_choice(c, "yes")
        # A regency typed instead ("Lombok Timur", or another one) is the answer itself.
        typed = origin_typed(c, text, None)
        if typed is not None:
            return typed
        if said is YesNo.NO:
            return self.on_choice(c, "no")
        return Retry(msg("hint.nik_origin"))
