"""A worker's answers to the whole intake, step by step, as taps and typed text."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

# Keruak, Lombok Timur (52.03.01); born 15-08-1990; a man.
NIK = "5203011508900001"
PHONE = "6281234567890"  # as Telegram shares a contact
PHONE_E164 = "+6281234567890"

Action = Callable[[Any], Awaitable[Any]]


async def _needs(worker: Any) -> Any:
    await worker.tap("Pulang ke daerah asal")
    await worker.tap("Makan")
    return await worker.tap("Selesai")


async def _urgency(worker: Any) -> Any:
    await worker.tap("Hamil")
    return await worker.tap("Selesai")


async def _photos(worker: Any) -> Any:
    await worker.send_photo()
    await worker.tap("KTP")
    return await worker.tap("Selesai kirim foto")


def script(name: str = "Siti Aminah") -> list[tuple[str, Action]]:
    """(step, action) pairs in the order the bot asks."""
    return [
        ("consent", lambda w: w.tap("✅ Setuju")),
        ("name", lambda w: w.send(name)),
        ("nik", lambda w: w.send(NIK)),
        ("phone", lambda w: w.press("Kirim nomor saya", phone=PHONE)),
        ("origin", lambda w: w.send("Lombok Timur")),
        ("location", lambda w: w.share_location(-2.7312, 111.7321)),
        ("district", lambda w: w.tap("Kumai")),
        ("group", lambda w: w.tap("3")),
        ("recruiter", lambda w: w.send("Pak Joko")),
        ("rec_phone", lambda w: w.send("0813-5555-1234")),
        ("employer", lambda w: w.send("PT Sawit Makmur")),
        ("work", lambda w: w.tap("Kebun sawit")),
        ("ended", lambda w: w.tap("Bulan lalu")),
        ("wages", lambda w: w.tap("Ya")),
        ("amount", lambda w: w.send("9 juta")),
        ("needs", _needs),
        ("urgency", _urgency),
        ("photos", _photos),
    ]


async def walk(worker: Any, *, until: str | None = None, name: str = "Siti Aminah") -> Any:
    """Starts an intake and answers every question before `until` (all of them if None)."""
    reply = await worker.send("/start")
    for step, action in script(name):
        if step == until:
            return reply
        reply = await action(worker)
    return reply


async def submit(worker: Any, *, name: str = "Siti Aminah") -> Any:
    await walk(worker, name=name)
    return await worker.tap("Kirim laporan")
