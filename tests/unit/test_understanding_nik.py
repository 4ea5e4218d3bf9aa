"""What a NIK says: origin regency and district, sex and birth date, for men and women."""

from __future__ import annotations

from datetime import date

import pytest

from models.understanding.nik import NikFacts, age_on, nik_facts

TODAY = date(2025, 6, 1)


def test_a_man_from_lombok_timur() -> None:
    facts = nik_facts("5203011505900001", today=TODAY)
    assert facts is not None
    assert facts.regency_code == "52.03"
    assert facts.regency.name == "Kabupaten Lombok Timur"
    assert facts.district_code == "52.03.01"
    assert facts.province.code == "52"
    assert (facts.sex, facts.birth_date, facts.age) == ("L", date(1990, 5, 15), 35)


def test_a_woman_from_jember_has_forty_added_to_her_day() -> None:
    facts = nik_facts("3509015505900002", today=TODAY)
    assert facts is not None
    assert facts.regency.name == "Kabupaten Jember"
    assert (facts.sex, facts.birth_date) == ("P", date(1990, 5, 15))


@pytest.mark.parametrize(
    ("nik", "sex", "born"),
    [
        ("6201010101000001", "L", date(2000, 1, 1)),
        ("6201014101000001", "P", date(2000, 1, 1)),
        ("6201013112990001", "L", date(1999, 12, 31)),
        ("6201017112990001", "P", date(1999, 12, 31)),  # day 71: the last day a woman can have
        ("6201010106250001", "L", date(2025, 6, 1)),  # born today: not in the future
        ("6201010206250001", "L", date(1925, 6, 2)),  # tomorrow in 2025 is 1925: 99 years old
        ("6201012902000001", "L", date(2000, 2, 29)),
        ("6201016902000001", "P", date(2000, 2, 29)),
    ],
)
def test_century_and_sex(nik: str, sex: str, born: date) -> None:
    facts = nik_facts(nik, today=TODAY)
    assert facts is not None
    assert (facts.sex, facts.birth_date) == (sex, born)
    assert 0 <= facts.age <= 100


def test_separators_are_allowed() -> None:
    assert nik_facts("5203 0115 0590 0001", today=TODAY) == nik_facts(
        "5203011505900001", today=TODAY
    )


@pytest.mark.parametrize(
    "nik",
    [
        "",
        "52030115059000",  # too short
        "52030115059000011",  # too long
        "9999011505900001",  # no such district
        "5203013205900001",  # day 32
        "5203017205900001",  # day 72: 32 for a woman
        "5203011513900001",  # month 13
        "5203012902010001",  # 29 February 2001
        "5203011505900000",  # serial 0000
        "5203O11505900001",  # a letter O
    ],
)
def test_invalid_nik_says_nothing(nik: str) -> None:
    assert nik_facts(nik, today=TODAY) is None


def test_age_on() -> None:
    assert age_on(date(1990, 6, 2), TODAY) == 34
    assert age_on(date(1990, 6, 1), TODAY) == 35


def test_facts_are_frozen() -> None:
    facts = nik_facts("5203011505900001", today=TODAY)
    assert isinstance(facts, NikFacts)
    with pytest.raises(AttributeError):
        facts.sex = "P"  # type: ignore[misc]  # the point of the test: it must not be settable
