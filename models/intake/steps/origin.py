"""Where the person comes from (province, regency) and where they are now in Kobar."""

from __future__ import annotations

from models.intake.io import Button, Question
from models.intake.steps.base import (
    LONG_TEXT_MAX,
    Advance,
    Ctx,
    Result,
    Retry,
    Stay,
    Step,
    StepDef,
    button_rows,
    clean_text,
)
from models.reference import regions
from models.reference.validation import small_number
from models.texts import msg

KOBAR_CODE = "62.01"
# Where most stranded workers in Kobar come from (Dinsos 2024): offered as buttons first.
COMMON_PROVINCES = ("35", "33", "32", "52", "53", "34")
PAGE_SIZE = 8


def _region_label(code: str) -> str:
    region = regions.get(code)
    return region.short_name if region else code


def set_origin(c: Ctx, code: str, *, announce: bool = True) -> Result:
    """Stores the regency `code` and its province as the origin; asks the location.

    `announce` reads the origin back ("✔ Asal: ..."), for a name typed or picked; a confirmed
    origin needs no reading back.
    """
    regency = regions.get(code)
    if regency is None or regency.level != 2:
        return Retry(msg("hint.use_buttons"))
    province = regions.province_of(regency.code)
    c.data["origin_regency"] = regency.code
    c.data["origin_province"] = province.code
    c.data.pop("origin_candidates", None)
    if not announce:
        return Advance()
    return Advance(notices=[msg("note.origin", regency=regency.name, province=province.name)])


def origin_typed(c: Ctx, text: str, province_code: str | None) -> Result | None:
    """Stores the regency a typed name gives (or offers the regencies it fits); None: no fit."""
    found = regions.match_regency(text, province_code=province_code)
    if found.region is not None:
        return set_origin(c, found.region.code)
    if found.candidates:
        c.data["origin_candidates"] = [r.code for r in found.candidates]
        return Advance(Step.ORIGIN_PICK)
    return None


def _page(codes: list[str], page: int, prefix: str) -> tuple[list[str], list[Button]]:
    last = max(0, (len(codes) - 1) // PAGE_SIZE)
    page = min(max(page, 0), last)
    nav: list[Button] = []
    if page > 0:
        nav.append(Button("◀", f"{prefix}:{page - 1}"))
    if page < last:
        nav.append(Button("▶", f"{prefix}:{page + 1}"))
    return codes[page * PAGE_SIZE : (page + 1) * PAGE_SIZE], nav


class Origin(StepDef):
    """Stores the province tapped (asks its regency) or a regency typed (asks the location)."""

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
        return Question(self.step, msg("ask.origin"), (*button_rows(buttons, 2), tuple(nav)))

    def on_text(self, c: Ctx, text: str) -> Result:
        result = origin_typed(c, text, None)
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
        page = small_number(arg, most=100)
        if kind == "provs" and page is not None:
            c.data["province_page"] = page
            return Stay(edit_in_place=True)
        if kind == "prov" and regions.get(arg) is not None:
            c.data["origin_province"] = arg
            c.data["regency_page"] = 0
            return Advance(Step.REGENCY)
        return super().on_choice(c, value)


class Regency(StepDef):
    """Stores the regency of the chosen province (or none); asks where the person is now."""

    step = Step.REGENCY
    free_text = True

    def ask(self, c: Ctx) -> Question:
        province_code = c.data["origin_province"]
        codes = [r.code for r in regions.regencies_of(province_code)]
        shown, nav = _page(codes, c.data.get("regency_page", 0), "page")
        buttons = [Button(_region_label(code), f"reg:{code}") for code in shown]
        return Question(
            self.step,
            msg("ask.regency", province=regions.province_of(province_code).name),
            (*button_rows(buttons, 2), tuple(nav), (Button(msg("btn.dont_know"), "skip"),)),
        )

    def on_text(self, c: Ctx, text: str) -> Result:
        result = origin_typed(c, text, c.data["origin_province"])
        return result if result is not None else Retry(msg("error.origin_not_found"))

    def on_choice(self, c: Ctx, value: str) -> Result:
        kind, _, arg = value.partition(":")
        page = small_number(arg, most=100)
        if kind == "page" and page is not None:
            c.data["regency_page"] = page
            return Stay(edit_in_place=True)
        if kind == "reg":
            return set_origin(c, arg)
        if value == "skip":
            c.data["origin_regency"] = None
            return Advance()
        return super().on_choice(c, value)


class OriginPick(StepDef):
    """Stores the regency picked among those the typed name fits; asks the location."""

    step = Step.ORIGIN_PICK
    free_text = True

    def ask(self, c: Ctx) -> Question:
        buttons = []
        for code in c.data.get("origin_candidates", []):
            region = regions.get(code)
            if region is not None and region.level == 2:
                province = regions.province_of(region.code)
                label = f"{region.short_name} ({province.short_name})"
                buttons.append((Button(label, f"reg:{code}"),))
        buttons.append((Button(msg("btn.none_of_these"), "retype"),))
        return Question(self.step, msg("ask.origin_pick"), tuple(buttons))

    def on_text(self, c: Ctx, text: str) -> Result:
        result = origin_typed(c, text, None)
        return result if result is not None else Retry(msg("error.origin_not_found"))

    def on_choice(self, c: Ctx, value: str) -> Result:
        kind, _, arg = value.partition(":")
        if kind == "reg" and arg in c.data.get("origin_candidates", []):
            return set_origin(c, arg)
        if value == "retype":
            c.data.pop("origin_candidates", None)
            return Advance(Step.ORIGIN)
        return super().on_choice(c, value)


class Location(StepDef):
    """Stores the shared location or the place typed; asks the district in Kobar."""

    step = Step.LOCATION
    free_text = True

    def ask(self, c: Ctx) -> Question:
        return Question(self.step, msg("ask.location"), request="location")

    def on_text(self, c: Ctx, text: str) -> Result:
        value = clean_text(text)
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
    """Stores the Kobar district (or none); asks the group size (officers: the recruiter)."""

    step = Step.DISTRICT

    def ask(self, c: Ctx) -> Question:
        buttons = [Button(d.name, f"d:{d.code}") for d in regions.districts_of(KOBAR_CODE)]
        rows = (*button_rows(buttons, 2), (Button(msg("btn.district_unknown"), "skip"),))
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
