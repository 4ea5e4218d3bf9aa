"""Even at LOG_LEVEL=DEBUG, no name, NIK, phone number or message text reaches the logs."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from bot.__main__ import QUIET_LOGGERS, configure_logging
from bot.config import Settings
from emulator import BotAPIEmulator, Group
from models.storage.db import Database
from tests.e2e.conftest import RunningBot
from tests.e2e.intake_script import NIK, submit

SECRETS = (NIK, "81234567890", "Siti Aminah", "Pak Joko", "PT Sawit Makmur", "5555-1234")


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name} {record.getMessage()} {record.exc_text or ''}")


@pytest.fixture
def debug_logs() -> Iterator[Collect]:
    saved = {name: logging.getLogger(name).level for name in (*QUIET_LOGGERS, "")}
    collect = Collect()
    root = logging.getLogger()
    root.addHandler(collect)
    configure_logging("DEBUG")
    yield collect
    root.removeHandler(collect)
    for name, level in saved.items():
        logging.getLogger(name).setLevel(level)


async def test_a_whole_intake_logs_no_personal_data(
    debug_logs: Collect,
    settings: Settings,
    emulator: BotAPIEmulator,
    db: Database,
    staff_group: Group,
) -> None:
    running = RunningBot(settings)
    await running.start()
    try:
        await submit(emulator.user(5901, "Siti"))
        await staff_group.wait_for_message(contains="KBR-")
    finally:
        await running.stop()
    logged = "\n".join(debug_logs.lines)
    assert "is running" in logged  # logging was on, so the check means something
    for secret in SECRETS:
        assert secret not in logged, secret
