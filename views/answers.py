"""A draft's answers as people read them: the summary before sending, and the labels of an
origin, a location, options and free text that the case views reuse.

The answers are plain data (the draft's dict, or a case's columns); everything here returns
catalogue texts (`Msg`, `Join`) or short strings, rendered later in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from models.reference import regions
from models.reference.validation import InvalidPhone, format_phone_local, format_rupiah
from models.texts import Join, Msg, msg

# Long groups and stories are shown in part, so a message stays under Telegram's 4096
# characters.
MEMBERS_SHOWN = 15
STORY_SHOWN = 600
PLACE_SHOWN = 80


def _or_dash(value: object) -> object:
    return value if value not in (None, "") else msg("value.none")


def clip(text: str | None, limit: int) -> str | None:
    """Long free text cut at a word, for places where everything must fit one message."""
    if text is None or len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def origin_label(province_code: str | None, regency_code: str | None) -> Msg | str:
    """ "Lombok Timur, Nusa Tenggara Barat": the regency (if known), then the province."""
    names = [
        region.name
        for region in (regions.get(regency_code or ""), regions.get(province_code or ""))
        if region is not None
    ]
    return ", ".join(names) if names else msg("value.none")


def location_label(data: Mapping[str, Any]) -> object:
    """Where the person is now: a shared location, what they typed, the district they chose."""
    parts: list[Msg | str] = []
    if data.get("latitude") is not None:
        parts.append(msg("value.shared_location"))
    if data.get("location_text"):
        parts.append(data["location_text"])
    district = regions.get(data.get("location_district") or "")
    if district is not None:
        parts.append(msg("value.district", name=district.name))
    return Join(tuple(parts)) if parts else msg("value.none")


def option_label(step: str, code: str | None, typed: str | None) -> object:
    """A chosen option's label (`opt.<step>.<code>`), or the answer typed instead."""
    if code:
        return msg(f"opt.{step}.{code}")
    return _or_dash(typed)


def options_label(step: str, codes: list[str], other: str | None = None) -> object:
    """Several chosen options, "other" last with what was typed for it."""
    items: list[Msg | str] = [msg(f"opt.{step}.{code}") for code in codes if code != "other"]
    if "other" in codes:
        items.append(msg("value.other", text=other or ""))
    return Join(tuple(items)) if items else msg("value.none")


def phone_label(e164: str | None) -> object:
    """A number as people write it here (0812-3456-7890), not as stored (+62812...)."""
    if not e164:
        return msg("value.none")
    try:
        return format_phone_local(e164)
    except InvalidPhone:
        return e164


def ended_label(data: Mapping[str, Any]) -> object:
    """When work ended: the option, or the words typed with the date they mean."""
    on, precision = data.get("work_ended_on"), data.get("work_ended_precision")
    if data.get("work_ended") or not (on and data.get("work_ended_text")):
        return option_label("ended", data.get("work_ended"), data.get("work_ended_text"))
    day = date.fromisoformat(on)
    shown = {"year": "%Y", "month": "%m-%Y"}.get(precision or "", "%d-%m-%Y")
    return msg("value.ended_on", words=data["work_ended_text"], date=day.strftime(shown))


def received_text(data: Mapping[str, Any]) -> Msg:
    """What a shared contact or location gave, said as its keyboard goes away."""
    if data.get("step") == "phone":
        if data.get("phone"):
            return msg("note.got_phone", phone=phone_label(data["phone"]))
        return msg("note.got_no_phone")
    if data.get("step") == "location":
        if data.get("latitude") is not None:
            return msg("note.got_location")
        if data.get("location_text"):
            return msg("note.got_place", place=clip(data["location_text"], PLACE_SHOWN))
    return msg("note.ok")


def recruiter_label(data: Mapping[str, Any]) -> object:
    if data.get("recruiter_name"):
        if data.get("recruiter_phone"):
            return msg(
                "value.with_phone",
                name=data["recruiter_name"],
                phone=phone_label(data["recruiter_phone"]),
            )
        return data["recruiter_name"]
    if data.get("recruiter") == "none":
        return msg("btn.no_recruiter")
    return msg("value.none")


def wages_label(data: Mapping[str, Any]) -> object:
    unpaid = data.get("wages_unpaid")
    if unpaid is True:
        amount = data.get("wages_amount")
        if amount:
            return msg("value.unpaid_amount", amount=format_rupiah(amount))
        return msg("btn.yes")
    if unpaid is False:
        return msg("btn.no")
    return msg("btn.dont_know")


def members_label(members: list[dict[str, Any]], shown: int = MEMBERS_SHOWN) -> object:
    """The first members, one per line, and how many more there are."""
    if not members:
        return msg("value.none")
    lines: list[Msg | str] = [
        msg(
            "value.member",
            n=n,
            name=m["full_name"],
            nik=m["nik"] or "—",
            age=m["age"] if m["age"] is not None else "—",
        )
        for n, m in enumerate(members[:shown], start=1)
    ]
    if len(members) > shown:
        lines.append(msg("value.more_people", count=len(members) - shown))
    return Join(tuple(lines), sep="\n")


def members_so_far(data: Mapping[str, Any]) -> Msg:
    """The group an officer has listed so far, asking for more."""
    members = data.get("members", [])
    return msg("ask.members_more", count=len(members), members=members_label(members))


def summary_text(data: Mapping[str, Any]) -> Msg:
    """A person's own report, every answer, for a last check before sending."""
    files = data.get("files", [])
    return msg(
        "ask.summary",
        name=_or_dash(data.get("full_name")),
        nik=_or_dash(data.get("nik")) if data.get("nik") else msg("btn.no_nik"),
        phone=phone_label(data.get("phone")),
        origin=origin_label(data.get("origin_province"), data.get("origin_regency")),
        location=location_label(data),
        group=data.get("group_size", 1),
        recruiter=recruiter_label(data),
        employer=_or_dash(data.get("employer")),
        work=option_label("work", data.get("work_type"), data.get("work_type_text")),
        ended=ended_label(data),
        wages=wages_label(data),
        needs=options_label("needs", data.get("needs", []), data.get("needs_other")),
        urgency=options_label("urgency", data.get("vulnerabilities", [])),
        photos=sum(1 for f in files if f["kind"] != "voice"),
        voices=sum(1 for f in files if f["kind"] == "voice"),
    )


def officer_summary_text(data: Mapping[str, Any]) -> Msg:
    """An officer's group report, every answer, for a last check before sending."""
    files = data.get("files", [])
    members = data.get("members", [])
    return msg(
        "ask.osummary",
        count=len(members),
        members=members_label(members),
        origin=origin_label(data.get("origin_province"), data.get("origin_regency")),
        location=location_label(data),
        recruiter=recruiter_label(data),
        employer=_or_dash(data.get("employer")),
        site=_or_dash(data.get("work_site")),
        work=option_label("work", data.get("work_type"), data.get("work_type_text")),
        ended=ended_label(data),
        wages=wages_label(data),
        needs=options_label("needs", data.get("needs", []), data.get("needs_other")),
        urgency=options_label("urgency", data.get("vulnerabilities", [])),
        story=_or_dash(clip(data.get("story"), STORY_SHOWN)),
        photos=sum(1 for f in files if f["kind"] != "voice"),
    )
