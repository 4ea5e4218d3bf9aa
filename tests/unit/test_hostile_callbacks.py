"""Hostile callback data (hypothesis): every codec in views/ turns what a client sends into a
typed value with bounds, or refuses it (None), and never raises. Forged data is what a modified
client or a forwarded button sends: huge numbers, non-ASCII digits ("²", "١"), negative or
empty fields, wrong separators, other prefixes, random Unicode, any length."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from i18n import LANGUAGES
from models.cases.search import clean_query
from models.intake.io import ChoiceIn
from models.storage.tables import Role
from views.admin import GiveRole, InviteAs, SetActive, ShowMember, parse_admin_data
from views.case_buttons import (
    CHECKIN_PATTERN,
    MAX_NUMBER,
    SNOOZE_PATTERN,
    Action,
    CaseCallback,
    case_data,
    parse_case_data,
    parse_checkin_data,
    parse_list_data,
)
from views.intake_buttons import chosen_language, parse_intake_callback
from views.recruiters import export_data, parse_export_data
from views.search import SEARCH_MARK, parse_search_data, query_hash, search_data

CODE = re.compile(r"[a-z_]{1,32}")
COUNT: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def _count_inputs() -> Iterator[None]:
    """Prints how many hostile inputs the properties saw (shown with `pytest -s`)."""
    yield
    print(f"\nhostile callback data: {sum(COUNT.values())} inputs {dict(COUNT)}")


# Numbers at every boundary, in every spelling a client could send.
boundary_numbers = st.sampled_from(
    [0, 1, -1, 500, 501, MAX_NUMBER, MAX_NUMBER + 1, 2**63, 10**20, 10**100]
).map(str)
numbers = st.one_of(
    boundary_numbers,
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    # Non-ASCII digits (superscripts, Arabic-Indic, fullwidth...): `isdigit` takes them.
    st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=25),
    st.sampled_from(["²", "١٢", "１２", "0x1f", "1e9", " 7", "7 ", "+7", "", "٣٣٣"]),
    st.just("9" * 5000),
)
words = st.one_of(
    st.sampled_from([a.value for a in Action] + [r.value for r in Role]),
    st.sampled_from(["inv", "m", "r", "act", "y", "n", "o", "s.baru", "p.62", "all", "report"]),
    st.text(max_size=40),
)
prefixes = st.sampled_from(["c", "ci", "l", "a", "s", "rx", "lang", "i", "m", "", "C", "c "])
separators = st.sampled_from([":", ":", ":", ".", "::", "："])


@st.composite
def forged(draw: st.DrawFn) -> str:
    """Data shaped like the bot's own (prefix:number:word:...), with hostile parts."""
    parts = [draw(prefixes)]
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        parts.append(draw(st.one_of(numbers, words)))
    sep = draw(separators)
    return sep.join(parts)


hostile_data = st.one_of(forged(), st.text(max_size=300), st.binary(max_size=64).map(repr))


def bounded(value: int | None) -> bool:
    return value is None or (isinstance(value, int) and 0 <= value <= MAX_NUMBER)


@settings(max_examples=3000, deadline=None)
@given(hostile_data)
def test_case_list_and_checkin_codecs_give_bounded_values_or_none(data: str) -> None:
    COUNT["case codecs"] += 1
    case = parse_case_data(data)
    if case is not None:
        assert isinstance(case.action, Action)
        assert bounded(case.case_id) and case.case_id is not None and bounded(case.ref)
        assert case.code is None or CODE.fullmatch(case.code)
        assert data.isascii()
    listed = parse_list_data(data)
    if listed is not None:
        assert listed.filter.valid and bounded(listed.page)
    checkin = parse_checkin_data(data)
    if checkin is not None:
        assert bounded(checkin.case_id) and isinstance(checkin.arrived, bool)
    # What the handlers' patterns let through is what the parsers accept or refuse.
    if re.match(SNOOZE_PATTERN, data):
        assert case is not None and case.action == Action.SNOOZE
    if re.match(CHECKIN_PATTERN, data) is None:
        assert checkin is None


@settings(max_examples=3000, deadline=None)
@given(hostile_data)
def test_admin_export_intake_and_language_codecs_never_raise(data: str) -> None:
    COUNT["admin/export/intake codecs"] += 1
    pressed = parse_admin_data(data)
    if isinstance(pressed, InviteAs):
        assert isinstance(pressed.role, Role) and bounded(pressed.agency_id)
    elif isinstance(pressed, ShowMember | SetActive):
        assert bounded(pressed.account_id)
    elif isinstance(pressed, GiveRole):
        assert isinstance(pressed.role, Role)
        assert bounded(pressed.account_id) and bounded(pressed.agency_id)
    else:
        assert pressed is None
    target = parse_export_data(data)
    assert target is None or bounded(target.recruiter_id)
    choice = parse_intake_callback(data)
    assert isinstance(choice, ChoiceIn)
    assert isinstance(choice.step, str) and isinstance(choice.value, str)
    assert chosen_language(data) in (None, *LANGUAGES)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(numbers, st.text(max_size=30)), st.text(max_size=200), st.booleans())
def test_search_pages_are_bounded_and_belong_to_their_message(
    page: str, query: str, own_hash: bool
) -> None:
    """`s:<page>:<hash>` on a message showing a search: the hash of the shown query is public,
    so a forged page must still come out bounded (a page of 10^20 overflowed the database)."""
    COUNT["search pages"] += 1
    shown = clean_query(query)
    message = f"{SEARCH_MARK}{shown}\nhasil"
    digest = query_hash(shown) if own_hash else query_hash(shown + "x")
    wanted = parse_search_data(f"s:{page}:{digest}", message)
    if wanted is not None:
        number, words = wanted
        assert bounded(number) and words == shown and own_hash
        assert page.isascii() and page.isdigit()
    assert parse_search_data(f"s:{page}:{digest}", None) is None


@settings(max_examples=1000, deadline=None)
@given(
    st.integers(min_value=0, max_value=MAX_NUMBER),
    st.sampled_from(list(Action)),
    st.integers(min_value=0, max_value=MAX_NUMBER),
    st.from_regex(CODE, fullmatch=True),
)
def test_the_bots_own_buttons_round_trip(case_id: int, action: Action, ref: int, code: str) -> None:
    """What the bot puts on a button parses back to the same typed value."""
    COUNT["round trips"] += 1
    assert parse_case_data(case_data(case_id, action)) in (CaseCallback(case_id, action), None)
    assert parse_export_data(export_data(ref)) is not None
    assert parse_export_data(export_data(None)) is not None
    shown = clean_query(code)
    if shown:
        assert parse_search_data(search_data(ref, shown), SEARCH_MARK + shown) == (ref, shown)


def test_known_forgeries_from_the_issue_are_refused() -> None:
    for data in ("c:99999999999999999999:open", "c:²:open", "c:-1:open", "c:١:open"):
        assert parse_case_data(data) is None
    for data in ("rx:²", "rx:99999999999999999999", "rx:-1", "rx:"):
        assert parse_export_data(data) is None
    message = f"{SEARCH_MARK}warga\nhasil"
    for page in ("²", "99999999999999999999", "-1", "9" * 5000):
        assert parse_search_data(f"s:{page}:{query_hash('warga')}", message) is None
