"""Telegram's text rules: parse modes, explicit entities and length limits."""

from typing import Any

from emulator.errors import ApiError, bad_request
from emulator.formatted import (
    Entity,
    EntityParseError,
    FormattedText,
    normalize_link,
    sort_entities,
    utf16_len,
)
from emulator.html_mode import parse_html
from emulator.markdown_mode import parse_markdown, parse_markdown_v2

MAX_MESSAGE_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
PARSERS = {"html": parse_html, "markdownv2": parse_markdown_v2, "markdown": parse_markdown}
PLAIN_ENTITY_TYPES = {
    "mention",
    "hashtag",
    "cashtag",
    "bot_command",
    "url",
    "email",
    "phone_number",
    "bold",
    "italic",
    "underline",
    "strikethrough",
    "spoiler",
    "blockquote",
    "expandable_blockquote",
    "code",
}
EXTRA_FIELD_OF_TYPE = {
    "pre": "language",
    "text_link": "url",
    "text_mention": "user",
    "custom_emoji": "custom_emoji_id",
}


def check_entity(text_length: int, entity: dict[str, Any]) -> Entity:
    kind = entity["type"]
    offset, length = entity["offset"], entity["length"]
    if kind not in PLAIN_ENTITY_TYPES and kind not in EXTRA_FIELD_OF_TYPE and kind != "date_time":
        raise bad_request(f'can\'t parse entities: unsupported entity type "{kind}"')
    if offset < 0 or length <= 0 or offset + length > text_length:
        raise bad_request(
            f"can't parse entities: entity {kind} at offset {offset} with length {length} "
            f"does not fit in text of length {text_length}"
        )
    checked: Entity = {"type": kind, "offset": offset, "length": length}
    if kind == "date_time":
        checked.update({k: entity[k] for k in ("unix_time", "date_time_format") if k in entity})
    extra = EXTRA_FIELD_OF_TYPE.get(kind)
    if extra is not None and entity.get(extra) is not None:
        checked[extra] = entity[extra]
    elif extra is not None and kind != "pre":
        raise bad_request(f"can't parse entities: entity {kind} needs field {extra}")
    if kind == "text_link":
        url = normalize_link(checked["url"])
        if url is None:
            raise bad_request(f"can't parse entities: wrong url {checked['url']!r}")
        checked["url"] = url
    return checked


def parse_text(
    text: str, parse_mode: str | None = None, entities: list[dict[str, Any]] | None = None
) -> FormattedText:
    """The text and entities Telegram stores for a message text or caption."""
    if entities:
        length = utf16_len(text)
        formatted = FormattedText(text, sort_entities([check_entity(length, e) for e in entities]))
    elif parse_mode:
        parser = PARSERS.get(parse_mode.lower())
        if parser is None:
            raise bad_request(f"unsupported parse_mode {parse_mode!r}")
        try:
            formatted = parser(text)
        except EntityParseError as exc:
            raise bad_request(f"can't parse entities: {exc}") from exc
    else:
        formatted = FormattedText(text)
    return formatted.trimmed()


def message_text(
    text: str, parse_mode: str | None = None, entities: list[dict[str, Any]] | None = None
) -> FormattedText:
    formatted = parse_text(text, parse_mode, entities)
    if not formatted.text:
        raise bad_request("message text is empty")
    if formatted.length > MAX_MESSAGE_LENGTH:
        raise bad_request("message is too long")
    return formatted


def caption_text(
    caption: str | None, parse_mode: str | None = None, entities: list[dict[str, Any]] | None = None
) -> FormattedText:
    formatted = parse_text(caption or "", parse_mode, entities)
    if formatted.length > MAX_CAPTION_LENGTH:
        raise bad_request("message caption is too long")
    return formatted


__all__ = ["ApiError", "FormattedText", "caption_text", "message_text", "parse_text"]
