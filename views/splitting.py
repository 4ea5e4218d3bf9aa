"""Splitting long HTML texts into Telegram messages without cutting a line or a tag.

Telegram counts a message's length in UTF-16 code units after the HTML is parsed; counting the
HTML source instead is a safe upper bound (tags and entities only add to it).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
_TAG = re.compile(r"<[^>]*>")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _shorten(line: str, limit: int) -> str:
    """A single line too long for a message: its plain text, cut to fit, escaped again."""
    plain = html.unescape(_TAG.sub("", line))
    while utf16_len(html.escape(plain, quote=False)) > limit - 1:
        plain = plain[: max(0, len(plain) - max(1, len(plain) // 20))]
    return html.escape(plain, quote=False) + "…"


def split_message(lines: Iterable[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Packs lines (each a complete HTML fragment) into as few messages as fit.

    Lines are never split; a blank line between sections is dropped at a message boundary.
    """
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for raw in lines:
        line = raw if utf16_len(raw) <= limit else _shorten(raw, limit)
        extra = utf16_len(line) + (1 if current else 0)
        if current and size + extra > limit:
            parts.append("\n".join(current).strip("\n"))
            current, size = [], 0
            if not line.strip():
                continue
            extra = utf16_len(line)
        current.append(line)
        size += extra
    if current and "".join(current).strip():
        parts.append("\n".join(current).strip("\n"))
    return [part for part in parts if part.strip()]
