"""kill -9 at random moments: the real `python -m bot run` process dies mid-conversation,
is started again, and the person carries on. No answer is lost, nothing happens twice."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from emulator import BotAPIEmulator, Group, Person
from models.storage.db import Database
from models.storage.tables import Case, Consent, Dialog, Outbox
from models.storage.tables import Person as PersonRow
from tests.e2e.conftest import STAFF_CHAT_ID, handled_check
from tests.e2e.intake_script import NIK, PHONE_E164, script

pytestmark = pytest.mark.slow

KILLS = 6  # per backend; each restart costs ~1.5 s of interpreter start-up


class BotProcess:
    """`python -m bot run` as its own process, pointed at the emulator."""

    def __init__(self, emulator: BotAPIEmulator, database_url: str, workdir: Path) -> None:
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))},
            "TELEGRAM_BOT_TOKEN": emulator.token,
            "TELEGRAM_API_URL": emulator.api_root,
            "DATABASE_URL": database_url,
            "STAFF_CHAT_ID": str(STAFF_CHAT_ID),
            "POLLING_TIMEOUT": "1",
            "SEND_PRIVATE_BURST": "1000",
            "LOG_LEVEL": "WARNING",
        }
        self.workdir = workdir  # no .env there: only the environment above counts
        self.log = workdir / "bot.log"
        self.process: asyncio.subprocess.Process | None = None
        self.starts = 0

    async def start(self) -> None:
        self.starts += 1
        with self.log.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", cwd=self.workdir, env=self.env,
                stdout=log, stderr=log,
            )  # fmt: skip

    async def kill(self) -> None:
        assert self.process is not None
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGKILL)
        await self.process.wait()

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            try:
                await asyncio.wait_for(self.process.wait(), timeout=15)
            except TimeoutError:
                await self.kill()


@pytest.fixture
async def bot_process(
    emulator: BotAPIEmulator, database_url: str, db: Database, tmp_path: Path
) -> AsyncIterator[BotProcess]:
    emulator.processed_check = handled_check(db)
    process = BotProcess(emulator, database_url, tmp_path)
    await process.start()
    try:
        yield process
    finally:
        await process.stop()
        if process.log.exists():
            sys.stderr.write(process.log.read_text()[-4000:])


async def test_kill_9_mid_intake_loses_nothing_and_repeats_nothing(
    bot_process: BotProcess, emulator: BotAPIEmulator, db: Database, staff_group: Group
) -> None:
    rng = random.Random(20241129)
    worker = emulator.user(5701, "Siti", phone="6281234567890")
    steps = script(name="Siti Aminah")
    # Kill while single-action answers are in flight (a multi-tap step needs each tap seen).
    single = [i for i, (step, _) in enumerate(steps) if step not in ("needs", "urgency", "photos")]
    kill_at = set(rng.sample(single[1:], KILLS))

    await worker.send("/start", timeout=30)
    for index, (_step, action) in enumerate(steps):
        if index not in kill_at:
            await asyncio.wait_for(action(worker), timeout=30)
            continue
        # Send the answer, let the bot get somewhere with it (or nowhere), then kill it.
        reply = await _without_waiting(action, worker)
        await asyncio.sleep(rng.uniform(0.0, 0.15))
        await bot_process.kill()
        await bot_process.start()
        if reply is not None:
            await emulator.wait_processed(reply.update_id, timeout=30)
        # Whatever happened, the person sees the question they are at.
        await worker.wait_for_message(timeout=30)

    done = await worker.tap("Kirim laporan", timeout=30)
    assert "KBR-" in done.text
    await staff_group.wait_for_message(contains="KBR-", timeout=30)
    await asyncio.sleep(0.5)  # a second notice, if any, would arrive now

    with db.session() as session:
        case = session.exec(select(Case)).one()
        person = session.exec(select(PersonRow).where(PersonRow.position == 1)).one()
        assert (person.full_name, person.nik, person.phone) == ("Siti Aminah", NIK, PHONE_E164)
        assert (case.origin_regency_code, case.group_size, case.wages_amount) == (
            "52.03",
            3,
            9_000_000,
        )
        assert case.needs == ["transport", "food"] and case.vulnerabilities == ["pregnant"]
        assert case.recruiter_phone == "+6281355551234"
        assert len(session.exec(select(Consent)).all()) == 1
        assert session.exec(select(Dialog)).all() == []
        notices = session.exec(select(Outbox).where(Outbox.chat_id == STAFF_CHAT_ID)).all()
        assert len(notices) == 1 and notices[0].status == "sent"
    staff_notices = [m for m in staff_group.chat.bot_messages if "KBR-" in m.text]
    assert len(staff_notices) == 1
    assert bot_process.starts == KILLS + 1


async def _without_waiting(action: Callable[[Any], Awaitable[Any]], worker: Person) -> Any:
    """Runs a scripted action with the person's calls made with wait=False."""

    class NoWait:
        def __getattr__(self, name: str) -> Callable[..., Awaitable[Any]]:
            method = getattr(worker, name)

            async def call(*args: Any, **kwargs: Any) -> Any:
                return await method(*args, **{**kwargs, "wait": False})

            return call

    return await action(NoWait())
