"""Plain text plus MessageEntity dicts, measured in UTF-16 code units like Telegram."""

from dataclasses import dataclass, field
from typing import Any

Entity = dict[str, Any]

TELEGRAM_WHITESPACE = " \t\r\n"

ENTITY_TYPE_ORDER = (
    "blockquote",
    "expandable_blockquote",
    "pre",
    "code",
    "text_link",
    "text_mention",
    "custom_emoji",
    "bold",
    "italic",
    "underline",
    "strikethrough",
    "spoiler",
)


class EntityParseError(Exception):
    """Text that Telegram would refuse with "can't parse entities"."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def byte_offset(text: str, index: int) -> int:
    """UTF-8 byte offset of the character at ``index``, as Telegram reports positions."""
    return len(text[:index].encode("utf-8"))


def sort_entities(entities: list[Entity]) -> list[Entity]:
    def key(entity: Entity) -> tuple[int, int, int]:
        kind = str(entity["type"])
        rank = (
            ENTITY_TYPE_ORDER.index(kind) if kind in ENTITY_TYPE_ORDER else len(ENTITY_TYPE_ORDER)
        )
        return entity["offset"], -entity["length"], rank

    return sorted(entities, key=key)


@dataclass(frozen=True)
class FormattedText:
    text: str
    entities: list[Entity] = field(default_factory=list)

    @property
    def length(self) -> int:
        return utf16_len(self.text)

    def trimmed(self) -> "FormattedText":
        """Drop leading and trailing whitespace and clip entities, as Telegram does."""
        stripped = self.text.strip(TELEGRAM_WHITESPACE)
        if stripped == self.text:
            return self
        lead = len(self.text) - len(self.text.lstrip(TELEGRAM_WHITESPACE))
        new_length = utf16_len(stripped)
        clipped: list[Entity] = []
        for entity in self.entities:
            offset = entity["offset"]
            start = max(offset - lead, 0)
            end = min(offset + entity["length"] - lead, new_length)
            if end > start:
                clipped.append({**entity, "offset": start, "length": end - start})
        return FormattedText(stripped, clipped)


class TextBuilder:
    """Accumulates parsed plain text while tracking its UTF-16 length."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.utf16_offset = 0
        self.char_count = 0

    def append(self, chunk: str) -> None:
        self._parts.append(chunk)
        self.utf16_offset += utf16_len(chunk)
        self.char_count += len(chunk)

    def text(self) -> str:
        return "".join(self._parts)

    def text_since(self, char_count: int) -> str:
        return self.text()[char_count:]


def normalize_link(url: str) -> str | None:
    """Telegram's treatment of a link target: add a scheme and root path, drop invalid ones."""
    url = url.strip()
    if not url or any(ch.isspace() for ch in url):
        return None
    scheme, separator, rest = url.partition("://")
    if not separator:
        if "." not in url or url.startswith(".") or ":" in url.split("/")[0]:
            return None
        scheme, rest = "http", url
    scheme = scheme.lower()
    if scheme in ("tg", "ton"):
        return f"{scheme}://{rest}" if rest else None
    if scheme not in ("http", "https") or not rest or rest.startswith("/"):
        return None
    if "/" not in rest and "?" not in rest and "#" not in rest:
        rest += "/"
    return f"{scheme}://{rest}"
