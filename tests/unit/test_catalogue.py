"""The text catalogue: both languages complete, every text valid Telegram HTML, params escaped."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from emulator.formatted import EntityParseError, utf16_len
from emulator.html_mode import parse_html
from i18n import LANGUAGES, en, id
from i18n.consent import CONSENT_TEXT_VERSION
from models.texts import Join, msg
from views.text import Raw, placeholders, render, t

ROOT = Path(__file__).resolve().parents[2]
# sha256 of the Indonesian and English consent texts; see i18n/consent.py.
CONSENT_FINGERPRINT = {
    "2026-11-v1": "e6e941848f761778e4a1dda0acfb4f222149df1011065aeacf0a53ae73a6058b",
}


def test_both_languages_have_the_same_keys() -> None:
    assert set(id.TEXTS) == set(en.TEXTS)


@pytest.mark.parametrize("key", sorted(id.TEXTS))
def test_same_placeholders_in_both_languages(key: str) -> None:
    assert placeholders(id.TEXTS[key]) == placeholders(en.TEXTS[key])


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
@pytest.mark.parametrize("key", sorted(id.TEXTS))
def test_every_text_is_valid_telegram_html(lang: str, key: str) -> None:
    hostile = 'Budi <Sasak> & "Co"'
    text = t(lang, key, **{name: hostile for name in placeholders(LANGUAGES[lang][key])})
    formatted = parse_html(text)
    assert 0 < utf16_len(formatted.text) <= 4096
    if placeholders(LANGUAGES[lang][key]):
        assert hostile in formatted.text


def test_button_labels_fit_telegram() -> None:
    for catalogue in LANGUAGES.values():
        for key, text in catalogue.items():
            if key.startswith(("btn.", "opt.", "field.")):
                assert 0 < len(text) <= 64, key


def test_parameters_are_escaped_but_raw_html_and_nested_texts_are_not() -> None:
    assert t("id", "value.other", text="<b>") == "lainnya: &lt;b&gt;"
    assert t("id", "value.other", text=Raw("<b>x</b>")) == "lainnya: <b>x</b>"
    nested = t("en", "value.with_phone", name=msg("btn.yes"), phone=Join(("a&b", "c")))
    assert nested == "Yes (a&amp;b, c)"


def test_unknown_language_falls_back_to_indonesian() -> None:
    assert render("xx", msg("btn.yes")) == "Ya"


def test_every_key_used_in_code_exists() -> None:
    used: set[str] = set()
    for folder in ("models", "handlers", "bot"):
        for path in (ROOT / folder).rglob("*.py"):
            used |= set(
                re.findall(
                    r"""\b(?:msg|t)\(\s*(?:lang,\s*|[a-z_.]+,\s*)?["']([a-z_]+\.[a-z_.]+)["']""",
                    path.read_text(),
                )
            )
    missing = sorted(key for key in used if key not in id.TEXTS)
    assert not missing
    assert len(used) > 40  # the scan itself works


def test_consent_text_changes_bump_the_version() -> None:
    fingerprint = hashlib.sha256(
        (id.TEXTS["ask.consent"] + "\n" + en.TEXTS["ask.consent"]).encode()
    ).hexdigest()
    assert CONSENT_FINGERPRINT.get(CONSENT_TEXT_VERSION) == fingerprint, (
        "ask.consent changed: bump CONSENT_TEXT_VERSION and record the new fingerprint"
    )


def test_invalid_html_is_caught_by_the_checker() -> None:
    with pytest.raises(EntityParseError):
        parse_html('Budi <Sasak> & "Co"')
