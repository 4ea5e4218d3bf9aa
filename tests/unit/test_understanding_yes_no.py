"""Yes and no as people type them, and the wages question whose yes is a negation."""

from __future__ import annotations

import pytest

from models.understanding.yes_no import WAGES_UNPAID, YesNo, answer_yes_no, canonical

YES, NO, UNCLEAR = YesNo.YES, YesNo.NO, YesNo.UNCLEAR


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ya", YES),
        ("Ya", YES),
        ("YA", YES),
        ("iya", YES),
        ("iyaaa", YES),
        ("Iyaa pak", YES),
        ("iy", YES),
        ("y", YES),
        ("Y.", YES),
        ("yoi", YES),
        ("betul", YES),
        ("benar", YES),
        ("bener bu", YES),
        ("sudah", YES),
        ("udah", YES),
        ("dah", YES),
        ("sdh benar", YES),
        ("ok", YES),
        ("Oke siap", YES),
        ("okeee!!!", YES),
        ("boleh", YES),
        ("bersedia", YES),
        ("saya setuju", YES),
        ("setuju.", YES),
        ("nggih", YES),
        ("gpp", YES),
        ("tidak apa-apa", YES),
        ("ga papa", YES),
        ("ada", YES),
        ("👍", YES),
        ("tidak", NO),
        ("Tidak.", NO),
        ("tdk", NO),
        ("gak", NO),
        ("gaaak", NO),
        ("ga", NO),
        ("gk", NO),
        ("nggak", NO),
        ("ngga", NO),
        ("enggak", NO),
        ("engga", NO),
        ("ndak", NO),
        ("belum", NO),
        ("blm", NO),
        ("blom", NO),
        ("bukan", NO),
        ("tolak", NO),
        ("jangan", NO),
        ("jgn dulu", NO),
        ("tidak setuju", NO),
        ("saya tidak mau", NO),
        ("gamau", NO),
        ("tidak ada", NO),
        ("gaada", NO),
        ("belum benar", NO),
        ("Tidak, terima kasih", NO),
        ("mboten", NO),
        ("iya tidak", UNCLEAR),
        ("ya, tapi belum", UNCLEAR),
        ("gak tau", UNCLEAR),
        ("tidak tahu", UNCLEAR),
        ("gatau", UNCLEAR),
        ("mungkin", UNCLEAR),
        ("bingung", UNCLEAR),
        ("ya mungkin", UNCLEAR),
        ("Ya Allah", UNCLEAR),
        ("ya ampun pak", UNCLEAR),
        ("", UNCLEAR),
        ("   ", UNCLEAR),
        ("?", UNCLEAR),
        ("terima kasih", UNCLEAR),
        ("tukang sawit", UNCLEAR),
    ],
)
def test_general_answers(text: str, expected: YesNo) -> None:
    assert answer_yes_no(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("udah 3 bln gak digaji, kira2 7 juta", YES),
        ("gak digaji", YES),
        ("belum dibayar", YES),
        ("belum digaji", YES),
        ("belum di bayar pak", YES),
        ("gaji saya blm dibyr 2 bulan", YES),
        ("tidak dibayar sama sekali", YES),
        ("belum pernah digaji", YES),
        ("gak dapat gaji", YES),
        ("belum gajian", YES),
        ("belum lunas", YES),
        ("baru dibayar sebagian", YES),
        ("gaji ditahan agen", YES),
        ("masih kurang", YES),
        ("gak ada gaji sama sekali", YES),
        ("ya", YES),
        ("iya ada", YES),
        ("ada", YES),
        ("sudah dibayar", NO),
        ("udah lunas", NO),
        ("lunas", NO),
        ("sudah dibayar semua", NO),
        ("sdh di bayar", NO),
        ("tidak", NO),
        ("tidak ada", NO),
        ("tidak ada yang belum dibayar", NO),
        ("belum", UNCLEAR),
        ("sudah", UNCLEAR),
        ("sudah dibayar tapi belum semua", YES),
        ("udah dibayar separuh", YES),
        ("dibayar sebagian aja", YES),
        ("gaji lancar", NO),
        ("tidak lancar", YES),
        ("mungkin belum dibayar", UNCLEAR),
    ],
)
def test_wages_question(text: str, expected: YesNo) -> None:
    assert answer_yes_no(text, WAGES_UNPAID) is expected


def test_wages_phrases_mean_the_opposite_without_the_topic() -> None:
    assert answer_yes_no("gak digaji") is NO
    assert answer_yes_no("gak digaji", WAGES_UNPAID) is YES


def test_canonical_spells_slang_one_way() -> None:
    assert canonical("Udh, blm dibyr gk?") == "sudah , belum dibayar tidak ?"
    assert canonical("gaada") == "tidak ada"
