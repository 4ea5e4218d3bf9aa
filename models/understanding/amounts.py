"""The rupiah amount in a sentence: ``4 bulan kerja, Rp 6.500.000 belum dikasih``.

An amount is a phrase with a currency mark or a unit (``Rp``, ``rp.``, ``IDR``, ``rupiah``,
``rb``, ``ribu``, ``k``, ``jt``, ``juta``, ``jeti``, ``miliar``; ``1,2 jt``, ``6,5jt``,
``tujuh juta``, ``setengah juta``, ``satu setengah juta``), read by
:func:`models.reference.validation.parse_amount`, or a bare number of at least
:data:`MIN_BARE_AMOUNT` (``6.500.000``, ``2500000``). Counts next to it are not amounts:
``3 bln``, ``2 minggu``, ``4 orang``, dates, years, phone numbers and NIKs.

Refuses: bare numbers below :data:`MIN_BARE_AMOUNT` (``gaji 500`` could be 500 ribu),
rates (``3 juta per bulan`` is read as 3 juta, never multiplied), the single letter ``m``
(metres as often as miliar), and sums of several amounts (two different amounts are both
offered as :attr:`AmountReading.candidates`, for the person to choose).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from models.reference.validation import (
    AMOUNT_ONE_UNITS,
    AMOUNT_UNITS,
    InvalidAmount,
    parse_amount,
)
from models.understanding.numbers import DIGIT_WORDS
from models.understanding.text import Token, normalise, tokens

MIN_BARE_AMOUNT = 10_000

_UNITS = {
    word: value for word, value in {**AMOUNT_UNITS, **AMOUNT_ONE_UNITS}.items() if word != "m"
}
_CURRENCY = frozenset({"rp", "idr", "rupiah"})
_NUMBER_WORDS = frozenset(
    {*DIGIT_WORDS, "sepuluh", "sebelas", "seratus", "puluh", "ratus", "belas", "setengah"}
)
_RANGE = frozenset({"-", "\u2013", "\u2014", "sampai", "sampe", "hingga", "atau"})
_COUNTED = frozenset(
    {
        "bulan", "bln", "bl", "hari", "hr", "minggu", "mgg", "mg", "tahun", "thn", "th", "jam",
        "menit", "orang", "org", "orng", "jiwa", "anak", "kg", "kilo", "km",
        "meter", "ton", "liter", "batang", "pohon", "hektar", "ha", "janjang", "tandan",
        "karung", "lembar", "buah", "unit", "persen", "%",
    }
)  # fmt: skip
# Words before a long number that make it an identifier, not money.
_IDENTIFIERS = frozenset(
    {"no", "nomor", "nmr", "nomer", "hp", "wa", "telp", "telepon", "tlp", "nik", "ktp", "rek",
     "rekening", "kode", "kk"}
)  # fmt: skip
_PHONE_MIN_DIGITS = 9


@dataclass(frozen=True, slots=True)
class AmountReading:
    """The amounts found, in the order written, each different amount once.

    ``amount`` is set when exactly one amount was found; ``words`` are the phrases that say
    each candidate, as typed (normalised).
    """

    candidates: tuple[int, ...] = ()
    words: tuple[str, ...] = ()

    @property
    def amount(self) -> int | None:
        return self.candidates[0] if len(self.candidates) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


def find_amounts(text: str) -> AmountReading:
    """The amounts of rupiah in ``text``; see the module for what counts as one."""
    normalised = normalise(text)
    found = tokens(normalised)
    candidates: list[int] = []
    phrases: list[str] = []
    index = 0
    while index < len(found):
        end = _phrase_end(found, index)
        if end == index:
            index += 1
            continue
        value = _value(found, index, end, normalised)
        if value is not None and value not in candidates:
            candidates.append(value)
            phrases.append(normalised[found[index].start : found[end - 1].end])
        index = end
    return AmountReading(tuple(candidates), tuple(phrases))


def _kind(token: Token) -> str:
    if token.is_number:
        return "number"
    if token.text in _NUMBER_WORDS:
        return "word"
    if token.text in _UNITS:
        return "unit"
    if token.text in _CURRENCY:
        return "currency"
    if token.text in _RANGE:
        return "range"
    return ""


def _phrase_end(found: Sequence[Token], start: int) -> int:
    """The end of the amount phrase starting at ``start`` (``start`` itself when none does)."""
    first = _kind(found[start])
    if first not in ("number", "word", "currency") and found[start].text not in AMOUNT_ONE_UNITS:
        return start
    end = start + 1
    if first == "currency" and end < len(found) and found[end].text in (".", ":"):
        end += 1  # "Rp." and "Rp:"
    seen_number = first != "currency"
    last_unit: int | None = _UNITS.get(found[start].text)
    while end < len(found):
        kind = _kind(found[end])
        if kind == "currency" and seen_number:
            break  # "Rp 5 juta Rp 7 juta": a second amount starts
        if kind == "number" and found[end - 1].is_number and not _thousands_group(found, end):
            break  # "6.500.000 7.000.000"
        half_of_unit = found[end].text == "setengah" and _kind(found[end - 1]) == "unit"
        if kind in ("number", "word") and last_unit is not None and not half_of_unit:
            following = _next_unit(found, end)
            if following is None or following >= last_unit:
                break  # "7 juta 3 bulan", "5 juta 7 juta"; "1 juta 500 ribu" goes on
        if kind == "range" and not _range_continues(found, end):
            break
        if not kind:
            break
        if kind == "unit":
            last_unit = _UNITS[found[end].text]
        seen_number = seen_number or kind in ("number", "word")
        end += 1
    while _kind(found[end - 1]) == "range":
        end -= 1  # "5 juta atau" before "7 juta": the second amount is a phrase of its own
    return end if seen_number else start


def _thousands_group(found: Sequence[Token], index: int) -> bool:
    """``9 000 000``: three digits after a short digit run, separated by a space."""
    previous, token = found[index - 1], found[index]
    return (
        previous.text.isdigit()
        and len(token.text) == 3
        and token.text.isdigit()
        and token.start == previous.end + 1
    )


def _next_unit(found: Sequence[Token], index: int) -> int | None:
    """The unit after the numbers starting at ``index``, if one follows them directly."""
    while index < len(found) and _kind(found[index]) in ("number", "word"):
        index += 1
    if index < len(found) and _kind(found[index]) == "unit":
        return _UNITS[found[index].text]
    return None


def _range_continues(found: Sequence[Token], index: int) -> bool:
    return index + 1 < len(found) and _kind(found[index + 1]) in ("number", "word", "currency")


def _value(found: Sequence[Token], start: int, end: int, normalised: str) -> int | None:
    phrase = found[start:end]
    marked = any(_kind(token) in ("unit", "currency") for token in phrase) or any(
        token.text in AMOUNT_ONE_UNITS for token in phrase
    )
    if not marked and not _bare_amount(found, start, end):
        return None
    try:
        value = parse_amount(normalised[phrase[0].start : phrase[-1].end])
    except InvalidAmount:
        return None
    return value if marked or value >= MIN_BARE_AMOUNT else None


def _bare_amount(found: Sequence[Token], start: int, end: int) -> bool:
    """Whether unmarked numbers may be money: not a count, an identifier or a phone number."""
    if not all(token.is_number for token in found[start:end]):
        return False
    if end < len(found) and found[end].text in _COUNTED:
        return False
    if start > 0 and found[start - 1].text in _IDENTIFIERS:
        return False
    if start > 0 and found[start - 1].text == "+":
        return False
    digits = found[start].text
    looks_like_phone = digits.isdigit() and len(digits) >= _PHONE_MIN_DIGITS
    return not (looks_like_phone and digits.startswith(("0", "62", "8")))
