"""Health and vulnerability in words: ``anak saya panas dari kemarin`` is a sick child.

Understands symptoms and conditions (``sakit``, ``demam``, ``panas``, ``meriang``, ``batuk``,
``luka``, ``patah``, ``pingsan``, ``sesak``, ``diare``, ``mencret``, ``muntah``...), pregnancy
(``hamil``, ``bunting``, ``mengandung``), children (``bayi``, ``balita``, ``anak``), old age
(``lansia``, ``tua``, ``jompo``, ``umur 70``) and disability (``cacat``, ``disabilitas``,
``kursi roda``, ``lumpuh``), with chat spellings, small typos and a few Javanese and Sasak
words (``loro``, ``mriang``, ``meteng``). Each names a vulnerability code of the intake:
``sick``, ``pregnant``, ``child``, ``elderly``, ``disabled``; any of them makes the case urgent.

``none`` is read only from words that say nobody needs care (``tidak ada``, ``gak ada``,
``sehat semua``, ``aman``, ``baik2 saja``) in a text that names no condition at all: the worst
outcome of the intake is a sick person recorded as not urgent. So a named condition that is
negated (``tidak ada yang sakit``) is neither ticked nor ``none``, but ``denied``: the caller
asks again with the buttons. So is a ``none`` with doubt or an exception in it (``gak tau``,
``sehat kecuali ibu``).

Refuses: who is meant (``anak`` ticks ``child`` whether the child is sick or not) and how
serious it is (``sakit sedikit`` is as urgent as ``pingsan``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from models.understanding.lexicon import NEGATION_WORDS, Hit, Lexicon
from models.understanding.numbers import read_number
from models.understanding.text import Token, squeezed_keys, words

SICK = "sick"
PREGNANT = "pregnant"
CHILD = "child"
ELDERLY = "elderly"
DISABLED = "disabled"

CHILD_UNDER = 18
ELDERLY_FROM = 60

_SPELLINGS: dict[tuple[str, ...], tuple[str, ...]] = {
    (SICK,): (
        "sakit", "skt", "sakt", "sakit keras", "sakit parah", "demam", "dmam", "deman", "demem",
        "panas", "panas tinggi", "meriang", "mriang", "greges", "nggreges", "masuk angin", "batuk",
        "btk", "watuk", "pilek", "flu", "selesma", "luka", "terluka", "lecet", "berdarah",
        "pendarahan", "perdarahan", "darah", "patah", "patah tulang", "keseleo", "terkilir",
        "pingsan", "semaput", "kejang", "step", "sesak", "sesek", "sesak napas", "sesak nafas",
        "susah napas", "susah nafas", "sulit bernapas", "asma", "asam urat", "diare", "mencret",
        "menceret", "berak", "muntah", "mutah", "muntaber", "mual", "pusing", "pening", "mumet",
        "maag", "mag", "lemas", "lemes", "lemah", "tipes", "tifus", "tipus", "malaria", "dbd",
        "tbc", "tb", "gatal", "gatel", "kudis", "koreng", "bisul", "infeksi", "bengkak",
        "kecelakaan", "tertabrak", "jatuh", "digigit", "stroke", "struk", "jantung", "darah tinggi",
        "hipertensi", "tensi", "diabetes", "kencing manis", "gula darah", "kanker", "tumor",
        "kritis", "koma", "opname", "dirawat", "rawat inap", "tidak sadar", "gak sadar",
        "tidak sadarkan diri", "tidak enak badan", "gak enak badan", "ga enak badan",
        "kurang enak badan", "nggak enak badan", "tidak sehat", "kurang sehat", "tidak fit",
        "kurang fit", "tidak bisa bangun", "cacar", "campak", "hepatitis", "covid", "corona",
        "sobek", "luka bakar", "loro", "lara", "gering", "nyeri", "ngilu", "radang", "amandel",
        "ispa", "pneumonia", "anemia", "kurang darah", "dehidrasi", "kurang gizi", "gizi buruk",
        "busung lapar", "depresi", "stres", "stress", "gangguan jiwa", "odgj", "trauma", "obat",
        "berobat", "dokter", "rumah sakit", "puskesmas", "klinik",
    ),
    (PREGNANT,): (
        "hamil", "hamel", "hmil", "bunting", "mengandung", "ngandung", "kandungan",
        "meteng", "bumil", "ibu hamil", "hamil tua", "melahirkan", "lahiran", "persalinan",
        "nifas", "ngidam", "hpl",
    ),
    (SICK, PREGNANT): ("keguguran", "pendarahan hamil"),
    (CHILD,): (
        "bayi", "bayik", "baby", "balita", "batita", "anak", "anak kecil", "bocah", "bocil",
        "krucil", "orok", "menyusui", "asi", "masih kecil", "stunting",
    ),
    (ELDERLY,): (
        "lansia", "lanjut usia", "tua", "orang tua", "jompo", "manula", "kakek", "nenek",
        "mbah", "simbah", "embah", "sepuh", "uzur", "pikun",
    ),
    (DISABLED,): (
        "cacat", "difabel", "disabilitas", "disabel", "kursi roda", "lumpuh", "buta", "tuli",
        "bisu", "tunanetra", "tunarungu", "tunawicara", "tunadaksa", "tuna netra",
        "tuna rungu", "tuna wicara", "tuna daksa", "tidak bisa jalan", "gak bisa jalan",
        "ga bisa jalan", "tidak bisa berjalan", "tidak bisa melihat", "tidak bisa mendengar",
        "amputasi", "diamputasi", "buntung", "kaki palsu", "autis", "down syndrome",
        "berkebutuhan khusus",
    ),
    # Phrases with a condition word that name no condition: taken whole, so they tick nothing.
    (): (
        "anak buah", "anak buah kapal", "anak muda", "anak perusahaan", "anak sungai",
        "cuaca panas", "panas terik", "panas matahari",
    ),
}  # fmt: skip
_LEXICON = Lexicon(
    {
        spelling: frozenset(codes)
        for codes, spellings in _SPELLINGS.items()
        for spelling in spellings
    }
)
_NONE = Lexicon(
    dict.fromkeys(
        (
            "tidak ada", "gak ada", "ga ada", "tdk ada", "nggak ada", "ngga ada", "enggak ada",
            "engga ada", "ndak ada", "gaada", "gada", "tiada", "tidak", "tdk", "gak", "ga",
            "gk", "nggak", "ngga", "enggak", "engga", "ndak", "no", "none", "nihil", "kosong",
            "sehat", "sehat semua", "semua sehat", "sehat saja", "sehat walafiat", "baik",
            "baik saja", "baik baik saja", "aman", "aman semua", "normal", "fit", "bugar",
        ),
        True,
    ),
    fuzzy=False,
)  # fmt: skip
_DOUBT = squeezed_keys(
    (
        "tahu", "tau", "tw", "gatau", "gtw", "yakin", "paham", "ngerti", "mungkin", "entah",
        "lupa", "bingung", "kurang", "tapi", "tetapi", "namun", "kecuali", "selain",
    )
)  # fmt: skip
# Words between a negation and the condition it denies: "tidak ada yang sakit".
_DENIAL_GAP = squeezed_keys(
    ("ada", "yang", "yg", "lagi", "lg", "pernah", "sedang", "terlalu", "begitu", "orang")
)
_AGE_WORDS = squeezed_keys(("umur", "umurnya", "usia", "usianya", "berumur", "berusia"))
_YEARS = squeezed_keys(("tahun", "thn", "th", "thun", "taun"))
_MONTHS = squeezed_keys(("bulan", "bln", "bl"))


@dataclass(frozen=True, slots=True)
class Conditions:
    """What a text says about health and vulnerability.

    ``words`` are the words that named the ``vulnerabilities``, as typed (normalised), for the
    note staff read; ``denied`` are conditions named in a negation (``tidak ada yang sakit``).
    """

    vulnerabilities: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()
    none: bool = False
    denied: tuple[str, ...] = ()

    @property
    def urgent(self) -> bool:
        return bool(self.vulnerabilities)

    @property
    def understood(self) -> bool:
        """Whether the answer can be taken as it is, without asking again."""
        return self.none or bool(self.vulnerabilities)


def find_conditions(text: str) -> Conditions:
    """The vulnerabilities ``text`` names, or ``none``; see the module."""
    found = words(text)
    codes: set[str] = set()
    named: list[str] = []
    denied: list[str] = []
    for hit in _LEXICON.scan(found):
        if not hit.value:
            continue
        if _denied(found, hit):
            denied.append(hit.words)
        else:
            codes |= hit.value
            named.append(hit.words)
    for age_code, age_words in _ages(found):
        codes.add(age_code)
        named.append(age_words)
    none = not named and not denied and _says_none(found)
    return Conditions(frozenset(codes), tuple(named), none, tuple(denied))


def _denied(found: Sequence[Token], hit: Hit[frozenset[str]]) -> bool:
    index = hit.start - 1
    while index >= 0 and found[index].key in _DENIAL_GAP and hit.start - index <= 3:
        index -= 1
    return index >= 0 and hit.start - index <= 4 and found[index].key in NEGATION_WORDS


def _ages(found: Sequence[Token]) -> list[tuple[str, str]]:
    """``umur 3 tahun`` is a child, ``usia 70`` elderly: ages said with an age word."""
    ages: list[tuple[str, str]] = []
    for index, token in enumerate(found):
        if token.key not in _AGE_WORDS:
            continue
        number = read_number(found, index + 1)
        if number is None:
            continue
        years, after = number
        unit = found[after].key if after < len(found) else ""
        end = after + 1 if unit in _YEARS or unit in _MONTHS else after
        said = " ".join(t.text for t in found[index:end])
        if unit in _MONTHS or years < CHILD_UNDER:
            ages.append((CHILD, said))
        elif years >= ELDERLY_FROM:
            ages.append((ELDERLY, said))
    return ages


def _says_none(found: Sequence[Token]) -> bool:
    if any(token.key in _DOUBT for token in found):
        return False
    hits = _NONE.scan(found)
    if not hits:
        return False
    # "tidak aman", "kurang sehat" without a listing: not a "none" either.
    return not any(h.start > 0 and found[h.start - 1].key in NEGATION_WORDS for h in hits)
