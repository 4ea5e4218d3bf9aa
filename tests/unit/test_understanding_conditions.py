"""Health and vulnerability in words; a named condition is never read as "none"."""

from __future__ import annotations

import pytest

from models.understanding.conditions import (
    CHILD,
    DISABLED,
    ELDERLY,
    PREGNANT,
    SICK,
    Conditions,
    find_conditions,
)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("anak saya panas dari kemarin", {CHILD, SICK}),
        ("sakit", {SICK}),
        ("sakitt bgt", {SICK}),
        ("skt", {SICK}),
        ("demam", {SICK}),
        ("deman 3 hari", {SICK}),
        ("meriang", {SICK}),
        ("mriang", {SICK}),
        ("batuk pilek", {SICK}),
        ("kakinya luka", {SICK}),
        ("tangan patah", {SICK}),
        ("tadi pingsan", {SICK}),
        ("pingsn", {SICK}),
        ("sesak nafas", {SICK}),
        ("diare", {SICK}),
        ("mencret2", {SICK}),
        ("muntah-muntah", {SICK}),
        ("tidak enak badan", {SICK}),
        ("kurang sehat", {SICK}),
        ("badan loro kabeh", {SICK}),
        ("istri hamil 7 bulan", {PREGNANT}),
        ("bunting", {PREGNANT}),
        ("lagi mengandung", {PREGNANT}),
        ("keguguran", {SICK, PREGNANT}),
        ("bawa bayi", {CHILD}),
        ("ada balita", {CHILD}),
        ("anak2 masih kecil", {CHILD}),
        ("ada bayi umur 3 bulan", {CHILD}),
        ("anak umur 5 tahun", {CHILD}),
        ("lansia", {ELDERLY}),
        ("bapak sudah tua, kakinya patah", {ELDERLY, SICK}),
        ("nenek jompo", {ELDERLY}),
        ("usia 70 tahun", {ELDERLY}),
        ("cacat", {DISABLED}),
        ("disabilitas", {DISABLED}),
        ("pakai kursi roda", {DISABLED}),
        ("lumpuh", {DISABLED}),
        ("gak bisa jalan", {DISABLED}),
        ("Sehat semua kecuali ibu yang demam", {SICK}),
        ("tidak ada yang sakit, tapi istri hamil", {PREGNANT}),
    ],
)
def test_named_conditions(text: str, codes: set[str]) -> None:
    found = find_conditions(text)
    assert found.vulnerabilities == codes
    assert found.urgent
    assert not found.none
    assert found.words


@pytest.mark.parametrize(
    "text",
    [
        "tidak ada",
        "Tidak ada.",
        "gak ada",
        "ga ada pak",
        "gaada",
        "tidak",
        "nggak",
        "sehat semua",
        "Alhamdulillah sehat semua pak",
        "semua sehat",
        "aman",
        "aman semua",
        "baik2 saja",
        "baik-baik saja",
        "baik baik saja",
        "nihil",
    ],
)
def test_none(text: str) -> None:
    assert find_conditions(text) == Conditions(none=True)


@pytest.mark.parametrize(
    "text",
    [
        "tidak ada yang sakit",  # names "sakit": asked again rather than recorded as none
        "gak ada yg hamil",
        "tidak sakit",
        "gak tau",
        "tidak tahu",
        "sehat kecuali ibu",
        "tidak aman",
        "",
        "tukang sawit",
        "anak buah kapal",
        "cuaca panas",
    ],
)
def test_not_understood_is_neither_ticked_nor_none(text: str) -> None:
    found = find_conditions(text)
    assert not found.vulnerabilities
    assert not found.none
    assert not found.understood


def test_denied_words_are_kept() -> None:
    assert find_conditions("tidak ada yang sakit").denied == ("sakit",)


def test_words_are_what_was_said() -> None:
    found = find_conditions("Anak saya PANAS dari kemarin")
    assert found.words == ("anak", "panas")
