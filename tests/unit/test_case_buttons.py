"""Callback data from a client is parsed into typed values with bounds, or refused (None)."""

from __future__ import annotations

import re

import pytest

from models.storage.tables import Role
from views.admin import GiveRole, InviteAs, SetActive, ShowMember, parse_admin_data
from views.case_buttons import (
    CHECKIN_PATTERN,
    MAX_NUMBER,
    SNOOZE_PATTERN,
    Action,
    CaseCallback,
    case_data,
    checkin_data,
    list_data,
    parse_case_data,
    parse_checkin_data,
    parse_list_data,
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("c:5:open", CaseCallback(5, Action.OPEN)),
        ("c:5:take", CaseCallback(5, Action.TAKE)),
        ("c:5:snz", CaseCallback(5, Action.SNOOZE)),
        ("c:5:st:ditangani", CaseCallback(5, Action.STATUS, code="ditangani")),
        ("c:5:ck", CaseCallback(5, Action.CHECK)),
        ("c:5:ck:police_letter", CaseCallback(5, Action.CHECK, code="police_letter")),
        ("c:5:ref", CaseCallback(5, Action.REFER)),
        ("c:5:ref:3", CaseCallback(5, Action.REFER, ref=3)),
        ("c:5:refdone:12", CaseCallback(5, Action.REFERRAL_DONE, ref=12)),
        ("c:5:ppl", CaseCallback(5, Action.PEOPLE)),
        ("c:5:ppl:2", CaseCallback(5, Action.PEOPLE, ref=2)),
        ("c:5:per:40", CaseCallback(5, Action.PERSON, ref=40)),
        ("c:5:pst:40.dirawat", CaseCallback(5, Action.PERSON_STATUS, ref=40, code="dirawat")),
        ("c:5:asg:9", CaseCallback(5, Action.ASSIGN, ref=9)),
        (f"c:{MAX_NUMBER}:open", CaseCallback(MAX_NUMBER, Action.OPEN)),
    ],
)
def test_well_formed_case_data_is_read(data: str, expected: CaseCallback) -> None:
    assert parse_case_data(data) == expected


@pytest.mark.parametrize(
    "data",
    [
        "c:99999999999999999999:open",  # once an OverflowError in the database driver
        "c:²:open",  # once a ValueError from int()
        "c:١:open",  # Arabic-Indic digit: int() reads it as 1
        f"c:{MAX_NUMBER + 1}:open",
        "c:-1:open",
        "c::open",
        "c:5",
        "c:5:",
        "c:5:OPEN",
        "c:5:nope",
        "c:5:open:extra",  # an action without an argument takes none
        "c:5:st",  # a status change names its status
        "c:5:st:Ditangani",
        "c:5:refdone",  # closing a referral names it
        "c:5:ref:agency",
        f"c:5:ppl:{MAX_NUMBER + 1}",
        "c:5:ppl:٣",
        "c:5:per",
        "c:5:pst:40",
        "c:5:pst:.dirawat",
        "c:5:pst:x.dirawat",
        f"c:5:pst:{MAX_NUMBER + 1}.dirawat",
        "c:5:open\n",
        " c:5:open",
        "C:5:open",
        "l:o:0",
        "",
        None,
    ],
)
def test_malformed_case_data_is_refused(data: str | None) -> None:
    assert parse_case_data(data) is None


def test_case_data_round_trips_and_keeps_under_telegrams_limit() -> None:
    needs_argument = {Action.STATUS, Action.REFERRAL_DONE, Action.PERSON, Action.PERSON_STATUS}
    for action in set(Action) - needs_argument:
        assert parse_case_data(case_data(MAX_NUMBER, action)) == CaseCallback(MAX_NUMBER, action)
    assert parse_case_data(case_data(7, Action.PERSON_STATUS, "12.tinggal")) == CaseCallback(
        7, Action.PERSON_STATUS, ref=12, code="tinggal"
    )
    with pytest.raises(ValueError, match="64-byte"):
        case_data(1, Action.STATUS, "x" * 60)


@pytest.mark.parametrize(
    ("data", "code", "page"),
    [
        ("l:o:0", "o", 0),
        ("l:m:3", "m", 3),
        ("l:s.dirujuk:1", "s.dirujuk", 1),
        ("l:p.52:0", "p.52", 0),
    ],
)
def test_list_data_is_read(data: str, code: str, page: int) -> None:
    pressed = parse_list_data(data)
    assert pressed is not None and (pressed.filter.code, pressed.page) == (code, page)
    assert list_data(code, page) == data


@pytest.mark.parametrize(
    "data",
    [
        "l:o:99999999999999999999",
        f"l:o:{MAX_NUMBER + 1}",
        "l:o:-1",
        "l:o:²",
        "l:o",
        "l:q:0",
        "l:s.nope:0",
        "l:p.²²:0",
        "l:p.5:0",
        "l:o.x:0",
        "l:o:0:0",
        None,
    ],
)
def test_malformed_list_data_is_refused(data: str | None) -> None:
    assert parse_list_data(data) is None


def test_checkin_data() -> None:
    for arrived in (True, False):
        pressed = parse_checkin_data(checkin_data(31, arrived))
        assert pressed is not None and (pressed.case_id, pressed.arrived) == (31, arrived)
    for data in ("ci:31:x", "ci:²:y", f"ci:{MAX_NUMBER + 1}:y", "ci:31", "ci:31:y:z", None):
        assert parse_checkin_data(data) is None


def test_the_handler_patterns_route_what_they_should() -> None:
    assert re.match(SNOOZE_PATTERN, "c:5:snz")
    # Not a snooze: the case buttons' handler gets it, and refuses it.
    assert not re.match(SNOOZE_PATTERN, "c:١:snz")
    assert not re.match(SNOOZE_PATTERN, "c:99999999999999999999:snz")
    # Every check-in answer goes to the check-in handler, which refuses the malformed.
    assert re.match(CHECKIN_PATTERN, "ci:99999999999999999999:y")
    assert not re.match(CHECKIN_PATTERN, "c:5:open")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("a:inv:staff", InviteAs(Role.STAFF)),
        ("a:inv:partner:3", InviteAs(Role.PARTNER, 3)),
        ("a:m:7", ShowMember(7)),
        ("a:r:7:officer", GiveRole(7, Role.OFFICER)),
        ("a:r:7:partner:3", GiveRole(7, Role.PARTNER, 3)),
        ("a:act:7:0", SetActive(7, False)),
        ("a:act:7:1", SetActive(7, True)),
    ],
)
def test_admin_data_is_read(data: str, expected: object) -> None:
    assert parse_admin_data(data) == expected


@pytest.mark.parametrize(
    "data",
    [
        "a:inv:boss",
        "a:inv",
        "a:m:²",
        "a:m:99999999999999999999",
        f"a:m:{MAX_NUMBER + 1}",
        f"a:inv:partner:{MAX_NUMBER + 1}",
        "a:r:7",
        "a:r:7:staff:x",
        "a:act:7:2",
        "a:act:7",
        "a:m:7:8",
        "a:x:7",
        None,
    ],
)
def test_malformed_admin_data_is_refused(data: str | None) -> None:
    assert parse_admin_data(data) is None
