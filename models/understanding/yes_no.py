"""Yes or no, typed as people answer a question on their phone.

Understands the yes and no words of Indonesian chat and their short forms (``ya``, ``iya``,
``iy``, ``y``, ``betul``, ``udah``, ``sdh``, ``ok``; ``tidak``, ``tdk``, ``gak``, ``ga``,
``nggak``, ``enggak``, ``ndak``, ``blm``, ``bukan``, ``jangan``...), a few Javanese and Sundanese
ones (``nggih``, ``mboten``, ``muhun``) and English ``yes``/``no``, in any case, with repeated
letters (``iyaaa``), punctuation and other words around them (``iya pak``). A negated yes word
is a no (``tidak setuju``, ``gak mau``, ``tidak ada``), ``gpp`` / ``tidak apa-apa`` is a yes.

A question whose yes is said with a negation (``Apakah ada gaji yang belum dibayar?`` answered
``gak digaji``) has a :class:`Topic` of its own: its phrases are read before the general words,
and they win over them (``udah 3 bln gak digaji`` is a yes to :data:`WAGES_UNPAID`).

Refuses, as :attr:`YesNo.UNCLEAR`: answers with both a yes and a no (``iya tidak``, ``ya, tapi
belum``), answers that say they do not know (``gak tau``, ``mungkin``, ``bingung``), double
negations, and text with no yes or no word at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise

from models.understanding.text import squeeze, words


class YesNo(StrEnum):
    YES = "yes"
    NO = "no"
    UNCLEAR = "unclear"


@dataclass(frozen=True, slots=True)
class Topic:
    """What a particular question makes of phrases that the general words would misread.

    ``rules`` are read in order over the canonical words of the answer (see :func:`canonical`)
    and each takes its words away from those after it; ``unclear_alone`` are general words that
    do not answer this question without one of the phrases (``belum`` to "is any of your wage
    unpaid?" might mean "not yet paid" or "nothing unpaid yet").
    """

    rules: tuple[tuple[re.Pattern[str], YesNo], ...]
    unclear_alone: frozenset[str] = field(default_factory=frozenset)


GENERAL = Topic(rules=())

_TIDAK = "tidak"
_BELUM = "belum"
_SUDAH = "sudah"
_CANONICAL_SPELLINGS: dict[str, tuple[str, ...]] = {
    _TIDAK: (
        "tidak", "tdk", "tak", "gak", "ga", "gk", "g", "gag", "gx", "nggak", "ngga", "nggk",
        "ngak", "ngk", "enggak", "engga", "engak", "ndak", "nda", "ndk", "kagak", "kaga",
        "kgk", "tida", "tdak", "ora", "mboten", "boten", "henteu", "teu", "no", "nope", "not",
        "dont", "❌", "👎",
    ),
    _BELUM: ("belum", "blm", "blom", "belom", "blum", "lum", "belon", "durung", "acan"),
    _SUDAH: (
        "sudah", "udah", "udh", "sdh", "dah", "ud", "uda", "suda", "sudh", "telah", "tlh",
        "wis", "uwis", "sampun", "parantos",
    ),
    "ya": (
        "ya", "iya", "iy", "y", "iyo", "yo", "yoi", "yup", "yups", "yap", "yep", "yes",
        "yeah", "ok", "oke", "okey", "okay", "okeh", "oce", "sip", "siap", "nggih", "enggih",
        "inggih", "injih", "ngih", "nggeh", "muhun", "hooh", "hoh", "heeh", "heem", "sure",
        "tentu", "pasti", "👍", "👌", "✅", "✔",
    ),
    "benar": ("benar", "bener", "bnr", "betul", "btl", "betol", "leres", "right", "correct"),
    "setuju": ("setuju", "stuju", "setju", "sepakat", "agree"),
    "boleh": ("boleh", "blh", "bole", "bisa", "bsa", "bs"),
    "bersedia": ("bersedia", "sedia"),
    "mau": ("mau", "mo"),
    "lanjut": ("lanjut", "lanjutkan", "lnjt", "gas"),
    "ada": ("ada", "ad", "adaa"),
    "bukan": ("bukan", "bkn", "bukn", "sanes"),
    "jangan": ("jangan", "jgn", "jngn", "jagan", "ojo"),
    "tolak": ("tolak", "menolak", "nolak", "batal", "salah", "keliru"),
    "tahu": ("tahu", "tau", "tw", "paham", "ngerti", "mengerti", "yakin", "ingat", "inget"),
    "yang": ("yang", "yg"),
    "juga": ("juga", "jg"),
    "sama": ("sama", "sm"),
    "dapat": ("dapat", "dpt", "dapet", "dapt"),
    "terima": ("terima", "trima", "trm", "nerima", "menerima"),
    "gaji": ("gaji", "gajih", "gj", "gji", "upah", "bayaran", "honor", "duit", "uang"),
    "digaji": ("digaji", "digajih", "dgaji", "digji"),
    "dibayar": ("dibayar", "dibyr", "dbayar", "dibyar", "dbyr", "dibayarkan", "dibayarin"),
    "dikasih": ("dikasih", "dikasi", "dksh", "dikash", "diberi", "dikirim", "ditransfer"),
    "bayar": ("bayar", "byr", "bayarkan", "bayarin"),
    "kasih": ("kasih", "kasi", "ksh", "beri", "kirim", "transfer", "tf"),
    "lunas": ("lunas", "lns", "dilunasi", "lunasin"),
}  # fmt: skip
_CANONICAL = {
    squeeze(spelling): canonical
    for canonical, spellings in _CANONICAL_SPELLINGS.items()
    for spelling in spellings
}
# One typed word for two: "gaada" is "ga ada", "gpp" is "gak apa-apa".
_EXPANSIONS: dict[str, tuple[str, ...]] = {
    squeeze(spelling): expanded
    for expanded, spellings in {
        (_TIDAK, "ada"): ("gaada", "gada", "gakada", "tiada", "tdkada", "ngakada"),
        (_TIDAK, "mau"): ("gamau", "gakmau", "ogah", "emoh", "moh"),
        (_TIDAK, "boleh"): ("gabisa", "gakbisa", "gaboleh"),
        (_TIDAK, "tahu"): ("gatau", "gatahu", "gktau", "gatw", "gtw", "gktw", "ndatau"),
        ("tidak", "apa"): ("gpp", "gapapa", "gakpapa", "ngapapa", "nggakpapa", "gapp"),
        (_BELUM, "tahu"): ("blmtau",),
        (_SUDAH, "benar"): ("sdhbenar", "udahbener"),
    }.items()
    for spelling in spellings
}
_POLARITY = {
    "ya": YesNo.YES,
    "benar": YesNo.YES,
    "setuju": YesNo.YES,
    "boleh": YesNo.YES,
    "bersedia": YesNo.YES,
    "mau": YesNo.YES,
    "lanjut": YesNo.YES,
    "ada": YesNo.YES,
    _SUDAH: YesNo.YES,
    _TIDAK: YesNo.NO,
    _BELUM: YesNo.NO,
    "bukan": YesNo.NO,
    "jangan": YesNo.NO,
    "tolak": YesNo.NO,
}
_NEGATORS = frozenset({_TIDAK, _BELUM, "bukan", "jangan"})
_DOUBT_WORDS = frozenset(
    {
        "mungkin", "mngkn", "entah", "ntah", "embuh", "bingung", "lupa", "ragu", "terserah",
        "tergantung", "maksudnya", "maybe", "kurang", "kayaknya", "sepertinya", "nanti",
        # A question back ("gimana ya?", "kenapa ya") is no answer, whatever particle it has.
        "gimana", "gmn", "gmna", "bagaimana", "bgmn", "kenapa", "knp", "mengapa", "piye",
        "kumaha",
    }
)  # fmt: skip
# "Ya Allah", "ya ampun": distress, not a yes.
_EXCLAMATIONS = (
    (re.compile(r"(?<!\S)ya (?:allah|tuhan|ampun|rabb|robb|gusti)(?!\S)"), YesNo.UNCLEAR),
)
_OK_PHRASES = (
    re.compile(r"(?<!\S)tidak (apa|masalah|papa|kenapa)(?!\S)"),
    re.compile(r"(?<!\S)no problem(?!\S)"),
)


def canonical(text: str) -> str:
    """The words of an answer in one spelling each, separated by spaces.

    Short forms and slang become their standard word (``gk`` -> ``tidak``, ``udh`` -> ``sudah``,
    ``dibyr`` -> ``dibayar``); words this module does not know stay as typed, numbers and
    punctuation too. :class:`Topic` rules are written against this text.
    """
    canonical_words: list[str] = []
    for token in words(text):
        key = token.key
        if key in _EXPANSIONS:
            canonical_words.extend(_EXPANSIONS[key])
        else:
            canonical_words.append(_CANONICAL.get(key, token.text))
    return " ".join(canonical_words)


def _rule(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\S)(?:{pattern})(?!\S)")


_PAID = (
    r"(?:di ?)?(?:gaji|digaji|bayar|dibayar|kasih|dikasih|lunas|cair|gajian|terima|dapat|lancar)"
)
_PART = r"(?:sebagian|separuh|setengah|belum semua|tidak semua|masih kurang|kurang)"
_PARTLY_PAID = (
    rf"(?:sudah |baru )?{_PAID}\S*(?: \S+){{0,3}}? (?:(?:tapi|tp|namun|cuma|baru|hanya) )?{_PART}"
)
_GAP = r"(?: (?:juga|pernah|ada|sama|sekali|lagi|sempat))*"
_OWED = (
    r"sebagian|separuh|nunggak|tunggakan|tertunggak|ditahan|ditunda|tertunda|hutang|utang|ngutang"
    r"|masih kurang"
)
_PAID_ALREADY = (
    rf"sudah(?: (?:semua|semuanya|full))? {_PAID}\S*"
    r"|di ?(?:gaji|bayar)|digaji|dibayar|dikasih|lunas|gajian|lancar"
)
WAGES_UNPAID = Topic(
    rules=(
        (_rule(_PARTLY_PAID), YesNo.YES),
        (_rule(r"tidak ada yang (?:belum|tidak) \S+( \S+)?"), YesNo.NO),
        (_rule(r"(?:tidak|belum) ada (?:hutang|utang|tunggakan|kekurangan)"), YesNo.NO),
        (_rule(rf"(?:tidak|belum){_GAP} {_PAID}\S*"), YesNo.YES),
        (_rule(r"(?:tidak|belum) (?:semua|full|penuh|sepenuhnya|semuanya)"), YesNo.YES),
        (_rule(r"(?:baru|cuma|cuman|hanya) (?:\S+ )?(?:sebagian|separuh|setengah)"), YesNo.YES),
        (_rule(_OWED), YesNo.YES),
        (_rule(_PAID_ALREADY), YesNo.NO),
    ),
    unclear_alone=frozenset({_SUDAH, _BELUM}),
)
"""For "Apakah ada gaji yang belum dibayar?": ``gak digaji`` and ``belum dibayar`` are yes,
``sudah dibayar`` and ``udah lunas`` are no; a bare ``belum`` or ``sudah`` is unclear."""


def answer_yes_no(text: str, topic: Topic = GENERAL) -> YesNo:
    """Whether ``text`` answers yes or no to a question about ``topic``; see the module."""
    said, _ = _apply(_EXCLAMATIONS, canonical(text))
    said, readings = _apply(topic.rules, said)
    if _doubts(said):
        return YesNo.UNCLEAR
    if readings:
        return readings.pop() if len(readings) == 1 else YesNo.UNCLEAR
    said, readings = _apply(tuple((phrase, YesNo.YES) for phrase in _OK_PHRASES), said)
    decisive: set[str] = set()
    for part in _clauses(said):
        negator: str | None = None
        for word in part:
            if word in _NEGATORS:
                negator = negator or word
                continue
            if negator is not None and word in _POLARITY:
                # "tidak setuju", "belum benar"; "tidak tidak" stays a plain no.
                readings.add(YesNo.NO if _POLARITY[word] is YesNo.YES else YesNo.UNCLEAR)
                decisive.add(negator)
            elif negator is not None:
                readings.add(YesNo.NO)
                decisive.add(negator)
            if word in _POLARITY and negator is None:
                readings.add(_POLARITY[word])
                decisive.add(word)
            negator = None
        if negator is not None:
            readings.add(YesNo.NO)
            decisive.add(negator)
    if len(readings) != 1 or (decisive and decisive <= topic.unclear_alone):
        return YesNo.UNCLEAR
    return readings.pop()


def _doubts(said: str) -> bool:
    spoken = said.split()
    if any(word in _DOUBT_WORDS for word in spoken):
        return True
    return any(word in _NEGATORS and following == "tahu" for word, following in pairwise(spoken))


def _apply(rules: tuple[tuple[re.Pattern[str], YesNo], ...], said: str) -> tuple[str, set[YesNo]]:
    """The readings of the rules that match, and the text without the words they took."""
    readings: set[YesNo] = set()
    for pattern, reading in rules:
        if pattern.search(said):
            readings.add(reading)
            said = pattern.sub(" . ", said)
    return said, readings


def _clauses(said: str) -> list[list[str]]:
    """Runs of words between punctuation: a negation reaches only the next word of its run."""
    clauses: list[list[str]] = [[]]
    for word in said.split():
        if word[0].isalpha():
            clauses[-1].append(word)
        else:
            clauses.append([])
    return [clause for clause in clauses if clause]
