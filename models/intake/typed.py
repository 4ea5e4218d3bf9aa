"""A typed answer that means a button: its label in any language, or a common word for it.

People on cheap phones often type "ya" or the label they see instead of tapping; the answer is
then taken as the tap. What a sentence says beyond a button (a yes inside "udah 3 bln gak
digaji", an amount, a symptom) is read by the steps with models/understanding; the few
readings several steps share are here.
"""

from __future__ import annotations

import re

from models.intake.io import Question
from models.intake.ports import IntakeTexts
from models.understanding.yes_no import GENERAL, Topic, YesNo, answer_yes_no, canonical

# Typed words that mean the same as a button with this value.
ALIASES: dict[str, tuple[str, ...]] = {
    "yes": ("ya", "iya", "y", "yes", "setuju", "ok", "oke", "boleh", "bersedia"),
    "no": ("tidak", "tdk", "no", "gak", "nggak", "enggak", "tidak setuju", "tolak"),
    "skip": ("lewati", "skip", "tidak tahu", "gak tahu", "ga tau", "tidak tau", "tidak punya"),
    "done": ("selesai", "sudah", "done", "lanjut", "cukup"),
    "send": ("kirim", "send"),
}


def normalise(text: str) -> str:
    """Lowercase letters and digits only: how typed text is compared with button labels."""
    return re.sub(r"[^0-9a-z]+", " ", text.lower()).strip()


def match_typed(question: Question, text: str, texts: IntakeTexts) -> str | None:
    """The value of the button whose label (in any language) or alias is what was typed."""
    typed = normalise(text)
    if not typed:
        return None
    buttons = [b for row in question.rows for b in row] + list(question.reply_buttons)
    for button in buttons:
        labels = {normalise(label) for label in texts.label_texts(button.label)}
        if typed in labels or typed in ALIASES.get(button.value, ()):
            return button.value
    return None


# "gak tau", "lupa", "entah": the person does not know (canonical words, see yes_no.canonical).
_DONT_KNOW = re.compile(
    r"(?<!\S)(?:(?:tidak|belum) tahu|lupa|entah|ntah|embuh|bingung|dont know|no idea)(?!\S)"
)
# All the words of an answer that names no one ("gak ada calo", "datang sendiri"), in their
# canonical spelling: any other word may be a name ("Bang Ga" is not "no").
_NOBODY_WORDS = frozenset(
    {
        "tidak", "ada", "sendiri", "sendirian", "datang", "saya", "aku", "kami", "calo", "agen",
        "perekrut", "siapa", "siapapun", "pun", "yang", "bawa", "membawa", "dibawa", "pak", "bu",
        "foto", "fotonya", "nomor", "nomornya", "hp", "no", "none",
        "nobody", "alone", "myself", "came", "by", "one", "i", "have", "photo", "photos",
    }
)  # fmt: skip
_ALONE = frozenset({"sendiri", "sendirian", "alone", "myself"})


def yes_or_no(text: str, topic: Topic = GENERAL) -> str | None:
    """ "yes" or "no" when the text clearly says it ("iya pak", "gak", "betul"), else None."""
    answer = answer_yes_no(text, topic)
    return None if answer is YesNo.UNCLEAR else answer.value


def says_dont_know(text: str) -> bool:
    """ "gak tau", "lupa", "tidak tahu pak": the answer is not known."""
    return bool(_DONT_KNOW.search(canonical(text).lower()))


def says_nobody(text: str) -> bool:
    """ "tidak ada", "gak ada calo", "datang sendiri": an answer that names no one (or nothing)."""
    said = [word for word in canonical(text).lower().split() if word[0].isalpha()]
    if not said or any(word not in _NOBODY_WORDS for word in said):
        return False
    return any(word in _ALONE for word in said) or yes_or_no(text) == "no"
