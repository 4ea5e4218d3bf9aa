"""Where the bot speaks (handlers/chats.py): private chats and the staff group, nowhere else.
It leaves groups a stranger added it to and ignores channels."""

from __future__ import annotations

from sqlmodel import col, select

from emulator import BotAPIEmulator, Group
from models.storage.db import Database
from models.storage.tables import Account, InboundUpdate, Role
from tests.e2e.conftest import STAFF_CHAT_ID, RunningBot
from tests.e2e.team import make_member

# Every command the bot has, for any role, and some that are not commands at all.
EVERY_COMMAND = (
    "/cari warga", "/perekrut", "/statistik", "/kasus", "/ekspor", "/lapor", "/undang",
    "/petugas", "/gagal", "/digest", "/langganan", "/status", "/bahasa", "/batal", "/kembali",
    "/cari@dinsos_kobar_bot warga", "halo semua", "5203011508000123",
)  # fmt: skip
POINTER = "Laporan hanya lewat chat pribadi dengan saya: https://t.me/dinsos_kobar_bot?start"


def sent_to(emulator: BotAPIEmulator, chat_id: int) -> list[str]:
    """What the bot sent, edited or did in one chat (every method that names the chat)."""
    return [
        call.method
        for call in emulator.calls
        if call.ok and call.params.get("chat_id") == chat_id and call.method != "getChat"
    ]


async def test_staff_commands_answer_only_in_private_and_in_the_staff_group(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database, staff_group: Group
) -> None:
    make_member(db, 900, Role.ADMIN, "Bu Sari")
    admin = emulator.user(900, "Sari")
    arisan = emulator.group(-1002000000005, "Arisan RT 05")  # a staff member added the bot

    for command in EVERY_COMMAND:
        reply = await admin.send(command, chat=arisan)
        assert reply.messages == [], command
    assert sent_to(emulator, arisan.chat_id) == []

    # /start gets one line pointing to the private chat; a /start for another bot nothing.
    pointer = await admin.send("/start", chat=arisan)
    assert [message.text for message in pointer.messages] == [POINTER]
    assert (await admin.send("/start@other_bot", chat=arisan)).messages == []
    # A case button pressed there (forged on the pointer) changes nothing and says nothing.
    tapped = await admin.replay("c:1:take", chat=arisan)
    assert tapped.callback_answered and tapped.callback_answer is None
    assert tapped.messages == []
    assert sent_to(emulator, arisan.chat_id) == ["sendMessage"]

    # In the staff group and in private the same commands answer.
    in_staff = await admin.send("/cari warga", chat=staff_group)
    assert in_staff.messages and "warga" in in_staff.text
    assert (await admin.send("/statistik", chat=staff_group)).messages
    assert (await admin.send("/cari warga")).messages
    assert (await admin.send("/statistik")).messages
    assert (await admin.send("/start", chat=staff_group)).text == POINTER


async def test_the_bot_leaves_a_group_a_stranger_added_it_to(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    stranger = emulator.user(777, "Orang Asing", last_name="Sekali")
    group = emulator.group(-1002000000007, "Jual Beli Pangkalan Bun", member=False)

    await stranger.add_bot(group)
    await emulator.wait_for(lambda: not group.bot_member)
    assert [call.params["chat_id"] for call in emulator.calls_of("leaveChat")] == [group.chat_id]
    assert sent_to(emulator, group.chat_id) == ["leaveChat"]
    # Telegram tells the bot it left; that says nothing either.
    await emulator.wait_for(lambda: _all_handled(emulator, db))
    assert sent_to(emulator, group.chat_id) == ["leaveChat"]
    # Nothing about the stranger is kept: no account, no stored update content.
    with db.session() as session:
        assert session.exec(select(Account).where(Account.telegram_user_id == 777)).first() is None
        kept = session.exec(select(InboundUpdate.payload)).all()
        assert kept and all(payload is None for payload in kept)


async def test_the_bot_stays_where_staff_added_it_and_still_serves_nothing_there(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    make_member(db, 901, Role.STAFF, "Pak Dedi")
    staff = emulator.user(901, "Dedi")
    group = emulator.group(-1002000000009, "Posko Kelurahan", member=False)
    officer_group = emulator.group(-1002000000010, "Petugas Lapangan", member=False)
    make_member(db, 902, Role.OFFICER, "Pak Bayu")
    officer = emulator.user(902, "Bayu")

    await staff.add_bot(group)
    await officer.add_bot(officer_group)  # an officer is not staff: the bot leaves
    await emulator.wait_for(lambda: not officer_group.bot_member)
    await emulator.wait_for(lambda: _all_handled(emulator, db))
    assert group.bot_member
    assert [call.params["chat_id"] for call in emulator.calls_of("leaveChat")] == [
        officer_group.chat_id
    ]
    assert (await staff.send("/cari warga", chat=group)).messages == []
    assert (await staff.send("/start", chat=group)).text == POINTER
    # The staff group is never left, whoever adds the bot there.
    staff_chat = emulator.group(STAFF_CHAT_ID, "Staf Dinsos Kobar")
    await emulator.user(778, "Orang Lain").add_bot(staff_chat)
    await emulator.wait_for(lambda: _all_handled(emulator, db))
    assert staff_chat.bot_member
    assert len(emulator.calls_of("leaveChat")) == 1


async def test_channels_and_posts_on_behalf_of_a_chat_are_ignored(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database, staff_group: Group
) -> None:
    make_member(db, 900, Role.ADMIN, "Bu Sari")
    channel = emulator.channel(-1003000000001, "Info Dinsos Kobar")

    posted = await channel.post("/cari warga")
    edited = await channel.post("/statistik", edit=True)
    assert posted.messages == [] and edited.messages == []
    # A channel's post forwarded to its discussion group (Telegram's service account sends
    # it), and an anonymous admin of the staff group: written on behalf of a chat.
    telegram = emulator.user(777000, "Telegram")
    forwarded = await telegram.send_content(
        {
            "text": "/cari warga",
            "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
            "sender_chat": channel.record.chat,
            "is_automatic_forward": True,
        },
        chat=staff_group,
    )
    anonymous = await emulator.user(1087968824, "Group", username="GroupAnonymousBot").send_content(
        {
            "text": "/statistik",
            "entities": [{"type": "bot_command", "offset": 0, "length": 10}],
            "sender_chat": staff_group.record.chat,
        },
        chat=staff_group,
    )
    assert forwarded.messages == [] and anonymous.messages == []
    assert sent_to(emulator, channel.chat_id) == []
    assert sent_to(emulator, STAFF_CHAT_ID) == []
    # The staff group itself still works.
    assert (await emulator.user(900, "Sari").send("/statistik", chat=staff_group)).messages


def _all_handled(emulator: BotAPIEmulator, db: Database) -> bool:
    """Every update Telegram has (the bot's own leaving too) is stored and handled."""
    if emulator.state.updates.pending:
        return False
    with db.session() as session:
        return (
            session.exec(
                select(InboundUpdate.update_id).where(col(InboundUpdate.done_at).is_(None))
            ).first()
            is None
        )
