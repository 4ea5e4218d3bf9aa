"""The questions of the intake, one class per step: what each stores and what it asks next."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlmodel import Session

from models.intake.io import Button, Question
from models.intake.members import parse_members
from models.reference import regions
from models.reference.validation import (
    InvalidAmount,
    InvalidNik,
    InvalidPhone,
    normalize_phone,
    parse_amount,
    parse_nik,
)
from models.storage.tables import Account, Dialog
from models.texts import Join, Msg, msg

KOBAR_CODE = "62.01"
# Where most stranded workers in Kobar come from (Dinsos 2024): offered as buttons first.
COMMON_PROVINCES = ("35", "33", "32", "52", "53", "34")
PAGE_SIZE = 8
MAX_GROUP = 500
NAME_MAX = 100
SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 500
STORY_MAX = 2000

NEEDS = ("transport", "food", "shelter", "health", "wages_legal", "other")
VULNERABILITIES = ("sick", "pregnant", "child", "elderly", "disabled")
WORK_TYPES = ("plantation", "construction", "mining", "factory", "fishing")
ENDED_OPTIONS = ("this_week", "this_month", "last_month", "earlier")
PHOTO_PURPOSES = ("ktp", "document", "situation")


class Step(StrEnum):
    CONSENT = "consent"
    NAME = "name"
    NIK = "nik"
    PHONE = "phone"
    ORIGIN = "origin"
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
    """Answer not usable: say why, ask again."""

    error: Msg


@dataclass
class Finish:
    """The draft ends: "submit", "declined" (no consent) or "discard" (cancel confirmed)."""

    how: str


Result = Advance | Stay | Retry | Finish


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _rows(buttons: list[Button], per_row: int) -> tuple[tuple[Button, ...], ...]:
    return tuple(tuple(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row))


def _skip_row(key: str = "btn.dont_know", value: str = "skip") -> tuple[Button, ...]:
    return (Button(msg(key), value),)


class StepDef:
    step: Step
    # Free-text questions keep a voice note as an attachment instead of refusing it.
    free_text = False

    def ask(self, c: Ctx) -> Question:
        raise NotImplementedError

    def on_text(self, c: Ctx, text: str) -> Result:
        return Retry(msg("hint.use_buttons"))

    def on_choice(self, c: Ctx, value: str) -> Result:
        return Retry(msg("hint.use_buttons"))

    def on_contact(self, c: Ctx, phone: str, own: bool) -> Result:
        return Retry(msg("hint.unexpected_contact"))

    def on_location(self, c: Ctx, latitude: float, longitude: float) -> Result:
        return Retry(msg("hint.unexpected_location"))

    def on_file(self, c: Ctx, kind: str, file_id: str, unique_id: str) -> Result:
        return Retry(msg(f"hint.unexpected_{kind}"))


class TextStep(StepDef):
    """A free-text answer stored under `field`, with an optional "don't know" button."""

    free_text = True

    def __init__(self, step: Step, field_name: str, *, skip: str | None, max_len: int) -> None:
        self.step = step
        self.field = field_name
        self.skip = skip
        self.max_len = max_len

    def ask(self, c: Ctx) -> Question:
        rows = (_skip_row(self.skip),) if self.skip else ()
        return Question(self.step, msg(f"ask.{self.step}"), rows)

    def on_text(self, c: Ctx, text: str) -> Result:
        value = _clean(text)
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


class Consent(StepDef):
    """Consent first: the person's own, or an officer confirming it was given verbally."""

    def __init__(self, step: Step, question: str, yes: str, no: str) -> None:
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


class Name(TextStep):
    def __init__(self) -> None:
        super().__init__(Step.NAME, "full_name", skip=None, max_len=NAME_MAX)

    def on_text(self, c: Ctx, text: str) -> Result:
        if not re.search(r"[^\W\d_]", text):
            return Retry(msg("error.name_letters"))
        return super().on_text(c, text)


class Nik(StepDef):
    step = Step.NIK

    def ask(self, c: Ctx) -> Question:
        return Question(self.step, msg("ask.nik"), (_skip_row("btn.no_nik"),))

    def on_text(self, c: Ctx, text: str) -> Result:
        try:
            info = parse_nik(text, today=c.now.date())
        except InvalidNik as exc:
            c.data["nik_attempts"] = c.data.get("nik_attempts", 0) + 1
            return Retry(msg(f"error.nik.{exc.problem.name.lower()}"))
        c.data.update(
            nik=info.nik,
            sex=info.sex,
            birth_date=info.birth_date.isoformat(),
            nik_attempts=0,
        )
        return Advance()

    def on_choice(self, c: Ctx, value: str) -> Result:
        if value == "skip":
            c.data.update(nik=None, sex=None, birth_date=None)
            return Advance()
        return super().on_choice(c, value)


class Phone(StepDef):
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
        return Advance()

    def on_text(self, c: Ctx, text: str) -> Result:
        return self._store(c, text)

    def on_contact(self, c: Ctx, phone: str, own: bool) -> Result:
        return self._store(c, contact_number(phone))

    def on_choice(self, c: Ctx, value: str) -> Result:
        if value == "skip":
            c.data["phone"] = None
            return Advance()
        return super().on_choice(c, value)


def contact_number(phone: str) -> str:
    """Telegram shares contact numbers internationally without the "+" (6281...)."""
    return phone if phone.startswith(("+", "0")) else f"+{phone}"


def _region_label(code: str) -> str:
    region = regions.get(code)
    return region.short_name if region else code


def _set_regency(c: Ctx, code: str) -> Result:
    regency = regions.get(code)
    if regency is None or regency.level != 2:
        return Retry(msg("hint.use_buttons"))
    c.data["origin_regency"] = regency.code
    c.data["origin_province"] = regency.parent_code
    c.data.pop("origin_candidates", None)
    province = regions.get(regency.parent_code)
    return Advance(
        notices=[
            msg("note.origin", regency=regency.name, province=province.name if province else "")
        ]
    )


def _from_match(c: Ctx, text: str, province_code: str | None) -> Result | None:
    found = regions.match_regency(text, province_code=province_code)
    if found.region is not None:
        return _set_regency(c, found.region.code)
    if found.candidates:
        c.data["origin_candidates"] = [r.code for r in found.candidates]
        return Advance(Step.ORIGIN_PICK)
    return None


class Origin(StepDef):
    step = Step.ORIGIN
    free_text = True

    def ask(self, c: Ctx) -> Question:
        page = c.data.get("province_page")
        if page is None:
            codes = list(COMMON_PROVINCES)
            nav = [Button(msg("btn.other_province"), "provs:0")]
        else:
            codes = [p.code for p in regions.provinces()]
            codes, nav = _page(codes, page, "provs")
        buttons = [Button(_region_label(code), f"prov:{code}") for code in codes]
        return Question(self.step, msg("ask.origin"), (*_rows(buttons, 2), tuple(nav)))

    def on_text(self, c: Ctx, text: str) -> Result:
        result = _from_match(c, text, None)
        if result is not None:
            return result
        province = regions.match_province(text)
        if province.region is not None:
            c.data["origin_province"] = province.region.code
            c.data["regency_page"] = 0
            return Advance(Step.REGENCY)
        return Retry(msg("error.origin_not_found"))

    def on_choice(self, c: Ctx, value: str) -> Result:
        kind, _, arg = value.partition(":")
        if kind == "provs" and arg.isdigit():
            c.data["province_page"] = int(arg)
            return Stay(edit_in_place=True)
        if kind == "prov" and regions.get(arg) is not None:
            c.data["origin_province"] = arg
            c.data["regency_page"] = 0
            return Advance(Step.REGENCY)
        return super().on_choice(c, value)


def _page(codes: list[str], page: int, prefix: str) -> tuple[list[str], list[Button]]:
    last = max(0, (len(codes) - 1) // PAGE_SIZE)
    page = min(max(page, 0), last)
    nav: list[Button] = []
    if page > 0:
        nav.append(Button("◀", f"{prefix}:{page - 1}"))
    if page < last:
        nav.append(Button("▶", f"{prefix}:{page + 1}"))
    return codes[page * PAGE_SIZE : (page + 1) * PAGE_SIZE], nav


class Regency(StepDef):
    step = Step.REGENCY
    free_text = True

    def ask(self, c: Ctx) -> Question:
        province_code = c.data["origin_province"]
        codes = [r.code for r in regions.regencies_of(province_code)]
        shown, nav = _page(codes, c.data.get("regency_page", 0), "page")
        buttons = [Button(_region_label(code), f"reg:{code}") for code in shown]
        return Question(
            self.step,
            msg("ask.regency", province=regions.get(province_code).name),  # type: ignore[union-attr]
            (*_rows(buttons, 2), tuple(nav), (Button(msg("btn.dont_know"), "skip"),)),
        )

    def on_text(self, c: Ctx, text: str) -> Result:
        result = _from_match(c, text, c.data["origin_province"])
        return result if result is not None else Retry(msg("error.origin_not_found"))

    def on_choice(self, c: Ctx, value: str) -> Result:
        kind, _, arg = value.partition(":")
        if kind == "page" and arg.isdigit():
            c.data["regency_page"] = int(arg)
            return Stay(edit_in_place=True)
        if kind == "reg":
            return _set_regency(c, arg)
        if value == "skip":
            c.data["origin_regency"] = None
            return Advance()
        return super().on_choice(c, value)


class OriginPick(StepDef):
    step = Step.ORIGIN_PICK
    free_text = True

    def ask(self, c: Ctx) -> Question:
        buttons = []
        for code in c.data.get("origin_candidates", []):
            region = regions.get(code)
            province = regions.get(region.parent_code) if region else None
            if region and province:
                label = f"{region.short_name} ({province.short_name})"
                buttons.append((Button(label, f"reg:{code}"),))
        buttons.append((Button(msg("btn.none_of_these"), "retype"),))
        return Question(self.step, msg("ask.origin_pick"), tuple(buttons))

    def on_text(self, c: Ctx, text: str) -> Result:
        result = _from_match(c, text, None)
        return result if result is not None else Retry(msg("error.origin_not_found"))

    def on_choice(self, c: Ctx, value: str) -> Result:
        kind, _, arg = value.partition(":")
        if kind == "reg" and arg in c.data.get("origin_candidates", []):
            return _set_regency(c, arg)
        if value == "retype":
            c.data.pop("origin_candidates", None)
            return Advance(Step.ORIGIN)
        return super().on_choice(c, value)


class Location(StepDef):
    step = Step.LOCATION
    free_text = True

    def ask(self, c: Ctx) -> Question:
        return Question(self.step, msg("ask.location"), request="location")

    def on_text(self, c: Ctx, text: str) -> Result:
        value = _clean(text)
        if len(value) < 2:
            return Retry(msg("error.too_short"))
        if len(value) > LONG_TEXT_MAX:
            return Retry(msg("error.too_long", limit=LONG_TEXT_MAX))
        c.data.update(location_text=value, latitude=None, longitude=None)
        return Advance()

    def on_location(self, c: Ctx, latitude: float, longitude: float) -> Result:
        c.data.update(latitude=latitude, longitude=longitude)
        return Advance()


class District(StepDef):
    step = Step.DISTRICT

    def ask(self, c: Ctx) -> Question:
        buttons = [Button(d.name, f"d:{d.code}") for d in regions.districts_of(KOBAR_CODE)]
        rows = (*_rows(buttons, 2), (Button(msg("btn.district_unknown"), "skip"),))
        return Question(self.step, msg("ask.district"), rows)

    def on_choice(self, c: Ctx, value: str) -> Result:
        kind, _, code = value.partition(":")
        if kind == "d" and code in {d.code for d in regions.districts_of(KOBAR_CODE)}:
            c.data["location_district"] = code
            return Advance()
        if value == "skip":
            c.data["location_district"] = None
            return Advance()
        return super().on_choice(c, value)


_NUMBER_WORDS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9, "sepuluh": 10, "sendiri": 1, "sendirian": 1,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "alone": 1,
}  # fmt: skip


class Group(StepDef):
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
    step = Step.RECRUITER_PHONE

    def ask(self, c: Ctx) -> Question:
        return Question(
            self.step,
            msg("ask.rec_phone", name=c.data.get("recruiter_name") or ""),
            (_skip_row(),),
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


class OptionStep(StepDef):
    """One of a fixed list of options (stored as a code), or a typed answer kept as text."""

    def __init__(self, step: Step, field_name: str, options: tuple[str, ...], *, typed: bool):
        self.step = step
        self.field = field_name
        self.options = options
        self.free_text = typed

    def ask(self, c: Ctx) -> Question:
        buttons = [Button(msg(f"opt.{self.step}.{o}"), o) for o in self.options]
        return Question(self.step, msg(f"ask.{self.step}"), _rows(buttons, 2))

    def on_choice(self, c: Ctx, value: str) -> Result:
        if value in self.options:
            c.data[self.field] = value
            c.data.pop(f"{self.field}_text", None)
            return Advance()
        return super().on_choice(c, value)

    def on_text(self, c: Ctx, text: str) -> Result:
        if not self.free_text:
            return super().on_text(c, text)
        value = _clean(text)
        if len(value) < 2:
            return Retry(msg("error.too_short"))
        if len(value) > SHORT_TEXT_MAX:
            return Retry(msg("error.too_long", limit=SHORT_TEXT_MAX))
        c.data[self.field] = None
        c.data[f"{self.field}_text"] = value
        return Advance()


class Wages(StepDef):
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
    step = Step.AMOUNT

    def ask(self, c: Ctx) -> Question:
        return Question(self.step, msg("ask.amount"), (_skip_row(),))

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


class MultiStep(StepDef):
    """Several options ticked one by one, then "Selesai"."""

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
        return Question(self.step, msg(f"ask.{self.step}"), (*_rows(buttons, 2), tuple(last)))

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


class Needs(MultiStep):
    free_text = True

    def __init__(self) -> None:
        super().__init__(Step.NEEDS, "needs", NEEDS, none=False)

    def on_text(self, c: Ctx, text: str) -> Result:
        value = _clean(text)
        if len(value) > LONG_TEXT_MAX:
            return Retry(msg("error.too_long", limit=LONG_TEXT_MAX))
        c.data["needs_other"] = value
        if "other" not in c.data.get("needs", []):
            c.data["needs"] = [*c.data.get("needs", []), "other"]
        return Stay([msg("note.need_noted")])

    def after_done(self, c: Ctx) -> Result:
        if "other" in c.data["needs"] and not c.data.get("needs_other"):
            return Advance(Step.NEEDS_OTHER)
        if "other" not in c.data["needs"]:
            c.data["needs_other"] = None
        return Advance()


class NeedsOther(TextStep):
    def __init__(self) -> None:
        super().__init__(Step.NEEDS_OTHER, "needs_other", skip=None, max_len=LONG_TEXT_MAX)


class Urgency(MultiStep):
    def __init__(self) -> None:
        super().__init__(Step.URGENCY, "vulnerabilities", VULNERABILITIES, none=True)


class Photos(StepDef):
    step = Step.PHOTOS

    def ask(self, c: Ctx) -> Question:
        files = c.data.get("files", [])
        photos = [f for f in files if f["kind"] in ("photo", "document")]
        if photos and photos[-1].get("purpose") is None:
            index = len(files) - 1
            buttons = [Button(msg(f"opt.photo.{p}"), f"k:{index}:{p}") for p in PHOTO_PURPOSES]
            return Question(
                self.step,
                msg("ask.photo_kind", count=len(photos)),
                (tuple(buttons), (Button(msg("btn.photos_done"), "done"),)),
            )
        if photos:
            return Question(
                self.step,
                msg("ask.photos_more", count=len(photos)),
                ((Button(msg("btn.photos_done"), "done"),),),
            )
        return Question(self.step, msg("ask.photos"), ((Button(msg("btn.skip"), "done"),),))

    def on_file(self, c: Ctx, kind: str, file_id: str, unique_id: str) -> Result:
        if kind == "voice":
            return super().on_file(c, kind, file_id, unique_id)
        files = c.data.setdefault("files", [])
        files.append({"kind": kind, "file_id": file_id, "unique_id": unique_id, "purpose": None})
        return Stay()

    def on_choice(self, c: Ctx, value: str) -> Result:
        parts = value.split(":")
        files = c.data.get("files", [])
        if len(parts) == 3 and parts[0] == "k" and parts[1].isdigit():
            index = int(parts[1])
            if index < len(files) and parts[2] in PHOTO_PURPOSES:
                files[index]["purpose"] = parts[2]
                return Stay()
        if value == "done":
            for item in files:
                if item["kind"] != "voice" and item.get("purpose") is None:
                    item["purpose"] = "situation"
            return Advance()
        return super().on_choice(c, value)

    def on_text(self, c: Ctx, text: str) -> Result:
        return Retry(msg("hint.photos"))


SUMMARY_FIELDS = (
    Step.NAME, Step.NIK, Step.PHONE, Step.ORIGIN, Step.LOCATION, Step.GROUP, Step.RECRUITER,
    Step.EMPLOYER, Step.WORK, Step.ENDED, Step.WAGES, Step.NEEDS, Step.URGENCY, Step.PHOTOS,
)  # fmt: skip


class Summary(StepDef):
    step = Step.SUMMARY
    fields: tuple[Step, ...] = SUMMARY_FIELDS

    def ask(self, c: Ctx) -> Question:
        from models.intake.summary import summary_text

        return self._question(summary_text(c.data))

    def _question(self, text: Msg) -> Question:
        edits = [Button(msg(f"field.{s}"), f"e:{s}") for s in self.fields]
        rows = (
            *_rows(edits, 3),
            (Button(msg("btn.submit"), "send"),),
            (Button(msg("btn.cancel"), "cancel"),),
        )
        return Question(self.step, text, rows)

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
        return Retry(msg("hint.summary"))


class Cancel(StepDef):
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


MAX_MEMBERS = MAX_GROUP
PROBLEMS_LISTED = 8


class Members(StepDef):
    """The group's members, pasted as a list or sent one line at a time."""

    step = Step.MEMBERS

    def ask(self, c: Ctx) -> Question:
        members = c.data.get("members", [])
        if not members:
            return Question(self.step, msg("ask.members"))
        from models.intake.summary import members_label

        return Question(
            self.step,
            msg("ask.members_more", count=len(members), members=members_label(members)),
            ((Button(msg("btn.members_done"), "done"), Button(msg("btn.members_undo"), "undo")),),
        )

    def on_text(self, c: Ctx, text: str) -> Result:
        members, problems = parse_members(text, today=c.now.date())
        current = c.data.setdefault("members", [])
        known = {m["nik"] for m in current if m["nik"]}
        notices: list[Msg] = []
        added = 0
        for member in members:
            if member.nik and member.nik in known:
                notices.append(msg("members.same_nik", name=member.full_name))
                continue
            if len(current) >= MAX_MEMBERS:
                notices.append(msg("members.too_many", max=MAX_MEMBERS))
                break
            current.append(member.as_dict())
            known.add(member.nik)
            added += 1
        if problems:
            # One message for all the lines that were not taken (at most a few listed).
            listed: list[Msg | str] = [
                msg("members.line_problem", line=p.line, problem=msg(p.key))
                for p in problems[:PROBLEMS_LISTED]
            ]
            if len(problems) > PROBLEMS_LISTED:
                listed.append(msg("members.more_problems", count=len(problems) - PROBLEMS_LISTED))
            notices.append(msg("members.problems", lines=Join(tuple(listed), sep="\n")))
        if added:
            notices.insert(0, msg("members.added", count=added, total=len(current)))
        return Stay(notices)

    def on_choice(self, c: Ctx, value: str) -> Result:
        members = c.data.get("members", [])
        if value == "undo" and members:
            members.pop()
            return Stay(edit_in_place=True)
        if value == "done":
            if not members:
                return Retry(msg("error.members_none"))
            c.data["group_size"] = len(members)
            c.data["vulnerabilities"] = [
                v for v in VULNERABILITIES if any(v in m["vulnerabilities"] for m in members)
            ]
            return Advance()
        return super().on_choice(c, value)


OFFICER_SUMMARY_FIELDS = (
    Step.MEMBERS, Step.ORIGIN, Step.LOCATION, Step.RECRUITER, Step.EMPLOYER, Step.SITE,
    Step.WORK, Step.ENDED, Step.WAGES, Step.NEEDS, Step.STORY, Step.PHOTOS,
)  # fmt: skip


class OfficerSummary(Summary):
    step = Step.O_SUMMARY
    fields = OFFICER_SUMMARY_FIELDS

    def ask(self, c: Ctx) -> Question:
        from models.intake.summary import officer_summary_text

        return self._question(officer_summary_text(c.data))


STEPS: dict[Step, StepDef] = {
    s.step: s
    for s in (
        Consent(Step.CONSENT, "ask.consent", "btn.agree", "btn.disagree"),
        Name(),
        Nik(),
        Phone(),
        Origin(),
        Regency(),
        OriginPick(),
        Location(),
        District(),
        Group(),
        Recruiter(),
        RecruiterPhone(),
        TextStep(Step.EMPLOYER, "employer", skip="btn.dont_know", max_len=SHORT_TEXT_MAX),
        OptionStep(Step.WORK, "work_type", WORK_TYPES, typed=True),
        OptionStep(Step.ENDED, "work_ended", ENDED_OPTIONS, typed=True),
        Wages(),
        Amount(),
        Needs(),
        NeedsOther(),
        Urgency(),
        Photos(),
        Summary(),
        Cancel(),
        Consent(Step.O_CONSENT, "ask.oconsent", "btn.oconsent_yes", "btn.oconsent_no"),
        Members(),
        TextStep(Step.SITE, "work_site", skip="btn.dont_know", max_len=SHORT_TEXT_MAX),
        TextStep(Step.STORY, "story", skip="btn.skip", max_len=STORY_MAX),
        OfficerSummary(),
    )
}
