"""Indonesian administrative regions: provinces, regencies/cities and districts.

The data is ``models/data/wilayah_2025.csv`` (Kepmendagri No 300.2.2-2430 Tahun 2025, levels
1-3, see ``models/data/README.md``) plus ``models/data/region_aliases.csv`` (short forms and
nicknames people type, such as ``Jatim`` or ``Lotim``). Both are loaded lazily, once.

Codes are accepted dotted (``62.01``) or as plain digits (``6201``, ``620101``).

:func:`match_province` and :func:`match_regency` forgive case, spacing, punctuation, the
prefixes ``Kab.``/``Kabupaten``/``Kota``/``Prov.``/``Provinsi``, short forms, a province named
next to a regency (``Lombok Timur, NTB``) and small typos. They report a confident ``region``
only when the text names exactly one region without any typo correction; anything fuzzy or
ambiguous (``Malang`` is both a kabupaten and a kota) comes back as ordered ``candidates`` for
the user to confirm.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal

from rapidfuzz import fuzz

PROVINCE = 1
REGENCY = 2
DISTRICT = 3
MAX_CANDIDATES = 6

_REGIONS_FILE = "wilayah_2025.csv"
_ALIASES_FILE = "region_aliases.csv"

_FUZZY_THRESHOLD = 78.0
_PREFIX_SCORE = 85.0
_KIND_MISMATCH_PENALTY = 10.0
_MIN_FUZZY_LENGTH = 3
_MIN_PREFIX_LENGTH = 4
_MAX_PROVINCE_WORDS = 4

# Rules behind Region.short_name, applied to provinces and regencies/cities only.
_SHORT_NAME_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^Kabupaten (?:Administrasi )?"), ""),
    (re.compile(r"^Kota Administrasi "), "Kota "),
    (re.compile(r"^Daerah Khusus Ibukota "), "DKI "),
    (re.compile(r"^Daerah Istimewa "), "DI "),
)
_KIND_PREFIX = re.compile(r"^(?:Kabupaten|Kota) (?:Administrasi )?")
_DOTTED_CODE = re.compile(r"[0-9]{2}(?:\.[0-9]{2}){0,2}")
_PLAIN_CODE = re.compile(r"(?:[0-9]{2}){1,3}")
_APOSTROPHES = re.compile(r"['`\u2018\u2019]")
_WORD = re.compile(r"[a-z0-9]+")

_WORD_SYNONYMS = {
    "kep": "kepulauan",
    "kepl": "kepulauan",
    "sumatra": "sumatera",
    "jogja": "yogyakarta",
    "jogya": "yogyakarta",
    "yogya": "yogyakarta",
    "jogjakarta": "yogyakarta",
    "djogja": "yogyakarta",
    "djogjakarta": "yogyakarta",
    "ngayogyakarta": "yogyakarta",
}
_IGNORED_WORDS = frozenset({"di", "dari", "asal"})
_KABUPATEN_WORDS = frozenset({"kab", "kabupaten"})
_KOTA_WORDS = frozenset({"kota", "kot", "kodya", "kotamadya"})
_ADMINISTRASI_WORDS = frozenset({"adm", "administrasi"})
_PROVINCE_WORDS = frozenset({"prov", "provinsi", "propinsi", "prop"})

Kind = Literal["kabupaten", "kota"]
Words = tuple[str, ...]


class UnknownRegionError(LookupError):
    """A code that names no region of the expected level."""


@dataclass(frozen=True, slots=True)
class Region:
    """A province (level 1), regency or city (level 2) or district (level 3)."""

    code: str
    name: str

    @property
    def level(self) -> int:
        return self.code.count(".") + 1

    @property
    def parent_code(self) -> str | None:
        parent, dot, _ = self.code.rpartition(".")
        return parent if dot else None

    @property
    def short_name(self) -> str:
        """The name as people say it, still telling cities from regencies.

        Regencies drop ``Kabupaten`` (``Kabupaten Lombok Timur`` -> ``Lombok Timur``), cities
        keep ``Kota`` (``Kota Mataram`` stays) so ``Malang`` and ``Kota Malang`` differ, and the
        word ``Administrasi`` of Jakarta's regency and cities is dropped. The two special
        provinces become ``DKI Jakarta`` and ``DI Yogyakarta``. Districts keep their name.
        """
        if self.level == DISTRICT:
            return self.name
        short = self.name
        for pattern, replacement in _SHORT_NAME_RULES:
            short = pattern.sub(replacement, short)
        return short


@dataclass(frozen=True, slots=True)
class RegionMatch:
    """The outcome of matching typed text.

    ``region`` is set only for a confident match (the text names exactly one region);
    ``candidates`` lists at most :data:`MAX_CANDIDATES` regions, best first, to confirm with
    buttons. When ``region`` is set, ``candidates`` is ``[region]``.
    """

    region: Region | None = None
    candidates: list[Region] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Key:
    text: str
    compact: str
    region: Region


@dataclass(frozen=True, slots=True)
class _Index:
    by_code: dict[str, Region]
    children: dict[str, list[Region]]
    exact: dict[tuple[int, str], list[Region]]
    keys: dict[int, list[_Key]]


def get(code: str) -> Region | None:
    """The region with this code (``62.01``, ``6201``, ``620101`` ...), or ``None``."""
    dotted = _dotted(code)
    return None if dotted is None else _index().by_code.get(dotted)


def provinces() -> list[Region]:
    """All 38 provinces, ordered by code."""
    return list(_index().children[""])


def regencies_of(province_code: str) -> list[Region]:
    """The regencies and cities of a province, ordered by code."""
    return list(_index().children.get(_require(province_code, PROVINCE).code, []))


def districts_of(regency_code: str) -> list[Region]:
    """The districts (kecamatan) of a regency or city, ordered by code."""
    return list(_index().children.get(_require(regency_code, REGENCY).code, []))


def is_district_code(code: str) -> bool:
    """Whether ``code`` (``620101`` or ``62.01.01``) is a known district."""
    region = get(code)
    return region is not None and region.level == DISTRICT


def province_of(code: str) -> Region:
    """The province containing the region with this code (or that province itself)."""
    region = get(code)
    if region is None:
        raise UnknownRegionError(f"unknown region code {code!r}")
    return _index().by_code[region.code[:2]]


def match_province(text: str) -> RegionMatch:
    """Match a typed province name, short form (``Jatim``, ``NTB``, ``DIY``) or nickname.

    Text that is not a province but mentions one (``Lombok Timur, NTB``) or names a regency
    (``Surabaya``) yields that province as a candidate to confirm.
    """
    words = _trim(_words(text), _PROVINCE_WORDS)
    if not words:
        return RegionMatch()
    found = _lookup(PROVINCE, words)
    if found:
        return _result(found)
    mentioned = _unique(province for province, _ in _province_mentions(words))
    if mentioned:
        return RegionMatch(None, mentioned[:MAX_CANDIDATES])
    fuzzy = _fuzzy(PROVINCE, [(None, words, None)])
    if fuzzy:
        return RegionMatch(None, fuzzy)
    regency = match_regency(text)
    return RegionMatch(None, _unique(province_of(r.code) for r in regency.candidates))


def match_regency(text: str, province_code: str | None = None) -> RegionMatch:
    """Match a typed regency or city name, with or without ``Kab.``/``Kota``.

    With ``province_code``, regencies of that province are searched first; a match found only
    elsewhere in the country is returned as a candidate, never as a confident region. Text that
    only names a province (``NTB``) gets no candidates rather than look-alike regencies.
    """
    words = _trim(_words(text), _PROVINCE_WORDS)
    if all(_kind_word(word) for word in words):
        return RegionMatch()
    scope = None if province_code is None else _require(province_code, PROVINCE)
    names_province = bool(_lookup(PROVINCE, words))
    readings: list[tuple[Words, Region | None]] = [
        (words, None),
        *((rest, province) for province, rest in _province_mentions(words)),
    ]
    if scope is not None:
        local = [(rest, scope) for rest, province in readings if province in (None, scope)]
        found = _first_exact(local)
        if found:
            return _result(found)
        fuzzy = [] if names_province else _fuzzy_regencies(local)
        if fuzzy:
            return RegionMatch(None, fuzzy)
    found = _first_exact(readings)
    if found:
        return _result(found) if scope is None else RegionMatch(None, found[:MAX_CANDIDATES])
    if names_province:
        return RegionMatch()
    return RegionMatch(None, _fuzzy_regencies(readings))


def _result(found: list[Region]) -> RegionMatch:
    if len(found) == 1:
        return RegionMatch(found[0], [found[0]])
    return RegionMatch(None, found[:MAX_CANDIDATES])


def _first_exact(readings: Sequence[tuple[Words, Region | None]]) -> list[Region]:
    for words, province in readings:
        for kind, name in _kind_readings(words):
            found = [r for r in _lookup(REGENCY, name) if _fits(r, kind, province)]
            if found:
                return found
    return []


def _fuzzy_regencies(readings: Sequence[tuple[Words, Region | None]]) -> list[Region]:
    return _fuzzy(
        REGENCY,
        [
            (kind, name, province)
            for words, province in readings
            for kind, name in _kind_readings(words)
        ],
    )


def _fuzzy(level: int, queries: list[tuple[Kind | None, Words, Region | None]]) -> list[Region]:
    best: dict[Region, float] = {}
    for kind, words, province in queries:
        text = " ".join(words)
        if len(text.replace(" ", "")) < _MIN_FUZZY_LENGTH:
            continue
        for key in _index().keys[level]:
            if not _fits(key.region, None, province):
                continue
            score = _similarity(text, key)
            if not _fits(key.region, kind, None):
                score -= _KIND_MISMATCH_PENALTY
            if score >= _FUZZY_THRESHOLD and score > best.get(key.region, 0.0):
                best[key.region] = score
    ranked = sorted(best, key=lambda region: (-best[region], region.code))
    return ranked[:MAX_CANDIDATES]


def _similarity(text: str, key: _Key) -> float:
    compact = text.replace(" ", "")
    score = max(fuzz.ratio(compact, key.compact), fuzz.token_sort_ratio(text, key.text))
    if len(compact) >= _MIN_PREFIX_LENGTH and key.compact.startswith(compact):
        score = max(score, _PREFIX_SCORE)
    return score


def _fits(region: Region, kind: Kind | None, province: Region | None) -> bool:
    if kind is not None and _kind(region) != kind:
        return False
    return province is None or region.code.startswith(province.code + ".")


def _kind(region: Region) -> Kind:
    return "kota" if region.name.startswith("Kota ") else "kabupaten"


def _kind_readings(words: Words) -> list[tuple[Kind | None, Words]]:
    """Ways to read ``words`` as a regency: with a leading or trailing kind word, and as is."""
    readings: list[tuple[Kind | None, Words]] = []
    if len(words) > 1:
        if kind := _kind_word(words[0]):
            rest = words[1:]
            if len(rest) > 1 and rest[0] in _ADMINISTRASI_WORDS:
                rest = rest[1:]
            readings.append((kind, rest))
        elif kind := _kind_word(words[-1]):
            readings.append((kind, words[:-1]))
    readings.append((None, words))
    return readings


def _kind_word(word: str) -> Kind | None:
    if word in _KABUPATEN_WORDS:
        return "kabupaten"
    if word in _KOTA_WORDS:
        return "kota"
    return None


def _province_mentions(words: Words) -> Iterator[tuple[Region, Words]]:
    """Yield ``(province, other words)`` for a province named at the end or start of words."""
    for size in range(min(_MAX_PROVINCE_WORDS, len(words) - 1), 0, -1):
        for named, rest in ((words[-size:], words[:-size]), (words[:size], words[size:])):
            found = _lookup(PROVINCE, named)
            rest = _trim(rest, _PROVINCE_WORDS)
            if len(found) == 1 and rest:
                yield found[0], rest


def _lookup(level: int, words: Words) -> list[Region]:
    return _index().exact.get((level, "".join(words)), [])


def _unique(regions: Iterable[Region]) -> list[Region]:
    return list(dict.fromkeys(regions))


def _trim(words: Words, drop: frozenset[str]) -> Words:
    start, end = 0, len(words)
    while start < end and words[start] in drop:
        start += 1
    while end > start and words[end - 1] in drop:
        end -= 1
    return words[start:end]


def _words(text: str) -> Words:
    """Lower-case ASCII words of ``text``, with common spelling variants unified."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = _APOSTROPHES.sub("", plain)
    return tuple(
        _WORD_SYNONYMS.get(word, word)
        for word in _WORD.findall(plain)
        if word not in _IGNORED_WORDS
    )


def _dotted(code: str) -> str | None:
    code = code.strip()
    if _DOTTED_CODE.fullmatch(code):
        return code
    if _PLAIN_CODE.fullmatch(code):
        return ".".join(code[i : i + 2] for i in range(0, len(code), 2))
    return None


def _require(code: str, level: int) -> Region:
    region = get(code)
    if region is None or region.level != level:
        raise UnknownRegionError(f"{code!r} is not a known level-{level} region code")
    return region


def _read_csv(name: str) -> list[dict[str, str]]:
    source = resources.files("models") / "data" / name
    # Decoded from bytes with newline="": the csv module reads the line endings itself.
    text = source.read_bytes().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@cache
def _index() -> _Index:
    by_code: dict[str, Region] = {}
    children: dict[str, list[Region]] = defaultdict(list)
    for row in _read_csv(_REGIONS_FILE):
        region = Region(row["kode"], row["nama"])
        by_code[region.code] = region
        children[region.parent_code or ""].append(region)

    exact: dict[tuple[int, str], list[Region]] = defaultdict(list)
    keys: dict[int, list[_Key]] = defaultdict(list)

    def add(name: str, region: Region) -> None:
        words = _words(name)
        key = _Key(" ".join(words), "".join(words), region)
        if region not in exact[(region.level, key.compact)]:
            exact[(region.level, key.compact)].append(region)
            keys[region.level].append(key)

    for region in by_code.values():
        if region.level == PROVINCE:
            add(region.name, region)
            add(region.short_name, region)
        elif region.level == REGENCY:
            add(_KIND_PREFIX.sub("", region.name), region)
    for row in _read_csv(_ALIASES_FILE):
        aliased = by_code.get(row["kode"])
        if aliased is None or aliased.name != row["nama"]:
            raise ValueError(f"{_ALIASES_FILE}: alias {row['alias']!r} names no region {row}")
        add(row["alias"], aliased)
    for found in exact.values():
        found.sort(key=lambda region: region.code)
    return _Index(by_code, dict(children), dict(exact), dict(keys))
