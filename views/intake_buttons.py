"""The intake's button codec, the main menu's buttons and the choice of language.

A tapped intake button carries `i:<step>:<value>`: the step it was asked at, so a tap on an old
question is told apart from an answer to the current one.
"""

from __future__ import annotations

from i18n import LANGUAGES
from models.intake.io import ChoiceIn
from views.text import t

INTAKE_PREFIX = "i"
MENU_REPORT = "m:report"
MENU_STATUS = "m:status"
LANGUAGE_PREFIX = "lang:"
# Each language by its own name, so anyone can find theirs.
LANGUAGE_NAMES = {"id": "🇮🇩 Bahasa Indonesia", "en": "🇬🇧 English"}

# Inline buttons as rows of (label, callback data).
Buttons = list[list[tuple[str, str]]]


def intake_callback_data(step: str, value: str) -> str:
    return f"{INTAKE_PREFIX}:{step}:{value}"


def parse_intake_callback(data: str | None) -> ChoiceIn:
    """The tapped intake button; a foreign or garbled one belongs to no step."""
    parts = (data or "").split(":", 2)
    if len(parts) != 3 or parts[0] != INTAKE_PREFIX:
        return ChoiceIn("", "")
    return ChoiceIn(parts[1], parts[2])


def menu_buttons(lang: str) -> Buttons:
    """Start a report, or see one's reports: shown to people with no report in progress."""
    return [
        [(t(lang, "btn.menu_report"), MENU_REPORT)],
        [(t(lang, "btn.menu_status"), MENU_STATUS)],
    ]


def open_case_buttons(lang: str) -> Buttons:
    """A new report, or one's reports: shown at /start to a person whose report is open."""
    return [
        [(t(lang, "btn.menu_new_report"), MENU_REPORT)],
        [(t(lang, "btn.menu_my_reports"), MENU_STATUS)],
    ]


def language_buttons() -> Buttons:
    return [[(name, f"{LANGUAGE_PREFIX}{code}")] for code, name in LANGUAGE_NAMES.items()]


def chosen_language(data: str | None) -> str | None:
    """The language a tapped language button names, if the catalogue has it."""
    code = (data or "").removeprefix(LANGUAGE_PREFIX)
    return code if code in LANGUAGES else None
