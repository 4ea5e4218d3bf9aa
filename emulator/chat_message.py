"""BotMessage: a message as a person sees it in a chat, and its JSON form for live UIs."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from emulator.html_render import render_html


@dataclass
class StoredMessage:
    """A message in the emulator's memory: Telegram's Message object plus client-side facts."""

    data: dict[str, Any]
    from_bot: bool
    reply_markup: dict[str, Any] | None = None
    edited: bool = False
    deleted: bool = False


@dataclass(frozen=True)
class BotMessage:
    """Snapshot of one chat message (named after its main use; user messages have
    ``from_bot`` False). ``text``/``entities`` hold a text message; media messages have
    ``caption``; ``html`` renders whichever of the two is shown."""

    message_id: int
    chat_id: int
    date: int
    from_bot: bool
    sender: dict[str, Any]
    text: str
    entities: list[dict[str, Any]]
    caption: str | None
    caption_entities: list[dict[str, Any]]
    html: str
    reply_markup: dict[str, Any] | None
    photo: str | None
    document: str | None
    voice: str | None
    edited: bool
    deleted: bool
    raw: dict[str, Any] = field(repr=False)

    @classmethod
    def of(cls, stored: StoredMessage) -> "BotMessage":
        data = stored.data
        caption_entities = data.get("caption_entities", [])
        shown = (
            (data["text"], data.get("entities", []))
            if "text" in data
            else (data.get("caption", ""), caption_entities)
        )
        return cls(
            message_id=data["message_id"],
            chat_id=data["chat"]["id"],
            date=data["date"],
            from_bot=stored.from_bot,
            sender=data["from"],
            text=data.get("text", ""),
            entities=data.get("entities", []),
            caption=data.get("caption"),
            caption_entities=caption_entities,
            html=render_html(*shown),
            reply_markup=stored.reply_markup,
            photo=data["photo"][-1]["file_id"] if "photo" in data else None,
            document=data["document"]["file_id"] if "document" in data else None,
            voice=data["voice"]["file_id"] if "voice" in data else None,
            edited=stored.edited,
            deleted=stored.deleted,
            raw=data,
        )

    @property
    def shown_text(self) -> str:
        """The text, or the caption of a media message."""
        return self.text or self.caption or ""

    @property
    def inline_keyboard(self) -> list[list[dict[str, Any]]]:
        if self.reply_markup is None:
            return []
        return self.reply_markup.get("inline_keyboard", [])

    @property
    def inline_labels(self) -> list[str]:
        return [button["text"] for row in self.inline_keyboard for button in row]

    def to_dict(self, download_path: Callable[[str], str]) -> dict[str, Any]:
        """JSON-serialisable form for a web page; file dicts carry a download ``url`` path."""
        data = self.raw
        media: dict[str, Any] = {}
        if "photo" in data:
            largest = data["photo"][-1]
            media["photo"] = {**largest, "url": download_path(largest["file_id"])}
        for kind in ("document", "voice", "sticker"):
            if kind in data:
                media[kind] = {**data[kind], "url": download_path(data[kind]["file_id"])}
        for kind in ("contact", "location"):
            if kind in data:
                media[kind] = data[kind]
        return {
            "message_id": self.message_id,
            "chat_id": self.chat_id,
            "date": self.date,
            "from": self.sender,
            "from_bot": self.from_bot,
            "text": self.text,
            "entities": self.entities,
            "caption": self.caption,
            "caption_entities": self.caption_entities,
            "html": self.html,
            "reply_markup": self.reply_markup,
            "edited": self.edited,
            "deleted": self.deleted,
            **media,
        }
