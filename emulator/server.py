"""BotAPIEmulator: an in-memory Telegram Bot API served over real HTTP.

async with BotAPIEmulator() as emu:
    app = (
        Application.builder()
        .token(emu.token)
        .base_url(f"{emu.api_root}/bot")
        .base_file_url(f"{emu.api_root}/file/bot")
        .build()
    )
"""

import asyncio
import logging
import secrets
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self

from aiohttp import web

from emulator.actions import ActionRunner
from emulator.http_app import build_app
from emulator.people import Channel, Group, Person
from emulator.ratelimit import RateLimits
from emulator.state import ApiCall, EmulatorConfig, EmulatorState
from emulator.webhook import webhook_info

logger = logging.getLogger(__name__)


class BotAPIEmulator:
    def __init__(
        self,
        *,
        token: str | None = None,
        bot_username: str = "dinsos_kobar_bot",
        bot_first_name: str = "Dinsos Kobar",
        rate_limits: RateLimits | None = None,
        callback_query_timeout: float = 15.0,
        reply_timeout: float = 10.0,
    ) -> None:
        self.token = token or f"7012345678:AA{secrets.token_urlsafe(24)}"
        bot_user = {
            "id": int(self.token.split(":")[0]),
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        config = EmulatorConfig(rate_limits or RateLimits(), callback_query_timeout)
        self.state = EmulatorState(bot_user, config)
        self.state.download_prefix = f"/file/bot{self.token}/"
        self._runner = ActionRunner(self.state, reply_timeout)
        self._web_runner: web.AppRunner | None = None
        self.api_root = ""

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.state.updates.closed = False
        self._web_runner = web.AppRunner(
            build_app(self.state), handle_signals=False, access_log=None, shutdown_timeout=1.0
        )
        await self._web_runner.setup()
        site = web.TCPSite(self._web_runner, host, port)
        await site.start()
        bound_host, bound_port = self._web_runner.addresses[0][:2]
        self.api_root = f"http://{bound_host}:{bound_port}"
        logger.info("Bot API emulator listening on %s", self.api_root)
        if self.state.updates.webhook is not None:  # started again: delivery resumes
            self.state.updates.webhook.start()

    @property
    def processed_check(self) -> Callable[[int], bool] | None:
        return self.state.processed_check

    @processed_check.setter
    def processed_check(self, check: Callable[[int], bool] | None) -> None:
        """How to know the bot handled a confirmed update (see the README's sync rule)."""
        self.state.processed_check = check

    async def stop(self) -> None:
        self.state.updates.close()
        if self.state.updates.webhook is not None:
            await self.state.updates.webhook.stop()
        if self._web_runner is not None:
            await self._web_runner.cleanup()
            self._web_runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def bot_user(self) -> dict[str, Any]:
        return self.state.bot_user

    @property
    def calls(self) -> list[ApiCall]:
        return self.state.calls

    @property
    def violations(self) -> list[str]:
        return self.state.violations

    def webhook_info(self) -> dict[str, Any]:
        """What getWebhookInfo would answer now."""
        return webhook_info(self.state.updates)

    def calls_of(self, method: str) -> list[ApiCall]:
        return [call for call in self.state.calls if call.method == method]

    def user(
        self,
        user_id: int,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "id",
        phone: str | None = None,
    ) -> Person:
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        optional = {"last_name": last_name, "username": username, "language_code": language_code}
        user.update({key: value for key, value in optional.items() if value is not None})
        return Person(self.state, self._runner, user, phone)

    def group(self, chat_id: int, title: str, *, member: bool = True) -> Group:
        """A supergroup; with ``member=False`` the bot is not in it yet (see add_bot)."""
        return Group(self.state, self._runner, chat_id, title, member=member)

    def channel(self, chat_id: int, title: str) -> Channel:
        return Channel(self.state, self._runner, chat_id, title)

    def _membership_update(self, user_id: int, old: str, new: str) -> None:
        chat = self.state.chats.get(user_id)
        if chat is None:
            return
        user = next(
            (m.data["from"] for m in chat.messages.values() if not m.from_bot),
            {"id": user_id, "is_bot": False, "first_name": chat.chat.get("first_name", "")},
        )
        member = {"user": self.state.bot_user}

        def status(name: str) -> dict[str, Any]:
            return {**member, "status": name, **({"until_date": 0} if name == "kicked" else {})}

        self.state.push_update(
            "my_chat_member",
            {
                "chat": chat.chat,
                "from": user,
                "date": int(time.time()),
                "old_chat_member": status(old),
                "new_chat_member": status(new),
            },
        )

    def observe(self, observer: Callable[[str, dict[str, Any]], None]) -> None:
        """Calls `observer(method, params)` synchronously as each valid call arrives, before
        it is answered: a test can check what is true at the moment the bot speaks."""
        self.state.observers.append(observer)

    def block(self, user_id: int) -> None:
        """The user blocks the bot: sends to them answer 403 (a my_chat_member update too)."""
        self.state.blocked.add(user_id)
        self._membership_update(user_id, "member", "kicked")

    def unblock(self, user_id: int) -> None:
        self.state.blocked.discard(user_id)
        self._membership_update(user_id, "kicked", "member")

    def subscribe(self) -> asyncio.Queue[dict[str, Any]]:
        """A queue receiving every visible change as a JSON-serialisable dict."""
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.state.subscribers.append(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue[dict[str, Any]]) -> None:
        if queue in self.state.subscribers:
            self.state.subscribers.remove(queue)

    def file_bytes(self, file_id: str) -> bytes:
        stored = self.state.files.get(file_id)
        if stored is None:
            raise KeyError(f"unknown file_id {file_id!r}")
        return stored.data

    async def wait_for(
        self,
        predicate: Callable[[], bool],
        timeout: float = 10.0,  # noqa: ASYNC109 - part of the documented test API
    ) -> None:
        """Wait until ``predicate()`` holds; it is re-checked after every change."""
        if not await self.state.signal.wait_until(predicate, timeout):
            raise AssertionError(
                f"condition not met within {timeout}s\n{self._runner.diagnostics()}"
            )

    async def wait_processed(
        self,
        update_id: int,
        timeout: float | None = None,  # noqa: ASYNC109 - part of the documented test API
    ) -> None:
        """Wait until the bot confirmed ``update_id`` (e.g. after an action with wait=False)."""
        await self._runner.wait_processed(update_id, timeout)
