"""Needs said in words tick the matching need codes of the intake."""

from __future__ import annotations

import pytest

from models.intake.steps import NEEDS
from models.understanding.needs import (
    FOOD,
    HEALTH,
    OTHER,
    SHELTER,
    TRANSPORT,
    WAGES_LEGAL,
    find_needs,
)


def test_codes_are_the_intake_codes() -> None:
    assert {TRANSPORT, FOOD, SHELTER, HEALTH, WAGES_LEGAL, OTHER} == set(NEEDS)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("pulang dan makan", {TRANSPORT, FOOD}),
        ("pulang kampung", {TRANSPORT}),
        ("mau pulkam", {TRANSPORT}),
        ("ongkos", {TRANSPORT}),
        ("butuh tiket kapal", {TRANSPORT}),
        ("naik bus ke surabaya", {TRANSPORT}),
        ("pulng", {TRANSPORT}),
        ("makan", {FOOD}),
        ("mkn", {FOOD}),
        ("lapar pak", {FOOD}),
        ("laperrr", {FOOD}),
        ("beras", {FOOD}),
        ("tempat tinggal", {SHELTER}),
        ("nginep", {SHELTER}),
        ("tidur di mana", {SHELTER}),
        ("penginapan", {SHELTER}),
        ("penginepan", {SHELTER}),
        ("berobat", {HEALTH}),
        ("obat buat anak", {HEALTH}),
        ("gaji", {WAGES_LEGAL}),
        ("upah belum dibayar", {WAGES_LEGAL}),
        ("mau lapor polisi", {WAGES_LEGAL}),
        ("bantuan hukum", {WAGES_LEGAL}),
        ("baju", {OTHER}),
        ("makan, tidur, dan tiket pulang", {FOOD, SHELTER, TRANSPORT}),
        ("tidak perlu tiket, cuma makan", {FOOD}),
        ("", set()),
        ("terima kasih", set()),
        ("uang", set()),
    ],
)
def test_needs(text: str, codes: set[str]) -> None:
    assert find_needs(text) == codes
