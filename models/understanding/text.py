"""Typed text as the readers of this package see it: normalised, split into tokens.

Normalising folds case, accents, width and non-ASCII digits, drops invisible characters
(zero-width spaces, direction marks) and undoes the reduplication shorthand of chat Indonesian
(``anak2`` and ``anak-anak`` both become ``anak``). Tokens are runs of letters, numbers (with
their ``.`` and ``,`` separators) or single other characters; their positions refer to the
normalised text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_APOSTROPHE_IN_WORD = re.compile(r"(?<=[^\W\d_])['`\u2018\u2019\u02bc](?=[^\W\d_])")
_REDUPLICATION = re.compile(r"\b([^\W\d_]+)-\1\b")
# "anak2", "kira2": the digit 2 glued to a word of three letters or more repeats the word.
_REPEAT_TWO = re.compile(r"(?<=[^\W\d_]{3})2(?![0-9])")
_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[^\W\d_]+|\S")
_REPEATED_LETTER = re.compile(r"([^\W\d_])\1+")
_SKIPPED_CATEGORIES = frozenset({"Mn", "Me", "Cf", "Cc"})


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a normalised text."""

    text: str
    start: int
    end: int

    @property
    def is_number(self) -> bool:
        return self.text[0].isascii() and self.text[0].isdigit()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()

    @property
    def key(self) -> str:
        """The word with repeated letters squeezed (``iyaaa`` -> ``iya``), for lookups."""
        return squeeze(self.text)


def normalise(text: str) -> str:
    """Lower case, no accents or invisible characters, ASCII digits, no reduplication marks."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFKD", text):
        category = unicodedata.category(char)
        if category in _SKIPPED_CATEGORIES:
            # Control characters become spaces so that words on two lines stay two words.
            if category == "Cc":
                kept.append(" ")
            continue
        digit = unicodedata.decimal(char, None)
        kept.append(str(digit) if digit is not None else char)
    folded = unicodedata.normalize("NFKC", "".join(kept)).casefold()
    folded = _APOSTROPHE_IN_WORD.sub("", folded)
    folded = _REDUPLICATION.sub(r"\1", folded)
    return _REPEAT_TWO.sub("", folded)


def tokens(normalised: str) -> list[Token]:
    """The tokens of a text already passed through :func:`normalise`."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(normalised)]


def words(text: str) -> list[Token]:
    """The tokens of raw text, normalised first."""
    return tokens(normalise(text))


def squeeze(word: str) -> str:
    """Repeated letters as one: ``gaaak`` -> ``gak``, ``nggak`` -> ``ngak``."""
    return _REPEATED_LETTER.sub(r"\1", word)


def squeezed_keys(spellings: Iterable[str]) -> frozenset[str]:
    """Spellings as :attr:`Token.key` sees them."""
    return frozenset(squeeze(spelling) for spelling in spellings)
