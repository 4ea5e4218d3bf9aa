"""Render plain text plus MessageEntity dicts back to Telegram-style HTML (for web pages)."""

import html

from emulator.formatted import Entity, sort_entities

SIMPLE_TAGS = {
    "bold": "b",
    "italic": "i",
    "underline": "u",
    "strikethrough": "s",
    "spoiler": "tg-spoiler",
    "code": "code",
    "blockquote": "blockquote",
}


def open_tag(entity: Entity) -> str:
    kind = entity["type"]
    if kind in SIMPLE_TAGS:
        return f"<{SIMPLE_TAGS[kind]}>"
    if kind == "expandable_blockquote":
        return "<blockquote expandable>"
    if kind == "pre":
        language = entity.get("language")
        return f'<pre><code class="language-{html.escape(language)}">' if language else "<pre>"
    if kind == "text_link":
        return f'<a href="{html.escape(entity["url"])}">'
    if kind == "text_mention":
        return f'<a href="tg://user?id={entity["user"]["id"]}">'
    if kind == "custom_emoji":
        return f'<tg-emoji emoji-id="{html.escape(entity["custom_emoji_id"])}">'
    return ""


def close_tag(entity: Entity) -> str:
    kind = entity["type"]
    if kind in SIMPLE_TAGS:
        return f"</{SIMPLE_TAGS[kind]}>"
    if kind == "expandable_blockquote":
        return "</blockquote>"
    if kind == "pre":
        return "</code></pre>" if entity.get("language") else "</pre>"
    if kind in ("text_link", "text_mention"):
        return "</a>"
    if kind == "custom_emoji":
        return "</tg-emoji>"
    return ""


def utf16_to_index(text: str) -> dict[int, int]:
    """Map each UTF-16 offset that starts a character (and the end) to a Python index."""
    mapping: dict[int, int] = {}
    offset = 0
    for index, ch in enumerate(text):
        mapping[offset] = index
        offset += 2 if ord(ch) > 0xFFFF else 1
    mapping[offset] = len(text)
    return mapping


def render_html(text: str, entities: list[Entity]) -> str:
    """HTML that Telegram's HTML parse mode turns back into the same text and entities."""
    index_of = utf16_to_index(text)
    spans: list[tuple[int, int, Entity]] = []
    for entity in sort_entities(entities):
        start = index_of.get(entity["offset"])
        end = index_of.get(entity["offset"] + entity["length"])
        if start is not None and end is not None and end > start and open_tag(entity):
            spans.append((start, end, entity))
    out: list[str] = []
    stack: list[tuple[int, Entity]] = []
    next_span = 0
    for position in range(len(text) + 1):
        if any(end <= position for end, _ in stack):
            reopen: list[tuple[int, Entity]] = []
            while any(end <= position for end, _ in stack):
                end, entity = stack.pop()
                out.append(close_tag(entity))
                if end > position:
                    reopen.append((end, entity))
            for end, entity in reversed(reopen):
                out.append(open_tag(entity))
                stack.append((end, entity))
        while next_span < len(spans) and spans[next_span][0] == position:
            _, end, entity = spans[next_span]
            out.append(open_tag(entity))
            stack.append((end, entity))
            next_span += 1
        if position < len(text):
            out.append(html.escape(text[position], quote=True))
    return "".join(out)
