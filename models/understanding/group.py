"""How many people a group is: ``4``, ``empat orang``, ``4 org``, ``kami berlima``, ``sendiri``.

Understands counts in digits or words with or without a word for people (``orang``, ``org``,
``jiwa``, ``pekerja``), approximate counts (``10an orang``, ``20-an``, ``sekitar 30``), ranges
(``3-4 orang`` is 4: help is planned for everyone), the ``ber-`` forms (``berdua`` to
``bersepuluh``) and being alone (``sendiri``, ``saya sendiri``, ``seorang diri``), from 1 to
:data:`MAX_GROUP`.

Refuses (``None``): counts of other things (``3 bulan``, ``2 juta``), several different counts
of people (``6 orang, 2 orang sakit``: a sum or a part?), sums of companions (``saya, istri dan
2 anak``, ``saya + 2 teman``), vague words (``puluhan``, ``rombongan``, ``sekeluarga``) and
counts above :data:`MAX_GROUP`.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from models.understanding.numbers import read_number
from models.understanding.text import Token, squeezed_keys, words

MAX_GROUP = 500

_BER_FORMS = {
    "berdua": 2, "bertiga": 3, "berempat": 4, "berlima": 5, "berenam": 6, "bertujuh": 7,
    "berdelapan": 8, "bersembilan": 9, "bersepuluh": 10,
}  # fmt: skip
_ALONE = squeezed_keys(("sendiri", "sendirian", "sorangan", "dewe", "dhewe", "dewekan"))
_ALONE_PHRASES = (
    ("cuma", "saya"), ("hanya", "saya"), ("saya", "saja"), ("aku", "saja"), ("seorang", "diri"),
)  # fmt: skip
_PEOPLE = squeezed_keys(
    ("orang", "org", "orng", "jiwa", "pekerja", "anggota", "personil", "personel")
)  # fmt: skip
_APPROXIMATE = squeezed_keys(("an",))
_RANGE = frozenset({"-", "\u2013", "sampai", "sampe", "hingga", "atau"})
# Words after a number that make it a count of something else.
_OTHER_UNITS = squeezed_keys(
    ("bulan", "bln", "bl", "hari", "hr", "minggu", "mgg", "tahun", "thn", "th", "jam", "menit",
     "juta", "jt", "ribu", "rb", "rbu", "k", "rp", "rupiah", "kali", "x", "kg", "km", "anak",
     "teman", "temen", "kawan", "istri", "suami", "laki", "perempuan", "wanita", "pria", "%",
     "persen", "/", ":", ".", "tanggal", "tgl")
)  # fmt: skip


def find_group_size(text: str) -> int | None:
    """The number of people in the group ``text`` describes, or ``None``; see the module."""
    found = words(text)
    people: set[int] = set()
    bare: set[int] = set()
    index = 0
    while index < len(found):
        count = _count_at(found, index)
        if count is None:
            index += 1
            continue
        value, end = count
        following = found[end].key if end < len(found) else ""
        if following in _PEOPLE:
            people.add(value)
        elif following not in _OTHER_UNITS and not _after_unit_word(found, index):
            bare.add(value)
        index = end
    keys = [token.key for token in found]
    for chosen in (
        people,
        {_BER_FORMS[key] for key in keys if key in _BER_FORMS},
        {1} if _alone(keys) else set(),
        bare,
    ):
        if chosen:
            size = chosen.pop() if len(chosen) == 1 else None
            return size if size is not None and 1 <= size <= MAX_GROUP else None
    return None


def _count_at(found: Sequence[Token], index: int) -> tuple[int, int] | None:
    """A number at ``index`` (the upper bound of a range), and the index after it and ``an``."""
    number = read_number(found, index)
    if number is None:
        return None
    value, end = number
    if end + 1 < len(found) and found[end].text in _RANGE:
        upper = read_number(found, end + 1)
        if upper is not None and upper[0] > value:
            value, end = upper
    if end < len(found) and found[end].text == "-" and end + 1 < len(found):
        end += 1 if found[end + 1].key in _APPROXIMATE else 0
    if end < len(found) and found[end].key in _APPROXIMATE:
        end += 1
    return value, end


def _after_unit_word(found: Sequence[Token], index: int) -> bool:
    """``tgl 12``, ``jam 3``: a number that follows the word it counts."""
    return index > 0 and found[index - 1].key in _OTHER_UNITS


def _alone(keys: list[str]) -> bool:
    if any(key in _ALONE for key in keys):
        return True
    return any(pair in _ALONE_PHRASES for pair in pairwise(keys))
