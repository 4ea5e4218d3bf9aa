"""Webhook mode: Telegram posts each update to us, and we answer once it is stored.

Telegram repeats a request that gets no 2xx answer, so the answer waits until the update is in
the inbox (bot/pipeline.py): 200 means stored (the pipeline handles it from there), 500 means
the database failed and Telegram should send it again. A body that can never be stored (not
JSON, no update_id) gets 200 as well, or Telegram would repeat it forever.

Several bot processes on one PostgreSQL database can listen behind one URL (a load balancer
in front): whichever process stores an update, the per-person queues keep each person's
updates in order and handled once.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Bot
from telegram.error import BadRequest, RetryAfter, TelegramError
from telegram.ext import Application

from bot.config import Settings, SettingsError
from bot.pipeline import Pipeline, describe
from bot.sender import retry_seconds
from models.inbox import store

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Requests in flight when the bot stops get this long to finish (storing takes milliseconds).
SHUTDOWN_SECONDS = 2.0
MAX_BACKOFF = 30.0
# An update is a few kilobytes; Telegram never sends more than this.
MAX_BODY = 1024 * 1024

Result = TypeVar("Result")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def receiver(pipeline: Pipeline, secret: str) -> Handler:
    """The request handler: checks the secret, stores the update, then answers."""
    expected = secret.encode()

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER)
        if given is None:
            logger.warning("webhook request without %s refused", SECRET_HEADER)
            return web.Response(status=401)
        if not hmac.compare_digest(given.encode("utf-8", "surrogateescape"), expected):
            logger.warning("webhook request with a wrong %s refused", SECRET_HEADER)
            return web.Response(status=403)
        try:
            update = json.loads(await request.read())
        except (ValueError, RecursionError):
            logger.warning("webhook body is not JSON: ignored")
            return web.Response(status=200)
        if not isinstance(update, dict) or store.incoming(update) is None:
            logger.warning("webhook body is no update (no update_id): ignored")
            return web.Response(status=200)
        try:
            await pipeline.receive([update])
        except Exception as exc:  # the database refused it: Telegram sends it again
            logger.warning("could not store update %s (%s)", update["update_id"], describe(exc))
            return web.Response(status=500)
        return web.Response(status=200)

    return receive


async def serve(
    application: Application[Any, Any, Any, Any, Any, Any],
    settings: Settings,
    pipeline: Pipeline,
    stop: asyncio.Event,
    allowed_updates: Sequence[str],
) -> None:
    """Listens on WEBHOOK_LISTEN:WEBHOOK_PORT at WEBHOOK_URL's path until `stop`, after
    telling Telegram where to post (retried while the Bot API server cannot be reached)."""
    if settings.webhook_secret is None:
        raise SettingsError("WEBHOOK_SECRET must be set with WEBHOOK_URL")
    secret = settings.webhook_secret.get_secret_value()
    path = urlsplit(settings.webhook_url).path or "/"
    app = web.Application(client_max_size=MAX_BODY)
    app.router.add_post(path, receiver(pipeline, secret))
    runner = web.AppRunner(
        app, handle_signals=False, access_log=None, shutdown_timeout=SHUTDOWN_SECONDS
    )
    await runner.setup()
    try:
        await web.TCPSite(runner, settings.webhook_listen, settings.webhook_port).start()
        logger.info(
            "webhook server listening on %s:%d", settings.webhook_listen, settings.webhook_port
        )
        # Listening first: Telegram may start posting the moment the webhook is set.
        await _retrying(
            "setWebhook",
            lambda: application.bot.set_webhook(
                settings.webhook_url, secret_token=secret, allowed_updates=allowed_updates
            ),
            stop,
        )
        await stop.wait()
    finally:
        await runner.cleanup()


async def drop_webhook(bot: Bot, stop: asyncio.Event) -> None:
    """Polling mode: deletes a webhook left from webhook mode (while one is set, every
    getUpdates answers 409). The updates waiting at Telegram are kept and polled."""
    info = await _retrying("getWebhookInfo", bot.get_webhook_info, stop)
    if info is not None and info.url:
        await _retrying("deleteWebhook", bot.delete_webhook, stop)
        logger.warning("a webhook was set: deleted it, the bot polls (WEBHOOK_URL is empty)")


async def _retrying(
    method: str, call: Callable[[], Awaitable[Result]], stop: asyncio.Event
) -> Result | None:
    """`call()`, tried again with backoff until it succeeds; None if `stop` comes first."""
    backoff = 1.0
    while not stop.is_set():
        try:
            return await call()
        except RetryAfter as exc:
            await _pause(stop, retry_seconds(exc.retry_after))
            continue
        except BadRequest as exc:
            # Telegram refused the URL or a parameter: the operator has to act (the message
            # names what is wrong and carries nothing personal).
            logger.error("%s refused: %s; retrying in %.0f s", method, exc.message, backoff)
        except TelegramError as exc:
            name = type(exc).__name__
            logger.warning("%s failed (%s); retrying in %.0f s", method, name, backoff)
        await _pause(stop, backoff)
        backoff = min(backoff * 2, MAX_BACKOFF)
    return None


async def _pause(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)
