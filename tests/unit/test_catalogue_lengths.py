"""Every text a reporter reads fits a small phone screen at once.

The limit (README, "What a worker sees"): 300 characters for a question, hint, error or
notice, counted after rendering with realistic values and without HTML tags. About 300
characters is what a 5-inch phone shows above the keyboard and the buttons without scrolling
(12-14 lines of about 30 characters at the default font size). The summary of a whole report
is a list to check, one answer per line: it may be longer, but no more than 20 lines.
"""

from __future__ import annotations

import html
import re

import pytest

from bot.config import Settings
from i18n import LANGUAGES
from i18n.id import cases, intake, reports
from views.text import forms, placeholders, t

QUESTION_LIMIT = 300
SUMMARY_LINES = 20

# Plausible values as a reporter would see them (a long-ish name, a real district).
REALISTIC: dict[str, object] = {
    "office": Settings.model_fields["office_contact"].default,
    "number": "KBR-2026-0001",
    "name": "Siti Aminah binti Abdullah",
    "nik": "5203011508900001",
    "phone": "0812 3456 7890",
    "origin": "Kabupaten Lombok Timur, Nusa Tenggara Barat",
    "province": "Nusa Tenggara Barat",
    "regency": "Kabupaten Lombok Timur",
    "location": "mes PT Sawit Jaya Abadi, Kumai",
    "group": 3,
    "recruiter": "Pak Budi (0813 1111 2222)",
    "employer": "PT Sawit Jaya Abadi",
    "work": "Kebun sawit",
    "ended": "Bulan lalu",
    "wages": "ya, sekitar Rp 7.000.000",
    "amount": "Rp 7.000.000",
    "needs": "Pulang ke daerah asal, Makan, Berobat",
    "urgency": "Sakit / terluka, Anak-anak",
    "photos": 2,
    "voices": 1,
    "count": 2,
    "total": 3,
    "n": 1,
    "limit": 200,
    "max": 50,
    "date": "01-12-2026",
    "label": "Pulang ke daerah asal",
    "status": "sedang dibantu kantor lain (puskesmas, polisi, atau dinas tenaga kerja)",
    "urgent": "",
    "age": 34,
    "place": "mes PT Sawit Jaya Abadi, Kumai",
    # One bubble with a short hint and the question again (models/intake/flow.py).
    "hint": lambda lang: t(lang, "hint.not_understood"),
    "question": lambda lang: t(lang, "ask.wages"),
}

# Read by the field officer or the team, not by the person reporting.
NOT_FOR_REPORTERS = {
    "ask.oconsent", "ask.members", "ask.members_more", "ask.site", "ask.story", "ask.osummary",
    "closing.declined_officer", "closing.submitted_officer", "error.members_none",
    "notify.new_case", "notify.urgent",
}  # fmt: skip
# A recap of every answer, checked line by line (limited in lines, not characters).
RECAPS = {"ask.summary"}
REPORTER_PREFIXES = (
    "ask.", "again.", "hint.", "error.", "note.", "closing.", "menu.", "status.", "rstatus.",
)  # fmt: skip


def _reporter_keys() -> list[str]:
    keys = [
        key
        for key in intake.TEXTS
        if key.startswith(REPORTER_PREFIXES)
        and key not in NOT_FOR_REPORTERS
        and not key.startswith("members.")
        and not key.endswith(".officer")
    ]
    keys += [key for key in reports.TEXTS if key.startswith("checkin.")]
    keys += ["rem.intake", "relay.forwarded"]
    assert set(keys) <= set(intake.TEXTS) | set(reports.TEXTS) | set(cases.TEXTS)
    return sorted(keys)


def _value(value: object, lang: str) -> object:
    return value(lang) if callable(value) else value


def shown(lang: str, key: str) -> list[str]:
    """The text as a person reads it (each plural form), tags dropped, entities unescaped."""
    texts = []
    for template in forms(lang, key):
        names = placeholders(template)
        missing = names - REALISTIC.keys()
        assert not missing, f"{key}: give {sorted(missing)} a realistic value here"
        counts = {name: _value(REALISTIC[name], lang) for name in names}
        for value in (1, 2):  # both plural forms, where a text has them
            if "count" in counts:
                counts["count"] = value
            rendered = t(lang, key, **counts)
            texts.append(html.unescape(re.sub(r"<[^>]+>", "", rendered)))
    return texts


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
@pytest.mark.parametrize("key", sorted(set(_reporter_keys()) - RECAPS))
def test_a_reporters_text_fits_a_small_screen(lang: str, key: str) -> None:
    for text in shown(lang, key):
        assert len(text) <= QUESTION_LIMIT, f"{key} ({lang}): {len(text)} characters\n{text}"


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_the_summary_is_a_list_of_at_most_20_lines(lang: str) -> None:
    for text in shown(lang, "ask.summary"):
        assert len(text.splitlines()) <= SUMMARY_LINES


def test_the_consent_question_is_the_last_line_so_it_is_seen_with_the_buttons() -> None:
    for lang in LANGUAGES:
        last = shown(lang, "ask.consent")[0].splitlines()[-1]
        assert last.endswith("?")
