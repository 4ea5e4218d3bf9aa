"""The domain's languages agree with the catalogue's, without the domain importing it."""

from __future__ import annotations

import pytest

import i18n
from models.people.accounts import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, language_for


def test_the_domain_speaks_the_catalogues_languages() -> None:
    assert SUPPORTED_LANGUAGES == tuple(i18n.LANGUAGES)
    assert DEFAULT_LANGUAGE == i18n.DEFAULT_LANGUAGE


@pytest.mark.parametrize(
    ("code", "language"),
    [(None, "id"), ("", "id"), ("id", "id"), ("en", "en"), ("en-GB", "en"), ("EN", "en"),
     ("jv", "id"), ("ms", "id"), ("ar", "id")],
)  # fmt: skip
def test_a_telegram_language_code_gives_the_bots_language(code: str | None, language: str) -> None:
    assert language_for(code) == language
    assert language in SUPPORTED_LANGUAGES
