"""Where the bot speaks: private chats, the staff group, and nowhere else.

Runs before every other handler (bot/app.py, group -2) and stops the update there
(`ApplicationHandlerStop`) when the bot has nothing to do in that chat:

- Private chats: everything goes on to the other handlers.
- The staff group (`STAFF_CHAT_ID`): goes on; there only the group's commands (/cari,
  /perekrut, /statistik, /ekspor) and the buttons of case notices are handled, each checking
  the person's role itself.
- Any other group the bot is in (one a staff member added it to): nothing is answered, no
  staff command, no button, no text.
- In any group `/start` (a person who wants to report) gets one line pointing to the
  private chat, where reports are made; nothing else about reporting is said in a group.
- Channels, channel posts, and messages sent on behalf of a chat (a channel's post forwarded
  to its discussion group, an anonymous group admin): ignored.
- Added to a group or channel by someone who is not staff (an active staff member or admin):
  the bot leaves it at once. Nothing about that person is stored (no account is made, and
  the inbox keeps only the update's id once it is handled). Added by staff: it stays.
"""

from __future__ import annotations

import logging

from sqlmodel import select
from telegram import Chat, Message, Update
from telegram.constants import ChatMemberStatus, ChatType, MessageEntityType
from telegram.ext import ApplicationHandlerStop

from handlers.context import BotContext
from handlers.unit import Unit, current, run_in_unit
from models.people.access import is_staff
from models.people.staff import GROUP_LANGUAGE
from models.storage.tables import Account
from views.text import t

logger = logging.getLogger(__name__)

PRESENT = (
    ChatMemberStatus.MEMBER,
    ChatMemberStatus.ADMINISTRATOR,
    ChatMemberStatus.OWNER,
    ChatMemberStatus.RESTRICTED,
)


async def only_where_served(update: Update, context: BotContext) -> None:
    """Lets the update on to the other handlers only in a chat the bot serves (see above)."""
    if update.my_chat_member is not None:
        if update.my_chat_member.chat.type != ChatType.PRIVATE:
            await run_in_unit(_joined, update, context)
            raise ApplicationHandlerStop
        return  # blocked or unblocked in a private chat: handlers/reminders.py notes it
    if update.channel_post is not None or update.edited_channel_post is not None:
        raise ApplicationHandlerStop
    chat = _chat_of(update)
    if chat is None or chat.type == ChatType.CHANNEL:
        # Nothing the bot sent (an inline message, a poll answer...) or a channel.
        raise ApplicationHandlerStop
    message = update.effective_message
    if isinstance(message, Message) and message.sender_chat is not None:
        raise ApplicationHandlerStop  # written on behalf of a chat: nobody to answer
    if chat.type == ChatType.PRIVATE:
        return
    if update.message is not None and _is_start(update.message, context.bot.username):
        link = f"https://t.me/{context.bot.username}?start"
        current().send(chat.id, t(GROUP_LANGUAGE, "group.private_only", link=link))
        raise ApplicationHandlerStop
    if chat.id != context.config.staff_chat_id:
        raise ApplicationHandlerStop


def _chat_of(update: Update) -> Chat | None:
    """The chat an update happened in; for a button, the chat of the message it is on (a
    button on a message the bot cannot see any more still names its chat)."""
    query = update.callback_query
    if query is not None:
        return query.message.chat if query.message is not None else None
    return update.effective_chat


def _is_start(message: Message, username: str) -> bool:
    """`/start` or `/start@<this bot>` (not a command meant for another bot in the group)."""
    text = message.text or ""
    if not any(e.type == MessageEntityType.BOT_COMMAND and e.offset == 0 for e in message.entities):
        return False
    command, _, addressee = text.split(maxsplit=1)[0].partition("@")
    return command.lower() == "/start" and addressee.lower() in ("", username.lower())


def _joined(update: Update, context: BotContext, unit: Unit) -> None:
    """The bot was added to (or removed from) a group or channel: leaves it unless a staff
    member added it, or it is the staff group itself."""
    member = update.my_chat_member
    assert member is not None
    chat = member.chat
    joined = (
        member.new_chat_member.status in PRESENT and member.old_chat_member.status not in PRESENT
    )
    # A change of the bot's rights in a group it is in (made admin, say) is no new join.
    if not joined or chat.id == context.config.staff_chat_id:
        return
    adder = unit.session.exec(
        select(Account).where(Account.telegram_user_id == member.from_user.id)
    ).first()
    if is_staff(adder):
        logger.info("added to chat %s by staff: staying", chat.id)
        return
    logger.info("added to chat %s by someone who is not staff: leaving", chat.id)
    bot = context.bot

    async def leave() -> None:
        await bot.leave_chat(chat.id)

    unit.after_commit(leave)
