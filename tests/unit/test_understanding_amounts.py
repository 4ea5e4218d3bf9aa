"""The rupiah amount inside a sentence, with months, days and people counted around it."""

from __future__ import annotations

import pytest

from models.reference.validation import AmountProblem, InvalidAmount, parse_amount
from models.understanding.amounts import AmountReading, find_amounts


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("4 bulan kerja, Rp 6.500.000 belum dikasih", 6_500_000),
        ("udah 3 bln gak digaji, kira2 7 juta", 7_000_000),
        ("Rp 6.500.000", 6_500_000),
        ("rp. 750.000,-", 750_000),
        ("Rp6500000", 6_500_000),
        ("IDR 2.000.000", 2_000_000),
        ("500rb", 500_000),
        ("500 ribu", 500_000),
        ("300 rbu", 300_000),
        ("300k", 300_000),
        ("1,2 jt", 1_200_000),
        ("6,5jt", 6_500_000),
        ("3 jeti", 3_000_000),
        ("tujuh juta", 7_000_000),
        ("setengah juta", 500_000),
        ("satu setengah juta", 1_500_000),
        ("sejuta setengah", 1_500_000),
        ("1 juta 500 ribu", 1_500_000),
        ("gaji 2500000 blm dibayar", 2_500_000),
        ("9 000 000", 9_000_000),
        ("kami 4 orang, 2 bulan, total 12 jt", 12_000_000),
        ("7 juta 3 bulan", 7_000_000),
        ("sudah 14 hari, kurang lebih 2 juta", 2_000_000),
        ("2 juta utk 5 org", 2_000_000),
        ("3-4 juta", 3_000_000),
        ("tahun 2024 gaji 6.500.000", 6_500_000),
        ("gaji 3 juta per bulan, 4 bulan belum", 3_000_000),
        ("1.500.000 x 3 bulan", 1_500_000),
        ("2 juta, ya 2 juta", 2_000_000),
        ("no hp 081234567890, gajinya 5 juta", 5_000_000),
    ],
)
def test_one_amount(text: str, amount: int) -> None:
    reading = find_amounts(text)
    assert reading.amount == amount
    assert reading.candidates == (amount,)
    assert not reading.ambiguous


@pytest.mark.parametrize(
    ("text", "candidates"),
    [
        ("Rp 5 juta dan Rp 7 juta", (5_000_000, 7_000_000)),
        ("5 juta atau 7 juta", (5_000_000, 7_000_000)),
        ("6.500.000 7.000.000", (6_500_000, 7_000_000)),
        ("gaji 3 jt, yang dibayar baru 500rb", (3_000_000, 500_000)),
    ],
)
def test_two_amounts_are_offered_both(text: str, candidates: tuple[int, ...]) -> None:
    reading = find_amounts(text)
    assert reading.ambiguous
    assert reading.amount is None
    assert reading.candidates == candidates


@pytest.mark.parametrize(
    "text",
    [
        "gaji 500",  # 500 ribu or 500 rupiah: not guessed
        "3 bulan",
        "4 orang",
        "12/10/2024",
        "12.10.2024",
        "no hp 081234567890",
        "+6281234567890",
        "nik 3201010101900001",
        "sejak 2019",
        "2 m",
        "tukang sawit",
        "",
    ],
)
def test_no_amount(text: str) -> None:
    assert find_amounts(text) == AmountReading()


def test_words_say_which_phrase_was_read() -> None:
    assert find_amounts("4 bulan kerja, Rp 6.500.000 belum dikasih").words == ("rp 6.500.000",)
    assert find_amounts("5 juta atau 7 juta").words == ("5 juta", "7 juta")


def test_parse_amount_knows_jeti() -> None:
    assert parse_amount("2 jeti") == 2_000_000


def test_parse_amount_refuses_a_number_too_long_to_round() -> None:
    with pytest.raises(InvalidAmount) as refused:
        parse_amount("9" * 40)
    assert refused.value.problem is AmountProblem.TOO_LARGE
    assert find_amounts("Rp " + "9" * 40) == AmountReading()
