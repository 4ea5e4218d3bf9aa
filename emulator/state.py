"""Everything the emulated Telegram remembers, kept in memory."""

import asyncio
import copy
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from emulator.chat_message import BotMessage, StoredMessage
from emulator.errors import bad_request, forbidden
from emulator.files import FileStore
from emulator.ratelimit import RateLimiter, RateLimits
from emulator.signal import ChangeSignal
from emulator.spec import ApiSpec, IncomingParams, Mismatch, load_spec
from emulator.updates import UpdateQueue

NO_FILES = IncomingParams()


@dataclass
class ChatRecord:
    chat: dict[str, Any]
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    next_message_id: int = 1
    keyboard: dict[str, Any] | None = None
    keyboard_for: dict[int, dict[str, Any] | None] = field(default_factory=dict)
    # Groups and channels: whether the bot is in it (leaveChat takes it out).
    bot_member: bool = True

    @property
    def chat_id(self) -> int:
        return self.chat["id"]

    @property
    def is_group(self) -> bool:
        return self.chat["type"] != "private"

    def keyboard_of(self, user_id: int) -> dict[str, Any] | None:
        return self.keyboard_for.get(user_id, self.keyboard)


@dataclass
class CallbackQueryRecord:
    query_id: str
    chat_id: int
    message_id: int
    created: float
    answered: bool = False
    answer_text: str | None = None


@dataclass(frozen=True)
class ApiCall:
    method: str
    params: dict[str, Any]
    ok: bool
    error_code: int | None = None
    description: str | None = None
    # When it was answered (time.monotonic()): for a sent message, when Telegram accepted it.
    at: float = field(default_factory=time.monotonic)


@dataclass
class EmulatorConfig:
    rate_limits: RateLimits = field(default_factory=RateLimits)
    callback_query_timeout: float = 15.0


class EmulatorState:
    def __init__(self, bot_user: dict[str, Any], config: EmulatorConfig) -> None:
        self.bot_user = bot_user
        self.config = config
        self.spec: ApiSpec = load_spec()
        self.signal = ChangeSignal()
        self.updates = UpdateQueue(self.signal)
        self.files = FileStore()
        self.limiter = RateLimiter(config.rate_limits)
        self.chats: dict[int, ChatRecord] = {}
        self.blocked: set[int] = set()
        self.callback_queries: dict[str, CallbackQueryRecord] = {}
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}
        self.calls: list[ApiCall] = []
        self.violations: list[str] = []
        self.journal: list[dict[str, Any]] = []
        self.subscribers: list[asyncio.Queue[dict[str, Any]]] = []
        # Called with (method, params) as each call arrives, before it is answered.
        self.observers: list[Callable[[str, dict[str, Any]], None]] = []
        self.download_prefix = ""
        # Tells whether the bot has finished handling an update it confirmed (a bot that
        # stores updates first confirms them at once); None: confirmed means handled.
        self.processed_check: Callable[[int], bool] | None = None

    def push_update(self, kind: str, payload: dict[str, Any]) -> int:
        """Queues an update after checking it against the spec's Update type: what the
        emulator delivers is what Telegram could deliver."""
        try:
            self.spec.check_object({"update_id": 1, kind: payload}, "Update", "update", NO_FILES)
        except Mismatch as exc:
            problem = f"the emulator built an update Telegram would not send: {exc}"
            raise AssertionError(problem) from None
        return self.updates.push(kind, payload)

    def download_path(self, file_id: str) -> str:
        stored = self.files.get(file_id)
        return f"{self.download_prefix}{stored.file_path}" if stored else ""

    def publish(self, event: dict[str, Any]) -> None:
        self.journal.append(event)
        for queue in self.subscribers:
            queue.put_nowait(copy.deepcopy(event))
        self.signal.fire()

    def publish_message(self, kind: str, stored: StoredMessage) -> None:
        view = BotMessage.of(stored)
        self.publish(
            {"type": kind, "chat_id": view.chat_id, "message": view.to_dict(self.download_path)}
        )

    def chat_for_bot(self, chat_id: int | str) -> ChatRecord:
        """The chat the bot addresses; 400 if it never talked to the bot, 403 if blocked."""
        record = self.chats.get(chat_id) if isinstance(chat_id, int) else None
        if record is None:
            raise bad_request("chat not found")
        if record.chat_id in self.blocked:
            raise forbidden("bot was blocked by the user")
        if record.is_group and not record.bot_member:
            raise forbidden(f"bot is not a member of the {record.chat['type']} chat")
        return record

    def message_of(self, record: ChatRecord, message_id: int) -> StoredMessage | None:
        stored = record.messages.get(message_id)
        return None if stored is None or stored.deleted else stored

    def add_message(
        self,
        record: ChatRecord,
        sender: dict[str, Any],
        content: dict[str, Any],
        *,
        from_bot: bool,
        reply_markup: dict[str, Any] | None = None,
    ) -> StoredMessage:
        message_id = record.next_message_id
        record.next_message_id += 1
        data = {
            "message_id": message_id,
            "from": sender,
            "chat": record.chat,
            "date": int(time.time()),
            **content,
        }
        if reply_markup is not None and "inline_keyboard" in reply_markup:
            data["reply_markup"] = reply_markup
        stored = StoredMessage(data=data, from_bot=from_bot, reply_markup=reply_markup)
        record.messages[message_id] = stored
        self.publish_message("message" if from_bot else "user_message", stored)
        return stored
