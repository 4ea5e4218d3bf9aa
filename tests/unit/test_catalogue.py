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
from views.text import PLURAL_FORMS, Raw, forms, placeholders, render, t

ROOT = Path(__file__).resolve().parents[2]
# sha256 of the Indonesian and English consent texts; see i18n/consent.py.
CONSENT_FINGERPRINT = {
    "2026-11-v1": "e6e941848f761778e4a1dda0acfb4f222149df1011065aeacf0a53ae73a6058b",
    "2026-12-v2": "125e631d687996216a61127af0d74c109d3f9fbae5c5b79bcdd8ca442411fa9a",
}


def _plural_base(key: str) -> str:
    return key.rsplit(".", 1)[0] if key.endswith(tuple(f".{f}" for f in PLURAL_FORMS)) else key


def test_both_languages_have_the_same_keys() -> None:
    # English may give a text as its plural forms (`x.one`, `x.other`) instead of `x`.
    assert set(id.TEXTS) == {key if key in id.TEXTS else _plural_base(key) for key in en.TEXTS}
    for key in set(en.TEXTS) - set(id.TEXTS):
        assert {f"{_plural_base(key)}.{form}" for form in PLURAL_FORMS} <= set(en.TEXTS), key


@pytest.mark.parametrize("key", sorted(id.TEXTS))
def test_same_placeholders_in_both_languages(key: str) -> None:
    for template in forms("en", key):
        assert placeholders(id.TEXTS[key]) == placeholders(template)


PLURALS = sorted({_plural_base(k) for k in en.TEXTS if k not in id.TEXTS})


@pytest.mark.parametrize("key", PLURALS)
def test_english_counts_take_the_singular_for_one_and_the_plural_otherwise(key: str) -> None:
    one, other = en.TEXTS[f"{key}.one"], en.TEXTS[f"{key}.other"]
    assert one != other
    names = placeholders(other)
    # The count is `count`, else the text's only whole number; the other values are words.
    counted = ["count"] if "count" in names else sorted(names)
    chosen = set()
    for name in counted:
        values: dict[str, object] = {n: "x" for n in names}
        for number, form in ((1, one), (2, other), (0, other), (21, other)):
            values[name] = number
            if t("en", key, **values) == form.format(**values):
                chosen.add((name, number))
    assert any({(name, 1), (name, 2), (name, 0), (name, 21)} <= chosen for name in counted), key


def test_no_english_text_says_one_with_a_plural_noun() -> None:
    assert t("en", "dur.minutes", n=1) == "1 minute"
    assert t("en", "dur.minutes", n=5) == "5 minutes"
    assert t("en", "value.more_people", count=1) == "… and 1 more person"
    assert t("en", "value.more_people", count=3) == "… and 3 more people"
    # Indonesian has one form for every count.
    assert t("id", "dur.minutes", n=1) == "1 menit"
    assert t("id", "value.more_people", count=1) == "… dan 1 orang lagi"


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
@pytest.mark.parametrize("key", sorted(id.TEXTS))
def test_every_text_is_valid_telegram_html(lang: str, key: str) -> None:
    hostile = 'Budi <Sasak> & "Co"'
    for template in forms(lang, key):
        text = t(lang, key, **{name: hostile for name in placeholders(template)})
        formatted = parse_html(text)
        assert 0 < utf16_len(formatted.text) <= 4096
        if placeholders(template):
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
