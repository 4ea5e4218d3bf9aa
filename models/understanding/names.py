"""The same person under the many spellings of Indonesian names, as a hint for staff.

:func:`name_key` folds the variants people write for one name: ``Muhammad``, ``Muhamad``,
``Mohammad``, ``Mochamad``, ``Moh.``, ``Mhd``, ``M.``; ``Achmad``, ``Ahmad``, ``Akhmad``;
``Abdul``, ``Abd.``, ``Abdurrahman`` (``Abdul Rahman``); old and new spelling (``oe``/``u``,
``dj``/``j``, ``tj``/``c``, ``sj``/``sy``, ``ch``/``kh``/``h``, ``dh``/``d``, ``q``/``k``);
doubled letters; a final ``y`` or ``h`` (``Rizky``/``Rizki``, ``Fatimah``/``Fatima``); and
leading titles and name prefixes (``Haji``, ``H.``, ``Hj.``, ``Pak``, ``Bu``; Sasak ``Lalu``,
``Baiq``; Balinese ``I``, ``Ni``, ``Luh``, ``Ida Bagus``, ``Gusti`` and the birth-order names
``Wayan``, ``Putu``, ``Gede``, ``Made``, ``Kadek``, ``Nyoman``, ``Komang``, ``Ketut``).

:func:`same_person_score` compares two names word by word, in any order, with rapidfuzz for
typos (the word similarities multiply: one wrong letter in a short word is another name); a
missing word costs a little, a different birth-order name or a different sex marker
(``I``/``Ni``, ``Lalu``/``Baiq``, ``bin``/``binti``) costs more. :func:`possible_match` adds birth
date or age and the origin regency and says why, for a "mungkin sama dengan" shown to staff.

Refuses: to decide. Every score is a hint for a person to check; nothing here merges records.
Nicknames (``Yanto`` for ``Suryanto``) and names written in other scripts are not folded.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

from rapidfuzz import fuzz

from models.understanding.nik import age_on
from models.understanding.text import squeeze

SAME_NAME = 0.85  # from here two names may well be the same person's
LIKELY = 0.85  # a possible match worth showing to staff

_SPELLING = (
    ("oe", "u"), ("dj", "j"), ("tj", "c"), ("sj", "sy"), ("ch", "kh"), ("kh", "h"),
    ("dh", "d"), ("th", "t"), ("ph", "f"), ("dz", "z"), ("q", "k"),
)  # fmt: skip
_VARIANTS = {
    "muhammad": (
        "muhamad", "mohamad", "muhamed", "mohamed", "muhamat", "mohamat", "moh", "mhd", "m",
        "muh", "muhd", "mohd", "mukamad", "mokamad",
    ),
    "ahmad": ("ahmad", "ahmat", "ahmed", "amad"),
    "abdul": ("abdul", "abd", "abdu"),
    "siti": ("siti",),
    "nur": ("nur", "nor", "nurul"),
}  # fmt: skip
_CANONICAL = {variant: name for name, variants in _VARIANTS.items() for variant in variants}
_COMMON = frozenset({"muhammad", "ahmad", "abdul", "siti", "nur", "sri"})
_TITLES = frozenset(
    {"h", "haji", "hj", "haja", "hajah", "pak", "bapak", "bp", "bu", "ibu", "sdr", "sdri",
     "saudara", "saudari", "tn", "ny", "nyonya", "nn", "dr", "drs", "ir", "prof", "ust",
     "ustad", "ustadz", "kiai", "kyai"}
)  # fmt: skip
_PREFIXES = frozenset({"lalu", "baiq", "i", "ni", "luh", "gusti", "ngurah", "cokorda", "dewa"})
_PREFIX_PAIRS = frozenset({("ida", "bagus"), ("ida", "ayu"), ("anak", "agung")})
_BIRTH_ORDER = {
    "wayan": 1, "putu": 1, "gede": 1, "made": 2, "kadek": 2, "nengah": 2, "nyoman": 3,
    "komang": 3, "ketut": 4,
}  # fmt: skip
_MALE = frozenset({"i", "lalu", "bin", "haji", "h"})
_FEMALE = frozenset({"ni", "baiq", "binti", "hj", "haja", "hajah", "luh"})
_LETTERS = re.compile(r"[a-z]+")
_INITIAL = 0.9
_MISSING_WORD = 0.9
_ONLY_COMMON = 0.6
_OTHER_BIRTH_ORDER = 0.8
_OTHER_SEX = 0.7


@dataclass(frozen=True, slots=True)
class _Name:
    words: tuple[str, ...]  # folded, without titles and prefixes
    birth_order: frozenset[int]
    sex: frozenset[str]


def name_key(name: str) -> str:
    """A name with its variants folded: ``Moch. Rizky`` and ``Muhamad Rizki`` share one."""
    return " ".join(_read(name).words)


def same_person_score(a: str, b: str) -> float:
    """How alike two names are once their variants are folded, from 0 to 1; see the module."""
    first, second = _read(a), _read(b)
    if not first.words or not second.words:
        return 0.0
    words_a, words_b = _distinctive(first.words), _distinctive(second.words)
    if not (words_a and words_b):
        words_a, words_b = first.words, second.words
    # Words are paired greedily, so both directions are tried for a score that ignores order.
    score = max(_paired(words_a, words_b), _paired(words_b, words_a))
    if first.birth_order and second.birth_order and not first.birth_order & second.birth_order:
        score *= _OTHER_BIRTH_ORDER
    if len(first.sex | second.sex) > 1:
        score *= _OTHER_SEX
    return round(score, 4)


def _paired(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    shorter, longer = (list(a), list(b)) if len(a) <= len(b) else (list(b), list(a))
    similarities: list[float] = []
    for word in shorter:
        best = max(longer, key=lambda other: _word_similarity(word, other))
        similarities.append(_word_similarity(word, best))
        longer.remove(best)
    # A product, not a mean: "Agus Salim" and "Agus Halim" are one letter but two people apart.
    score = math.prod(similarities) * _MISSING_WORD ** len(longer)
    if all(word in _COMMON for word in shorter):
        score = min(score, _ONLY_COMMON)  # "Muhammad" alone says little
    return score


class Reason(StrEnum):
    """Why two records may, or may not, be one person (the views word them for staff)."""

    SAME_NAME = "same_name"
    SIMILAR_NAME = "similar_name"
    SAME_BIRTH_DATE = "same_birth_date"
    SIMILAR_AGE = "similar_age"
    SAME_REGENCY = "same_regency"
    SAME_PROVINCE = "same_province"
    OTHER_BIRTH_DATE = "other_birth_date"
    OTHER_AGE = "other_age"
    OTHER_PROVINCE = "other_province"


@dataclass(frozen=True, slots=True)
class Person:
    """What is known of someone without a NIK or phone number to match on."""

    name: str
    birth_date: date | None = None
    age: int | None = None
    regency_code: str | None = None  # "PP.RR", as in models.reference.regions


@dataclass(frozen=True, slots=True)
class PossibleMatch:
    score: float  # 0 to 1
    reasons: tuple[Reason, ...]  # what speaks for one person
    against: tuple[Reason, ...]  # what speaks against

    @property
    def likely(self) -> bool:
        return self.score >= LIKELY


def possible_match(a: Person, b: Person, *, today: date) -> PossibleMatch:
    """How likely ``a`` and ``b`` are one person, and why; a hint, never a merge."""
    name = same_person_score(a.name, b.name)
    score = name
    reasons: list[Reason] = []
    against: list[Reason] = []
    if name >= 1:
        reasons.append(Reason.SAME_NAME)
    elif name >= SAME_NAME:
        reasons.append(Reason.SIMILAR_NAME)
    if a.birth_date is not None and b.birth_date is not None:
        if a.birth_date == b.birth_date:
            score += 0.1
            reasons.append(Reason.SAME_BIRTH_DATE)
        else:
            score -= 0.3
            against.append(Reason.OTHER_BIRTH_DATE)
    else:
        age_a, age_b = _age(a, today), _age(b, today)
        if age_a is not None and age_b is not None:
            if abs(age_a - age_b) <= 2:
                score += 0.05
                reasons.append(Reason.SIMILAR_AGE)
            elif abs(age_a - age_b) > 5:
                score -= 0.3
                against.append(Reason.OTHER_AGE)
    if a.regency_code and b.regency_code:
        if a.regency_code == b.regency_code:
            score += 0.05
            reasons.append(Reason.SAME_REGENCY)
        elif a.regency_code[:2] == b.regency_code[:2]:
            score += 0.02
            reasons.append(Reason.SAME_PROVINCE)
        else:
            score -= 0.15
            against.append(Reason.OTHER_PROVINCE)
    return PossibleMatch(round(min(1.0, max(0.0, score)), 4), tuple(reasons), tuple(against))


def _age(person: Person, today: date) -> int | None:
    if person.birth_date is not None:
        return age_on(person.birth_date, today)
    return person.age


# The duplicate check compares one new name with many stored ones, and the same names recur.
@lru_cache(maxsize=8192)
def _read(name: str) -> _Name:
    ascii_name = unicodedata.normalize("NFKD", name.split(",")[0]).encode("ascii", "ignore")
    words = _LETTERS.findall(ascii_name.decode().lower())
    sex = {"L" for word in words if word in _MALE} | {"P" for word in words if word in _FEMALE}
    words = [word for word in words if word not in ("bin", "binti")]
    birth_order: set[int] = set()
    while words:
        if words[0] in _TITLES or words[0] in _PREFIXES:
            words.pop(0)
        elif tuple(words[:2]) in _PREFIX_PAIRS:
            del words[:2]
        elif words[0] in _BIRTH_ORDER and len(words) > 1:
            birth_order.add(_BIRTH_ORDER[words.pop(0)])
        else:
            break
    folded = [part for word in words for part in _split_abdul(_fold(word))]
    return _Name(tuple(folded), frozenset(birth_order), frozenset(sex))


def _fold(word: str) -> str:
    for old, new in _SPELLING:
        word = word.replace(old, new)
    word = squeeze(word)
    if len(word) > 3 and word.endswith("y"):
        word = word[:-1] + "i"
    if len(word) > 3 and word.endswith("h") and word[-2] in "aeiou":
        word = word[:-1]
    return _CANONICAL.get(word, word)


def _split_abdul(word: str) -> list[str]:
    """``abdurahman`` and ``abdulrahman`` are ``abdul rahman``: the article joins the word."""
    for prefix in ("abdul", "abdu"):
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 4:
            return ["abdul", rest]
    return [word]


def _distinctive(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(word for word in words if word not in _COMMON)


def _word_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:
        return _INITIAL if a[0] == b[0] else 0.0
    return fuzz.ratio(a, b) / 100
