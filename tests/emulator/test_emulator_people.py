"""People talking to a bot: Reply synchronisation, buttons, keyboards and the event stream."""

import asyncio
import json

import aiohttp
import pytest
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.error import BadRequest

from emulator import BotAPIEmulator

MENU = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton("Lapor warga telantar", callback_data="lapor")],
        [InlineKeyboardButton("Cek status", callback_data="status")],
    ]
)


async def test_reply_waits_until_the_bot_confirmed_the_update(
    emu: BotAPIEmulator, bot: Bot, run_bot
) -> None:
    async def slow_echo(update: Update) -> None:
        assert update.message is not None and update.effective_chat is not None
        await asyncio.sleep(0.2)
        first = await bot.send_message(update.effective_chat.id, "sebentar...")
        await bot.send_message(
            update.effective_chat.id, f"<b>Anda</b>: {update.message.text}", parse_mode="HTML"
        )
        await first.edit_text("sudah")

    run_bot(slow_echo)
    ani = emu.user(7, "Ani")
    reply = await ani.send("halo")
    assert reply.processed and reply.text == "sudah\nAnda: halo"
    assert [m.edited for m in reply.messages] == [True, False]
    assert reply.last.html == "<b>Anda</b>: halo"
    assert (await ani.send("lagi")).text == "sudah\nAnda: lagi"
    assert emu.violations == []


async def test_start_payload_gets_a_bot_command_entity(emu: BotAPIEmulator, run_bot, bot) -> None:
    seen: list[Update] = []

    async def record(update: Update) -> None:
        seen.append(update)

    run_bot(record)
    await emu.user(7, "Ani").send("/start ref_posko1")
    message = seen[0].message
    assert message is not None and message.text == "/start ref_posko1"
    assert message.parse_entities() == {message.entities[0]: "/start"}
    assert message.entities[0].type == "bot_command"


async def test_tap_round_trip_with_answer_and_edit(emu: BotAPIEmulator, bot: Bot, run_bot) -> None:
    async def handle(update: Update) -> None:
        if update.message is not None:
            await update.message.reply_text("Menu", reply_markup=MENU, do_quote=False)
        elif update.callback_query is not None:
            query = update.callback_query
            await query.answer(f"Pilihan: {query.data}")
            await query.edit_message_text(f"Anda memilih {query.data}")

    run_bot(handle)
    ani = emu.user(7, "Ani")
    menu = await ani.send("/menu")
    assert menu.buttons == ["Lapor warga telantar", "Cek status"]
    reply = await ani.tap("Cek status")
    assert reply.callback_answered and reply.callback_answer == "Pilihan: status"
    assert reply.text == "Anda memilih status" and reply.last.edited
    assert reply.last.message_id == menu.last.message_id and reply.buttons == []
    await ani.send("/menu")
    assert (await ani.tap("lapor")).text == "Anda memilih lapor"  # substring, any case
    with pytest.raises(AssertionError, match=r"visible buttons \(message_id, label\): \[\]"):
        await ani.tap("Cek status")  # every menu was edited into plain text
    third_menu = (await ani.send("/menu")).last
    with pytest.raises(AssertionError, match=r"visible buttons .*\(6, 'Cek status'\)"):
        await ani.tap("Bantuan")
    reply = await ani.tap(data="status", message_id=third_menu.message_id)
    assert reply.text == "Anda memilih status"


async def test_callback_answer_errors() -> None:
    async with BotAPIEmulator(callback_query_timeout=0.1) as emu:
        async with Bot(emu.token, base_url=f"{emu.api_root}/bot") as bot:
            ani = emu.user(7, "Ani")
            await ani.send("hi", wait=False)
            await bot.send_message(7, "Menu", reply_markup=MENU)
            await ani.tap("Cek status", wait=False)
            await ani.tap("Cek status", wait=False)
            first, second = [u.callback_query for u in (await bot.get_updates())[1:]]
            assert first is not None and second is not None
            assert await first.answer()
            with pytest.raises(BadRequest, match=r"(?i)query is too old .* query id is invalid"):
                await first.answer()
            await asyncio.sleep(0.15)
            with pytest.raises(BadRequest, match=r"(?i)query is too old"):
                await second.answer()
            with pytest.raises(BadRequest, match=r"(?i)query is too old"):
                await bot.answer_callback_query("12345")
            assert len(emu.violations) == 3


async def test_reply_keyboard_press_contact_location_and_remove(
    emu: BotAPIEmulator, bot: Bot, run_bot
) -> None:
    keyboard = ReplyKeyboardMarkup(
        [
            [KeyboardButton("Bagikan nomor HP", request_contact=True)],
            [KeyboardButton("Kirim lokasi", request_location=True), "Batal"],
        ],
        one_time_keyboard=False,
    )

    async def handle(update: Update) -> None:
        message = update.message
        assert message is not None
        if message.contact is not None:
            text = f"HP {message.contact.phone_number} milik {message.contact.user_id}"
            await message.reply_text(text, reply_markup=ReplyKeyboardRemove(), do_quote=False)
        elif message.location is not None:
            await message.reply_text(f"Lokasi {message.location.latitude}", do_quote=False)
        elif message.text == "Batal":
            await message.reply_text("Dibatalkan", do_quote=False)
        else:
            await message.reply_text("Nomor HP?", reply_markup=keyboard, do_quote=False)

    run_bot(handle)
    ani = emu.user(7, "Ani", phone="+6281234567890")
    reply = await ani.send("daftar")
    assert reply.keyboard == ["Bagikan nomor HP", "Kirim lokasi", "Batal"]
    assert ani.keyboard_labels == reply.keyboard
    assert (await ani.press("batal")).text == "Dibatalkan"
    assert (await ani.press("Kirim lokasi", location=(-2.68, 111.63))).text == "Lokasi -2.68"
    reply = await ani.press("Bagikan nomor HP")
    assert reply.text == "HP +6281234567890 milik 7"
    assert reply.keyboard == [] and ani.reply_keyboard is None
    with pytest.raises(AssertionError, match="no reply keyboard button"):
        await ani.press("Batal")


async def test_one_time_keyboard_hides_after_a_press(emu: BotAPIEmulator, bot: Bot) -> None:
    ani = emu.user(7, "Ani")
    await ani.send("hi", wait=False)
    await bot.send_message(
        7, "Ya?", reply_markup=ReplyKeyboardMarkup([["Ya"]], one_time_keyboard=True)
    )
    await ani.press("Ya", wait=False)
    assert ani.reply_keyboard is None
    assert [m.text for m in ani.chat.messages] == ["hi", "Ya?", "Ya"]


async def test_notifications_to_other_chats_and_groups(
    emu: BotAPIEmulator, bot: Bot, run_bot
) -> None:
    posko = emu.group(-1001234, "Posko Dinsos")

    async def handle(update: Update) -> None:
        assert update.effective_chat is not None and update.effective_user is not None
        name = update.effective_user.first_name
        if update.effective_chat.id == posko.chat_id:
            await bot.send_message(posko.chat_id, f"Siap, {name}")
            return
        if update.message is not None and update.message.text == "/start":
            await bot.send_message(update.effective_chat.id, "Halo")
            return
        await bot.send_message(update.effective_chat.id, "Laporan diterima")
        await bot.send_message(8, f"Laporan baru dari {name}")
        await bot.send_message(posko.chat_id, f"Laporan baru dari {name}")

    run_bot(handle)
    budi = emu.user(8, "Budi")
    assert (await budi.send("/start")).text == "Halo"
    ani = emu.user(7, "Ani")
    assert (await ani.send("lapor")).text == "Laporan diterima"
    notice = await budi.wait_for_message(contains="Laporan baru")
    assert notice.text == "Laporan baru dari Ani" and notice.chat_id == 8
    assert (await posko.wait_for_message()).text == "Laporan baru dari Ani"
    reply = await budi.send("cek", chat=posko)
    assert reply.text == "Siap, Budi" and reply.last.chat_id == posko.chat_id
    with pytest.raises(AssertionError, match="no new bot message"):
        await budi.wait_for_message(contains="Laporan baru", timeout=0.05)


async def test_edits_stickers_and_media_from_people(emu: BotAPIEmulator, bot: Bot, run_bot) -> None:
    seen: list[Update] = []

    async def record(update: Update) -> None:
        seen.append(update)

    run_bot(record)
    ani = emu.user(7, "Ani")
    first = await ani.send("Nama saya Ani")
    await ani.edit(1, "Nama saya Ani Lestari")
    await ani.send_sticker()
    await ani.send_photo(caption="KTP")
    assert first.messages == []
    edited = seen[1].edited_message
    assert edited is not None and edited.text == "Nama saya Ani Lestari"
    assert seen[2].message is not None and seen[2].message.sticker is not None
    photo_message = seen[3].message
    assert photo_message is not None and photo_message.caption == "KTP"
    assert photo_message.photo[-1].width == 64
    with pytest.raises(AssertionError, match="no text message 99"):
        await ani.edit(99, "x")


async def test_event_stream_is_json_and_links_downloads(emu: BotAPIEmulator, bot: Bot) -> None:
    events = emu.subscribe()
    ani = emu.user(7, "Ani")
    await ani.send("hi", wait=False)
    sent = await bot.send_photo(7, ani_photo := emu.file_bytes(await _person_photo(ani)))
    await bot.edit_message_caption(7, sent.message_id, caption="<b>KTP</b>", parse_mode="HTML")
    await bot.delete_message(7, sent.message_id)
    received = [events.get_nowait() for _ in range(events.qsize())]
    json.dumps(received)
    kinds = [(e["type"], e["message"]["from_bot"]) for e in received]
    assert kinds == [
        ("user_message", False),
        ("user_message", False),
        ("message", True),
        ("edit", True),
        ("delete", True),
    ]
    edit = received[3]["message"]
    assert edit["html"] == "<b>KTP</b>" and edit["caption"] == "KTP"
    async with aiohttp.ClientSession() as session:
        async with session.get(emu.api_root + edit["photo"]["url"]) as response:
            assert await response.read() == ani_photo
    emu.unsubscribe(events)
    await bot.send_message(7, "x")
    assert events.empty()


async def _person_photo(person) -> str:
    await person.send_photo(wait=False)
    file_id = person.chat.messages[-1].photo
    assert file_id is not None
    return file_id


async def test_timeouts_explain_what_the_bot_did(emu: BotAPIEmulator, bot: Bot) -> None:
    ani = emu.user(7, "Ani")
    with pytest.raises(AssertionError, match=r"(?s)did not confirm update 1 .*getMe ok params"):
        await ani.send("halo", timeout=0.1)
    pending = await ani.send("lagi", wait=False)
    assert not pending.processed and pending.messages == []
    updates = await bot.get_updates()
    await bot.get_updates(offset=updates[-1].update_id + 1)
    await emu.wait_processed(pending.update_id, timeout=0.1)
    await emu.wait_for(lambda: len(emu.calls_of("getUpdates")) == 2, timeout=0.1)


async def test_updates_the_bot_did_not_ask_for_fail_loudly(emu: BotAPIEmulator, bot: Bot) -> None:
    ani = emu.user(7, "Ani")
    await ani.send("hi", wait=False)
    await bot.send_message(7, "Menu", reply_markup=MENU)
    await bot.get_updates(offset=2, allowed_updates=["message"])
    tap = asyncio.create_task(ani.tap("Cek status", timeout=2))
    await asyncio.sleep(0.05)
    await bot.get_updates(offset=2)
    with pytest.raises(AssertionError, match=r"update 2 was dropped: the bot's allowed_updates"):
        await tap
