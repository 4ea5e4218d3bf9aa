"""Browser fixtures: the simulator as `python -m bot simulate` runs it, and headless Chromium.

Playwright drives Debian's Chromium (`/usr/bin/chromium`, installed by `scripts/setup --test`);
it never downloads a browser.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import BrowserContext, Page, async_playwright

from simulator.main import SimulatorOptions, serve

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
async def simulator_url(tmp_path: Path) -> AsyncIterator[str]:
    """A running simulator (emulator, the real bot process, the page) on a free port."""
    stop = asyncio.Event()
    ready: asyncio.Future[str] = asyncio.get_running_loop().create_future()
    options = SimulatorOptions(port=0, database=tmp_path / "simulator.db", log_level="WARNING")
    task = asyncio.create_task(serve(options, stop, on_ready=ready.set_result))
    waiter = asyncio.ensure_future(asyncio.shield(ready))
    started: set[asyncio.Future[Any]] = {waiter, task}
    done, _ = await asyncio.wait(started, timeout=40, return_when=asyncio.FIRST_COMPLETED)
    if task in done:
        task.result()  # raises what stopped it
    if waiter not in done:
        stop.set()
        await task
        raise AssertionError("the simulator did not start within 40 s")
    try:
        yield ready.result()
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=20)


@pytest.fixture
async def browser(tmp_path: Path) -> AsyncIterator[BrowserContext]:
    if not await asyncio.to_thread(CHROMIUM.exists):
        pytest.fail(
            "Debian's Chromium is missing: apt-get install -y chromium "
            "(./scripts/setup --test does it), or deselect with -m 'not browser'"
        )
    async with async_playwright() as playwright:
        context = await playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1100, "height": 900},
            timezone_id="Asia/Jakarta",
            locale="id-ID",
        )
        context.set_default_timeout(15_000)
        try:
            yield context
        finally:
            with contextlib.suppress(Exception):
                await context.close()


@pytest.fixture
async def page(browser: BrowserContext) -> Page:
    return browser.pages[0] if browser.pages else await browser.new_page()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
