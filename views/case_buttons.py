"""Buttons for case work and their callback data, built and parsed in one place.

Callback data is short and opaque and carries no permission: handlers authorise the person
pressing every time. It comes from the client, so it is parsed into a typed value with bounds
before anything touches the database; anything else is refused as malformed (None).

- `c:<case id>:<action>[:<argument>]`: an action on a case (the card, notices, reminders)
- `l:<filter>:<page>`: a page of the case list
- `ci:<case id>:<y|n>`: a repatriated reporter's answer to "did you arrive?"
- `rp:<case id>:<action>[:<argument>]`: sending people home (TravelAction)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any

from models.cases.lists import Filter

Row = list[tuple[str, str]]
Buttons = list[Row]  # rows of (label, callback data)

# Ids and pages fit PostgreSQL's INTEGER; a larger number is not one of ours.
MAX_NUMBER = 2**31 - 1
# Telegram refuses callback data over 64 bytes.
MAX_DATA = 64


@dataclass
class View:
    """A message as the person will read it: Telegram HTML and its buttons."""

    text: str
    buttons: Buttons


def keyboard(rows: Buttons) -> dict[str, Any]:
    """An inline keyboard as Bot API JSON, for messages queued in the outbox."""
    return {
        "inline_keyboard": [
            [{"text": label, "callback_data": data} for label, data in row] for row in rows
        ]
    }


class Action(StrEnum):
    OPEN = "open"  # show the case card
    TAKE = "take"  # assign to me
    VERIFY = "verify"  # baru -> diverifikasi
    STATUS = "st"  # argument: the new status
    CHECK = "ck"  # argument: checklist code (none: show the checklist)
    NOTE = "note"
    REFER = "ref"  # argument: agency id (none: choose)
    REFERRAL_DONE = "refdone"  # argument: referral id
    MESSAGE = "msg"  # write to the reporter
    PEOPLE = "ppl"  # argument: page (none: the first)
    PERSON = "per"  # argument: person id (choose its status)
    PERSON_STATUS = "pst"  # argument: "<person id>.<status>"
    PHOTOS = "pho"  # re-send the attachments
    HISTORY = "hist"
    ASSIGN = "asg"  # argument: account id (none: choose)
    REOPEN = "reopen"
    SNOOZE = "snz"  # no follow-ups for a day


class _Arg(Enum):
    NONE = "none"
    ID = "id"
    OPTIONAL_ID = "optional id"
    CODE = "code"
    OPTIONAL_CODE = "optional code"
    ID_AND_CODE = "id.code"


_ACTIONS = frozenset(a.value for a in Action)
_ARGS: dict[Action, _Arg] = {
    Action.STATUS: _Arg.CODE,
    Action.CHECK: _Arg.OPTIONAL_CODE,
    Action.REFER: _Arg.OPTIONAL_ID,
    Action.REFERRAL_DONE: _Arg.ID,
    Action.PEOPLE: _Arg.OPTIONAL_ID,
    Action.PERSON: _Arg.ID,
    Action.PERSON_STATUS: _Arg.ID_AND_CODE,
    Action.ASSIGN: _Arg.OPTIONAL_ID,
}
_NUMBER = r"[0-9]{1,10}"
_CASE_DATA = re.compile(rf"c:({_NUMBER}):([a-z]{{1,10}})(?::([0-9a-z_.]{{1,43}}))?", re.ASCII)
_DIGITS = re.compile(_NUMBER, re.ASCII)
_CODE = re.compile(r"[a-z_]{1,32}", re.ASCII)
# For the handlers' patterns. Snoozing is told apart from the other case actions by its shape
# (anything else under `c:` is the case buttons' to refuse); every `ci:` is a check-in answer,
# well-formed or not, so a malformed one is refused by the check-in handler.
SNOOZE_PATTERN = rf"^c:{_NUMBER}:{Action.SNOOZE}$"
CHECKIN_PATTERN = r"^ci:"


@dataclass(frozen=True)
class CaseCallback:
    case_id: int
    action: Action
    ref: int | None = None  # the agency, account, referral or person id, or the page
    code: str | None = None  # the status or checklist code


def bounded_number(text: str) -> int | None:
    """ASCII digits within bounds, or None (`int()` would take "²" or "١" too)."""
    if not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if value <= MAX_NUMBER else None


def case_data(case_id: int, action: Action, arg: str | int = "") -> str:
    data = f"c:{case_id}:{action}" + (f":{arg}" if arg != "" else "")
    if len(data.encode()) > MAX_DATA:
        raise ValueError("callback data over Telegram's 64-byte limit")
    return data


def parse_case_data(data: str | None) -> CaseCallback | None:
    """`c:<case id>:<action>[:<argument>]` with the argument the action takes, or None."""
    match = _CASE_DATA.fullmatch(data or "")
    if match is None:
        return None
    raw_id, raw_action, arg = match.groups()
    case_id = bounded_number(raw_id)
    if case_id is None or raw_action not in _ACTIONS:
        return None
    return _with_argument(case_id, Action(raw_action), arg)


def _with_argument(case_id: int, action: Action, arg: str | None) -> CaseCallback | None:
    kind = _ARGS.get(action, _Arg.NONE)
    if arg is None:
        optional = kind in (_Arg.NONE, _Arg.OPTIONAL_ID, _Arg.OPTIONAL_CODE)
        return CaseCallback(case_id, action) if optional else None
    if kind in (_Arg.ID, _Arg.OPTIONAL_ID):
        ref = bounded_number(arg)
        return CaseCallback(case_id, action, ref=ref) if ref is not None else None
    if kind in (_Arg.CODE, _Arg.OPTIONAL_CODE):
        return CaseCallback(case_id, action, code=arg) if _CODE.fullmatch(arg) else None
    if kind == _Arg.ID_AND_CODE:
        raw_ref, _, code = arg.partition(".")
        ref = bounded_number(raw_ref)
        if ref is None or not _CODE.fullmatch(code):
            return None
        return CaseCallback(case_id, action, ref=ref, code=code)
    return None


@dataclass(frozen=True)
class ListCallback:
    filter: Filter
    page: int


_LIST_DATA = re.compile(rf"l:([a-z](?:\.[0-9a-z_]{{1,20}})?):({_NUMBER})", re.ASCII)


def list_data(filter_code: str, page: int) -> str:
    return f"l:{filter_code}:{page}"


def parse_list_data(data: str | None) -> ListCallback | None:
    """`l:<filter>:<page>` with a filter the list knows, or None."""
    match = _LIST_DATA.fullmatch(data or "")
    if match is None:
        return None
    filt, page = Filter(match.group(1)), bounded_number(match.group(2))
    if not filt.valid or page is None:
        return None
    return ListCallback(filt, page)


@dataclass(frozen=True)
class CheckinCallback:
    case_id: int
    arrived: bool


_CHECKIN_DATA = re.compile(rf"ci:({_NUMBER}):([yn])", re.ASCII)


def checkin_data(case_id: int, arrived: bool) -> str:
    return f"ci:{case_id}:{'y' if arrived else 'n'}"


def parse_checkin_data(data: str | None) -> CheckinCallback | None:
    match = _CHECKIN_DATA.fullmatch(data or "")
    if match is None:
        return None
    case_id = bounded_number(match.group(1))
    if case_id is None:
        return None
    return CheckinCallback(case_id, match.group(2) == "y")


# -- Sending people home (handlers/repatriation.py): `rp:<case id>:<action>[:<argument>]` ----


class TravelAction(StrEnum):
    OPEN = "open"  # the travel board of the case
    NEW = "new"  # start a plan
    PICK = "pick"  # argument: person id (in or out of the plan)
    ALL = "all"  # everyone who can be planned
    NEXT = "next"  # take what the plan's step offers (the people chosen, a prefilled value)
    DEST = "dest"  # argument: the regency code's digits
    MODE = "mode"  # argument: the leg's mode
    DONE = "done"  # no more legs
    ESCORT = "esc"  # argument: account id (0: nobody)
    SAVE = "save"
    PERSON = "per"  # argument: person id (their next steps)
    STEP = "step"  # argument: "<person id>.<travel status>"
    REASON = "why"  # argument: "<person id>.<reason>" (did not travel)
    ARRIVED = "how"  # argument: "<person id>.<method>" (who confirmed the arrival)
    BACK = "back"  # the plan's previous step
    STOP = "stop"  # drop the plan being put together


_TRAVEL_ARGS: dict[TravelAction, _Arg] = {
    TravelAction.PICK: _Arg.ID,
    TravelAction.DEST: _Arg.ID,
    TravelAction.MODE: _Arg.CODE,
    TravelAction.ESCORT: _Arg.ID,
    TravelAction.PERSON: _Arg.ID,
    TravelAction.STEP: _Arg.ID_AND_CODE,
    TravelAction.REASON: _Arg.ID_AND_CODE,
    TravelAction.ARRIVED: _Arg.ID_AND_CODE,
}
_TRAVEL_ACTIONS = frozenset(a.value for a in TravelAction)
_TRAVEL_DATA = re.compile(rf"rp:({_NUMBER}):([a-z]{{1,6}})(?::([0-9a-z_.]{{1,43}}))?", re.ASCII)
TRAVEL_PATTERN = r"^rp:"


@dataclass(frozen=True)
class TravelCallback:
    case_id: int
    action: TravelAction
    ref: int | None = None  # the person, account or regency
    code: str | None = None  # the mode, status, reason or method


def travel_data(case_id: int, action: TravelAction, arg: str | int = "") -> str:
    data = f"rp:{case_id}:{action}" + (f":{arg}" if arg != "" else "")
    if len(data.encode()) > MAX_DATA:
        raise ValueError("callback data over Telegram's 64-byte limit")
    return data


def parse_travel_data(data: str | None) -> TravelCallback | None:
    """`rp:<case id>:<action>[:<argument>]` with the argument the action takes, or None."""
    match = _TRAVEL_DATA.fullmatch(data or "")
    if match is None:
        return None
    raw_id, raw_action, arg = match.groups()
    case_id = bounded_number(raw_id)
    if case_id is None or raw_action not in _TRAVEL_ACTIONS:
        return None
    action = TravelAction(raw_action)
    kind = _TRAVEL_ARGS.get(action, _Arg.NONE)
    if arg is None:
        return TravelCallback(case_id, action) if kind == _Arg.NONE else None
    if kind == _Arg.ID:
        ref = bounded_number(arg)
        return TravelCallback(case_id, action, ref=ref) if ref is not None else None
    if kind == _Arg.CODE:
        return TravelCallback(case_id, action, code=arg) if _CODE.fullmatch(arg) else None
    if kind == _Arg.ID_AND_CODE:
        raw_ref, _, code = arg.partition(".")
        ref = bounded_number(raw_ref)
        if ref is None or not _CODE.fullmatch(code):
            return None
        return TravelCallback(case_id, action, ref=ref, code=code)
    return None
