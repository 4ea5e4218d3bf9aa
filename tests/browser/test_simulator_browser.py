"""The simulator in a real browser: a worker reports by typing and tapping, staff take the case.

Everything goes through the page as a person would use it: the real bot runs as its own
process behind the emulator, the page gets its messages over the WebSocket.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from playwright.async_api import ConsoleMessage, Error, Locator, Page, expect

pytestmark = pytest.mark.browser

NIK = "5203015508900001"  # Keruak, Lombok Timur; a woman born 15-08-1990 (day + 40)
PERSONA_VIEWS = ("worker", "worker2", "officer", "staff", "admin", "partner", "group")


def last_question(page: Page) -> Locator:
    """The newest bot message: where the next question appears."""
    return page.locator("#messages .msg.bot").last


async def tap(page: Page, label: str) -> None:
    """Taps an inline button of the newest bot message that has buttons."""
    message = page.locator("#messages .msg.bot:has(.ikb)").last
    await message.get_by_role("button", name=label, exact=True).click()


async def send(page: Page, text: str) -> None:
    await page.locator("#input").fill(text)
    await page.locator("#input").press("Enter")


async def press(page: Page, label: str) -> None:
    """A button of the reply keyboard under the chat."""
    await page.locator("#reply-kb button", has_text=label).click()


async def answer(page: Page, act: Callable[[], Awaitable[None]], then: str) -> None:
    """Acts, then waits for the bot's next question (it contains `then`)."""
    await act()
    await expect(last_question(page)).to_contain_text(then)


async def test_worker_reports_and_staff_take_and_open_the_case(
    simulator_url: str, page: Page, artifacts: Path
) -> None:
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(f"console: {message.text}")

    def on_page_error(error: Error) -> None:
        problems.append(f"page error: {error}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)

    await page.goto(simulator_url)
    await expect(page.locator("#bot-state")).to_have_attribute("data-state", "running")

    # --- a stranded worker reports, typing and tapping --------------------------------------
    await page.locator('[data-view="worker"]').click()
    await answer(page, lambda: page.locator("#start-btn").click(), "Apakah Anda setuju?")
    await answer(page, lambda: tap(page, "✅ Setuju"), "nama lengkap")
    await answer(page, lambda: send(page, "Siti Aminah"), "16 angka")
    await answer(page, lambda: send(page, NIK), "nomor HP")

    async def share_number() -> None:
        await press(page, "Kirim nomor saya")
        await page.locator("#sheet").get_by_role("button", name="Bagikan").click()

    # The NIK names Lombok Timur: one tap confirms it instead of the origin questions.
    await answer(page, share_number, "Asal Anda Kabupaten Lombok Timur")
    await answer(page, lambda: tap(page, "Ya"), "sekarang")

    async def share_location() -> None:
        await press(page, "Kirim lokasi")
        await page.locator("#sheet .place", has_text="Pelabuhan Panglima Utar").click()

    await answer(page, share_location, "kecamatan")
    await answer(page, lambda: tap(page, "Kumai"), "orang")
    await answer(page, lambda: tap(page, "3"), "membawa")
    await answer(page, lambda: send(page, "Pak Joko"), "nomor HP Pak Joko")
    await answer(page, lambda: send(page, "0813-5555-1234"), "perusahaan")
    await answer(page, lambda: send(page, "PT Sawit Makmur"), "pekerjaan")
    await answer(page, lambda: tap(page, "Kebun sawit"), "Kapan")
    await answer(page, lambda: tap(page, "Bulan lalu"), "belum dibayar")
    await answer(page, lambda: tap(page, "Ya"), "berapa")
    await answer(page, lambda: send(page, "9 juta"), "butuhkan")
    await tap(page, "⬜ Pulang ke daerah asal")
    await expect(last_question(page)).to_contain_text("✅ Pulang ke daerah asal")
    await tap(page, "⬜ Makan")
    await expect(last_question(page)).to_contain_text("✅ Makan")
    await answer(page, lambda: tap(page, "✔ Selesai"), "hamil")
    await tap(page, "⬜ Hamil")
    await expect(last_question(page)).to_contain_text("✅ Hamil")
    await answer(page, lambda: tap(page, "✔ Selesai"), "foto")

    async def send_sample_photo() -> None:
        await page.locator("#attach-btn").click()
        await page.locator('[data-attach="sample-photo"]').click()

    await answer(page, send_sample_photo, "Ini foto apa?")
    await expect(page.locator("#messages .msg.out img.photo")).to_have_count(1)
    await answer(page, lambda: tap(page, "KTP"), "Kirim lagi")
    await answer(page, lambda: tap(page, "✔ Selesai kirim foto"), "Periksa laporan")
    await answer(page, lambda: tap(page, "✅ Kirim laporan"), "Nomor laporan")
    found = re.search(r"KBR-\d{4}-\d{4}", await last_question(page).inner_text())
    assert found is not None
    number = found.group()

    # --- the staff member takes the case from the group notice and opens it ----------------
    await page.locator('[data-view="group"]').click()
    notice = page.locator("#messages .msg.bot", has_text=f"Laporan baru {number}")
    await expect(notice).to_contain_text("MENDESAK")  # a pregnant woman: urgent
    await expect(notice).not_to_contain_text("Siti Aminah")  # no names in the group
    await notice.get_by_role("button", name="🙋 Saya tangani").click()
    await expect(notice).to_contain_text("Ditangani: Dewi Lestari")
    await notice.get_by_role("button", name="📂 Buka").click()
    await expect(page.locator("#toast")).to_contain_text("chat pribadi")

    await page.locator('[data-view="staff"]').click()
    card = page.locator("#messages .msg.bot", has_text=f"📁 {number}")
    await expect(card).to_contain_text("Petugas: Dewi Lestari")
    await expect(card).to_contain_text("Siti Aminah")
    await expect(card).to_contain_text(NIK)  # full identity in a private chat only

    for view in PERSONA_VIEWS:
        await page.locator(f'[data-view="{view}"]').click()
        await page.screenshot(path=artifacts / f"simulator-{view}.png")

    assert problems == []
