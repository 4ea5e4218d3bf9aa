"""Rendering catalogue texts: a `Msg` from the domain becomes Telegram HTML in one language.

Parameters are HTML-escaped here, so a name like `Budi <Sasak> & "Co"` can never break a
message; pass `Raw(...)` for a parameter that is itself already-safe HTML built from the
catalogue.
"""

from __future__ import annotations

import html
import re
import string

from i18n import DEFAULT_LANGUAGE, LANGUAGES
from models.texts import Join, Msg


class Raw(str):
    """A parameter value that is already safe HTML (built by `t`)."""


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
