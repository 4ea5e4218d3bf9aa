"""What help a person asks for, in their words: ``pulang dan makan`` is transport and food.

The codes are those of the intake's needs question: ``transport``, ``food``, ``shelter``,
``health``, ``wages_legal`` and ``other``. Understands the everyday words for each (``pulang
kampung``, ``ongkos``, ``tiket``, ``kapal``; ``makan``, ``lapar``, ``beras``; ``tempat tinggal``,
``nginep``; ``berobat``, ``obat``; ``gaji``, ``upah``, ``lapor polisi``...), their chat spellings
and small typos. A need said not to be needed (``tidak perlu tiket``, ``gak butuh makan``) is
left out.

Refuses: ``other`` for anything not listed (the caller keeps the words and decides), and
``uang`` (money) on its own, which is for going home as often as for unpaid wages.
"""

from __future__ import annotations

from collections.abc import Sequence

from models.understanding.lexicon import NEGATION_WORDS, Hit, Lexicon
from models.understanding.text import Token, squeezed_keys, words

TRANSPORT = "transport"
FOOD = "food"
SHELTER = "shelter"
HEALTH = "health"
WAGES_LEGAL = "wages_legal"
OTHER = "other"

_SPELLINGS = {
    TRANSPORT: (
        "pulang", "plg", "plng", "pulkam", "mudik", "balik", "balik kampung", "pulang kampung",
        "kampung", "kampung halaman", "ongkos", "ongkos pulang", "biaya pulang", "tiket",
        "tiket kapal", "kapal", "kpl", "bus", "bis", "travel", "pesawat", "kereta",
        "transport", "transportasi", "kendaraan", "angkutan", "speedboat", "feri", "ferry",
        "pelni", "dipulangkan", "pemulangan", "perjalanan", "tumpangan",
    ),
    FOOD: (
        "makan", "mkn", "makn", "mkan", "maem", "mamam", "makanan", "lapar", "laper",
        "kelaparan", "beras", "nasi", "sembako", "minum", "minuman", "air minum", "susu",
        "lauk", "mie", "indomie", "logistik", "sarapan",
    ),
    SHELTER: (
        "tempat tinggal", "tempat tidur", "tempat istirahat", "tempat berteduh",
        "tempat menginap", "tempat nginap", "tidur", "nginap", "nginep", "menginap",
        "penginapan", "inap", "kos", "kost", "kosan", "kontrakan", "rumah singgah", "shelter",
        "tenda", "mess", "numpang", "berteduh", "atap",
    ),
    HEALTH: (
        "berobat", "brobat", "obat", "obatan", "dokter", "rumah sakit", "rs", "puskesmas",
        "klinik", "bidan", "perawatan", "dirawat", "pengobatan", "kesehatan", "periksa",
        "sakit", "ambulans", "ambulan",
    ),
    WAGES_LEGAL: (
        "gaji", "gajih", "gajian", "upah", "bayaran", "hak", "pesangon", "hukum",
        "bantuan hukum", "lapor", "lapor polisi", "polisi", "polsek", "polres", "pengacara",
        "advokat", "lbh", "tuntut", "menuntut", "tuntutan", "penipuan", "ditipu", "tipu",
        "disnaker", "dinas tenaga kerja", "mediasi", "keadilan",
    ),
    OTHER: (
        "pakaian", "baju", "selimut", "dokumen", "ktp", "surat", "pekerjaan", "kerja baru",
        "cari kerja", "lowongan", "modal", "pulsa", "sekolah",
    ),
}  # fmt: skip
_LEXICON = Lexicon(
    {spelling: code for code, spellings in _SPELLINGS.items() for spelling in spellings}
)
_NOT_NEEDED = squeezed_keys(("perlu", "butuh", "usah", "mau", "minta", "pengen", "ingin"))


def find_needs(text: str) -> frozenset[str]:
    """The need codes ``text`` asks for; see the module."""
    found = words(text)
    return frozenset(hit.value for hit in _LEXICON.scan(found) if not _declined(found, hit))


def _declined(found: Sequence[Token], hit: Hit[str]) -> bool:
    """``tidak perlu tiket``: the need word is said not to be needed."""
    before = [token.key for token in found[max(0, hit.start - 2) : hit.start]]
    return len(before) == 2 and before[0] in NEGATION_WORDS and before[1] in _NOT_NEEDED
