"""Telegram HTML (as the emulator renders it back) made safe to put into the page.

Only the tags Telegram itself supports survive, without attributes except a checked link
target; everything else is dropped and all text is escaped again. Web addresses in plain text
become links, as Telegram clients show them. A message can carry what
a person typed, so the page never inserts the bot's HTML unchecked.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

# Telegram tag -> (HTML tag, CSS class) in the page.
_TAGS: dict[str, tuple[str, str | None]] = {
    "b": ("b", None),
    "strong": ("b", None),
    "i": ("i", None),
    "em": ("i", None),
    "u": ("u", None),
    "ins": ("u", None),
    "s": ("s", None),
    "strike": ("s", None),
    "del": ("s", None),
    "code": ("code", None),
    "pre": ("pre", None),
    "blockquote": ("blockquote", None),
    "tg-spoiler": ("span", "spoiler"),
    "tg-emoji": ("span", None),
    "span": ("span", None),
}
_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_URL = re.compile(r"https?://[^\s<>\"']+")
_TRAILING = ".,;:!?)]}"


def _safe_href(value: str | None) -> str | None:
    if not value:
        return None
    try:
        scheme = urlsplit(value.strip()).scheme.lower()
    except ValueError:
        return None
    return value.strip() if scheme in _LINK_SCHEMES else None


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        # Closing tags to emit, one per open tag we accepted (None: the tag was dropped).
        self.stack: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.out.append("<br>")
            return
        values = dict(attrs)
        if tag == "a":
            href = _safe_href(values.get("href"))
            if href is None:
                self.out.append('<span class="link">')
                self.stack.append(("a", "</span>"))
            else:
                self.out.append(
                    f'<a href="{html.escape(href, quote=True)}" target="_blank" '
                    'rel="noopener noreferrer">'
                )
                self.stack.append(("a", "</a>"))
            return
        if tag == "span" and values.get("class") == "tg-spoiler":
            tag = "tg-spoiler"
        mapped = _TAGS.get(tag)
        if mapped is None:
            self.stack.append((tag, None))
            return
        name, css = mapped
        if tag == "blockquote" and "expandable" in values:
            css = "expandable"
        if tag == "code" and self.stack and self.stack[-1][0] == "pre":
            css = None  # the language class is not needed for display
        self.out.append(f'<{name} class="{css}">' if css else f"<{name}>")
        self.stack.append((tag, f"</{name}>"))

    def handle_endtag(self, tag: str) -> None:
        # Close up to the matching open tag; unmatched closing tags are ignored.
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                while len(self.stack) > index:
                    _, closing = self.stack.pop()
                    if closing:
                        self.out.append(closing)
                return

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.out.append("<br>")

    def handle_data(self, data: str) -> None:
        if any(tag in ("a", "code", "pre") for tag, _ in self.stack):
            self.out.append(html.escape(data, quote=False))
            return
        # Telegram clients make web addresses in plain text clickable (an invitation link).
        position = 0
        for found in _URL.finditer(data):
            url = found.group().rstrip(_TRAILING)
            end = found.start() + len(url)
            self.out.append(html.escape(data[position : found.start()], quote=False))
            self.out.append(
                f'<a href="{html.escape(url, quote=True)}" target="_blank" '
                f'rel="noopener noreferrer">{html.escape(url, quote=False)}</a>'
            )
            position = end
        self.out.append(html.escape(data[position:], quote=False))

    def result(self) -> str:
        self.close()
        while self.stack:
            _, closing = self.stack.pop()
            if closing:
                self.out.append(closing)
        return "".join(self.out)


def sanitize_html(telegram_html: str) -> str:
    """Page-safe HTML keeping Telegram's formatting (bold, links, code, spoilers...)."""
    parser = _Sanitizer()
    parser.feed(telegram_html)
    return parser.result()
