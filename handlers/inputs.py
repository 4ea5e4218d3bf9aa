"""Turns a Telegram update into one of the domain's plain inputs."""

from __future__ import annotations

from telegram import Message, Update
from telegram.constants import MessageEntityType

from models.intake.io import (
    CommandIn,
    ContactIn,
    FileIn,
    Input,
    LocationIn,
    OtherIn,
    TextIn,
)
from views.intake_buttons import parse_intake_callback


def command_of(message: Message) -> CommandIn | None:
    text = message.text or ""
    entities = message.entities or ()
    if not text.startswith("/") or not any(
        e.type == MessageEntityType.BOT_COMMAND and e.offset == 0 for e in entities
    ):
        return None
    head, _, arg = text.partition(" ")
    return CommandIn(head[1:].split("@", 1)[0].lower(), arg.strip())


def to_input(update: Update) -> Input:
    query = update.callback_query
    if query is not None:
        # The intake's buttons carry ASCII codes only: anything else is a forged or foreign
        # button, refused here (a "²" passes `isdigit` and then fails `int`).
        data = query.data if query.data is not None and query.data.isascii() else None
        return parse_intake_callback(data)
    if update.edited_message is not None:
        return OtherIn("edited")
    message = update.message
    if message is None:
        return OtherIn("unknown")
    command = command_of(message)
    if command is not None:
        return command
    if message.text is not None:
        return TextIn(message.text)
    if message.contact is not None:
        own = message.from_user is not None and message.contact.user_id == message.from_user.id
        return ContactIn(message.contact.phone_number, own)
    if message.location is not None:
        return LocationIn(message.location.latitude, message.location.longitude)
    if message.photo:
        largest = message.photo[-1]
        return FileIn("photo", largest.file_id, largest.file_unique_id)
    if message.document is not None:
        return FileIn("document", message.document.file_id, message.document.file_unique_id)
    voice = message.voice or message.audio
    if voice is not None:
        return FileIn("voice", voice.file_id, voice.file_unique_id)
    if message.sticker is not None:
        return OtherIn("sticker")
    return OtherIn("unknown")
