"""The shapes of question several steps share: a typed text, one option of a list, several
options ticked one by one."""

from __future__ import annotations

import re

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
    button_rows,
    clean_text,
    skip_row,
)
from models.intake.typed import says_dont_know
from models.texts import Join, Msg, msg


class TextStep(StepDef):
    """Stores the typed text in its field (or none, if skippable); asks the next question."""

    free_text = True

    def __init__(self, step: Step, field_name: str, *, skip: str | None, max_len: int) -> None:
        self.step = step
        self.field = field_name
        # The catalogue key of the "don't know" or "skip" button, when the answer may be left out.
        self.skip = skip
        self.max_len = max_len

    def ask(self, c: Ctx) -> Question:
        rows = (skip_row(self.skip),) if self.skip else ()
        return Question(self.step, msg(f"ask.{self.step}"), rows)

    def on_text(self, c: Ctx, text: str) -> Result:
        if self.skip and says_dont_know(text):
            return self.on_choice(c, "skip")
        value = clean_text(text)
        if len(value) < 2 or not re.search(r"\w", value):
            return Retry(msg("error.too_short"))
        if len(value) > self.max_len:
            return Retry(msg("error.too_long", limit=self.max_len))
        c.data[self.field] = value
        return Advance()

    def on_choice(self, c: Ctx, value: str) -> Result:
        if self.skip and value == "skip":
            c.data[self.field] = None
            return Advance()
        return super().on_choice(c, value)


class OptionStep(StepDef):
    """Stores an option's code, or what was typed instead; asks the next question."""

    def __init__(self, step: Step, field_name: str, options: tuple[str, ...], *, typed: bool):
        self.step = step
        self.field = field_name
        self.options = options
        self.free_text = typed

    def ask(self, c: Ctx) -> Question:
        buttons = [Button(msg(f"opt.{self.step}.{o}"), o) for o in self.options]
        return Question(self.step, msg(f"ask.{self.step}"), button_rows(buttons, 2))

    def on_choice(self, c: Ctx, value: str) -> Result:
        if value in self.options:
            c.data[self.field] = value
            c.data.pop(f"{self.field}_text", None)
            return Advance()
        return super().on_choice(c, value)

    def on_text(self, c: Ctx, text: str) -> Result:
        if not self.free_text:
            return super().on_text(c, text)
        value = clean_text(text)
        if len(value) < 2:
            return Retry(msg("error.too_short"))
        if len(value) > SHORT_TEXT_MAX:
            return Retry(msg("error.too_long", limit=SHORT_TEXT_MAX))
        c.data[self.field] = None
        c.data[f"{self.field}_text"] = value
        return Advance()


class MultiStep(StepDef):
    """Stores each option ticked, redrawing the list; asks the next question at "Selesai"."""

    def __init__(self, step: Step, field_name: str, options: tuple[str, ...], *, none: bool):
        self.step = step
        self.field = field_name
        self.options = options
        # Offer "none of these" (urgency) instead of insisting on at least one (needs).
        self.none = none

    def ask(self, c: Ctx) -> Question:
        chosen = set(c.data.get(self.field, []))
        buttons = [
            Button(msg("btn.ticked" if o in chosen else "btn.unticked",
                       label=msg(f"opt.{self.step}.{o}")), f"t:{o}")
            for o in self.options
        ]  # fmt: skip
        last = [Button(msg("btn.done"), "done")]
        if self.none:
            last.insert(0, Button(msg("btn.none"), "none"))
        return Question(self.step, msg(f"ask.{self.step}"), (*button_rows(buttons, 2), tuple(last)))

    def on_choice(self, c: Ctx, value: str) -> Result:
        chosen: list[str] = list(c.data.get(self.field, []))
        kind, _, option = value.partition(":")
        if kind == "t" and option in self.options:
            if option in chosen:
                chosen.remove(option)
            else:
                chosen.append(option)
            c.data[self.field] = [o for o in self.options if o in chosen]
            return Stay(edit_in_place=True)
        if value == "none" and self.none:
            c.data[self.field] = []
            return Advance()
        if value == "done":
            c.data.setdefault(self.field, [])
            if not chosen and not self.none:
                return Retry(msg("error.choose_one"))
            return self.after_done(c)
        return super().on_choice(c, value)

    def after_done(self, c: Ctx) -> Result:
        return Advance()

    def on_typed_option(self, c: Ctx, option: str) -> Result:
        """An option typed by its label: ticked (with those already ticked), the list closed."""
        if option not in self.options:
            return self.on_choice(c, option)
        self.tick(c, {option})
        return self.after_done(c)

    def tick(self, c: Ctx, options: set[str]) -> None:
        """Adds options to those already ticked, in the order they are offered."""
        chosen = set(c.data.get(self.field, [])) | options
        c.data[self.field] = [o for o in self.options if o in chosen]

    def chosen(self, c: Ctx) -> Msg:
        """The options ticked (or "none"), as shown under the list once it is closed."""
        items = tuple(msg(f"opt.{self.step}.{o}") for o in c.data.get(self.field, []))
        return msg("value.chosen", items=Join(items)) if items else msg("btn.none")
