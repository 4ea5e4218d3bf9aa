"""An emulator of the Telegram Bot API over real HTTP, with people who talk to the bot."""

from emulator.chat_log import ChatLog
from emulator.chat_message import BotMessage
from emulator.people import Channel, Group, Person
from emulator.ratelimit import RateLimits
from emulator.reply import Reply
from emulator.server import BotAPIEmulator
from emulator.state import ApiCall

__all__ = [
    "ApiCall",
    "BotAPIEmulator",
    "BotMessage",
    "Channel",
    "ChatLog",
    "Group",
    "Person",
    "RateLimits",
    "Reply",
]
