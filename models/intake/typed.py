"""A typed answer that means a button: its label in any language, or a common word for it.

People on cheap phones often type "ya" or the label they see instead of tapping; the answer is
then taken as the tap.
"""

from __future__ import annotations

import re

from models.intake.io import Question
from models.intake.ports import IntakeTexts

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
