"""Reading what people type: NIK (national ID number), phone numbers and rupiah amounts.

Every parser raises a ``ValueError`` subclass carrying a ``problem`` enum so the bot can explain
exactly what is wrong. Exception messages never contain the input, so they are safe to log.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Literal

import phonenumbers
from phonenumbers import (
    NumberParseException,
    PhoneNumber,
    PhoneNumberFormat,
    PhoneNumberType,
    ValidationResult,
)

from models.reference import regions

# --- NIK -----------------------------------------------------------------------------------

NIK_LENGTH = 16
_FEMALE_DAY_OFFSET = 40
_NIK_SEPARATORS = re.compile(r"[\s.\-]+")
_ASCII_DIGITS = re.compile(r"[0-9]*")

Sex = Literal["L", "P"]


class NikProblem(StrEnum):
    """Why a NIK was rejected, checked in this order."""

    NOT_DIGITS = "not_digits"  # something other than digits, spaces, dots and dashes
    TOO_SHORT = "too_short"  # fewer than 16 digits
    TOO_LONG = "too_long"  # more than 16 digits
    UNKNOWN_DISTRICT = "unknown_district"  # digits 1-6 are not a current district code
    BAD_DATE = "bad_date"  # digits 7-12 are not a past date DDMMYY (DD + 40 for women)
    BAD_SERIAL = "bad_serial"  # digits 13-16 are 0000; serials start at 0001


class InvalidNik(ValueError):
    """A NIK that cannot be right; ``problem`` says why."""

    def __init__(self, problem: NikProblem) -> None:
        super().__init__(f"invalid NIK: {problem.value}")
        self.problem = problem


@dataclass(frozen=True, slots=True)
class NikInfo:
    """What a valid NIK encodes."""

    nik: str  # the 16 digits, separators removed
    district_code: str  # dotted, NN.NN.NN: where the NIK was registered
    sex: Sex  # "L" (laki-laki, male) or "P" (perempuan, female)
    birth_date: date
    serial: str  # the last four digits


def small_number(text: str, *, most: int = 10**9) -> int | None:
    """ASCII digits up to `most`, or None: `int()` would also take "²" or "١" (and raise), and
    a 20-digit number overflows a database integer. For button data and typed ids."""
    if not text or len(text) > len(str(most)) or not _ASCII_DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if value <= most else None


def parse_nik(raw: str, *, today: date | None = None) -> NikInfo:
    """Check and decode a NIK; spaces, dots and dashes between digits are ignored.

    The two-digit birth year is read in the century that puts the birth date not after
    ``today`` (default: the current date), so ``290200`` is 29 February 2000 and ``290201``
    (no 29 February 2001) is :attr:`NikProblem.BAD_DATE`. A serial of ``0000`` is
    :attr:`NikProblem.BAD_SERIAL`.

    The district must be in the 2025 region list: a NIK issued under a district code that was
    later renumbered is reported as :attr:`NikProblem.UNKNOWN_DISTRICT`.
    """
    digits = _NIK_SEPARATORS.sub("", unicodedata.normalize("NFKC", raw))
    if not _ASCII_DIGITS.fullmatch(digits):
        raise InvalidNik(NikProblem.NOT_DIGITS)
    if len(digits) < NIK_LENGTH:
        raise InvalidNik(NikProblem.TOO_SHORT)
    if len(digits) > NIK_LENGTH:
        raise InvalidNik(NikProblem.TOO_LONG)
    if not regions.is_district_code(digits[:6]):
        raise InvalidNik(NikProblem.UNKNOWN_DISTRICT)
    day, month, year = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    sex: Sex = "P" if day > _FEMALE_DAY_OFFSET else "L"
    if sex == "P":
        day -= _FEMALE_DAY_OFFSET
    birth_date = _birth_date(day, month, year, today or date.today())
    serial = digits[12:]
    if serial == "0000":
        raise InvalidNik(NikProblem.BAD_SERIAL)
    district_code = f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}"
    return NikInfo(digits, district_code, sex, birth_date, serial)


def mask_nik(nik: str) -> str:
    """Hide a NIK for display where others can see it: ``3201**********01``.

    Keeps the first four and last two digits; anything of six digits or fewer is hidden fully.
    """
    digits = _NIK_SEPARATORS.sub("", nik)
    if len(digits) <= 6:
        return "*" * len(digits)
    return digits[:4] + "*" * (len(digits) - 6) + digits[-2:]


def _birth_date(day: int, month: int, two_digit_year: int, today: date) -> date:
    for century in (2000, 1900):
        try:
            born = date(century + two_digit_year, month, day)
        except ValueError:
            continue
        if born <= today:
            return born
    raise InvalidNik(NikProblem.BAD_DATE)


# --- Phone numbers -------------------------------------------------------------------------

_E164_MAX_DIGITS = 15
_PHONE_TEXT = re.compile(r"\+?[0-9()\s./\-]+")
_NON_DIGITS = re.compile(r"[^0-9]")
_MOBILE_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})


class PhoneProblem(StrEnum):
    """Why a phone number was rejected."""

    NOT_A_NUMBER = "not_a_number"  # letters or other symbols, or no digits at all
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    INVALID = "invalid"  # right length maybe, but no such number (wrong prefix or country)


class InvalidPhone(ValueError):
    """A phone number that cannot be right; ``problem`` says why."""

    def __init__(self, problem: PhoneProblem) -> None:
        super().__init__(f"invalid phone number: {problem.value}")
        self.problem = problem


def normalize_phone(raw: str, default_region: str = "ID") -> str:
    """Return a phone number in E.164 form, such as ``+6281234567890``.

    Accepts national numbers (``0812-3456-7890``, ``(0812) 3456 7890``), international ones with
    ``+`` or ``00``, and international digits without ``+`` as Telegram shares contacts
    (``6281234567890``). Other digits without ``0`` or ``+`` are read as a national number of
    ``default_region`` first (``81234567890``) and as an international number second
    (``60123456789``). Digits starting with the country code of ``default_region`` (``62``) are
    read the other way round, since ``62812...`` is far more often a shared contact than a
    North Sumatra landline typed without its ``0``. When both readings are valid numbers, a
    mobile number wins over a landline. Telegram contacts always carry an international number,
    so callers that know the text is one should pass it with ``+``.
    """
    text = unicodedata.normalize("NFKC", raw).strip()
    if not _PHONE_TEXT.fullmatch(text):
        raise InvalidPhone(PhoneProblem.NOT_A_NUMBER)
    digits = _NON_DIGITS.sub("", text)
    if not digits:
        raise InvalidPhone(PhoneProblem.NOT_A_NUMBER)
    if text.startswith("+"):
        readings = ["+" + digits]
    elif digits.startswith("00"):
        readings = ["+" + digits[2:]]
    elif digits.startswith("0"):
        readings = [digits]
    elif digits.startswith(str(phonenumbers.country_code_for_region(default_region))):
        readings = ["+" + digits, digits]
    else:
        readings = [digits, "+" + digits]
    valid: list[PhoneNumber] = []
    problems: list[PhoneProblem] = []
    for reading in readings:
        try:
            number = phonenumbers.parse(reading, default_region)
        except NumberParseException as error:
            problems.append(_parse_problem(error))
            continue
        if phonenumbers.is_valid_number(number):
            valid.append(number)
        else:
            problems.append(_number_problem(number))
    if not valid:
        raise InvalidPhone(problems[0])
    mobile = [number for number in valid if phonenumbers.number_type(number) in _MOBILE_TYPES]
    return phonenumbers.format_number((mobile or valid)[0], PhoneNumberFormat.E164)


def mask_phone(e164: str) -> str:
    """Hide the middle of an E.164 number for display: ``+62812****7890``.

    Keeps the country code, the first three digits of numbers of nine or more digits (the
    operator prefix) and the last four (or, for very short numbers, the last half).
    """
    number = _parse_e164(e164)
    national = phonenumbers.national_significant_number(number)
    head = 3 if len(national) >= 9 else 0
    tail = min(4, len(national) // 2)
    hidden = "*" * (len(national) - head - tail)
    return f"+{number.country_code}{national[:head]}{hidden}{national[len(national) - tail :]}"


def format_phone_local(e164: str, default_region: str = "ID") -> str:
    """Format for display: national form for ``default_region`` (``0812-3456-7890``),
    international form (``+60 12-345 6789``) for numbers of other countries."""
    number = _parse_e164(e164)
    if phonenumbers.region_code_for_number(number) == default_region:
        return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)


def _parse_e164(e164: str) -> PhoneNumber:
    try:
        return phonenumbers.parse(e164, None)
    except NumberParseException as error:
        raise InvalidPhone(PhoneProblem.NOT_A_NUMBER) from error


def _parse_problem(error: NumberParseException) -> PhoneProblem:
    if error.error_type in (
        NumberParseException.TOO_SHORT_NSN,
        NumberParseException.TOO_SHORT_AFTER_IDD,
    ):
        return PhoneProblem.TOO_SHORT
    if error.error_type == NumberParseException.TOO_LONG:
        return PhoneProblem.TOO_LONG
    return PhoneProblem.INVALID


def _number_problem(number: PhoneNumber) -> PhoneProblem:
    national = phonenumbers.national_significant_number(number)
    if len(str(number.country_code)) + len(national) > _E164_MAX_DIGITS:
        return PhoneProblem.TOO_LONG
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason in (ValidationResult.TOO_SHORT, ValidationResult.IS_POSSIBLE_LOCAL_ONLY):
        return PhoneProblem.TOO_SHORT
    if reason == ValidationResult.TOO_LONG:
        return PhoneProblem.TOO_LONG
    return PhoneProblem.INVALID


# --- Rupiah amounts ------------------------------------------------------------------------

MAX_AMOUNT = 10_000_000_000  # Rp 10 miliar; anything above is surely a typo

_APPROXIMATELY = re.compile(r"\+/-|\+-|[±~≈]")
_UNTIL = re.compile(r"\bs\s*[/.]\s*d\b\.?")
_TRAILING_DASH = re.compile(r"(?<=[0-9])[.,]-+")
_WORD_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
_KIRA_KIRA = re.compile(r"\bkira-?2\b")  # "kira2", short for "kira-kira"
_AMOUNT_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[a-z]+|\S")
_NUMBER = re.compile(r"[0-9]")
_THREE_DIGITS = re.compile(r"[0-9]{3}")

# The words of amount units and their value, for readers that look for amounts in sentences.
AMOUNT_UNITS = {
    "k": 10**3,
    "rb": 10**3,
    "rbu": 10**3,
    "ribu": 10**3,
    "ribuan": 10**3,
    "jt": 10**6,
    "jta": 10**6,
    "juta": 10**6,
    "jutaan": 10**6,
    "jeti": 10**6,
    "m": 10**9,
    "miliar": 10**9,
    "milyar": 10**9,
    "miliard": 10**9,
    "milyard": 10**9,
    "triliun": 10**12,
    "trilyun": 10**12,
}
# One of a unit, in one word.
AMOUNT_ONE_UNITS = {"seribu": 10**3, "sejuta": 10**6, "semiliar": 10**9, "semilyar": 10**9}
_DIGIT_WORDS = {
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
}
_ONE_WORDS = {"sepuluh": 10, "sebelas": 11, "seratus": 100}
_MULTIPLIERS = {"puluh": 10, "ratus": 100}
_TEENS = "belas"
_HALF = "setengah"
_DASHES = frozenset({"-", "\u2013", "\u2014", "\u2212"})
_RANGE_WORDS = frozenset({"sampai", "sampe", "hingga", "sd", "atau"})
_FILLER_WORDS = frozenset(
    {
        "rp",
        "idr",
        "rupiah",
        "uang",
        "sebesar",
        "senilai",
        "total",
        "sekitar",
        "sekitaran",
        "kisaran",
        "kira",
        "kurang",
        "lebih",
        "kurleb",
        "hampir",
        "an",
        ".",
        ",",
        ":",
        "(",
        ")",
    }
)


class AmountProblem(StrEnum):
    """Why an amount was rejected."""

    UNREADABLE = "unreadable"
    NOT_POSITIVE = "not_positive"  # zero or negative
    TOO_LARGE = "too_large"  # more than MAX_AMOUNT


class InvalidAmount(ValueError):
    """An amount of money that cannot be read or cannot be right; ``problem`` says why."""

    def __init__(self, problem: AmountProblem) -> None:
        super().__init__(f"invalid amount: {problem.value}")
        self.problem = problem


def parse_amount(raw: str) -> int:
    """Read an amount of rupiah as people type it; returns whole rupiah.

    Numbers follow the Indonesian convention, dot for thousands and comma for decimals
    (``9.000.000,00``, ``9,5 juta``), but a lone separator followed by exactly three digits
    is a thousands separator either way (``9.000`` and ``9,000`` are 9000), repeated separators
    are thousands (``9,000,000``), and when both appear the last one is the decimal mark.
    Units: ``rb``/``ribu``/``k``, ``jt``/``juta``/``jeti``, ``M``/``miliar``, also spelled out in
    words (``lima ratus ribu``, ``setengah juta``, ``sejuta setengah``). Words of approximation
    (``sekitar``, ``kurang lebih``, ``±``) and ``Rp``/``,-`` are ignored.

    A range (``3-4 juta``, ``3 sampai 4 juta``, ``3 atau 4 juta``) gives its lower bound, the
    conservative figure; a unit written only after the upper bound applies to both when that
    keeps the range in order (``3-4 juta`` is 3 juta, ``500.000 - 1 juta`` is 500.000).
    Fractions of a rupiah are rounded half up.
    """
    text = unicodedata.normalize("NFKC", raw).casefold()
    text = _APPROXIMATELY.sub(" ", text)
    text = _UNTIL.sub(" sampai ", text)
    text = _TRAILING_DASH.sub("", text)
    text = _WORD_HYPHEN.sub(" ", text)
    text = _KIRA_KIRA.sub("kira", text)
    tokens = [token for token in _AMOUNT_TOKEN.findall(text) if token not in _FILLER_WORDS]
    if not tokens:
        raise InvalidAmount(AmountProblem.UNREADABLE)
    if tokens[0] in _DASHES and len(tokens) > 1:
        raise InvalidAmount(AmountProblem.NOT_POSITIVE)
    parts = _split_range(tokens)
    values = [_evaluate(part) for part in parts]
    amount = values[0][0]
    if len(values) == 2:
        (low, low_scale), (high, high_scale) = values
        if low_scale is None and high_scale is not None and low * high_scale <= high:
            low *= high_scale
        amount = min(low, high)
    # Checked before rounding, which raises InvalidOperation beyond 28 digits.
    if amount >= MAX_AMOUNT + Decimal("0.5"):
        raise InvalidAmount(AmountProblem.TOO_LARGE)
    rupiah = int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if rupiah <= 0:
        raise InvalidAmount(AmountProblem.NOT_POSITIVE)
    return rupiah


def format_rupiah(amount: int) -> str:
    """``Rp 9.000.000``: whole rupiah with dots between thousands."""
    if amount < 0:
        raise ValueError("amount must not be negative")
    return "Rp " + f"{amount:,}".replace(",", ".")


def _split_range(tokens: list[str]) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    for token in tokens:
        if token in _DASHES or token in _RANGE_WORDS:
            parts.append([])
        else:
            parts[-1].append(token)
    if len(parts) > 2 or not all(parts):
        raise InvalidAmount(AmountProblem.UNREADABLE)
    return parts


def _evaluate(tokens: list[str]) -> tuple[Decimal, int | None]:
    """The value of one amount without a range, and the first unit it used (if any)."""
    total = Decimal(0)
    group = Decimal(0)  # below the next unit, built from words such as "lima ratus"
    pending: Decimal | None = None  # the latest number, waiting for puluh/ratus/a unit
    first_scale: int | None = None
    last_scale: int | None = None
    previous = ""
    previous_is_scale = False
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if _NUMBER.match(token):
            if pending is not None and _NUMBER.match(previous) and _THREE_DIGITS.fullmatch(token):
                pending = pending * 1000 + int(token)  # "9 000 000": spaces between thousands
            elif pending is None:
                pending = _number(token)
            else:
                raise InvalidAmount(AmountProblem.UNREADABLE)
        elif token in _DIGIT_WORDS and pending is None:
            pending = Decimal(_DIGIT_WORDS[token])
        elif token in _ONE_WORDS and pending is None:
            group += _ONE_WORDS[token]
        elif token == _TEENS and pending is not None:
            group += pending + 10
            pending = None
        elif token in _MULTIPLIERS and pending is not None:
            group += pending * _MULTIPLIERS[token]
            pending = None
        elif token == _HALF and following in AMOUNT_UNITS:
            pending = (pending or Decimal(0)) + Decimal("0.5")
        elif token == _HALF and last_scale is not None and previous_is_scale:
            total += Decimal(last_scale) / 2
        elif token in AMOUNT_UNITS or token in AMOUNT_ONE_UNITS:
            if token in AMOUNT_ONE_UNITS and pending is None and not group:
                scale, count = AMOUNT_ONE_UNITS[token], Decimal(1)
            elif token in AMOUNT_UNITS and (pending is not None or group):
                scale, count = AMOUNT_UNITS[token], group + (pending or 0)
            else:
                raise InvalidAmount(AmountProblem.UNREADABLE)
            total += count * scale
            group, pending = Decimal(0), None
            first_scale = first_scale or scale
            last_scale = scale
        else:
            raise InvalidAmount(AmountProblem.UNREADABLE)
        previous = token
        previous_is_scale = token in AMOUNT_UNITS or token in AMOUNT_ONE_UNITS
    return total + group + (pending or 0), first_scale


def _number(token: str) -> Decimal:
    """A number written with Indonesian or English separators (see :func:`parse_amount`)."""
    dots, commas = token.count("."), token.count(",")
    decimal_mark: str | None = None
    if dots and commas:
        decimal_mark = "," if token.rfind(",") > token.rfind(".") else "."
    elif dots + commas == 1:
        mark = "." if dots else ","
        whole, fraction = token.split(mark)
        if len(fraction) != 3 or whole == "0":
            decimal_mark = mark
    whole, fraction = token.rsplit(decimal_mark, 1) if decimal_mark else (token, "")
    groups = re.split(r"[.,]", whole)
    if len(groups) > 1 and (
        ("." in whole and "," in whole)
        or len(groups[0]) > 3
        or any(len(group) != 3 for group in groups[1:])
    ):
        raise InvalidAmount(AmountProblem.UNREADABLE)
    return Decimal("".join(groups) + ("." + fraction if fraction else ""))
