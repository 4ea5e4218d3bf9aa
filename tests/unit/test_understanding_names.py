"""Indonesian name variants, and possible matches shown to staff (never merged)."""

from __future__ import annotations

from datetime import date

import pytest

from models.understanding.names import (
    SAME_NAME,
    Person,
    Reason,
    name_key,
    possible_match,
    same_person_score,
)

TODAY = date(2025, 6, 1)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Muhammad Rizki", "M. Rizky"),
        ("Mochamad Rizki", "Muhamad Rizki"),
        ("Moh. Ali", "Mohammad Ali"),
        ("Mhd Yusuf", "Muhammad Yusuf"),
        ("Mohamad Yusuf", "Muhammad Yusuf"),
        ("Achmad Fauzi", "Ahmad Fauzi"),
        ("Akhmad Fauzi", "Ahmad Fauzi"),
        ("Abd. Rahman", "Abdul Rahman"),
        ("Abdurrahman", "Abdul Rahman"),
        ("Soekarno", "Sukarno"),
        ("Djoko Susilo", "Joko Susilo"),
        ("Tjipto", "Cipto"),
        ("Chairul Anwar", "Khairul Anwar"),
        ("Ramadhan", "Ramadan"),
        ("I Made Sudarma", "Made Sudarma"),
        ("I Made Sudarma", "Sudarma"),
        ("Ni Made Ayu Lestari", "Ayu Lestari"),
        ("I Gede Wirawan", "Gede Wirawan"),
        ("Ketut Arsana", "I Ketut Arsana"),
        ("Lalu Zaini", "Zaini"),
        ("Baiq Nurul Aini", "Nurul Aini"),
        ("H. Sulaiman", "Haji Sulaiman"),
        ("Hj. Siti Aminah", "Siti Aminah"),
        ("Siti Aminah", "Aminah Siti"),
        ("SITI AMINAH", "siti aminah"),
        ("Slamet Riyadi", "Selamet Riyadi"),
        ("Fatimah", "Fatima"),
        ("Sugianto", "Sugiyanto"),
        ("Sutrisno", "Agus Sutrisno"),
        ("Siti Aminah, S.Pd", "Siti Aminah"),
    ],
)
def test_same_person(a: str, b: str) -> None:
    assert same_person_score(a, b) >= SAME_NAME
    assert same_person_score(b, a) == same_person_score(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Siti Aminah", "Siti Aisyah"),
        ("Muhammad Rizki", "Muhammad Ridwan"),
        ("Agus Salim", "Agus Halim"),
        ("Budi Santoso", "Budi Susanto"),
        ("I Wayan Sudarma", "I Made Sudarma"),  # first and second child of one family
        ("Lalu Zaini", "Baiq Zaini"),  # a man and a woman
        ("Joko Widodo", "Joko Susilo"),
        ("Muhammad", "Muhammad Yusuf"),
        ("Dewi Lestari", "Dewi Sartika"),
        ("Ahmad Fauzi", "Ahmad Fauzan"),
        ("Rina", "Rini"),
        ("Sri Wahyuni", "Sri Rahayu"),
        ("", "Siti"),
    ],
)
def test_different_people(a: str, b: str) -> None:
    assert same_person_score(a, b) < SAME_NAME


def test_name_key_folds_variants() -> None:
    assert name_key("Moch. Rizky") == name_key("Muhamad Rizki") == "muhammad rizki"
    assert name_key("I Made Sudarma") == "sudarma"


def test_possible_match_with_birth_date_and_origin() -> None:
    a = Person("Muhammad Rizki", birth_date=date(1990, 5, 15), regency_code="52.03")
    b = Person("M. Rizky", birth_date=date(1990, 5, 15), regency_code="52.03")
    match = possible_match(a, b, today=TODAY)
    assert match.likely
    assert match.reasons == (Reason.SAME_NAME, Reason.SAME_BIRTH_DATE, Reason.SAME_REGENCY)
    assert match.against == ()


def test_age_close_to_a_birth_date_speaks_for_a_match() -> None:
    a = Person("Siti Aminah", birth_date=date(1990, 5, 15))
    b = Person("Siti Aminah", age=34, regency_code="52.03")
    match = possible_match(a, b, today=TODAY)
    assert match.likely
    assert Reason.SIMILAR_AGE in match.reasons


def test_same_name_with_other_birth_date_is_not_likely() -> None:
    a = Person("Siti Aminah", birth_date=date(1990, 5, 15))
    b = Person("Siti Aminah", birth_date=date(1975, 1, 2))
    match = possible_match(a, b, today=TODAY)
    assert not match.likely
    assert match.against == (Reason.OTHER_BIRTH_DATE,)


def test_same_name_from_another_province_and_age_is_not_likely() -> None:
    a = Person("Agus Sutrisno", age=25, regency_code="35.09")
    b = Person("Agus Sutrisno", age=50, regency_code="52.03")
    match = possible_match(a, b, today=TODAY)
    assert not match.likely
    assert set(match.against) == {Reason.OTHER_AGE, Reason.OTHER_PROVINCE}


def test_similar_name_same_province() -> None:
    a = Person("Slamet Riyadi", regency_code="35.09")
    b = Person("Selamet Riyadi", regency_code="35.10")
    match = possible_match(a, b, today=TODAY)
    assert match.reasons == (Reason.SIMILAR_NAME, Reason.SAME_PROVINCE)
    assert 0 <= match.score <= 1
