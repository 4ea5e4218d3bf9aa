"""Callback data for buttons that act on a case: short and opaque, checked on every press.

`c:<case id>:<action>[:<argument>]`, always under Telegram's 64-byte limit. The button carries
no permission: handlers/cases.py authorises the person pressing it every time.
"""

from __future__ import annotations

from dataclasses import dataclass

PREFIX = "c"


class Action:
    OPEN = "open"  # show the case card
    TAKE = "take"  # assign to me
    VERIFY = "verify"  # baru -> diverifikasi
    STATUS = "st"  # argument: the new status
    CHECK = "ck"  # argument: checklist code
    NOTE = "note"
    REFER = "ref"  # argument: agency id (none: choose)
    REFERRAL_DONE = "refdone"  # argument: referral id
    MESSAGE = "msg"  # write to the reporter
    PEOPLE = "ppl"  # the people in the group
    PERSON = "per"  # argument: person id (choose its status)
    PERSON_STATUS = "pst"  # argument: "<person id>.<status>"
    PHOTOS = "pho"  # re-send the attachments
    HISTORY = "hist"
    ASSIGN = "asg"  # argument: account id (none: choose)
    REOPEN = "reopen"
    SNOOZE = "snz"  # no follow-ups for a day


@dataclass(frozen=True)
class CaseCallback:
    case_id: int
    action: str
    arg: str = ""


def case_data(case_id: int, action: str, arg: str | int = "") -> str:
    data = f"{PREFIX}:{case_id}:{action}" + (f":{arg}" if arg != "" else "")
    if len(data.encode()) > 64:
        raise ValueError("callback data over Telegram's 64-byte limit")
    return data


def parse_case_data(data: str | None) -> CaseCallback | None:
    parts = (data or "").split(":", 3)
    if len(parts) < 3 or parts[0] != PREFIX or not parts[1].isdigit():
        return None
    return CaseCallback(int(parts[1]), parts[2], parts[3] if len(parts) == 4 else "")
