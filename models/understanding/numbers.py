"""Whole numbers written in digits or in Indonesian words (``dua puluh lima``, ``seratus``).

Only counts: no separators, fractions or money units (amounts are read by
:mod:`models.understanding.amounts`). ``lima puluhan`` ("fifty-odd") is read as 50; the bare
``puluhan`` ("dozens") names no number.
"""

from __future__ import annotations

from collections.abc import Sequence

from models.understanding.text import Token

DIGIT_WORDS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5,
    "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9,
}  # fmt: skip
_ONE_WORDS = {"sepuluh": 10, "sebelas": 11, "seratus": 100}
_TEENS = frozenset({"belas", "belasan"})
_MULTIPLIERS = {"puluh": 10, "puluhan": 10, "ratus": 100, "ratusan": 100}
_THOUSANDS = frozenset({"ribu", "ribuan"})
_ONE_THOUSAND = "seribu"
_MAX_DIGITS = 6  # longer digit runs are phone numbers, NIKs or amounts, never a count


def read_number(found: Sequence[Token], index: int) -> tuple[int, int] | None:
    """The number starting at token ``index`` and the index after it, or ``None``."""
    if index >= len(found):
        return None
    first = found[index]
    if first.is_number:
        if not first.text.isdigit() or len(first.text) > _MAX_DIGITS:
            return None
        return int(first.text), index + 1
    total = 0
    group = 0
    pending: int | None = None
    position = index
    while position < len(found):
        word = found[position].key
        if word in DIGIT_WORDS and pending is None:
            pending = DIGIT_WORDS[word]
        elif word in _ONE_WORDS and pending is None:
            group += _ONE_WORDS[word]
        elif word in _TEENS and pending is not None:
            group += pending + 10
            pending = None
        elif word in _MULTIPLIERS and pending is not None:
            group += pending * _MULTIPLIERS[word]
            pending = None
        elif word == _ONE_THOUSAND and pending is None and not group:
            total += 1000
        elif word in _THOUSANDS and (pending is not None or group):
            total += (group + (pending or 0)) * 1000
            group, pending = 0, None
        else:
            break
        position += 1
    if position == index:
        return None
    return total + group + (pending or 0), position
