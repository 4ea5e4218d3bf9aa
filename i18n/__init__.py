"""The text catalogue: every text a person sees, Indonesian first, English second.

Texts are Telegram HTML. Parameters are HTML-escaped here, so a name like
`Budi <Sasak> & "Co"` can never break a message; pass `Raw(...)` for a parameter that is
itself already-safe HTML built from the catalogue.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field

from i18n import en, id

LANGUAGES: dict[str, Mapping[str, str]] = {"id": id.TEXTS, "en": en.TEXTS}
DEFAULT_LANGUAGE = "id"


class Raw(str):
    """A parameter value that is already safe HTML (built by `t`)."""


@dataclass(frozen=True)
class Msg:
    """A text key and its parameters, rendered later in the reader's language."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Join:
    """Several texts shown as one parameter, e.g. a list of needs."""

    items: tuple[Msg | str, ...]
    sep: str = ", "


def msg(key: str, **params: object) -> Msg:
    return Msg(key, params)


def language_for(code: str | None) -> str:
    """The catalogue language for a Telegram `language_code` (Indonesian unless English)."""
    if code and code.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def _escape(value: object, lang: str) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, Msg):
        return render(lang, value)
    if isinstance(value, Join):
        return value.sep.join(render(lang, item) for item in value.items)
    return html.escape(str(value), quote=False)


def t(lang: str, key: str, **params: object) -> str:
    catalogue = LANGUAGES.get(lang, LANGUAGES[DEFAULT_LANGUAGE])
    template = catalogue.get(key)
    if template is None:
        template = LANGUAGES[DEFAULT_LANGUAGE][key]
    if not params:
        return template
    return template.format(**{name: _escape(value, lang) for name, value in params.items()})


def render(lang: str, message: Msg | str) -> str:
    if isinstance(message, Msg):
        return t(lang, message.key, **message.params)
    return html.escape(message, quote=False)


def plain(lang: str, message: Msg | str) -> str:
    """Text for places without HTML (button labels): tags dropped, entities unescaped."""
    return html.unescape(re.sub(r"<[^>]+>", "", render(lang, message)))


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def normalise_label(text: str) -> str:
    """Lowercase letters and digits only: how typed text is compared with button labels."""
    return re.sub(r"[^0-9a-z]+", " ", text.lower()).strip()
