"""The officer's member list: a long number is a NIK or a phone by its shape, and each line's
problem is named for what it is."""

from __future__ import annotations

from datetime import date

import pytest

from models.intake.members import Member, parse_member, parse_members

TODAY = date(2025, 6, 1)


@pytest.mark.parametrize(
    "line",
    [
        "Budi, 520301150890",  # 12 digits
        "Budi, 5203 0115 0890 000",  # 15 digits, spaced like a KTP
        "Budi, 52030115089000012",  # 17 digits
        "Budi, 6201011508",  # a Kobar NIK cut short (starts with 62, not 628)
        "Budi, 7371-0115-0890",  # Makassar, cut short
        "Budi, 9999011508900001",  # 16 digits, no such district
    ],
)
def test_a_long_number_that_is_no_valid_nik_is_a_bad_nik(line: str) -> None:
    assert parse_member(line, today=TODAY) == "members.bad_nik"


def test_a_nik_of_kotawaringin_barat_is_a_nik_not_a_phone_number() -> None:
    # 62 is Kalimantan Tengah's province code and also Indonesia's country calling code.
    member = parse_member("Rahmat, 6201011508900001, 34", today=TODAY)
    assert isinstance(member, Member)
    assert (member.nik, member.sex, member.birth_date, member.phone) == (
        "6201011508900001",
        "L",
        "1990-08-15",
        None,
    )


@pytest.mark.parametrize(
    ("part", "phone"),
    [
        ("0812 3456 7890", "+6281234567890"),
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("(0532) 21234", "+6253221234"),
    ],
)
def test_phone_numbers_in_their_usual_shapes(part: str, phone: str) -> None:
    member = parse_member(f"Ani, {part}", today=TODAY)
    assert isinstance(member, Member)
    assert (member.phone, member.nik) == (phone, None)


@pytest.mark.parametrize("part", ["0812 3456", "0812345678901234", "+62 812 34"])
def test_a_number_shaped_like_a_phone_that_is_none_is_a_bad_phone(part: str) -> None:
    assert parse_member(f"Ani, {part}", today=TODAY) == "members.bad_phone"


def test_the_bad_nik_line_is_reported_and_the_others_taken() -> None:
    members, problems = parse_members(
        "Budi Santoso, 520301150890, 34\nSiti, 0812 3456 7890, P\nAgus, anak", today=TODAY
    )
    assert [m.full_name for m in members] == ["Siti", "Agus"]
    assert [(p.line, p.key) for p in problems] == [(1, "members.bad_nik")]
