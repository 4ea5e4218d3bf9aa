"""The simulator's page server against the emulator, with the test playing the bot over HTTP.

What the page does must become what a Telegram client would send; what the bot sends must
reach the page (sanitised, edited in place, deleted), and nothing else may drive it.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from emulator import BotAPIEmulator
from emulator.jpeg import make_jpeg
from simulator.personas import PERSONAS, STAFF_GROUP_ID, persona
from simulator.places import PLACES
from simulator.simulation import Simulation
from simulator.web import build_web_app

WORKER = persona("worker")
STAFF = persona("staff")
PAGE = {"X-Simulator": "1"}


class Bot:
    """The test's stand-in for the bot: raw Bot API calls to the emulator."""

    def __init__(self, emulator: BotAPIEmulator, http: aiohttp.ClientSession) -> None:
        self.root = f"{emulator.api_root}/bot{emulator.token}"
        self.http = http

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        # Objects go as JSON text, as python-telegram-bot sends them.
        params = {k: json.dumps(v) if isinstance(v, dict | list) else v for k, v in params.items()}
        async with self.http.post(f"{self.root}/{method}", json=params) as response:
            return await response.json()

    async def upload(self, method: str, field: str, data: bytes, name: str, **params: Any) -> Any:
        form = aiohttp.FormData()
        for key, value in params.items():
            form.add_field(key, value if isinstance(value, str) else json.dumps(value))
        form.add_field(field, data, filename=name)
        async with self.http.post(f"{self.root}/{method}", data=form) as response:
            return await response.json()

    async def updates(self) -> list[dict[str, Any]]:
        """Everything people did since the last call, confirmed at once."""
        found = (await self.call("getUpdates", timeout=0))["result"]
        if found:
            await self.call("getUpdates", offset=found[-1]["update_id"] + 1, timeout=0)
        return found


@pytest.fixture
async def emulator() -> AsyncIterator[BotAPIEmulator]:
    emu = BotAPIEmulator()
    await emu.start()
    yield emu
    await emu.stop()


@pytest.fixture
async def simulation(emulator: BotAPIEmulator) -> AsyncIterator[Simulation]:
    sim = Simulation(emulator)
    sim.start()
    yield sim
    await sim.stop()


@pytest.fixture
async def client(simulation: Simulation) -> AsyncIterator[TestClient[Any, Any]]:
    async with TestClient(TestServer(build_web_app(simulation))) as test_client:
        yield test_client


@pytest.fixture
async def bot(emulator: BotAPIEmulator) -> AsyncIterator[Bot]:
    async with aiohttp.ClientSession() as http:
        yield Bot(emulator, http)


async def next_event(
    socket: aiohttp.ClientWebSocketResponse, wanted: Callable[[dict[str, Any]], bool]
) -> dict[str, Any]:
    async def read() -> dict[str, Any]:
        while True:
            event = await socket.receive_json()
            if wanted(event):
                return event

    return await asyncio.wait_for(read(), timeout=5)


async def act(client: TestClient[Any, Any], key: str, chat_id: int, **action: Any) -> Any:
    response = await client.post(
        "/api/act", json={"persona": key, "chat_id": chat_id, **action}, headers=PAGE
    )
    return response.status, await response.json()


async def test_the_page_starts_from_a_snapshot_and_the_team_can_be_written_to_first(
    client: TestClient[Any, Any], bot: Bot
) -> None:
    socket = await client.ws_connect("/ws")
    snapshot = await socket.receive_json()
    assert snapshot["type"] == "snapshot"
    assert [p["key"] for p in snapshot["personas"]] == [p.key for p in PERSONAS]
    staff = next(p for p in snapshot["personas"] if p["key"] == "staff")
    assert [c["chat_id"] for c in staff["chats"]] == [STAFF.user_id, STAFF_GROUP_ID]
    assert snapshot["group"]["chat_id"] == STAFF_GROUP_ID
    assert len(snapshot["places"]) == len(PLACES)

    # Team members started the bot long ago (they were invited): a digest can reach them.
    # A worker who never wrote cannot be written to, as on Telegram.
    assert (await bot.call("sendMessage", chat_id=STAFF.user_id, text="Ringkasan"))["ok"]
    refused = await bot.call("sendMessage", chat_id=WORKER.user_id, text="Halo")
    assert refused["error_code"] == 400
    event = await next_event(socket, lambda e: e["type"] == "message")
    assert event["message"]["chat_id"] == STAFF.user_id
    assert event["message"]["html"] == "Ringkasan"
    await socket.close()


async def test_bot_messages_arrive_sanitised_then_are_edited_and_deleted_in_place(
    client: TestClient[Any, Any], bot: Bot
) -> None:
    socket = await client.ws_connect("/ws")
    await socket.receive_json()
    sent = await bot.call(
        "sendMessage",
        chat_id=STAFF_GROUP_ID,
        text='🆕 <b>KBR-2026-0001</b> <a href="https://t.me/dinsos_kobar_bot?start=x">buka</a>',
        parse_mode="HTML",
        reply_markup={
            "inline_keyboard": [[{"text": "🙋 Saya tangani", "callback_data": "c:1:take"}]]
        },
    )
    message_id = sent["result"]["message_id"]
    event = await next_event(socket, lambda e: e["type"] == "message")
    shown = event["message"]
    assert shown["html"] == (
        '🆕 <b>KBR-2026-0001</b> <a href="https://t.me/dinsos_kobar_bot?start=x" '
        'target="_blank" rel="noopener noreferrer">buka</a>'
    )
    assert shown["inline_keyboard"] == [[{"text": "🙋 Saya tangani", "callback_data": "c:1:take"}]]

    await bot.call(
        "editMessageText",
        chat_id=STAFF_GROUP_ID,
        message_id=message_id,
        text="<b>KBR-2026-0001</b>\n🙋 Ditangani: Dewi",
        parse_mode="HTML",
    )
    edited = await next_event(socket, lambda e: e["type"] == "edit")
    assert edited["message"]["message_id"] == message_id
    assert edited["message"]["edited"] is True
    assert edited["message"]["html"] == "<b>KBR-2026-0001</b>\n🙋 Ditangani: Dewi"
    assert edited["message"]["inline_keyboard"] == []

    await bot.call("deleteMessage", chat_id=STAFF_GROUP_ID, message_id=message_id)
    deleted = await next_event(socket, lambda e: e["type"] == "delete")
    assert deleted["message"]["message_id"] == message_id
    await socket.close()


async def test_typing_and_tapping_become_a_persons_updates(
    client: TestClient[Any, Any], bot: Bot
) -> None:
    socket = await client.ws_connect("/ws")
    await socket.receive_json()
    assert await act(client, "worker", WORKER.user_id, kind="text", text="/start") == (
        200,
        {"ok": True},
    )
    (update,) = await bot.updates()
    message = update["message"]
    assert message["from"]["id"] == WORKER.user_id and message["text"] == "/start"
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    mine = await next_event(socket, lambda e: e["type"] == "user_message")
    assert mine["message"]["from"]["id"] == WORKER.user_id

    sent = await bot.call(
        "sendMessage",
        chat_id=WORKER.user_id,
        text="Apakah Anda setuju?",
        reply_markup={
            "inline_keyboard": [[{"text": "✅ Setuju", "callback_data": "i:consent:yes"}]]
        },
    )
    message_id = sent["result"]["message_id"]
    tapped = await act(
        client, "worker", WORKER.user_id, kind="tap", data="i:consent:yes", message_id=message_id
    )
    assert tapped == (200, {"ok": True})
    (update,) = await bot.updates()
    assert update["callback_query"]["data"] == "i:consent:yes"
    assert update["callback_query"]["message"]["message_id"] == message_id
    await bot.call(
        "answerCallbackQuery", callback_query_id=update["callback_query"]["id"], text="Terima kasih"
    )
    answer = await next_event(socket, lambda e: e["type"] == "callback_answer")
    assert answer["text"] == "Terima kasih" and answer["chat_id"] == WORKER.user_id

    status, body = await act(
        client, "worker", WORKER.user_id, kind="tap", data="i:gone", message_id=message_id
    )
    assert status == 409 and "no inline button" in body["error"]
    assert await bot.updates() == []
    await socket.close()


async def test_reply_keyboard_shares_the_personas_number_and_a_chosen_place(
    client: TestClient[Any, Any], bot: Bot
) -> None:
    await act(client, "worker", WORKER.user_id, kind="text", text="halo")
    await bot.updates()
    socket = await client.ws_connect("/ws")
    await socket.receive_json()
    keyboard = {
        "keyboard": [
            [{"text": "📱 Kirim nomor saya", "request_contact": True}],
            [{"text": "Tidak punya"}],
        ],
        "one_time_keyboard": True,
        "resize_keyboard": True,
    }
    await bot.call("sendMessage", chat_id=WORKER.user_id, text="Nomor HP?", reply_markup=keyboard)
    shown = await next_event(socket, lambda e: e["type"] == "keyboard")
    assert shown["persona"] == "worker"
    assert shown["keyboard"]["rows"] == [
        [{"text": "📱 Kirim nomor saya", "request": "contact"}],
        [{"text": "Tidak punya", "request": None}],
    ]
    await act(client, "worker", WORKER.user_id, kind="press", label="📱 Kirim nomor saya")
    (update,) = await bot.updates()
    contact = update["message"]["contact"]
    assert contact["phone_number"] == WORKER.phone and contact["user_id"] == WORKER.user_id
    hidden = await next_event(socket, lambda e: e["type"] == "keyboard")
    assert hidden["keyboard"] is None  # a one-time keyboard hides once used

    location_keyboard = {
        "keyboard": [[{"text": "📍 Kirim lokasi", "request_location": True}]],
        "one_time_keyboard": True,
    }
    await bot.call(
        "sendMessage", chat_id=WORKER.user_id, text="Di mana?", reply_markup=location_keyboard
    )
    await act(
        client, "worker", WORKER.user_id, kind="press", label="📍 Kirim lokasi",
        location={"place": 4},
    )  # fmt: skip
    (update,) = await bot.updates()
    assert update["message"]["location"] == {
        "latitude": PLACES[4].latitude,
        "longitude": PLACES[4].longitude,
    }
    await act(client, "worker", WORKER.user_id, kind="location", location={"text": "-2.7, 111.6"})
    (update,) = await bot.updates()
    assert update["message"]["location"] == {"latitude": -2.7, "longitude": 111.6}
    status, body = await act(
        client, "worker", WORKER.user_id, kind="location", location={"text": "di Kumai"}
    )
    assert status == 409 and "latitude" in body["error"]
    assert await bot.updates() == []
    await socket.close()


async def test_photos_documents_and_voice_go_up_and_bot_files_come_down(
    client: TestClient[Any, Any], bot: Bot, emulator: BotAPIEmulator
) -> None:
    async def upload(kind: str, data: bytes, name: str, content_type: str) -> tuple[int, Any]:
        form = aiohttp.FormData()
        form.add_field("persona", "worker")
        form.add_field("chat_id", str(WORKER.user_id))
        form.add_field("kind", kind)
        form.add_field("file", data, filename=name, content_type=content_type)
        response = await client.post("/api/upload", data=form, headers=PAGE)
        return response.status, await response.json()

    picture = make_jpeg(320, 200)
    assert await upload("photo", picture, "ktp.jpg", "image/jpeg") == (200, {"ok": True})
    assert await upload("photo", b"%PDF-1.4", "surat.pdf", "application/pdf") == (
        409,
        {"ok": False, "error": "not a picture (JPEG, PNG or GIF)"},
    )
    assert await upload("document", b"%PDF-1.4", "surat.pdf", "application/pdf") == (
        200,
        {"ok": True},
    )
    assert await act(client, "worker", WORKER.user_id, kind="voice", duration=3) == (
        200,
        {"ok": True},
    )
    photo, document, voice = (u["message"] for u in await bot.updates())
    assert emulator.file_bytes(photo["photo"][-1]["file_id"]) == picture
    assert document["document"]["file_name"] == "surat.pdf"
    assert voice["voice"]["duration"] == 3
    assert emulator.file_bytes(voice["voice"]["file_id"]).startswith(b"OggS")

    socket = await client.ws_connect("/ws")
    await socket.receive_json()
    table = b"PK\x03\x04 a spreadsheet"
    sent = await bot.upload(
        "sendDocument", "document", table, "ekspor-2024.xlsx", chat_id=str(STAFF.user_id)
    )
    assert sent["ok"], sent
    event = await next_event(socket, lambda e: e["type"] == "message")
    shown = event["message"]["document"]
    assert shown["file_name"] == "ekspor-2024.xlsx"
    response = await client.get(shown["url"])
    assert response.status == 200
    assert await response.read() == table
    assert response.headers["Content-Disposition"] == (
        "attachment; filename*=UTF-8''ekspor-2024.xlsx"
    )
    assert (await client.get("/files/AgACunknown")).status == 404
    await socket.close()


async def test_the_group_is_written_in_by_its_members_only(
    client: TestClient[Any, Any], bot: Bot
) -> None:
    assert await act(client, "staff", STAFF_GROUP_ID, kind="text", text="/kasus") == (
        200,
        {"ok": True},
    )
    (update,) = await bot.updates()
    assert update["message"]["chat"]["id"] == STAFF_GROUP_ID
    assert update["message"]["from"]["id"] == STAFF.user_id
    status, body = await act(client, "worker", STAFF_GROUP_ID, kind="text", text="halo")
    assert status == 409 and body["error"] == "this persona is not in that chat"
    status, _ = await act(client, "nobody", STAFF_GROUP_ID, kind="text", text="halo")
    assert status == 409
    assert await bot.updates() == []


async def test_the_command_menu_is_the_most_specific_one(
    client: TestClient[Any, Any], bot: Bot
) -> None:
    everyone = [{"command": "start", "description": "Buat laporan"}]
    team = [{"command": "kasus", "description": "Daftar kasus"}, *everyone]
    assert (await bot.call("setMyCommands", commands=everyone))["ok"]
    assert (
        await bot.call(
            "setMyCommands", commands=team, scope={"type": "chat", "chat_id": STAFF.user_id}
        )
    )["ok"]

    async def menu(key: str, chat_id: int) -> list[dict[str, str]]:
        response = await client.get(
            "/api/commands", params={"persona": key, "chat_id": str(chat_id)}
        )
        return (await response.json())["commands"]

    assert await menu("staff", STAFF.user_id) == team
    assert await menu("worker", WORKER.user_id) == everyone
    assert await menu("staff", STAFF_GROUP_ID) == everyone


async def test_only_the_page_itself_can_act(client: TestClient[Any, Any], bot: Bot) -> None:
    response = await client.post(
        "/api/act",
        json={"persona": "worker", "chat_id": WORKER.user_id, "kind": "text", "text": "x"},
    )
    assert response.status == 403
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/ws", headers={"Origin": "http://elsewhere.example"})
    assert refused.value.status == 403
    assert (await client.post("/api/bot/restart", headers=PAGE)).status == 404
    assert await bot.updates() == []


async def test_every_asset_is_local(client: TestClient[Any, Any]) -> None:
    page = await client.get("/")
    assert page.status == 200
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    html = await page.text()
    for asset in ("/static/style.css", "/static/app.js", "/static/favicon.svg"):
        assert asset in html
        assert (await client.get(asset)).status == 200
    for name in ("index.html", "style.css", "app.js"):
        text = await (await client.get(f"/static/{name}")).text()
        for remote in ('src="http', 'href="http', "url(http", "@import", "//cdn", "fonts.g"):
            assert remote not in text, (name, remote)
    assert (await client.get("/static/..%2Fweb.py")).status == 404
    assert (await client.get("/static/missing.js")).status == 404


async def test_calls_telegram_would_reject_are_shown_on_the_page(
    client: TestClient[Any, Any], bot: Bot
) -> None:
    socket = await client.ws_connect("/ws")
    await socket.receive_json()
    refused = await bot.call(
        "sendMessage", chat_id=STAFF.user_id, text="<b>tidak ditutup", parse_mode="HTML"
    )
    assert refused["ok"] is False
    event = await next_event(socket, lambda e: e["type"] == "violation")
    assert event["text"].startswith("sendMessage:")
    await socket.close()
