"""Sending, editing and deleting messages, and the errors Telegram answers with."""

import aiohttp
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MenuButtonCommands,
    ReplyParameters,
)
from telegram.constants import ChatAction
from telegram.error import BadRequest, Forbidden, RetryAfter

from emulator import BotAPIEmulator, RateLimits

YES_NO = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("Ya", callback_data="y"),
            InlineKeyboardButton("Tidak", callback_data="n"),
        ]
    ]
)


async def started(emu: BotAPIEmulator, user_id: int = 7) -> None:
    await emu.user(user_id, "Ani", username="ani").send("/start", wait=False)


async def test_send_message_returns_a_message_ptb_understands(
    emu: BotAPIEmulator, bot: Bot
) -> None:
    await started(emu)
    message = await bot.send_message(7, "<b>Halo</b> Ani", parse_mode="HTML", reply_markup=YES_NO)
    assert message.from_user is not None and message.from_user.id == bot.id
    assert message.chat.id == 7 and message.chat.type == "private"
    assert message.message_id == 2  # the person's /start was message 1
    assert message.text == "Halo Ani" and message.entities[0].type == "bold"
    assert message.reply_markup == YES_NO
    second = await bot.send_message(7, "lagi")
    assert second.message_id == 3 and second.reply_markup is None
    assert emu.violations == []


async def test_chat_not_found_until_the_person_writes(emu: BotAPIEmulator, bot: Bot) -> None:
    emu.user(8, "Budi")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(8, "halo")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message("@budi", "halo")
    await started(emu, 8)
    await bot.send_message(8, "halo")


async def test_edits_and_not_modified(emu: BotAPIEmulator, bot: Bot) -> None:
    await started(emu)
    sent = await bot.send_message(7, "Pilih", reply_markup=YES_NO)
    edited = await bot.edit_message_text("Pilih", 7, sent.message_id, reply_markup=None)
    assert isinstance(edited, type(sent)) and edited.reply_markup is None
    assert edited.edit_date is not None
    with pytest.raises(BadRequest, match=r"(?i)message is not modified: specified new message"):
        await bot.edit_message_text("Pilih", 7, sent.message_id)
    await bot.edit_message_reply_markup(7, sent.message_id, reply_markup=YES_NO)
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_reply_markup(7, sent.message_id, reply_markup=YES_NO)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", 7, 999)
    with pytest.raises(BadRequest, match=r"(?i)message can't be edited"):
        await bot.edit_message_text("x", 7, 1)
    with pytest.raises(BadRequest, match=r"(?i)there is no caption"):
        await bot.edit_message_caption(7, sent.message_id, caption="x")
    shown = emu.user(7, "Ani").chat.last_bot_message
    assert shown is not None and shown.edited and shown.inline_labels == ["Ya", "Tidak"]
    assert len(emu.violations) == 5


async def test_delete_message(emu: BotAPIEmulator, bot: Bot) -> None:
    await started(emu)
    sent = await bot.send_message(7, "sementara")
    assert await bot.delete_message(7, sent.message_id) is True
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(7, sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", 7, sent.message_id)
    assert [m.text for m in emu.user(7, "Ani").chat.messages] == ["/start"]


async def test_reply_copy_and_forward(emu: BotAPIEmulator, bot: Bot) -> None:
    await started(emu, 7)
    await started(emu, 8)
    answer = await bot.send_message(7, "jawab", reply_parameters=ReplyParameters(1))
    assert answer.reply_to_message is not None and answer.reply_to_message.text == "/start"
    with pytest.raises(BadRequest, match=r"(?i)message to be replied not found"):
        await bot.send_message(7, "x", reply_parameters=ReplyParameters(99))
    copied = await bot.copy_message(8, from_chat_id=7, message_id=1)
    assert copied.message_id == 2
    forwarded = await bot.forward_message(8, from_chat_id=7, message_id=answer.message_id)
    assert forwarded.text == "jawab" and forwarded.forward_origin is not None
    with pytest.raises(BadRequest, match=r"(?i)message to copy not found"):
        await bot.copy_message(8, from_chat_id=7, message_id=99)
    assert [m.text for m in emu.user(8, "Budi").chat.bot_messages] == ["/start", "jawab"]


async def test_blocked_user_gets_403_and_no_violation(emu: BotAPIEmulator, bot: Bot) -> None:
    await started(emu)
    emu.block(7)
    with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
        await bot.send_message(7, "halo")
    with pytest.raises(Forbidden):
        await bot.send_chat_action(7, ChatAction.TYPING)
    assert emu.calls[-1].error_code == 403 and emu.violations == []
    updates = await bot.get_updates()
    assert updates[-1].my_chat_member is not None
    assert updates[-1].my_chat_member.new_chat_member.status == "kicked"
    emu.unblock(7)
    await bot.send_message(7, "halo lagi")


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_rate_limits_answer_429_with_retry_after() -> None:
    async with BotAPIEmulator(rate_limits=RateLimits(overall_per_second=2)) as emu:
        await started(emu)
        async with Bot(emu.token, base_url=f"{emu.api_root}/bot") as bot:
            await bot.send_message(7, "1")
            await bot.send_message(7, "2")
            with pytest.raises(RetryAfter):
                await bot.send_message(7, "3")
            assert emu.calls[-1].error_code == 429
            assert emu.calls[-1].description == "Too Many Requests: retry after 1"
            assert emu.violations == []


async def test_group_limit_is_per_minute_and_429_body_is_telegram_shaped() -> None:
    limited = BotAPIEmulator(rate_limits=RateLimits(group_per_minute=2, private_per_second=1))
    async with limited:
        group = limited.group(-100123, "Relawan")
        await started(limited)
        url = f"{limited.api_root}/bot{limited.token}/sendMessage"
        async with aiohttp.ClientSession() as session:
            statuses = []
            for chat_id in (-100123, -100123, -100123, 7, 7):
                async with session.post(url, json={"chat_id": chat_id, "text": "x"}) as response:
                    statuses.append((response.status, await response.json()))
        assert [s for s, _ in statuses] == [200, 200, 429, 200, 429]
        body = statuses[2][1]
        assert body["ok"] is False and body["error_code"] == 429
        assert body["parameters"]["retry_after"] >= 59
        retry_after = body["parameters"]["retry_after"]
        assert body["description"] == f"Too Many Requests: retry after {retry_after}"
        assert [m.text for m in group.chat.bot_messages] == ["x", "x"]


async def test_get_chat_and_chat_action(emu: BotAPIEmulator, bot: Bot) -> None:
    await started(emu)
    group = emu.group(-100555, "Posko")
    chat = await bot.get_chat(7)
    assert chat.first_name == "Ani" and chat.username == "ani" and chat.type == "private"
    assert (await bot.get_chat(group.chat_id)).title == "Posko"
    events = emu.subscribe()
    assert await bot.send_chat_action(7, ChatAction.TYPING)
    assert events.get_nowait() == {"type": "chat_action", "chat_id": 7, "action": "typing"}
    with pytest.raises(BadRequest, match=r"(?i)wrong parameter action"):
        await bot.send_chat_action(7, "dancing")


async def test_commands_per_scope_and_language(emu: BotAPIEmulator, bot: Bot) -> None:
    await started(emu)
    base = [BotCommand("start", "Mulai"), BotCommand("lapor", "Buat laporan")]
    english = [BotCommand("start", "Start")]
    assert await bot.set_my_commands(base)
    assert await bot.set_my_commands(english, language_code="en")
    assert await bot.set_my_commands(english[:1], scope=BotCommandScopeChat(7))
    assert await bot.get_my_commands() == tuple(base)
    assert await bot.get_my_commands(language_code="en") == tuple(english)
    assert await bot.get_my_commands(scope=BotCommandScopeChat(7)) == tuple(english)
    assert await bot.delete_my_commands(language_code="en")
    assert await bot.get_my_commands(language_code="en") == ()
    with pytest.raises(BadRequest, match=r"(?i)bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Lapor!", "x")])
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.set_my_commands(base, scope=BotCommandScopeChat(404))
    assert await bot.set_chat_menu_button(7, MenuButtonCommands())
    assert await bot.get_chat_menu_button(7) == MenuButtonCommands()
