"""When work ended, as people say it: ``Oktober``, ``2 minggu lalu``, ``12/10/2024``, ``kemarin``.

Understands dates (``12/10/2024``, ``12-10-24``, ``12.10.2024``, ``12-10``, ``12 Oktober
2024``, ``tgl 12 okt``), months (``Oktober``, ``okt``, ``oct``, ``bulan 10``, ``bln 10``,
``10/2024``, ``Oktober 2024``), years (``2024``, ``tahun 2024``), weekdays (``hari senin``,
``jumat kemarin``) and times relative to ``today`` (``kemarin``, ``kemarin lusa``, ``tadi``,
``baru saja``, ``3 hari lalu``, ``minggu lalu``, ``seminggu lalu``, ``2 minggu lalu``, ``bulan
lalu``, ``2 bulan lalu``, ``sudah 3 bulan``, ``tahun lalu``, ``awal tahun``, ``akhir bulan
lalu``, ``pertengahan tahun lalu``), in digits or words (``dua minggu lalu``). A month or date
written without its year is the latest one not after ``today``.

When a text says several times (``kerja dari Maret sampai Oktober``), the last one said is the
end of work. A bare duration (``2 bulan``) is taken as "two months ago" only when nothing more
precise is said, and never after ``kerja`` or ``selama`` (``kerja 2 tahun`` is how long).

Refuses (``None``): text that is not a time (``tukang sawit``), times in the future (``bulan
depan``, a date after ``today``), dates that do not exist (``31/2``), years more than
:data:`MAX_YEARS_AGO` ago, and vague words (``dulu``, ``lama``, ``beberapa bulan``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from models.understanding.lexicon import Lexicon
from models.understanding.numbers import read_number
from models.understanding.text import Token, normalise, squeeze, tokens

MAX_YEARS_AGO = 30


class Precision(StrEnum):
    DAY = "day"  # the very day
    WEEK = "week"  # within a few days of it (``minggu lalu``, ``akhir bulan lalu``)
    MONTH = "month"  # the month: ``on`` is its first day
    YEAR = "year"  # the year: ``on`` is 1 January


@dataclass(frozen=True, slots=True)
class Ended:
    """A moment in the past, how precisely it is known, and the words that said it."""

    on: date
    precision: Precision
    words: str  # as typed (normalised)


_MONTH_SPELLINGS = {
    1: ("januari", "january", "jan", "janvari"),
    2: ("februari", "pebruari", "febuari", "february", "feb", "peb", "pebr"),
    3: ("maret", "march", "mar", "mrt"),
    4: ("april", "apr", "aprl"),
    5: ("mei", "may"),
    6: ("juni", "june", "jun"),
    7: ("juli", "july", "jul"),
    8: ("agustus", "agustu", "august", "agst", "ags", "agt", "aug"),
    9: ("september", "sept", "sep", "spt"),
    10: ("oktober", "october", "okt", "oct", "oktb"),
    11: ("november", "nopember", "nov", "nop", "nopem"),
    12: ("desember", "december", "des", "dec", "desm"),
}
_MONTHS = Lexicon(
    {
        spelling: f"m{month}"
        for month, spellings in _MONTH_SPELLINGS.items()
        for spelling in spellings
    }
)
_WEEKDAYS = Lexicon(
    {
        "senin": "w0", "selasa": "w1", "rabu": "w2", "kamis": "w3", "jumat": "w4",
        "jumaat": "w4", "sabtu": "w5", "hari minggu": "w6", "ahad": "w6",
    },
    fuzzy=False,
)  # fmt: skip
_CANONICAL_SPELLINGS = {
    "hari": ("hari", "hr", "hri"),
    "minggu": ("minggu", "mgg", "mg", "mingu", "pekan"),
    "bulan": ("bulan", "bln", "bl", "buln"),
    "tahun": ("tahun", "thn", "th", "taun", "thun"),
    "lalu": ("lalu", "lalau", "yll", "silam", "sebelumnya", "lewat"),
    "kemarin": ("kemarin", "kmrn", "kemaren", "kmarin", "kmaren", "kmrin"),
    "lusa": ("lusa",),
    "yang": ("yang", "yg"),
    "sudah": ("sudah", "udah", "udh", "sdh", "dah", "telah"),
    "sejak": ("sejak", "dari", "semenjak", "mulai"),
    "baru": ("baru", "br"),
    "saja": ("saja", "aja", "aj"),
    "ini": ("ini",),
    "tadi": ("tadi", "td", "barusan"),
    "awal": ("awal", "permulaan"),
    "akhir": ("akhir", "ahir", "akhr"),
    "tengah": ("tengah", "pertengahan", "tngh"),
    "tgl": ("tanggal", "tgl", "tg", "tangal"),
    "kerja": ("kerja", "bekerja", "kerjanya", "selama", "lamanya"),
    "~": ("sekitar", "kira", "kurang", "lebih", "hampir", "kurleb", "sktr"),
}
_CANONICAL = {
    squeeze(spelling): canonical
    for canonical, spellings in _CANONICAL_SPELLINGS.items()
    for spelling in spellings
}
_ONE_OF = {
    squeeze(spelling): unit
    for spelling, unit in {
        "sehari": "hari", "seminggu": "minggu", "sepekan": "minggu", "sebulan": "bulan",
        "setahun": "tahun",
    }.items()
}  # fmt: skip
_OTHER_UNITS = frozenset({"orang", "org", "juta", "jt", "rb", "ribu", "rp", "kali", "jam", "x"})
_SEPARATORS = frozenset({"/", "-", "."})


@dataclass(frozen=True, slots=True)
class _Piece:
    text: str  # canonical
    first: int  # token indices it stands for
    last: int


@dataclass(frozen=True, slots=True)
class _Found:
    on: date
    precision: Precision
    first: int
    last: int
    explicit: bool


def when_ended(text: str, today: date) -> Ended | None:
    """When work ended according to ``text``, or ``None``; see the module."""
    normalised = normalise(text)
    found = tokens(normalised)
    pieces = _pieces(found)
    said = " ".join(piece.text for piece in pieces)
    owner = [index for index, piece in enumerate(pieces) for _ in piece.text + " "]
    moments: list[_Found] = []
    for pattern, read, explicit in _READERS:
        for match in pattern.finditer(said):
            start, end = pieces[owner[match.start()]], pieces[owner[match.end() - 1]]
            reading = read(match, today)
            if reading is not None and _plausible(reading[0], today):
                moments.append(_Found(*reading, start.first, end.last, explicit))
        said = pattern.sub(lambda m: "#" * len(m.group()), said)
    chosen = [m for m in moments if m.explicit] or moments
    if not chosen:
        return None
    said_last = max(chosen, key=lambda m: m.first)
    said_words = normalised[found[said_last.first].start : found[said_last.last].end]
    return Ended(said_last.on, said_last.precision, said_words)


def _pieces(found: Sequence[Token]) -> list[_Piece]:
    pieces: list[_Piece] = []
    index = 0
    while index < len(found):
        token = found[index]
        hit = _WEEKDAYS.scan(found[index : index + 2])
        number = read_number(found, index) if token.is_word else None
        if hit and hit[0].start == 0:
            pieces.append(_Piece(hit[0].value, index, index + hit[0].end - 1))
            index += hit[0].end
            continue
        if number is not None:
            pieces.append(_Piece(str(number[0]), index, number[1] - 1))
            index = number[1]
            continue
        pieces.extend(_Piece(text, index, index) for text in _canonical_token(token))
        index += 1
    return pieces


def _canonical_token(token: Token) -> list[str]:
    if token.is_number:
        # "12.10.2024" is one number token; a date reader wants its parts.
        return re.split(r"([.,])", token.text) if "." in token.text else [token.text]
    if token.key in _ONE_OF:
        return ["se", _ONE_OF[token.key]]  # "seminggu": one week, but never a bare duration
    if token.key in _CANONICAL:
        return [_CANONICAL[token.key]]
    month = _MONTHS.word(token) if token.is_word else None
    if month is not None:
        return [month]
    if token.text in _SEPARATORS:
        return [token.text]
    return ["u" if token.key in _OTHER_UNITS else "_"]


def _plausible(moment: date, today: date) -> bool:
    return date(today.year - MAX_YEARS_AGO, 1, 1) <= moment <= today


def _month_start(year: int, month: int) -> date:
    """The first day of a month, counting months beyond December or before January."""
    year += (month - 1) // 12
    return date(year, (month - 1) % 12 + 1, 1)


def _latest_month(month: int, today: date) -> date:
    year = today.year if month <= today.month else today.year - 1
    return date(year, month, 1)


def _year(text: str | None, today: date) -> int | None:
    """A year of four digits, or of two in the century that does not put it after today."""
    if not text:
        return None
    year = int(text)
    if len(text) > 2:
        return year
    return 2000 + year if 2000 + year <= today.year else 1900 + year


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day(year: int | None, month: int, day: int, today: date) -> date | None:
    if year is not None:
        return _date(year, month, day)
    this_year = _date(today.year, month, day)
    if this_year is not None and this_year <= today:
        return this_year
    return _date(today.year - 1, month, day)


_PER_YEAR = {"hari": 366, "minggu": 53, "bulan": 12, "tahun": 1}
Reading = tuple[date, Precision] | None
_Reader = Callable[[re.Match[str], date], Reading]


def _full_date(match: re.Match[str], today: date) -> Reading:
    year = _year(match.group("year"), today)
    on = _day(year, int(match.group("month")), int(match.group("day")), today)
    return None if on is None else (on, Precision.DAY)


def _numeric_month(match: re.Match[str], today: date) -> Reading:
    on = _date(int(match.group("year")), int(match.group("month")), 1)
    return None if on is None else (on, Precision.MONTH)


def _named_month(match: re.Match[str], today: date) -> Reading:
    month = int(match.group("month"))
    if not 1 <= month <= 12:
        return None
    year = _year(match.group("year"), today)
    on = _date(year, month, 1) if year is not None else _latest_month(month, today)
    return None if on is None else (on, Precision.MONTH)


def _part_of_month(match: re.Match[str], today: date) -> Reading:
    """``awal Juni``, ``akhir Mei``: a few days at the start, middle or end of a month."""
    reading = _named_month(match, today)
    if reading is None:
        return None
    month = reading[0]
    if match.group("part") == "akhir":
        on = _month_start(month.year, month.month + 1) - timedelta(days=1)
    else:
        on = month + timedelta(days=0 if match.group("part") == "awal" else 14)
    return min(on, today), Precision.WEEK


def _month_of(match: re.Match[str], today: date) -> Reading:
    """``Desember tahun lalu``, ``Maret tahun ini``."""
    year = today.year - (0 if match.group("back") == "ini" else 1)
    on = _date(year, int(match.group("month")), 1)
    return None if on is None or on > today else (on, Precision.MONTH)


def _ago(match: re.Match[str], today: date) -> Reading:
    said_count, unit = match.group("count"), match.group("unit")
    count = 1 if said_count == "se" else int(said_count)
    if count > MAX_YEARS_AGO * _PER_YEAR[unit]:
        return None
    if unit == "hari":
        return today - timedelta(days=count), Precision.DAY
    if unit == "minggu":
        return today - timedelta(weeks=count), Precision.WEEK
    if unit == "bulan":
        return _month_start(today.year, today.month - count), Precision.MONTH
    if today.year - count < 1:
        return None
    return date(today.year - count, 1, 1), Precision.YEAR


def _relative(match: re.Match[str], today: date) -> Reading:
    """``bulan lalu``, ``awal tahun``, ``akhir bulan lalu``, ``minggu ini``..."""
    part, unit = match.group("part"), match.group("unit")
    back = match.group("back") or None
    last = back in ("lalu", "kemarin")
    if unit == "minggu":
        if part is None:
            on = today - timedelta(weeks=1) if last else today - timedelta(days=today.weekday())
            return on, Precision.WEEK
        monday = today - timedelta(days=today.weekday(), weeks=1 if last else 0)
        offset = {"awal": 0, "tengah": 3, "akhir": 6}[part]
        return min(monday + timedelta(days=offset), today), Precision.WEEK
    if unit == "bulan":
        month = _month_start(today.year, today.month - (1 if last else 0))
        if part is None:
            return month, Precision.MONTH
        if part == "akhir" and back is None:
            month = _month_start(today.year, today.month - 1)  # "akhir bulan": the last one past
        if part == "akhir":
            on = _month_start(month.year, month.month + 1) - timedelta(days=1)
        else:
            on = month + timedelta(days=0 if part == "awal" else 14)
        return min(on, today), Precision.WEEK
    if part is None:
        return date(today.year - (1 if last else 0), 1, 1), Precision.YEAR
    month_of_part = {"awal": 1, "tengah": 6, "akhir": 12}[part]
    if back is None:
        return _latest_month(month_of_part, today), Precision.MONTH
    return date(today.year - (1 if last else 0), month_of_part, 1), Precision.MONTH


def _days_back(days: int) -> _Reader:
    return lambda match, today: (today - timedelta(days=days), Precision.DAY)


def _weekday(match: re.Match[str], today: date) -> Reading:
    back = (today.weekday() - int(match.group("weekday"))) % 7 or 7
    return today - timedelta(days=back), Precision.DAY


def _year_only(match: re.Match[str], today: date) -> Reading:
    return date(int(match.group("year")), 1, 1), Precision.YEAR


def _reader(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\S)(?:{pattern})(?!\S)")


# The readers work on canonical pieces (see _pieces): "m10" is October, "w0" Monday, "u" a unit
# of something else (orang, juta...), "_" any other word, "~" a word of approximation.
_AGO = r"(?: yang)? (?:lalu|kemarin)"
_UNIT = r"(?P<unit>hari|minggu|bulan|tahun)"
_COUNT = r"(?:~ )?(?P<count>\d{1,4}|se)"
_BARE_COUNT = r"(?:~ )?(?P<count>\d{1,4})"
_NOT_COUNTING = r"(?! (?:[/.-] )?(?:hari|minggu|bulan|tahun|u)(?!\S))"
_DM = r"(?:tgl )?(?P<day>\d{1,2}) (?P<sep>[/.-]) (?P<month>\d{1,2})"
_YEAR = r"(?: (?P<year>\d{4}))?(?:(?: yang)? (?:lalu|kemarin))?"
_PART = r"(?P<part>awal|akhir|tengah)"
_PERIOD = r"(?P<unit>minggu|bulan|tahun)"
_READERS: tuple[tuple[re.Pattern[str], _Reader, bool], ...] = (
    (_reader(_DM + r" (?P=sep) (?P<year>\d{4}|\d{2})"), _full_date, True),
    (_reader(r"(?:bulan )?(?P<month>\d{1,2}) [/-] (?P<year>\d{4})"), _numeric_month, True),
    (_reader(_DM + r"(?P<year>)" + _NOT_COUNTING), _full_date, True),
    (_reader(r"(?:tgl )?(?P<day>\d{1,2}) (?:bulan )?m(?P<month>\d+)" + _YEAR), _full_date, True),
    (_reader(rf"{_PART} (?:bulan )?m(?P<month>\d+)" + _YEAR), _part_of_month, True),
    (_reader(r"(?:bulan )?m(?P<month>\d+) tahun (?P<back>lalu|kemarin|ini)"), _month_of, True),
    (_reader(r"(?:bulan )?m(?P<month>\d+)" + _YEAR), _named_month, True),
    (_reader(r"bulan (?P<month>\d{1,2})" + _YEAR + _NOT_COUNTING), _named_month, True),
    (_reader(rf"(?:(?:sudah|sejak|baru) )?{_COUNT} {_UNIT}{_AGO}"), _ago, True),
    (_reader(rf"(?:sudah|sejak|baru) {_COUNT} {_UNIT}"), _ago, True),
    (_reader(rf"(?:{_PART} )?{_PERIOD} (?P<back>lalu|kemarin|ini)"), _relative, True),
    (_reader(rf"{_PART} {_PERIOD}(?P<back>)"), _relative, True),
    (_reader(r"kemarin lusa|lusa kemarin"), _days_back(2), True),
    (_reader(r"(?:hari )?w(?P<weekday>\d)(?: (?:kemarin|lalu))?"), _weekday, True),
    (_reader(r"kemarin"), _days_back(1), True),
    (_reader(r"hari ini|tadi|baru saja|baru tadi"), _days_back(0), True),
    (_reader(r"(?:tahun )?(?P<year>(?:19|20)\d\d)"), _year_only, True),
    # A bare duration, last and not explicit: "kerja (di sawit) 2 tahun" says how long.
    (_reader(rf"(?<!kerja )(?<!kerja _ )(?<!kerja _ _ ){_BARE_COUNT} {_UNIT}"), _ago, False),
)
