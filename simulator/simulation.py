"""The bridge between the emulated Telegram and the web page.

`Simulation` owns the emulated people (one per persona) and the staff group, turns what
happens in the emulator into events for the page (messages with sanitised HTML, edits,
deletions, keyboards, typing, button answers) and turns what one does on the page into a
person's action in the emulator. The bot itself is a separate process and knows nothing of it.

It stays one module (a little over 500 lines): the two directions share the persona and chat
bookkeeping, and split apart each would need the other's state.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from emulator import BotAPIEmulator, Group
from emulator import Person as EmulatedPerson
from emulator.chat_message import BotMessage, StoredMessage
from emulator.files import StoredFile
from emulator.state import ChatRecord
from simulator.personas import (
    GROUP_VIEWER,
    PERSONAS,
    STAFF_GROUP_ID,
    STAFF_GROUP_TITLE,
    Persona,
)
from simulator.places import PLACES, parse_coordinate
from simulator.sanitize import sanitize_html

logger = logging.getLogger(__name__)

MESSAGE_EVENTS = ("message", "user_message", "edit", "delete")
MAX_VOICE_SECONDS = 60


class ActionError(ValueError):
    """What the page asked for cannot be done (a button that is gone, bad coordinates...)."""


@dataclass(frozen=True)
class ChatView:
    """A chat as one persona sees it."""

    chat_id: int
    title: str
    kind: str  # "private" or "group"


def _image_type(data: bytes) -> str:
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"GIF8"):
        return "image/gif"
    if data[8:12] == b"WEBP":
        return "image/webp"
    return "application/octet-stream"


def content_type(stored: StoredFile) -> str:
    if stored.mime_type:
        return stored.mime_type
    if stored.kind == "voice":
        return "audio/ogg"
    return _image_type(stored.data)


def file_url(file_id: str) -> str:
    return f"/files/{file_id}"


def page_message(message: dict[str, Any]) -> dict[str, Any]:
    """The emulator's JSON form of a message, reduced to what the page shows.

    HTML is sanitised; file links point at the simulator (the bot token stays out of the page).
    """
    sender = message.get("from") or {}
    shown: dict[str, Any] = {
        "message_id": message["message_id"],
        "chat_id": message["chat_id"],
        "date": message["date"],
        "from_bot": message["from_bot"],
        "from": {
            "id": sender.get("id"),
            "name": " ".join(
                part for part in (sender.get("first_name"), sender.get("last_name")) if part
            ),
        },
        "html": sanitize_html(message.get("html") or ""),
        "edited": message.get("edited", False),
        "deleted": message.get("deleted", False),
        "inline_keyboard": _inline_keyboard(message.get("reply_markup")),
    }
    if "photo" in message:
        photo = message["photo"]
        shown["photo"] = {
            "url": file_url(photo["file_id"]),
            "width": photo.get("width"),
            "height": photo.get("height"),
        }
    if "document" in message:
        document = message["document"]
        shown["document"] = {
            "url": file_url(document["file_id"]),
            "file_name": document.get("file_name") or "dokumen",
            "file_size": document.get("file_size"),
            "mime_type": document.get("mime_type"),
        }
    if "voice" in message:
        voice = message["voice"]
        shown["voice"] = {"url": file_url(voice["file_id"]), "duration": voice.get("duration", 0)}
    if "sticker" in message:
        sticker = message["sticker"]
        shown["sticker"] = {"url": file_url(sticker["file_id"]), "emoji": sticker.get("emoji")}
    if "contact" in message:
        contact = message["contact"]
        shown["contact"] = {
            "phone_number": contact.get("phone_number"),
            "name": " ".join(
                part for part in (contact.get("first_name"), contact.get("last_name")) if part
            ),
        }
    if "location" in message:
        location = message["location"]
        shown["location"] = {
            "latitude": location["latitude"],
            "longitude": location["longitude"],
        }
    return shown


def _inline_keyboard(markup: dict[str, Any] | None) -> list[list[dict[str, str]]]:
    """Inline buttons the page can act on: callbacks, links and copy-text buttons."""
    rows: list[list[dict[str, str]]] = []
    for row in (markup or {}).get("inline_keyboard", []):
        shown_row: list[dict[str, str]] = []
        for button in row:
            item = {"text": button["text"]}
            if "callback_data" in button:
                item["callback_data"] = button["callback_data"]
            elif "url" in button:
                item["url"] = button["url"]
            elif "copy_text" in button:
                item["copy_text"] = button["copy_text"]["text"]
            shown_row.append(item)
        rows.append(shown_row)
    return rows


def _reply_keyboard(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    if markup is None:
        return None
    rows = [
        [
            {
                "text": b if isinstance(b, str) else b["text"],
                "request": (
                    "contact"
                    if isinstance(b, dict) and b.get("request_contact")
                    else "location"
                    if isinstance(b, dict) and b.get("request_location")
                    else None
                ),
            }
            for b in row
        ]
        for row in markup.get("keyboard", [])
    ]
    return {"rows": rows, "placeholder": markup.get("input_field_placeholder")}


class Simulation:
    """The personas' side of the emulated Telegram, as the page sees and drives it."""

    def __init__(self, emulator: BotAPIEmulator, personas: Iterable[Persona] = PERSONAS) -> None:
        self.emulator = emulator
        self.personas = {p.key: p for p in personas}
        self.people: dict[str, EmulatedPerson] = {
            p.key: emulator.user(
                p.user_id,
                p.first_name,
                last_name=p.last_name,
                language_code=p.language_code,
                phone=p.phone,
            )
            for p in self.personas.values()
        }
        self.group: Group = emulator.group(STAFF_GROUP_ID, STAFF_GROUP_TITLE)
        self.bot_state = "starting"
        self._listeners: set[asyncio.Queue[dict[str, Any]]] = set()
        self._keyboards: dict[tuple[str, int], str] = {}
        self._violations_seen = 0
        self._source: asyncio.Queue[dict[str, Any]] | None = None
        self._pump: asyncio.Task[None] | None = None
        # Team members have talked to the bot before (they were invited): their private
        # chats exist, so the bot can write to them first (notices, digests, reminders).
        self.open_private_chats([p.user_id for p in self.personas.values() if p.role != "reporter"])

    # --- chats -----------------------------------------------------------------------------

    @property
    def state(self) -> Any:
        return self.emulator.state

    def open_private_chats(
        self, user_ids: Iterable[int], names: dict[int, str] | None = None
    ) -> int:
        """Private chats for people who started the bot in the past; returns how many are new."""
        added = 0
        by_id = {p.user_id: p for p in self.personas.values()}
        for user_id in user_ids:
            if user_id in self.state.chats:
                continue
            member = by_id.get(user_id)
            chat: dict[str, Any] = {"id": user_id, "type": "private"}
            if member is not None:
                chat["first_name"] = member.first_name
                if member.last_name:
                    chat["last_name"] = member.last_name
            else:
                chat["first_name"] = "Warga"
            self.state.chats[user_id] = ChatRecord(chat)
            added += 1
        return added

    def chats_of(self, key: str) -> list[ChatView]:
        member = self.personas[key]
        chats = [ChatView(member.user_id, self.emulator.bot_user["first_name"], "private")]
        if member.in_staff_group:
            chats.append(ChatView(STAFF_GROUP_ID, STAFF_GROUP_TITLE, "group"))
        return chats

    def _chat_ids(self) -> set[int]:
        return {view.chat_id for key in self.personas for view in self.chats_of(key)}

    def _messages_of(self, chat_id: int) -> list[dict[str, Any]]:
        record = self.state.chats.get(chat_id)
        if record is None:
            return []
        stored: list[StoredMessage] = [m for m in record.messages.values() if not m.deleted]
        return [page_message(BotMessage.of(m).to_dict(self.state.download_path)) for m in stored]

    def keyboard_for(self, key: str, chat_id: int) -> dict[str, Any] | None:
        record = self.state.chats.get(chat_id)
        if record is None:
            return None
        return _reply_keyboard(record.keyboard_of(self.personas[key].user_id))

    def commands_for(self, key: str, chat_id: int) -> list[dict[str, str]]:
        """The command menu this persona's client shows in the chat, resolved as Telegram
        does: the most specific scope first, a language-specific list before the default."""
        member = self.personas[key]
        if chat_id == member.user_id:
            scopes = [
                {"type": "chat", "chat_id": chat_id},
                {"type": "all_private_chats"},
                {"type": "default"},
            ]
        else:
            scopes = [
                {"type": "chat_member", "chat_id": chat_id, "user_id": member.user_id},
                {"type": "chat", "chat_id": chat_id},
                {"type": "all_group_chats"},
                {"type": "default"},
            ]
        for scope in scopes:
            for language in (member.language_code, ""):
                found = self.state.commands.get((json.dumps(scope, sort_keys=True), language))
                if found:
                    return [
                        {"command": c["command"], "description": c["description"]} for c in found
                    ]
        return []

    def snapshot(self) -> dict[str, Any]:
        """Everything the page needs to draw itself from scratch."""
        personas = []
        for key, member in self.personas.items():
            personas.append(
                {
                    "key": key,
                    "name": member.display_name,
                    "label": member.label,
                    "role": str(member.role),
                    "user_id": member.user_id,
                    "phone": member.phone,
                    "chats": [
                        {
                            "chat_id": view.chat_id,
                            "title": view.title,
                            "kind": view.kind,
                            "keyboard": self.keyboard_for(key, view.chat_id),
                        }
                        for view in self.chats_of(key)
                    ],
                }
            )
        return {
            "type": "snapshot",
            "bot": {
                "name": self.emulator.bot_user["first_name"],
                "username": self.emulator.bot_user.get("username"),
                "state": self.bot_state,
            },
            "group": {
                "chat_id": STAFF_GROUP_ID,
                "title": STAFF_GROUP_TITLE,
                "viewer": GROUP_VIEWER,
            },
            "personas": personas,
            "messages": {str(cid): self._messages_of(cid) for cid in sorted(self._chat_ids())},
            "places": [place.as_dict() for place in PLACES],
            "violations": list(self.state.violations),
        }

    # --- events for the page ---------------------------------------------------------------

    def listen(self) -> tuple[dict[str, Any], asyncio.Queue[dict[str, Any]]]:
        """A snapshot and a queue of everything after it (taken together, with no gap)."""
        self._keyboard_changes()  # the snapshot carries the current keyboards
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._listeners.add(queue)
        return self.snapshot(), queue

    def unlisten(self, queue: asyncio.Queue[dict[str, Any]]) -> None:
        self._listeners.discard(queue)

    def emit(self, event: dict[str, Any]) -> None:
        for queue in self._listeners:
            queue.put_nowait(event)

    def set_bot_state(self, state: str) -> None:
        self.bot_state = state
        self.emit({"type": "bot", "state": state})

    def start(self) -> None:
        self._source = self.emulator.subscribe()
        self._pump = asyncio.create_task(self._run_pump())

    async def stop(self) -> None:
        if self._pump is not None:
            self._pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pump
            self._pump = None
        if self._source is not None:
            self.emulator.unsubscribe(self._source)
            self._source = None

    async def _run_pump(self) -> None:
        assert self._source is not None
        while True:
            try:
                event = await asyncio.wait_for(self._source.get(), timeout=1.0)
            except TimeoutError:
                event = None
            try:
                if event is not None:
                    for shown in self.translate(event):
                        self.emit(shown)
                for shown in self._keyboard_changes():
                    self.emit(shown)
                self._report_violations()
            except Exception:
                # One odd event must not stop the page's live updates.
                logger.exception("could not pass an emulator event to the page")

    def translate(self, event: dict[str, Any]) -> list[dict[str, Any]]:
        """The page's events for one emulator event (none for chats no persona sees)."""
        if event.get("chat_id") not in self._chat_ids():
            return []
        kind = event["type"]
        if kind in MESSAGE_EVENTS:
            return [{"type": kind, "message": page_message(event["message"])}]
        if kind == "chat_action":
            return [{"type": "chat_action", "chat_id": event["chat_id"], "action": event["action"]}]
        if kind == "callback_answer":
            return [
                {
                    "type": "callback_answer",
                    "chat_id": event["chat_id"],
                    "text": event.get("text"),
                    "show_alert": event.get("show_alert", False),
                }
            ]
        return []

    def _keyboard_changes(self) -> list[dict[str, Any]]:
        changes = []
        for key in self.personas:
            for view in self.chats_of(key):
                keyboard = self.keyboard_for(key, view.chat_id)
                fingerprint = json.dumps(keyboard, sort_keys=True)
                if self._keyboards.get((key, view.chat_id)) != fingerprint:
                    self._keyboards[(key, view.chat_id)] = fingerprint
                    changes.append(
                        {
                            "type": "keyboard",
                            "persona": key,
                            "chat_id": view.chat_id,
                            "keyboard": keyboard,
                        }
                    )
        return changes

    def _report_violations(self) -> None:
        violations = self.state.violations
        for text in violations[self._violations_seen :]:
            # The page may show the call's parameters; the console gets no message content.
            logger.warning("Telegram would reject a call: %s", text.split(" | params:")[0])
            self.emit({"type": "violation", "text": text})
        self._violations_seen = len(violations)

    # --- actions from the page -------------------------------------------------------------

    def _actor(self, key: str, chat_id: int) -> tuple[EmulatedPerson, Group | None]:
        if key not in self.personas:
            raise ActionError(f"unknown persona {key!r}")
        if chat_id not in {view.chat_id for view in self.chats_of(key)}:
            raise ActionError("this persona is not in that chat")
        return self.people[key], (self.group if chat_id == STAFF_GROUP_ID else None)

    async def act(self, key: str, chat_id: int, action: dict[str, Any]) -> None:
        """One thing a persona does in a chat; the bot's answer arrives as events."""
        person, group = self._actor(key, chat_id)
        kind = action.get("kind")
        try:
            await self._dispatch(self.personas[key], person, group, kind, action)
        except AssertionError as exc:
            # The emulator's people assert what a real client would not allow either.
            raise ActionError(str(exc).splitlines()[0]) from None
        for shown in self._keyboard_changes():
            self.emit(shown)

    async def _dispatch(
        self,
        member: Persona,
        person: EmulatedPerson,
        group: Group | None,
        kind: object,
        action: dict[str, Any],
    ) -> None:
        if kind == "text":
            text = str(action.get("text", "")).strip()
            if not text:
                raise ActionError("empty message")
            if len(text) > 4096:
                raise ActionError("message too long (Telegram allows 4096 characters)")
            await person.send(text, chat=group, wait=False)
        elif kind == "tap":
            data = action.get("data")
            message_id = action.get("message_id")
            if not isinstance(data, str) or not isinstance(message_id, int):
                raise ActionError("a tap needs the button's data and the message id")
            await person.tap(data=data, message_id=message_id, chat=group, wait=False)
        elif kind == "press":
            label = action.get("label")
            if not isinstance(label, str):
                raise ActionError("a press needs the button's label")
            location = self._location(action) if action.get("location") else None
            await person.press(label, phone=member.phone, location=location, chat=group, wait=False)
        elif kind == "contact":
            await person.share_contact(member.phone, chat=group, wait=False)
        elif kind == "location":
            await person.share_location(*self._location(action), chat=group, wait=False)
        elif kind == "voice":
            duration = action.get("duration", 3)
            if not isinstance(duration, int) or not 1 <= duration <= MAX_VOICE_SECONDS:
                raise ActionError(f"a voice note lasts 1 to {MAX_VOICE_SECONDS} seconds")
            await person.send_voice(duration, chat=group, wait=False)
        elif kind == "sticker":
            await person.send_sticker(str(action.get("emoji") or "👍"), chat=group, wait=False)
        else:
            raise ActionError(f"unknown action {kind!r}")

    @staticmethod
    def _location(action: dict[str, Any]) -> tuple[float, float]:
        location = action.get("location")
        if isinstance(location, dict) and "place" in location:
            index = location["place"]
            if not isinstance(index, int) or not 0 <= index < len(PLACES):
                raise ActionError("unknown place")
            return PLACES[index].latitude, PLACES[index].longitude
        if isinstance(location, dict) and "text" in location:
            try:
                return parse_coordinate(str(location["text"]))
            except ValueError as exc:
                raise ActionError(str(exc)) from None
        raise ActionError("a location needs a place or typed coordinates")

    async def upload(
        self,
        key: str,
        chat_id: int,
        *,
        kind: str,
        data: bytes,
        filename: str,
        mime_type: str,
        caption: str | None,
    ) -> None:
        """A photo or document the persona sends from their device."""
        person, group = self._actor(key, chat_id)
        caption = (caption or "").strip() or None
        if caption is not None and len(caption) > 1024:
            raise ActionError("caption too long (Telegram allows 1024 characters)")
        if kind == "photo":
            try:
                await person.send_photo(data, caption, chat=group, wait=False)
            except ValueError:
                raise ActionError("not a picture (JPEG, PNG or GIF)") from None
        elif kind == "document":
            await person.send_document(
                data, filename or "dokumen", mime_type or "application/octet-stream", caption,
                chat=group, wait=False,
            )  # fmt: skip
        else:
            raise ActionError(f"unknown upload kind {kind!r}")

    def file(self, file_id: str) -> StoredFile | None:
        return self.state.files.get(file_id)
