"""The end of a report: the summary to check and send, and the confirmation of a cancel."""

from __future__ import annotations

from typing import Literal

from models.intake.io import Button, Question, Recap
from models.intake.steps.base import Advance, Ctx, Finish, Result, Retry, Step, StepDef, button_rows
from models.intake.typed import yes_or_no
from models.texts import msg

SUMMARY_FIELDS = (
    Step.NAME, Step.NIK, Step.PHONE, Step.ORIGIN, Step.LOCATION, Step.GROUP, Step.RECRUITER,
    Step.EMPLOYER, Step.WORK, Step.ENDED, Step.WAGES, Step.NEEDS, Step.URGENCY, Step.PHOTOS,
)  # fmt: skip


class Summary(StepDef):
    """Stores nothing: asks the part to change (then back here), sends the report, or cancels."""

    step = Step.SUMMARY
    fields: tuple[Step, ...] = SUMMARY_FIELDS
    recap: Literal["summary", "osummary"] = "summary"

    def ask(self, c: Ctx) -> Question:
        edits = [Button(msg(f"field.{s}"), f"e:{s}") for s in self.fields]
        rows = (
            *button_rows(edits, 3),
            (Button(msg("btn.submit"), "send"),),
            (Button(msg("btn.cancel"), "cancel"),),
        )
        return Question(self.step, Recap(self.recap, dict(c.data)), rows)

    def on_choice(self, c: Ctx, value: str) -> Result:
        kind, _, target = value.partition(":")
        if kind == "e" and target in {s.value for s in self.fields}:
            c.data["_edit"] = True
            if target == Step.ORIGIN:
                c.data.pop("province_page", None)
            return Advance(Step(target))
        if value == "send":
            return Finish("submit")
        if value == "cancel":
            return Advance(Step.CANCEL)
        return super().on_choice(c, value)

    def on_text(self, c: Ctx, text: str) -> Result:
        """ "sudah benar", "iya kirim" sends; "ada yang salah" asks which part."""
        answer = yes_or_no(text)
        if answer == "yes":
            return Finish("submit")
        return Retry(msg("again.summary_change" if answer == "no" else "hint.summary"))


class Cancel(StepDef):
    """Stores nothing: a yes (tapped or typed) discards the draft, a no asks again the question."""

    step = Step.CANCEL

    def ask(self, c: Ctx) -> Question:
        return Question(
            self.step,
            msg("ask.cancel"),
            ((Button(msg("btn.cancel_yes"), "yes"),), (Button(msg("btn.cancel_no"), "no"),)),
        )

    def on_choice(self, c: Ctx, value: str) -> Result:
        if value == "yes":
            return Finish("discard")
        if value == "no":
            return Finish("resume")
        return super().on_choice(c, value)

    def on_text(self, c: Ctx, text: str) -> Result:
        answer = yes_or_no(text)
        return Retry(msg("again.cancel")) if answer is None else self.on_choice(c, answer)
