"""Group sizes in digits and words; counts of other things are not group sizes."""

from __future__ import annotations

import pytest

from models.understanding.group import MAX_GROUP, find_group_size


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("4", 4),
        ("4 orang", 4),
        ("4 org", 4),
        ("empat orang", 4),
        ("Empat", 4),
        ("kami berlima", 5),
        ("berdua", 2),
        ("bertiga dengan teman", 3),
        ("sendiri", 1),
        ("saya sendiri", 1),
        ("sendirian pak", 1),
        ("seorang diri", 1),
        ("10an orang", 10),
        ("20-an", 20),
        ("sekitar 30", 30),
        ("dua puluh", 20),
        ("dua puluh lima orang", 25),
        ("sebelas", 11),
        ("seratus", 100),
        ("lima puluhan orang", 50),
        ("3-4 orang", 4),
        ("kami 4 orang, sudah 3 bulan", 4),
        ("ada 12 jiwa", 12),
        (str(MAX_GROUP), MAX_GROUP),
    ],
)
def test_group_size(text: str, size: int) -> None:
    assert find_group_size(text) == size


@pytest.mark.parametrize(
    "text",
    [
        "3 bulan",
        "2 juta",
        "tukang sawit",
        "puluhan",
        "rombongan",
        "saya dan istri",
        "saya + 2 teman",
        "6 orang, 2 orang sakit",
        "0",
        "600 orang",
        str(MAX_GROUP + 1),
        "081234567890",
        "",
    ],
)
def test_no_group_size(text: str) -> None:
    assert find_group_size(text) is None
