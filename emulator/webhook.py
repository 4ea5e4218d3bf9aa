"""Webhook delivery, as Telegram does it: while a webhook is set, every pending update is
POSTed as JSON to its URL (with the secret header); a 2xx answer confirms it, anything else
(an error status, a refused connection, a timeout) is retried after a short backoff.

Like Telegram's Bot API server (tdlib/telegram-bot-api, WebhookActor), one chat's updates go
one at a time and in order (the next only after the previous was confirmed), different
chats' side by side, up to `max_connections`."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import re
import time
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from emulator.errors import bad_request
from emulator.updates import UpdateQueue, update_kind

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
TELEGRAM_PORTS = (80, 88, 443, 8443)
DEFAULT_MAX_CONNECTIONS = 40
# Telegram waits longer and backs off for minutes; tests want to see a retry within moments.
REQUEST_TIMEOUT = 10.0
RETRY_FIRST = 0.05
RETRY_MAX = 1.0


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> None:
    """400 as Telegram answers for a URL it will not post to. Unlike Telegram, a loopback
    address is accepted, over http too and on any port: that is where a test's bot listens."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host and _is_loopback(host) and parts.scheme in ("http", "https"):
        return
    if parts.scheme != "https" or not host:
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    try:
        port = parts.port or 443
    except ValueError:
        raise bad_request("bad webhook: Failed to parse port number") from None
    if port not in TELEGRAM_PORTS:
        raise bad_request("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")


def check_secret(secret_token: str | None) -> None:
    if secret_token is not None and not SECRET_PATTERN.match(secret_token):
        raise bad_request("secret token contains unallowed characters")


def chat_of(update: dict[str, Any]) -> object:
    """The queue an update waits in: its chat (a tapped button's too), else its sender."""
    payload = update[update_kind(update)]
    if not isinstance(payload, dict):
        return ("update", update["update_id"])
    message = payload.get("message")
    chat = payload.get("chat") or (message.get("chat") if isinstance(message, dict) else None)
    if isinstance(chat, dict) and "id" in chat:
        return chat["id"]
    sender = payload.get("from")
    if isinstance(sender, dict) and "id" in sender:
        return sender["id"]
    return ("update", update["update_id"])


def webhook_info(queue: UpdateQueue) -> dict[str, Any]:
    """getWebhookInfo's answer: the webhook's state, or an empty url while the bot polls."""
    if queue.webhook is not None:
        return queue.webhook.info()
    return {"url": "", "has_custom_certificate": False, "pending_update_count": len(queue.pending)}


class Webhook:
    """A webhook the bot set; `start` begins delivering, `stop` ends it (deleteWebhook)."""

    def __init__(self, queue: UpdateQueue, url: str) -> None:
        self.queue = queue
        # setWebhook sets these, again on every call.
        self.url = url
        self.secret_token: str | None = None
        self.max_connections = DEFAULT_MAX_CONNECTIONS
        self.ip_address: str | None = None
        self.has_custom_certificate = False
        self.last_error_date: int | None = None
        self.last_error_message: str | None = None
        self.in_flight: set[int] = set()
        self._task: asyncio.Task[None] | None = None

    def info(self) -> dict[str, Any]:
        """getWebhookInfo's answer while this webhook is set."""
        info: dict[str, Any] = {
            "url": self.url,
            "has_custom_certificate": self.has_custom_certificate,
            "pending_update_count": len(self.queue.pending),
            "max_connections": self.max_connections,
        }
        if self.ip_address is not None:
            info["ip_address"] = self.ip_address
        if self.last_error_date is not None:
            info["last_error_date"] = self.last_error_date
            info["last_error_message"] = self.last_error_message
        if self.queue.allowed is not None:
            info["allowed_updates"] = sorted(self.queue.allowed)
        return info

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def _due(self) -> list[dict[str, Any]]:
        """The first pending update of each chat, unless it is on its way already."""
        free = self.max_connections - len(self.in_flight)
        due: list[dict[str, Any]] = []
        chats: set[object] = set()
        for update in self.queue.deliverable(len(self.queue.pending)):
            chat = chat_of(update)
            if chat in chats:
                continue
            chats.add(chat)
            if update["update_id"] not in self.in_flight:
                due.append(update)
        return due[: max(free, 0)]

    async def _run(self) -> None:
        deliveries: set[asyncio.Task[None]] = set()
        timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
        try:
            async with aiohttp.ClientSession(timeout=timeout) as client:
                while not self.queue.closed:
                    for update in self._due():
                        self.in_flight.add(update["update_id"])
                        task = asyncio.create_task(self._deliver(client, update))
                        deliveries.add(task)
                        task.add_done_callback(deliveries.discard)
                    await self.queue.signal.wait_until(
                        lambda: bool(self._due()) or self.queue.closed, 1.0
                    )
        finally:
            for task in deliveries:
                task.cancel()
            await asyncio.gather(*deliveries, return_exceptions=True)

    async def _deliver(self, client: aiohttp.ClientSession, update: dict[str, Any]) -> None:
        """POSTs one update until the bot answers 2xx."""
        update_id = update["update_id"]
        retry = RETRY_FIRST
        try:
            while True:
                error = await self._post(client, update)
                if error is None:
                    self.queue.confirm_delivered(update_id)
                    return
                self.last_error_date = int(time.time())
                self.last_error_message = error
                self.queue.signal.fire()
                await asyncio.sleep(retry)
                retry = min(retry * 2, RETRY_MAX)
        finally:
            self.in_flight.discard(update_id)

    async def _post(self, client: aiohttp.ClientSession, update: dict[str, Any]) -> str | None:
        """None once the bot accepted the update, else the error getWebhookInfo reports."""
        headers = {"Content-Type": "application/json"}
        if self.secret_token is not None:
            headers[SECRET_HEADER] = self.secret_token
        try:
            async with client.post(self.url, data=json.dumps(update), headers=headers) as answer:
                await answer.read()
                if 200 <= answer.status < 300:
                    return None
                return f"Wrong response from the webhook: {answer.status} {answer.reason}"
        except TimeoutError:
            return "Read timeout expired"
        except aiohttp.ClientConnectorError:
            return "Connection refused"
        except aiohttp.ClientError as exc:
            return f"Connection failed: {type(exc).__name__}"
