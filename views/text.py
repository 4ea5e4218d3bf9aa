"""Rendering catalogue texts: a `Msg` from the domain becomes Telegram HTML in one language.

Parameters are HTML-escaped here, so a name like `Budi <Sasak> & "Co"` can never break a
message; pass `Raw(...)` for a parameter that is itself already-safe HTML built from the
catalogue.

Plurals: a language whose nouns change with a number (English) may give a text as two keys,
`<key>.one` and `<key>.other`, instead of `<key>`; the count is the `count` parameter, else the
text's only whole-number parameter. Indonesian has no plural form and keeps one key.
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


PLURAL_FORMS = ("one", "other")


def _count(params: dict[str, object]) -> int | None:
    if "count" in params:
        value = params["count"]
        return value if isinstance(value, int) else None
    numbers = [v for v in params.values() if isinstance(v, int) and not isinstance(v, bool)]
    return numbers[0] if len(numbers) == 1 else None


def template_of(lang: str, key: str, params: dict[str, object]) -> str:
    """The text of `key` in `lang` (its plural form for the count), else in Indonesian."""
    catalogue = LANGUAGES.get(lang, LANGUAGES[DEFAULT_LANGUAGE])
    template = catalogue.get(key)
    if template is None and f"{key}.other" in catalogue:
        form = "one" if _count(params) == 1 else "other"
        template = catalogue[f"{key}.{form}"]
    if template is None:
        template = LANGUAGES[DEFAULT_LANGUAGE][key]
    return template


def forms(lang: str, key: str) -> list[str]:
    """Every template `key` has in `lang`: one, or one per plural form."""
    catalogue = LANGUAGES[lang]
    if key in catalogue:
        return [catalogue[key]]
    return [catalogue[f"{key}.{form}"] for form in PLURAL_FORMS if f"{key}.{form}" in catalogue]


def t(lang: str, key: str, **params: object) -> str:
    template = template_of(lang, key, params)
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
