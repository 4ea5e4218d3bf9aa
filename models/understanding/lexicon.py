"""Finding known words and phrases in tokens, tolerating chat spelling and small typos.

A word matches a spelling when they are equal once repeated letters are squeezed
(``laperrr`` is ``laper``), or when the word is the spelling plus one of the suffixes people
attach (``anaknya``, ``bayiku``, ``pulanglah``). Single words of five letters or more also
match a spelling of six letters or more one typo away (``pulng`` is ``pulang``), or two typos
away from one of nine letters or more (``penginepan``), when the first letter agrees and no
other spelling is as close. Shorter words must be listed with each of their spellings: one
typo in a short word makes another word too often.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from models.understanding.text import Token, squeeze, squeezed_keys

T = TypeVar("T")

_SUFFIXES = ("nya", "lah", "kah", "pun", "ku", "mu")
_MIN_STEM = 3
_MIN_FUZZY_WORD = 5
_ONE_TYPO_FROM = 6
_TWO_TYPOS_FROM = 9
# Everyday words one typo away from a listed spelling that mean something else entirely.
_NEVER_FUZZY = frozenset(
    {
        "pantas", "mentah", "pulau", "bulan", "malam", "sekali", "kerja", "teman", "pulsa",
        "tinggi", "tunggu", "tanggal", "bilang", "hilang", "pusat", "barang", "sendiri",
        "kapan", "makin", "bantu", "sakti", "dapat", "tempat", "minta", "berapa", "kemana",
        "padahal", "sudah", "bukan", "kasih", "mereka", "kerjaan", "pekerja",
    }
)  # fmt: skip


NEGATION_WORDS = squeezed_keys(
    (
        "tidak", "tdk", "tak", "gak", "ga", "gk", "nggak", "ngga", "enggak", "engga", "ndak",
        "nda", "kagak", "bukan", "bkn", "jangan", "jgn", "tanpa", "gaada", "gada", "tiada",
    )
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    """A listed spelling found at tokens ``start`` to ``end`` (exclusive)."""

    value: T
    start: int
    end: int
    words: str  # the words as typed (normalised), joined by spaces


class Lexicon(Generic[T]):
    """Spellings (one word, or several separated by spaces) and what each of them means."""

    def __init__(self, entries: Mapping[str, T], *, fuzzy: bool = True) -> None:
        self._phrases: dict[str, list[tuple[tuple[str, ...], T]]] = defaultdict(list)
        self._words: dict[str, T] = {}
        self._fuzzy: dict[str, list[str]] = defaultdict(list)
        for spelling, value in entries.items():
            parts = tuple(squeeze(part) for part in spelling.split())
            self._phrases[parts[0]].append((parts, value))
            if len(parts) == 1:
                self._words[parts[0]] = value
                if fuzzy and len(parts[0]) >= _ONE_TYPO_FROM:
                    self._fuzzy[parts[0][0]].append(parts[0])
        for candidates in self._phrases.values():
            candidates.sort(key=lambda candidate: -len(candidate[0]))
        self._longest = max((len(c[0][0]) for c in self._phrases.values()), default=1)

    def scan(self, found: Sequence[Token]) -> list[Hit[T]]:
        """Every listed spelling in the tokens, longest first, none overlapping."""
        hits: list[Hit[T]] = []
        index = 0
        while index < len(found):
            hit = self._match_at(found, index)
            if hit is None:
                index += 1
                continue
            hits.append(hit)
            index = hit.end
        return hits

    def word(self, token: Token) -> T | None:
        """What a single token means, if it is a listed one-word spelling."""
        for form in _forms(token):
            if form in self._words:
                return self._words[form]
        return self._closest(token)

    def _match_at(self, found: Sequence[Token], index: int) -> Hit[T] | None:
        forms = [_forms(token) for token in found[index : index + self._longest]]
        for form in forms[0]:
            for parts, value in self._phrases.get(form, ()):
                if len(parts) > len(forms):
                    continue
                if all(part in forms[offset] for offset, part in enumerate(parts)):
                    end = index + len(parts)
                    return Hit(value, index, end, _joined(found[index:end]))
        close = self._closest(found[index])
        return None if close is None else Hit(close, index, index + 1, found[index].text)

    def _closest(self, token: Token) -> T | None:
        key = token.key
        if len(key) < _MIN_FUZZY_WORD or not token.is_word or key in _NEVER_FUZZY:
            return None
        candidates = self._fuzzy.get(key[0], [])
        close = process.extract(key, candidates, scorer=Levenshtein.distance, score_cutoff=2)
        allowed = [
            (spelling, distance)
            for spelling, distance, _ in close
            if distance <= (2 if len(spelling) >= _TWO_TYPOS_FROM else 1)
        ]
        if not allowed:
            return None
        best = min(distance for _, distance in allowed)
        meanings = [self._words[spelling] for spelling, distance in allowed if distance == best]
        # Two spellings equally close with different meanings: better no reading than a guess.
        return meanings[0] if all(m == meanings[0] for m in meanings) else None


def _forms(token: Token) -> tuple[str, ...]:
    key = token.key
    stems = tuple(
        key[: -len(suffix)]
        for suffix in _SUFFIXES
        if key.endswith(suffix) and len(key) - len(suffix) >= _MIN_STEM
    )
    return (key, *stems)


def _joined(found: Sequence[Token]) -> str:
    return " ".join(token.text for token in found)
