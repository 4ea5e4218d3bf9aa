"""No reader raises on what a phone can send, and a named condition never reads as "none"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from models.understanding.amounts import AmountReading, find_amounts
from models.understanding.conditions import find_conditions
from models.understanding.ended import Ended, when_ended
from models.understanding.group import MAX_GROUP, find_group_size
from models.understanding.names import Person, possible_match, same_person_score
from models.understanding.needs import find_needs
from models.understanding.nik import nik_facts
from models.understanding.yes_no import WAGES_UNPAID, YesNo, answer_yes_no

TODAY = date(2025, 6, 1)

# Letters, digits of any script, emoji, combining marks, zero-width and direction characters.
SPECIALS = [
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202e", "\u2066", "\ufeff", "\u0301",
    "\u0651", "٣", "۵", "७", "๓", "１", "²", "🙏", "👍🏽", "👨‍👩‍👧", "🇮🇩", "سلام", "שלום", "ß",
    "İ", "\n", "\t", "\x00", "Rp", "jt", "juta", "2", "-", "/", ".", ",", "tidak", "sakit",
]  # fmt: skip
NUMBERS = st.lists(
    st.one_of(st.text(alphabet="0123456789.,- /", max_size=40), st.sampled_from(SPECIALS))
).map(" ".join)
TEXTS = st.one_of(
    st.text(),
    NUMBERS,
    st.lists(st.one_of(st.sampled_from(SPECIALS), st.text(max_size=5))).map("".join),
    st.lists(st.sampled_from(SPECIALS), min_size=1).map(" ".join),
)
LONG = "sakit 3 bulan Rp 6.500.000 👍 " * 400  # 10,800 characters

READERS: list[Callable[[str], object]] = [
    answer_yes_no,
    lambda text: answer_yes_no(text, WAGES_UNPAID),
    find_amounts,
    find_needs,
    find_conditions,
    find_group_size,
    lambda text: when_ended(text, TODAY),
    lambda text: nik_facts(text, today=TODAY),
    lambda text: same_person_score(text, "Siti Aminah"),
    lambda text: possible_match(Person(text), Person(text, age=30), today=TODAY),
]


@pytest.mark.parametrize("read", READERS)
@settings(max_examples=150, deadline=None)
@given(text=TEXTS)
@example(text=LONG)
@example(text="Rp " + "9" * 40)
@example(text="9" * 40 + " juta, " + "1" * 16 + " orang")
@example(text="10/0000, oktober 0000, 31/02/2024, 9999 tahun lalu")
@example(text="٣ ملايين روبية")
@example(text="١٢/١٠/٢٠٢٤")
def test_no_reader_raises(read: Callable[[str], object], text: str) -> None:
    read(text)


@settings(max_examples=200, deadline=None)
@given(text=TEXTS)
@example(text=LONG)
def test_results_stay_in_range(text: str) -> None:
    assert answer_yes_no(text) in set(YesNo)
    reading = find_amounts(text)
    assert isinstance(reading, AmountReading)
    assert all(amount > 0 for amount in reading.candidates)
    assert reading.ambiguous == (len(reading.candidates) > 1)
    size = find_group_size(text)
    assert size is None or 1 <= size <= MAX_GROUP
    ended = when_ended(text, TODAY)
    assert ended is None or (isinstance(ended, Ended) and ended.on <= TODAY)
    assert 0 <= same_person_score(text, text) <= 1
    assert same_person_score(text, "Siti Aminah") == same_person_score("Siti Aminah", text)


def test_non_ascii_digits_are_digits() -> None:
    assert find_group_size("٤ orang") == 4
    assert find_amounts("Rp ٦.٥٠٠.٠٠٠").amount == 6_500_000


def test_invisible_characters_do_not_hide_words() -> None:
    assert answer_yes_no("i\u200bya") is YesNo.YES
    assert find_conditions("de\u200dmam").vulnerabilities == {"sick"}
    assert find_conditions("h\u00e1mil").vulnerabilities == {"pregnant"}


CONDITION_WORDS = [
    "sakit", "demam", "panas", "meriang", "batuk", "pilek", "luka", "patah", "pingsan",
    "sesak", "diare", "mencret", "muntah", "hamil", "bunting", "bayi", "balita", "anak",
    "lansia", "tua", "jompo", "cacat", "disabilitas", "kursi roda", "SAKIT", "Hamil", "demamm",
]  # fmt: skip
NONE_WORDS = ["tidak ada", "gak ada", "sehat semua", "aman", "baik2 saja", "tidak", "nihil"]
FILLERS = [*NONE_WORDS, "yang", "pak", ",", "."]
WORD_OR_NOT = st.one_of(st.sampled_from(FILLERS), st.text(max_size=8))


@settings(max_examples=300, deadline=None)
@given(
    before=st.lists(WORD_OR_NOT, max_size=6),
    condition=st.sampled_from(CONDITION_WORDS),
    after=st.lists(WORD_OR_NOT, max_size=6),
)
def test_a_named_condition_never_reads_as_none(
    before: list[str], condition: str, after: list[str]
) -> None:
    text = " ".join([*before, condition, *after])
    assert not find_conditions(text).none
