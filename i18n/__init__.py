"""The text catalogue: every text a person sees, Indonesian first, English second.

Texts are Telegram HTML templates, one module per feature and language. This package holds
data only; views/text.py renders a text in a reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping

from i18n import en, id

LANGUAGES: dict[str, Mapping[str, str]] = {"id": id.TEXTS, "en": en.TEXTS}
DEFAULT_LANGUAGE = "id"
