"""Fixtures for the Bot API emulator tests: a running emulator, a PTB Bot and raw HTTP."""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import pytest
from telegram import Bot, Update

from emulator import BotAPIEmulator

UpdateHandler = Callable[[Update], Awaitable[None]]
RawCall = Callable[..., Awaitable[tuple[int, dict[str, Any]]]]


@pytest.fixture
async def emu() -> AsyncIterator[BotAPIEmulator]:
    async with BotAPIEmulator() as emulator:
        yield emulator


@pytest.fixture
async def bot(emu: BotAPIEmulator) -> AsyncIterator[Bot]:
    async with Bot(
        emu.token, base_url=f"{emu.api_root}/bot", base_file_url=f"{emu.api_root}/file/bot"
    ) as ptb_bot:
        yield ptb_bot


@pytest.fixture
async def raw(emu: BotAPIEmulator) -> AsyncIterator[RawCall]:
    """POST a method with a JSON body (``json=``) or form fields (``data=``)."""
    async with aiohttp.ClientSession() as session:

        async def call(
            method: str, *, token: str | None = None, **kwargs: Any
        ) -> tuple[int, dict[str, Any]]:
            url = f"{emu.api_root}/bot{token or emu.token}/{method}"
            async with session.post(url, **kwargs) as response:
                return response.status, await response.json()

        yield call


@pytest.fixture
async def run_bot(bot: Bot) -> AsyncIterator[Callable[[UpdateHandler], None]]:
    """Start a polling loop that handles each update, then confirms it with the next offset."""
    tasks: list[asyncio.Task[None]] = []

    def start(handler: UpdateHandler) -> None:
        async def poll() -> None:
            offset = 0
            while True:
                for update in await bot.get_updates(offset=offset, timeout=2):
                    await handler(update)
                    offset = update.update_id + 1

        tasks.append(asyncio.create_task(poll()))

    yield start
    for task in tasks:
        if task.done():
            task.result()
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
