"""Who is reporting: their name, NIK and phone number."""

from __future__ import annotations

import re

from models.intake.io import Button, Question
from models.intake.steps.base import Advance, Ctx, Result, Retry, Step, StepDef, skip_row
from models.intake.steps.confirm_origin import NIK_REGENCY, offers_nik_origin
from models.intake.steps.kinds import TextStep
from models.reference.validation import InvalidNik, InvalidPhone, normalize_phone, parse_nik
from models.texts import msg
from models.understanding.nik import nik_facts

NAME_MAX = 100


def contact_number(phone: str) -> str:
    """Telegram shares contact numbers internationally without the "+" (6281...)."""
    return phone if phone.startswith(("+", "0")) else f"+{phone}"


class Name(TextStep):
    """Stores the full name (it must have letters); asks the NIK."""

    def __init__(self) -> None:
        super().__init__(Step.NAME, "full_name", skip=None, max_len=NAME_MAX)

    def on_text(self, c: Ctx, text: str) -> Result:
        if not re.search(r"[^\W\d_]", text):
            return Retry(msg("error.name_letters"))
        return super().on_text(c, text)


class Nik(StepDef):
    """Stores the NIK with the sex and birth date it holds (or none); asks the phone number."""

    step = Step.NIK

    def ask(self, c: Ctx) -> Question:
        return Question(self.step, msg("ask.nik"), (skip_row("btn.no_nik"),))

    def on_text(self, c: Ctx, text: str) -> Result:
        try:
            info = parse_nik(text, today=c.now.date())
        except InvalidNik as exc:
            c.data["nik_attempts"] = c.data.get("nik_attempts", 0) + 1
            return Retry(msg(f"error.nik.{exc.problem.name.lower()}"))
        facts = nik_facts(info.nik, today=c.now.date())
        c.data.update(
            nik=info.nik,
            sex=info.sex,
            birth_date=info.birth_date.isoformat(),
            nik_attempts=0,
            nik_regency=facts.regency_code if facts is not None else None,
        )
        if c.data.get("_edit") and _origin_to_confirm(c):
            # A NIK changed from the summary may name another home than the one stored.
            return Advance(Step.ORIGIN_CONFIRM)
        return Advance()

    def on_choice(self, c: Ctx, value: str) -> Result:
        if value == "skip":
            c.data.update(nik=None, sex=None, birth_date=None, nik_regency=None)
            return Advance()
        return super().on_choice(c, value)


def _origin_to_confirm(c: Ctx) -> bool:
    """The NIK names a regency that is not (yet) the stored origin."""
    return offers_nik_origin(c) and c.data.get("origin_regency") != c.data[NIK_REGENCY]


def _after_phone(c: Ctx) -> Result:
    """The origin questions, or only a confirmation of the origin the NIK names."""
    if not c.data.get("_edit") and offers_nik_origin(c):
        return Advance(Step.ORIGIN_CONFIRM)
    return Advance()


class Phone(StepDef):
    """Stores the phone number, shared or typed (or none); asks the origin (or to confirm it)."""

    step = Step.PHONE

    def ask(self, c: Ctx) -> Question:
        return Question(
            self.step,
            msg("ask.phone"),
            request="contact",
            reply_buttons=(Button(msg("btn.no_phone"), "skip"),),
        )

    def _store(self, c: Ctx, raw: str) -> Result:
        try:
            c.data["phone"] = normalize_phone(raw)
        except InvalidPhone:
            return Retry(msg("error.phone"))
        return _after_phone(c)

    def on_text(self, c: Ctx, text: str) -> Result:
        return self._store(c, text)

    def on_contact(self, c: Ctx, phone: str, own: bool) -> Result:
        return self._store(c, contact_number(phone))

    def on_choice(self, c: Ctx, value: str) -> Result:
        if value == "skip":
            c.data["phone"] = None
            return _after_phone(c)
        return super().on_choice(c, value)
