"""getUpdates: offset confirmation, limit, long polling, allowed_updates and conflicts."""

import asyncio
import time

from telegram import Bot

from emulator import BotAPIEmulator


async def queue_messages(emu: BotAPIEmulator, *texts: str) -> None:
    ani = emu.user(7, "Ani")
    for text in texts:
        await ani.send(text, wait=False)


async def test_offset_confirms_and_drops_older_updates(emu: BotAPIEmulator, bot: Bot) -> None:
    await queue_messages(emu, "a", "b", "c")
    first = await bot.get_updates()
    assert [u.message.text for u in first if u.message] == ["a", "b", "c"]
    assert [u.update_id for u in await bot.get_updates()] == [u.update_id for u in first]
    rest = await bot.get_updates(offset=first[1].update_id)
    assert [u.message.text for u in rest if u.message] == ["b", "c"]
    assert await bot.get_updates(offset=first[0].update_id) == rest  # "a" is gone for good
    assert await bot.get_updates(offset=first[-1].update_id + 1) == ()


async def test_limit_and_negative_offset(emu: BotAPIEmulator, bot: Bot) -> None:
    await queue_messages(emu, "a", "b", "c", "d")
    assert [u.message.text for u in await bot.get_updates(limit=2) if u.message] == ["a", "b"]
    last = await bot.get_updates(offset=-1)
    assert [u.message.text for u in last if u.message] == ["d"]
    assert [u.message.text for u in await bot.get_updates() if u.message] == ["d"]


async def test_long_poll_returns_as_soon_as_an_update_arrives(
    emu: BotAPIEmulator, bot: Bot
) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert time.monotonic() - started >= 0.9
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    await queue_messages(emu, "halo")
    started = time.monotonic()
    updates = await poll
    assert time.monotonic() - started < 1
    assert updates[0].message is not None and updates[0].message.text == "halo"


async def test_a_newer_poll_terminates_the_older_with_409(emu: BotAPIEmulator, raw) -> None:
    # PTB serialises its own getUpdates calls, so two raw HTTP polls stand for two bots.
    older = asyncio.create_task(raw("getUpdates", json={"timeout": 5}))
    await asyncio.sleep(0.05)
    newer = asyncio.create_task(raw("getUpdates", json={"timeout": 5}))
    await asyncio.sleep(0.05)
    await queue_messages(emu, "x")
    status, body = await newer
    assert status == 200 and len(body["result"]) == 1
    assert await older == (
        409,
        {
            "ok": False,
            "error_code": 409,
            "description": "Conflict: terminated by other getUpdates request; "
            "make sure that only one bot instance is running",
        },
    )
    assert emu.violations == []


async def test_allowed_updates_filter_and_drop_pending(emu: BotAPIEmulator, bot: Bot) -> None:
    await queue_messages(emu, "a")
    assert await bot.get_updates(allowed_updates=["callback_query"]) == ()
    await queue_messages(emu, "b")
    assert await bot.get_updates() == ()  # the setting sticks until changed
    await queue_messages(emu, "c")
    updates = await bot.get_updates(allowed_updates=[])
    assert [u.message.text for u in updates if u.message] == ["c"]
    info = await bot.get_webhook_info()
    assert info.url == "" and info.pending_update_count == 1
    assert await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates() == ()


async def test_session_methods_answer_ok(bot: Bot) -> None:
    assert await bot.log_out() is True
    assert await bot.close() is True
