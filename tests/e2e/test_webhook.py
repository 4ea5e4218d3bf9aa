"""Webhook mode: the emulator POSTs each update to the bot, which answers once it is stored.

One bot in this event loop does a whole intake over webhook delivery and refuses requests
without the secret; two `python -m bot run` processes on one PostgreSQL database share the
deliveries behind a round-robin proxy while several people report at once.
"""

from __future__ import annotations

import asyncio
import json
import logging
import signal
import socket
import time
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from pydantic import SecretStr
from sqlalchemy.exc import OperationalError
from sqlmodel import col, func, select
from telegram import Bot
from telegram.error import BadRequest, Conflict

from bot.config import Settings
from bot.runner import ALLOWED_UPDATES
from bot.webhook import SECRET_HEADER, receiver
from emulator import BotAPIEmulator, Group
from models.storage.db import Database
from models.storage.tables import (
    Attachment,
    Case,
    Consent,
    Dialog,
    InboundStatus,
    InboundUpdate,
    Outbox,
)
from models.storage.tables import Person as PersonRow
from tests.e2e.conftest import STAFF_CHAT_ID, RunningBot, handled_check
from tests.e2e.intake_script import PHONE_E164, script, submit
from tests.e2e.test_crash import BotProcess

SECRET = "kobar_webhook-Secret_2024"
PATH = "/tg/updates-7f3a"
PEOPLE = 4  # reporting at once to the two processes


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def in_webhook_mode(settings: Settings, port: int) -> Settings:
    return settings.model_copy(
        update={
            "webhook_url": f"http://127.0.0.1:{port}{PATH}",
            "webhook_secret": SecretStr(SECRET),
            "webhook_port": port,
        }
    )


@pytest.fixture
async def webhook_bot(settings: Settings) -> AsyncIterator[RunningBot]:
    running = RunningBot(in_webhook_mode(settings, free_port()))
    await running.start()
    try:
        yield running
    finally:
        await running.stop()


async def test_a_whole_intake_over_webhook_delivery(
    webhook_bot: RunningBot, emulator: BotAPIEmulator, db: Database, staff_group: Group
) -> None:
    worker = emulator.user(5801, "Siti", phone="6281234567890")
    done = await submit(worker, name="Siti Aminah")
    assert "KBR-" in done.text
    await staff_group.wait_for_message(contains="KBR-")

    # Telegram was told where to post, with the secret and the poller's update kinds; the
    # bot never polled.
    (registered,) = [call for call in emulator.calls_of("setWebhook") if call.ok]
    assert registered.params["url"] == webhook_bot.settings.webhook_url
    assert registered.params["secret_token"] == SECRET
    assert registered.params["allowed_updates"] == ALLOWED_UPDATES
    assert emulator.calls_of("getUpdates") == []
    info = emulator.webhook_info()
    assert info["url"] == webhook_bot.settings.webhook_url
    assert info["pending_update_count"] == 0 and "last_error_date" not in info
    with db.session() as session:
        case = session.exec(select(Case)).one()
        person = session.exec(select(PersonRow).where(PersonRow.position == 1)).one()
        assert (person.full_name, person.phone) == ("Siti Aminah", PHONE_E164)
        assert case.needs == ["transport", "food"] and case.vulnerabilities == ["pregnant"]
        assert session.exec(select(Dialog)).all() == []
        assert set(session.exec(select(InboundUpdate.status)).all()) == {InboundStatus.DONE}


async def test_requests_without_the_right_secret_are_refused_and_store_nothing(
    webhook_bot: RunningBot,
    emulator: BotAPIEmulator,
    db: Database,
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = webhook_bot.settings.webhook_url
    forged = {
        "update_id": 990001,
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": 5802, "type": "private", "first_name": "Rahasia"},
            "from": {"id": 5802, "is_bot": False, "first_name": "Rahasia"},
            "text": "Rahasia Siti 5203011508900001",
        },
    }
    caplog.set_level(logging.INFO)
    async with aiohttp.ClientSession() as client:

        async def post(body: bytes, secret: str | None) -> int:
            headers = {"Content-Type": "application/json"}
            if secret is not None:
                headers[SECRET_HEADER] = secret
            async with client.post(url, data=body, headers=headers) as answer:
                return answer.status

        update = json.dumps(forged).encode()
        assert await post(update, None) == 401
        assert await post(update, "kobar_webhook-Secret_2025") == 403
        assert await post(update, SECRET[:-1]) == 403
        assert await post(update, "") == 403
        # With the secret, what can never be an update is acknowledged (Telegram would send
        # it again forever otherwise) and dropped.
        without_id = {key: value for key, value in forged.items() if key != "update_id"}
        assert await post(b'{"message": "Rahasia Siti', SECRET) == 200
        assert await post(json.dumps(without_id).encode(), SECRET) == 200
        assert await post(b"[990002]", SECRET) == 200
        async with client.get(url, headers={SECRET_HEADER: SECRET}) as answer:
            assert answer.status == 405

    with db.session() as session:
        assert session.exec(select(InboundUpdate)).all() == []
    assert emulator.calls_of("sendMessage") == []
    refused = [r.getMessage() for r in caplog.records if r.name == "bot.webhook"]
    assert sum("refused" in line for line in refused) == 4
    assert sum("ignored" in line for line in refused) == 3
    assert "Rahasia" not in caplog.text and "5203011508900001" not in caplog.text

    # The same server takes what Telegram sends.
    reply = await emulator.user(5803, "Ani").send("/start")
    assert "✅ Setuju" in reply.buttons


async def test_a_database_failure_answers_500_so_that_telegram_retries(
    caplog: pytest.LogCaptureFixture,
) -> None:
    class BrokenInbox:
        async def receive(self, updates: list[dict[str, Any]]) -> int:
            raise OperationalError("INSERT INTO inbound_update", {"payload": "Rahasia"}, None)

    app = web.Application()
    app.router.add_post(PATH, receiver(BrokenInbox(), SECRET))  # type: ignore[arg-type]
    async with TestClient(TestServer(app)) as client:
        body = {"update_id": 7, "message": {"text": "Rahasia"}}
        answer = await client.post(PATH, json=body, headers={SECRET_HEADER: SECRET})
        assert answer.status == 500
    assert "could not store update 7 (OperationalError" in caplog.text
    assert "Rahasia" not in caplog.text


async def test_the_emulator_delivers_retries_and_reports_like_telegram(
    emulator: BotAPIEmulator,
) -> None:
    received: list[tuple[str | None, dict[str, Any]]] = []

    async def flaky(request: web.Request) -> web.Response:
        """Fails the first request for Ani's first message, takes everything else."""
        body = await request.json()
        first = body["message"]["text"] == "halo" and all(
            seen["message"]["text"] != "halo" for _, seen in received
        )
        received.append((request.headers.get(SECRET_HEADER), body))
        await asyncio.sleep(0.05)  # long enough for a second request to overtake
        return web.Response(status=500 if first else 200)

    app = web.Application()
    app.router.add_post("/hook", flaky)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    url = f"http://127.0.0.1:{server.port}/hook"
    bot = Bot(emulator.token, base_url=f"{emulator.api_root}/bot")
    try:
        async with bot:
            with pytest.raises(BadRequest, match=r"(?i)https url must be provided"):
                await bot.set_webhook("http://bot.example.com/hook")
            with pytest.raises(BadRequest, match=r"(?i)ports 80, 88, 443 or 8443"):
                await bot.set_webhook("https://bot.example.com:9000/hook")
            with pytest.raises(BadRequest, match=r"(?i)secret token contains unallowed characters"):
                await bot.set_webhook(url, secret_token="not allowed!")
            assert len(emulator.violations) == 3
            emulator.violations.clear()

            assert await bot.set_webhook(
                url, secret_token="s3cret", allowed_updates=["message"], max_connections=5
            )
            ani, budi = emulator.user(7, "Ani"), emulator.user(8, "Budi")
            sent = [
                await ani.send("halo", wait=False),
                await ani.send("dua", wait=False),
                await budi.send("hai", wait=False),
            ]
            for reply in sent:
                await emulator.wait_processed(reply.update_id)
            # Ani's first was refused once and sent again; her second waited for it (one
            # chat's updates in order), Budi's did not.
            texts = [(b["message"]["chat"]["id"], b["message"]["text"]) for _, b in received]
            assert [text for chat, text in texts if chat == 7] == ["halo", "halo", "dua"]
            assert texts.index((8, "hai")) < texts.index((7, "dua"))
            assert {secret for secret, _ in received} == {"s3cret"}
            info = await bot.get_webhook_info()
            assert (info.url, info.pending_update_count, info.max_connections) == (url, 0, 5)
            assert info.allowed_updates == ("message",) and not info.has_custom_certificate
            assert info.last_error_message == (
                "Wrong response from the webhook: 500 Internal Server Error"
            )
            assert info.last_error_date is not None
            with pytest.raises(Conflict, match=r"(?i)webhook is active"):
                await bot.get_updates()

            assert await bot.delete_webhook()
            assert (await bot.get_webhook_info()).url == ""
            again = await ani.send("lagi", wait=False)
            updates = await bot.get_updates()
            assert [u.update_id for u in updates] == [again.update_id]
            assert len(received) == 4
    finally:
        await server.close()


async def test_polling_deletes_a_webhook_left_set_and_loses_nothing(
    settings: Settings, emulator: BotAPIEmulator
) -> None:
    webhook_mode = RunningBot(in_webhook_mode(settings, free_port()))
    await webhook_mode.start()
    worker = emulator.user(5804, "Budi")
    await worker.send("/start")
    await webhook_mode.stop()

    # The bot is down: Telegram keeps trying to deliver.
    pending = await worker.tap("✅ Setuju", wait=False)
    await emulator.wait_for(lambda: "last_error_message" in emulator.webhook_info())
    assert emulator.webhook_info()["pending_update_count"] == 1

    polling = RunningBot(settings)
    await polling.start()
    try:
        await emulator.wait_processed(pending.update_id)
        assert emulator.webhook_info()["url"] == ""
        assert len([call for call in emulator.calls_of("deleteWebhook") if call.ok]) == 1
        reply = await worker.send("Budi Santoso")
        assert "NIK" in reply.text
    finally:
        await polling.stop()


class RoundRobin:
    """A load balancer on loopback: each request goes to the next backend in turn; a backend
    that is not up yet answers 502 (and Telegram tries again)."""

    def __init__(self, ports: list[int]) -> None:
        self.ports = ports
        self.turn = 0
        self.accepted: Counter[int] = Counter()
        self._runner: web.AppRunner | None = None
        self._client: aiohttp.ClientSession | None = None
        self.port = 0

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._forward)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        self._client = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))

    async def stop(self) -> None:
        if self._client is not None:
            await self._client.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _forward(self, request: web.Request) -> web.Response:
        assert self._client is not None
        port = self.ports[self.turn % len(self.ports)]
        self.turn += 1
        headers = {
            name: value
            for name, value in request.headers.items()
            if name.lower() not in ("host", "content-length", "transfer-encoding")
        }
        try:
            async with self._client.request(
                request.method,
                f"http://127.0.0.1:{port}{request.path_qs}",
                data=await request.read(),
                headers=headers,
            ) as answer:
                await answer.read()
        except aiohttp.ClientError:
            return web.Response(status=502)
        if answer.status < 300:
            self.accepted[port] += 1
        return web.Response(status=answer.status)


async def intake(worker: Any, name: str, nik: str, phone: str) -> Any:
    """The whole intake with this person's own name, NIK and phone, up to the case number."""
    await worker.send("/start", timeout=30)
    for step, action in script(name):
        if step == "nik":
            await worker.send(nik)
        elif step == "phone":
            await worker.press("Kirim nomor saya", phone=phone)
        else:
            await action(worker)
    return await worker.tap("Kirim laporan")


@pytest.mark.slow
async def test_two_processes_share_the_webhook_and_nothing_is_doubled(
    emulator: BotAPIEmulator,
    staff_group: Group,
    database_url: str,
    db: Database,
    tmp_path: Path,
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("several processes on one database: the PostgreSQL deployment")
    emulator.processed_check = handled_check(db)
    ports = [free_port(), free_port()]
    proxy = RoundRobin(ports)
    await proxy.start()
    processes: list[BotProcess] = []
    for index, port in enumerate(ports):
        workdir = tmp_path / f"bot{index}"
        workdir.mkdir()
        process = BotProcess(emulator, database_url, workdir)
        process.env.update(
            WEBHOOK_URL=f"http://127.0.0.1:{proxy.port}{PATH}",
            WEBHOOK_SECRET=SECRET,
            WEBHOOK_PORT=str(port),
        )
        processes.append(process)
    try:
        for process in processes:
            await process.start()
        await emulator.wait_for(
            lambda: sum(call.ok for call in emulator.calls_of("setWebhook")) == 2, timeout=30
        )
        # Each their own name, NIK and phone: no duplicate notices to tell apart.
        names = [f"Warga Nomor {n}" for n in range(PEOPLE)]
        niks = [f"52030115089000{n + 1:02d}" for n in range(PEOPLE)]
        phones = [f"62812345678{n + 10}" for n in range(PEOPLE)]
        people = [emulator.user(5900 + n, f"Warga {n}") for n in range(PEOPLE)]
        done = await asyncio.wait_for(
            asyncio.gather(*map(intake, people, names, niks, phones)), timeout=90
        )
        numbers = [case_number(reply.text) for reply in done]
        await emulator.wait_for(
            lambda: sum("KBR-" in m.text for m in staff_group.chat.bot_messages) >= PEOPLE,
            timeout=20,
        )
    finally:
        stopped: list[float] = []
        for process in processes:
            began = time.monotonic()
            if process.process is not None and process.process.returncode is None:
                process.process.send_signal(signal.SIGTERM)
                await asyncio.wait_for(process.process.wait(), timeout=15)
            stopped.append(time.monotonic() - began)
        await proxy.stop()
    logs = [p.log.read_text() if p.log.exists() else "" for p in processes]
    assert [p.process.returncode for p in processes if p.process] == [0, 0], logs
    assert max(stopped) < 10, stopped

    # Both processes took deliveries; every person got their own case number.
    assert all(proxy.accepted[port] > 0 for port in ports), proxy.accepted
    assert len(set(numbers)) == PEOPLE
    with db.session() as session:
        cases = session.exec(select(Case).order_by(col(Case.number))).all()
        assert sorted(numbers) == [case.number for case in cases]
        for case in cases:
            reporter = session.exec(
                select(PersonRow).where(PersonRow.case_id == case.id, PersonRow.position == 1)
            ).one()
            # Each answer landed on its own question, once: a doubled or reordered answer
            # would put it in the wrong field, or toggle a need off again.
            nth = names.index(reporter.full_name)
            assert (reporter.nik, reporter.phone) == (niks[nth], f"+{phones[nth]}")
            assert (case.origin_regency_code, case.group_size, case.wages_amount) == (
                "52.03", 3, 9_000_000,
            )  # fmt: skip
            assert case.recruiter_phone == "+6281355551234" and case.employer == "PT Sawit Makmur"
            assert case.needs == ["transport", "food"] and case.vulnerabilities == ["pregnant"]
        per_case = Counter(session.exec(select(Attachment.case_id)).all())
        assert sorted(per_case.values()) == [1] * PEOPLE
        assert len(session.exec(select(Consent)).all()) == PEOPLE
        assert session.exec(select(Dialog)).all() == []
        assert (
            session.exec(
                select(func.count())
                .select_from(InboundUpdate)
                .where(InboundUpdate.status != "done")
            ).one()
            == 0
        )
        notices = session.exec(select(Outbox.key).where(Outbox.chat_id == STAFF_CHAT_ID)).all()
        assert sorted(notices) == sorted(f"new-case:{case.id}:{STAFF_CHAT_ID}" for case in cases)
    staff_notices = Counter(
        case_number(message.text)
        for message in staff_group.chat.bot_messages
        if "KBR-" in message.text
    )
    assert staff_notices == Counter(numbers)


def case_number(text: str) -> str:
    return next(word.strip(".,:") for word in text.split() if word.startswith("KBR-"))
