"""Telegram's MarkdownV2 and legacy Markdown parse modes."""

from dataclasses import dataclass

from emulator.formatted import (
    Entity,
    EntityParseError,
    FormattedText,
    TextBuilder,
    byte_offset,
    normalize_link,
    sort_entities,
)

RESERVED = "_*[]()~`>#+-=|{}.!"
KIND_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
    "blockquote": "BlockQuote",
    "expandable_blockquote": "ExpandableBlockQuote",
}
OPENERS = (
    ("```", "pre"),
    ("`", "code"),
    ("||", "spoiler"),
    ("__", "underline"),
    ("_", "italic"),
    ("*", "bold"),
    ("~", "strikethrough"),
    ("![", "custom_emoji"),
    ("[", "text_link"),
)
CLOSERS = {
    "bold": "*",
    "italic": "_",
    "underline": "__",
    "strikethrough": "~",
    "spoiler": "||",
    "code": "`",
    "pre": "```",
    "text_link": "]",
    "custom_emoji": "]",
}


@dataclass
class OpenEntity:
    kind: str
    utf16_start: int
    char_start: int
    source_index: int
    language: str = ""


def pre_language(source: str, index: int) -> tuple[str, int]:
    """Language line after an opening ```: returns the language and where the code starts."""
    newline = source.find("\n", index)
    closing = source.find("```", index)
    if newline == -1 or (closing != -1 and closing < newline):
        return "", index
    candidate = source[index:newline]
    if any(ch.isspace() for ch in candidate):
        return "", index
    return candidate, newline + 1


class MarkdownV2Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.index = 0
        self.out = TextBuilder()
        self.stack: list[OpenEntity] = []
        self.quote: OpenEntity | None = None
        self.entities: list[Entity] = []

    def error_at(self, entity: OpenEntity) -> EntityParseError:
        offset = byte_offset(self.source, entity.source_index)
        return EntityParseError(
            f"Can't find end of {KIND_NAMES[entity.kind]} entity at byte offset {offset}"
        )

    def parse(self) -> FormattedText:
        source = self.source
        while self.index < len(source):
            if self.index == 0 or source[self.index - 1] == "\n":
                self.handle_line_start()
                if self.index >= len(source):
                    break
            ch = source[self.index]
            following = source[self.index + 1 : self.index + 2]
            if ch == "\\" and following and 0 < ord(following) < 127:
                self.out.append(following)
                self.index += 2
            elif self.stack and self.stack[-1].kind in ("code", "pre"):
                if not self.try_close():
                    self.out.append(ch)
                    self.index += 1
            elif self.try_end_expandable_quote() or self.try_close() or self.try_open():
                continue
            elif ch in RESERVED:
                raise EntityParseError(
                    f"Character '{ch}' is reserved and must be escaped with the preceding '\\'"
                )
            else:
                self.out.append(ch)
                self.index += 1
        if self.stack:
            raise self.error_at(self.stack[-1])
        if self.quote is not None:
            self.close_quote(self.out.utf16_offset)
        return FormattedText(self.out.text(), sort_entities(self.entities))

    def handle_line_start(self) -> None:
        source, index = self.source, self.index
        starts_quote = source.startswith(">", index)
        starts_expandable = source.startswith("**>", index)
        if self.quote is not None and not starts_quote:
            if self.stack:
                raise self.error_at(self.stack[-1])
            self.close_quote(self.out.utf16_offset - 1)
        if starts_expandable and self.quote is None:
            self.quote = OpenEntity(
                "expandable_blockquote", self.out.utf16_offset, self.out.char_count, index
            )
            self.index += 3
        elif starts_quote:
            if self.quote is None:
                self.quote = OpenEntity(
                    "blockquote", self.out.utf16_offset, self.out.char_count, index
                )
            self.index += 1

    def close_quote(self, end: int) -> None:
        assert self.quote is not None
        if end > self.quote.utf16_start:
            self.entities.append(
                {
                    "type": self.quote.kind,
                    "offset": self.quote.utf16_start,
                    "length": end - self.quote.utf16_start,
                }
            )
        self.quote = None

    def try_end_expandable_quote(self) -> bool:
        source, index = self.source, self.index
        if self.quote is None or self.quote.kind != "expandable_blockquote":
            return False
        if not source.startswith("||", index) or source[index + 2 : index + 3] not in ("", "\n"):
            return False
        if self.stack:
            raise self.error_at(self.stack[-1])
        self.close_quote(self.out.utf16_offset)
        self.index += 2
        return True

    def try_close(self) -> bool:
        if not self.stack:
            return False
        inner = self.stack[-1]
        closer = CLOSERS[inner.kind]
        if not self.source.startswith(closer, self.index):
            return False
        if inner.kind == "italic" and self.source.startswith("__", self.index):
            below = self.stack[-2].kind if len(self.stack) > 1 else ""
            if not (below == "underline" and self.source.startswith("___", self.index)):
                return False
        self.stack.pop()
        self.index += len(closer)
        length = self.out.utf16_offset - inner.utf16_start
        entity: Entity = {"type": inner.kind, "offset": inner.utf16_start, "length": length}
        if inner.kind in ("text_link", "custom_emoji"):
            url = self.read_link_target(inner)
            if inner.kind == "custom_emoji":
                prefix = "tg://emoji?id="
                if not url.startswith(prefix) or not url.removeprefix(prefix).isdigit():
                    raise EntityParseError("Custom emoji entity must contain a tg://emoji URL")
                entity["custom_emoji_id"] = url.removeprefix(prefix)
            else:
                normalized = normalize_link(url)
                if normalized is None:
                    return True
                entity["url"] = normalized
        if inner.kind == "pre" and inner.language:
            entity["language"] = inner.language
        if length > 0:
            self.entities.append(entity)
        return True

    def read_link_target(self, entity: OpenEntity) -> str:
        if not self.source.startswith("(", self.index):
            return self.out.text_since(entity.char_start)
        start = self.index
        self.index += 1
        url: list[str] = []
        while self.index < len(self.source) and self.source[self.index] != ")":
            if self.source[self.index] == "\\" and self.index + 1 < len(self.source):
                self.index += 1
            url.append(self.source[self.index])
            self.index += 1
        if self.index >= len(self.source):
            offset = byte_offset(self.source, start)
            raise EntityParseError(f"Can't find end of a URL at byte offset {offset}")
        self.index += 1
        return "".join(url)

    def try_open(self) -> bool:
        for marker, kind in OPENERS:
            if self.source.startswith(marker, self.index):
                entity = OpenEntity(kind, self.out.utf16_offset, self.out.char_count, self.index)
                self.index += len(marker)
                if kind == "pre":
                    entity.language, self.index = pre_language(self.source, self.index)
                self.stack.append(entity)
                return True
        return False


def parse_markdown_v2(source: str) -> FormattedText:
    return MarkdownV2Parser(source).parse()


LEGACY_MARKERS = {"*": "bold", "_": "italic", "`": "code"}


def parse_markdown(source: str) -> FormattedText:
    """Legacy Markdown: *bold*, _italic_, `code`, ```pre``` and [text](url), no nesting."""
    out = TextBuilder()
    entities: list[Entity] = []
    index = 0
    while index < len(source):
        ch = source[index]
        following = source[index + 1 : index + 2]
        if ch == "\\" and following and following in "_*`[":
            out.append(following)
            index += 2
            continue
        if ch not in "_*`[":
            out.append(ch)
            index += 1
            continue
        begin = index
        unclosed = EntityParseError(
            f"Can't find end of the entity starting at byte offset {byte_offset(source, begin)}"
        )
        start = out.utf16_offset
        entity: Entity
        if ch == "[":
            close = source.find("](", index + 1)
            url_end = source.find(")", close + 2) if close != -1 else -1
            if url_end == -1:
                raise unclosed
            out.append(source[index + 1 : close])
            url = normalize_link(source[close + 2 : url_end])
            entity = {"type": "text_link", "url": url or ""}
            index = url_end + 1
            if url is None:
                continue
        elif source.startswith("```", index):
            language, code_start = pre_language(source, index + 3)
            end = source.find("```", code_start)
            if end == -1:
                raise unclosed
            out.append(source[code_start:end])
            entity = {"type": "pre", **({"language": language} if language else {})}
            index = end + 3
        else:
            end = source.find(ch, index + 1)
            if end == -1:
                raise unclosed
            out.append(source[index + 1 : end])
            entity = {"type": LEGACY_MARKERS[ch]}
            index = end + 1
        length = out.utf16_offset - start
        if length > 0:
            entities.append({**entity, "offset": start, "length": length})
    return FormattedText(out.text(), sort_entities(entities))
