"""People and groups that talk to the bot "as a person would".

Every action stores the person's message (or callback query), queues the update and, unless
``wait=False``, returns a Reply only after the bot has processed it: the bot's next
getUpdates call carries an offset above the update's id. A person acts in a group by passing
``chat=group`` to any action.
"""

import copy
import secrets
import time
from typing import Any

from emulator.actions import ActionRunner
from emulator.chat_log import ChatLog
from emulator.chat_message import BotMessage, StoredMessage
from emulator.jpeg import make_jpeg
from emulator.markup import keyboard_labels
from emulator.ogg import make_ogg_opus
from emulator.reply import Reply
from emulator.state import CallbackQueryRecord, ChatRecord, EmulatorState


def command_entities(text: str) -> list[dict[str, Any]]:
    """A leading /command (optionally /command@bot) is a bot_command entity."""
    if not text.startswith("/") or len(text) < 2 or text[1].isspace():
        return []
    length = len(text.split(maxsplit=1)[0].encode("utf-16-le")) // 2
    return [{"type": "bot_command", "offset": 0, "length": length}]


def find_button(
    candidates: list[tuple[BotMessage, dict[str, Any]]], label: str | None, data: str | None
) -> tuple[BotMessage, dict[str, Any]] | None:
    """Newest exact label (or callback data) match, else a case-insensitive substring match."""
    if data is not None:
        matches = [c for c in candidates if c[1].get("callback_data") == data]
        return matches[0] if matches else None
    assert label is not None
    for exact in (True, False):
        matches = [
            c
            for c in candidates
            if (c[1]["text"] == label if exact else label.lower() in c[1]["text"].lower())
        ]
        newest = [m for m in matches if m[0].message_id == matches[0][0].message_id]
        if len(newest) > 1:
            labels = [button["text"] for _, button in newest]
            raise AssertionError(f"button {label!r} is ambiguous in one message: {labels}")
        if matches:
            return matches[0]
    return None


class Group:
    """A supergroup; the bot is a member of it unless made with ``member=False`` (then a
    person adds it: ``person.add_bot(group)``)."""

    def __init__(
        self,
        state: EmulatorState,
        runner: ActionRunner,
        chat_id: int,
        title: str,
        *,
        member: bool = True,
    ):
        self._state = state
        self.chat_id = chat_id
        self.title = title
        known = chat_id in state.chats
        self.record = state.chats.setdefault(
            chat_id,
            ChatRecord({"id": chat_id, "title": title, "type": "supergroup"}),
        )
        if not known:
            self.record.bot_member = member
        self.chat = ChatLog(state, chat_id, runner.seen)

    @property
    def bot_member(self) -> bool:
        """Whether the bot is in the group (it may have left it)."""
        return self.record.bot_member

    async def wait_for_message(
        self,
        contains: str | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 - part of the documented test API
    ) -> BotMessage:
        return await self.chat.wait_for_message(contains, timeout)


class Channel:
    """A channel the bot was added to: its posts come as channel_post updates, which a bot
    gets only if its allowed_updates ask for them (Telegram drops them otherwise)."""

    def __init__(self, state: EmulatorState, runner: ActionRunner, chat_id: int, title: str):
        self._state = state
        self._runner = runner
        self.chat_id = chat_id
        self.record = state.chats.setdefault(
            chat_id, ChatRecord({"id": chat_id, "title": title, "type": "channel"})
        )
        self.chat = ChatLog(state, chat_id, runner.seen)

    async def post(
        self,
        text: str,
        *,
        edit: bool = False,
        wait: bool = True,
        timeout: float | None = None,  # noqa: ASYNC109 - part of the documented test API
    ) -> Reply:
        """A post in the channel (or, with ``edit``, an edited one). Returns once the bot
        handled it, or at once if Telegram dropped it because the bot did not ask for it."""
        record = self.record
        message_id = record.next_message_id
        record.next_message_id += 1
        data: dict[str, Any] = {
            "message_id": message_id,
            "sender_chat": record.chat,
            "chat": record.chat,
            "date": int(time.time()),
            "text": text,
            **({"edit_date": int(time.time())} if edit else {}),
        }
        record.messages[message_id] = StoredMessage(data=data, from_bot=False)
        return await self._runner.run(
            record,
            0,
            "edited_channel_post" if edit else "channel_post",
            copy.deepcopy(data),
            wait=wait,
            within=timeout,
            journal_start=len(self._state.journal),
            may_be_dropped=True,
        )


CLIP_FIELDS = {
    "video": {"width": 640, "height": 360},
    "animation": {"width": 320, "height": 240},
    "video_note": {"length": 240},
}


class Person:
    """A Telegram user; their private chat with the bot has the same id as the user."""

    def __init__(
        self,
        state: EmulatorState,
        runner: ActionRunner,
        user: dict[str, Any],
        phone: str | None = None,
    ) -> None:
        self._state = state
        self._runner = runner
        self.user = user
        self.user_id: int = user["id"]
        self.first_name: str = user["first_name"]
        self.phone = phone
        self.chat = ChatLog(state, self.user_id, runner.seen)

    def _record(self, chat: Group | None) -> ChatRecord:
        if self.user_id in self._state.blocked and chat is None:
            raise AssertionError(f"{self.first_name} has blocked the bot; unblock() first")
        if chat is not None:
            if not chat.record.bot_member:
                raise AssertionError(f"the bot is not in group {chat.chat_id}; add_bot() first")
            return chat.record
        private = {"id": self.user_id, "type": "private", "first_name": self.first_name}
        for key in ("last_name", "username"):
            if key in self.user:
                private[key] = self.user[key]
        return self._state.chats.setdefault(self.user_id, ChatRecord(private))

    def keyboard_in(self, chat: Group | None = None) -> dict[str, Any] | None:
        """The reply keyboard this person's client shows in the chat, None if hidden."""
        record = self._state.chats.get(chat.chat_id if chat else self.user_id)
        return record.keyboard_of(self.user_id) if record else None

    @property
    def reply_keyboard(self) -> dict[str, Any] | None:
        """The ReplyKeyboardMarkup shown in the private chat; None after ReplyKeyboardRemove."""
        return self.keyboard_in()

    @property
    def keyboard_labels(self) -> list[str]:
        return keyboard_labels(self.reply_keyboard)

    async def _post(
        self,
        content: dict[str, Any],
        chat: Group | None,
        wait: bool,
        within: float | None,
    ) -> Reply:
        record = self._record(chat)
        start = len(self._state.journal)
        stored = self._state.add_message(record, self.user, content, from_bot=False)
        return await self._runner.run(
            record,
            self.user_id,
            "message",
            copy.deepcopy(stored.data),
            wait=wait,
            within=within,
            journal_start=start,
        )

    async def send_content(
        self,
        content: dict[str, Any],
        *,
        chat: Group | None = None,
        wait: bool = True,
        timeout: float | None = None,  # noqa: ASYNC109 - part of the documented test API
    ) -> Reply:
        """A message with any content Telegram could deliver (a venue, a poll, a dice, a
        forwarded text...): ``content`` holds the Message fields besides message_id, from,
        chat and date; the update is checked against the spec before it is queued."""
        return await self._post(copy.deepcopy(content), chat, wait, timeout)

    async def add_bot(
        self,
        group: Group,
        *,
        wait: bool = True,
        timeout: float | None = None,  # noqa: ASYNC109 - part of the documented test API
    ) -> Reply:
        """This person adds the bot to the group: a my_chat_member update (left -> member)
        from them, then the group's "joined" service message."""
        record = group.record
        record.bot_member = True
        bot = {"user": self._state.bot_user}
        self._state.push_update(
            "my_chat_member",
            {
                "chat": record.chat,
                "from": self.user,
                "date": int(time.time()),
                "old_chat_member": {**bot, "status": "left"},
                "new_chat_member": {**bot, "status": "member"},
            },
        )
        joined = {"new_chat_members": [self._state.bot_user]}
        return await self._post(joined, group, wait, timeout)

    async def send_clip(
        self,
        kind: str = "video",
        duration: int = 3,
        *,
        chat: Group | None = None,
        wait: bool = True,
        timeout: float | None = None,  # noqa: ASYNC109 - part of the documented test API
    ) -> Reply:
        """A video, an animation (GIF) or a round video note; its file is a few bytes."""
        stored = self._state.files.add(
            b"\x00\x00\x00\x18ftypmp42", kind, mime_type="video/mp4", duration=duration
        )
        clip = {**stored.describe(), "duration": duration, **CLIP_FIELDS[kind]}
        return await self._post({kind: clip}, chat, wait, timeout)

    async def send(
        self,
        text: str,
        *,
        chat: Group | None = None,
        wait: bool = True,
        timeout: float | None = None,  # noqa: ASYNC109 - part of the documented test API
    ) -> Reply:
        entities = command_entities(text)
        content = {"text": text, **({"entities": entities} if entities else {})}
        return await self._post(content, chat, wait, timeout)

    async def share_contact(
        self,
        phone: str,
        *,
        own: bool = True,
        first_name: str | None = None,
        chat: Group | None = None,
        wait: bool = True,
        timeout: float | None = None,  # noqa: ASYNC109 - part of the documented test API
    ) -> Reply:
        contact: dict[str, Any] = {"phone_number": phone}
        if own:
            contact.update(first_name=self.first_name, user_id=self.user_id)
            if "last_name" in self.user:
                contact["last_name"] = self.user["last_name"]
        else:
            contact["first_name"] = first_name or "Kontak"
        return await self._post({"contact": contact}, chat, wait, timeout)

    async def share_location(
        self,
        latitude: float,
        longitude: float,
        *,
        chat: Group | None = None,
        wait: bool = True,
        timeout: float | None = None,  # noqa: ASYNC109 - part of the documented test API
    ) -> Reply:
        location = {"latitude": latitude, "longitude": longitude}
        return await self._post({"location": location}, chat, wait, timeout)

    async def send_photo(
        self,
        data: bytes | None = None,
        caption: str | None = None,
        *,
        chat: Group | None = None,
        wait: bool = True,
        timeout: float | None = None,  # noqa: ASYNC109 - part of the documented test API
    ) -> Reply:
        sizes = self._state.files.add_photo(make_jpeg() if data is None else data)
        if sizes is None:
            raise ValueError("send_photo needs JPEG, PNG or GIF bytes")
        content: dict[str, Any] = {"photo": sizes}
        if caption:
            content["caption"] = caption
        return await self._post(content, chat, wait, timeout)

    async def send_document(
        self,
        data: bytes,
        filename: str,
        mime_type: str,
        caption: str | None = None,
        *,
        chat: Group | None = None,
        wait: bool = True,
        timeout: float | None = None,  # noqa: ASYNC109 - part of the documented test API
    ) -> Reply:
        stored = self._state.files.add(data, "document", file_name=filename, mime_type=mime_type)
        content: dict[str, Any] = {"document": stored.as_document()}
        if caption:
            content["caption"] = caption
        return await self._post(content, chat, wait, timeout)

    async def send_voice(
        self,
        duration: int = 3,
        *,
        chat: Group | None = None,
        wait: bool = True,
        timeout: float | None = None,  # noqa: ASYNC109 - part of the documented test API
    ) -> Reply:
        stored = self._state.files.add(
            make_ogg_opus(duration), "voice", mime_type="audio/ogg", duration=duration
        )
        return await self._post({"voice": stored.as_voice()}, chat, wait, timeout)

    async def send_sticker(
        self,
        emoji: str = "👍",
        *,
        chat: Group | None = None,
        wait: bool = True,
        timeout: float | None = None,  # noqa: ASYNC109 - part of the documented test API
    ) -> Reply:
        """A regular sticker; its file is a small JPEG standing in for Telegram's WebP."""
        stored = self._state.files.add(make_jpeg(64, 64), "sticker", file_name="sticker.jpg")
        sticker = {
            **stored.describe(),
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return await self._post({"sticker": sticker}, chat, wait, timeout)

    async def edit(
        self,
        message_id: int,
        new_text: str,
        *,
        chat: Group | None = None,
        wait: bool = True,
        timeout: float | None = None,  # noqa: ASYNC109 - part of the documented test API
    ) -> Reply:
        """Edit one of this person's own text messages (an edited_message update)."""
        record = self._record(chat)
        stored = record.messages.get(message_id)
        if stored is None or stored.deleted or stored.from_bot or "text" not in stored.data:
            raise AssertionError(f"{self.first_name} has no text message {message_id} to edit")
        start = len(self._state.journal)
        stored.data["text"] = new_text
        stored.data.pop("entities", None)
        if entities := command_entities(new_text):
            stored.data["entities"] = entities
        stored.data["edit_date"] = int(time.time())
        stored.edited = True
        self._state.publish_message("edit", stored)
        return await self._runner.run(
            record,
            self.user_id,
            "edited_message",
            copy.deepcopy(stored.data),
            wait=wait,
            within=timeout,
            journal_start=start,
        )

    def _tappable(
        self, record: ChatRecord, message_id: int | None
    ) -> list[tuple[BotMessage, dict[str, Any]]]:
        """Inline buttons of bot messages in the chat, newest message first."""
        messages: list[StoredMessage] = [
            m for m in reversed(record.messages.values()) if m.from_bot and not m.deleted
        ]
        if message_id is not None:
            messages = [m for m in messages if m.data["message_id"] == message_id]
        views = [BotMessage.of(m) for m in messages]
        return [(view, button) for view in views for row in view.inline_keyboard for button in row]

    async def tap(
        self,
        label: str | None = None,
        *,
        data: str | None = None,
        message_id: int | None = None,
        chat: Group | None = None,
        wait: bool = True,
        timeout: float | None = None,  # noqa: ASYNC109 - part of the documented test API
    ) -> Reply:
        """Press an inline button on the newest bot message that has it (a callback_query)."""
        if label is None and data is None:
            raise ValueError("tap() needs a label or data")
        record = self._record(chat)
        candidates = self._tappable(record, message_id)
        found = find_button(candidates, label, data)
        if found is None:
            visible = [(view.message_id, button["text"]) for view, button in candidates]
            raise AssertionError(
                f"no inline button {label or data!r} in chat {record.chat_id}; "
                f"visible buttons (message_id, label): {visible}"
            )
        view, button = found
        if "callback_data" not in button:
            raise AssertionError(f"button {button['text']!r} sends no callback: {button}")
        return await self._callback(record, view.message_id, button["callback_data"], wait, timeout)

    async def _callback(
        self, record: ChatRecord, message_id: int, data: str, wait: bool, within: float | None
    ) -> Reply:
        """A callback query from this person on one of the bot's messages."""
        query_id = str(secrets.randbelow(10**18) + 10**18)
        self._state.callback_queries[query_id] = CallbackQueryRecord(
            query_id, record.chat_id, message_id, time.monotonic()
        )
        payload = {
            "id": query_id,
            "from": self.user,
            "message": copy.deepcopy(record.messages[message_id].data),
            "chat_instance": str(abs(hash((record.chat_id, self._state.bot_user["id"])))),
            "data": data,
        }
        return await self._runner.run(
            record,
            self.user_id,
            "callback_query",
            payload,
            wait=wait,
            within=within,
            journal_start=len(self._state.journal),
            callback_query_id=query_id,
        )

    async def replay(
        self,
        data: str,
        *,
        message_id: int | None = None,
        chat: Group | None = None,
        wait: bool = True,
        timeout: float | None = None,  # noqa: ASYNC109 - part of the documented test API
    ) -> Reply:
        """A callback query with any data on a bot message the person can see, as a modified
        client (or a button forwarded from elsewhere) could send: for testing that the bot
        authorises every press instead of trusting its own buttons."""
        record = self._record(chat)
        messages = [m for m in reversed(record.messages.values()) if m.from_bot and not m.deleted]
        if message_id is not None:
            messages = [m for m in messages if m.data["message_id"] == message_id]
        if not messages:
            raise AssertionError(f"no bot message to press a button on in chat {record.chat_id}")
        return await self._callback(record, messages[0].data["message_id"], data, wait, timeout)

    async def press(
        self,
        label: str,
        *,
        phone: str | None = None,
        location: tuple[float, float] | None = None,
        chat: Group | None = None,
        wait: bool = True,
        timeout: float | None = None,  # noqa: ASYNC109 - part of the documented test API
    ) -> Reply:
        """Press a reply-keyboard button: send its text, or share contact or location."""
        markup = self.keyboard_in(chat)
        buttons = [
            {"text": b} if isinstance(b, str) else b
            for row in (markup or {}).get("keyboard", [])
            for b in row
        ]
        matches = [b for b in buttons if b["text"] == label] or [
            b for b in buttons if label.lower() in b["text"].lower()
        ]
        if not matches:
            labels = [b["text"] for b in buttons]
            raise AssertionError(f"no reply keyboard button {label!r}; visible: {labels}")
        button = matches[0]
        if markup is not None and markup.get("one_time_keyboard"):
            self._record(chat).keyboard_for[self.user_id] = None
        if button.get("request_contact"):
            own_phone = phone or self.phone
            if own_phone is None:
                raise AssertionError("press() on a contact button needs phone= here or in user()")
            return await self.share_contact(own_phone, chat=chat, wait=wait, timeout=timeout)
        if button.get("request_location"):
            if location is None:
                raise AssertionError("press() on a location button needs location=(lat, lon)")
            return await self.share_location(*location, chat=chat, wait=wait, timeout=timeout)
        return await self.send(button["text"], chat=chat, wait=wait, timeout=timeout)

    async def wait_for_message(
        self,
        contains: str | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 - part of the documented test API
    ) -> BotMessage:
        return await self.chat.wait_for_message(contains, timeout)
