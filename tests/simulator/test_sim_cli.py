"""`python -m bot simulate` as a person runs it: the address, the real bot answering, Ctrl-C."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from simulator.personas import persona

ROOT = Path(__file__).resolve().parents[2]
READY = re.compile(r"Simulator ready: open (http://127\.0\.0\.1:\d+/)")
WORKER = persona("worker")


def _clean_env() -> dict[str, str]:
    """No settings from the developer's environment reach the simulator (it sets its own)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    return {**env, "PYTHONUNBUFFERED": "1"}


async def _simulate(tmp_path: Path, *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "simulate", "--database", str(tmp_path / "sim.db"), *args,
        cwd=ROOT, env=_clean_env(),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


def _bots_using(database: Path) -> list[int]:
    """Processes whose environment points at this database: the simulator's bot."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if f"DATABASE_URL=sqlite:///{database}".encode() in environ:
            found.append(int(entry.name))
    return found


@pytest.fixture
async def simulator(tmp_path: Path) -> AsyncIterator[tuple[asyncio.subprocess.Process, str]]:
    process = await _simulate(tmp_path, "--port", "0", "--fresh")
    assert process.stdout is not None
    try:
        line = await asyncio.wait_for(process.stdout.readline(), timeout=40)
        found = READY.search(line.decode())
        assert found, f"unexpected first line: {line!r}"
        yield process, found.group(1)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_simulate_runs_the_real_bot_behind_the_page_and_stops_on_ctrl_c(
    simulator: tuple[asyncio.subprocess.Process, str], tmp_path: Path
) -> None:
    process, address = simulator
    async with aiohttp.ClientSession() as http:
        async with http.get(address) as page:
            assert page.status == 200
            assert "Simulator" in await page.text()
        async with http.ws_connect(f"{address}ws") as socket_:
            snapshot: dict[str, Any] = await socket_.receive_json()
            assert snapshot["bot"]["state"] == "running"
            async with http.post(
                f"{address}api/act",
                json={
                    "persona": "worker",
                    "chat_id": WORKER.user_id,
                    "kind": "text",
                    "text": "/start",
                },
                headers={"X-Simulator": "1"},
            ) as acted:
                assert acted.status == 200

            async def consent_question() -> dict[str, Any]:
                while True:
                    event = await socket_.receive_json()
                    if event["type"] == "message" and "setuju" in event["message"]["html"]:
                        return event

            event = await asyncio.wait_for(consent_question(), timeout=15)
            assert event["message"]["chat_id"] == WORKER.user_id
            agree = next(
                b
                for row in event["message"]["inline_keyboard"]
                for b in row
                if b["text"] == "✅ Setuju"
            )

            # "Mulai ulang bot": a new bot process, and the worker goes on where they were.
            database = tmp_path / "sim.db"
            (first_bot,) = await asyncio.to_thread(_bots_using, database)
            async with http.post(
                f"{address}api/bot/restart", json={}, headers={"X-Simulator": "1"}
            ) as restarted:
                assert restarted.status == 200
            (second_bot,) = await asyncio.to_thread(_bots_using, database)
            assert second_bot != first_bot
            async with http.post(
                f"{address}api/act",
                json={
                    "persona": "worker",
                    "chat_id": WORKER.user_id,
                    "kind": "tap",
                    "data": agree["callback_data"],
                    "message_id": event["message"]["message_id"],
                },
                headers={"X-Simulator": "1"},
            ) as acted:
                assert acted.status == 200
            states: list[str] = []

            async def name_question() -> None:
                while True:
                    event = await socket_.receive_json()
                    if event["type"] == "bot":
                        states.append(event["state"])
                    if event["type"] == "message" and "nama lengkap" in event["message"]["html"]:
                        return

            await asyncio.wait_for(name_question(), timeout=15)
            assert states == ["stopped", "starting", "running"]
    process.send_signal(signal.SIGINT)
    assert await asyncio.wait_for(process.wait(), timeout=20) == 0
    assert process.stdout is not None
    assert b"Simulator stopped." in await process.stdout.read()
    assert await asyncio.to_thread(_bots_using, database) == []


async def test_a_busy_port_is_reported_in_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = await _simulate(tmp_path, "--port", str(port))
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=40)
    assert process.returncode == 1
    assert stderr.decode().strip().splitlines()[-1] == (
        f"error: cannot listen on 127.0.0.1:{port} (address in use); "
        "choose another port with --port"
    )
    assert await asyncio.to_thread(_bots_using, tmp_path / "sim.db") == []
