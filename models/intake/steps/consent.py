"""The first question of every report: consent to keep the answers."""

from __future__ import annotations

from models.intake.io import Button, Question
from models.intake.steps.base import Advance, Ctx, Finish, Result, Retry, Step, StepDef
from models.intake.typed import yes_or_no
from models.texts import msg


class Consent(StepDef):
    """Stores the person's consent, tapped or typed; asks their name, or ends if they decline."""

    def __init__(
        self,
        step: Step = Step.CONSENT,
        question: str = "ask.consent",
        yes: str = "btn.agree",
        no: str = "btn.disagree",
    ) -> None:
        self.step = step
        self.question = question
        self.labels = (yes, no)

    def ask(self, c: Ctx) -> Question:
        yes, no = self.labels
        return Question(
            self.step,
            msg(self.question),
            ((Button(msg(yes), "yes"),), (Button(msg(no), "no"),)),
        )

    def on_choice(self, c: Ctx, value: str) -> Result:
        if value == "yes":
            c.data["consent"] = True
            return Advance()
        if value == "no":
            return Finish("declined")
        return super().on_choice(c, value)

    def on_text(self, c: Ctx, text: str) -> Result:
        answer = yes_or_no(text)
        if answer is None:
            return Retry(msg(f"again.{self.step}"))
        return self.on_choice(c, answer)
