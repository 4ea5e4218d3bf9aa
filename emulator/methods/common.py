"""Steps shared by the methods that send messages."""

import copy
from typing import Any

from emulator.errors import bad_request
from emulator.markup import apply_reply_keyboard, check_markup
from emulator.state import ChatRecord, EmulatorState


def sending_chat(state: EmulatorState, chat_id: int | str) -> ChatRecord:
    """The target chat of a send: 400 unknown, 403 blocked, 429 over a flood limit."""
    record = state.chat_for_bot(chat_id)
    state.limiter.check(record.chat_id, record.is_group)
    return record


def reply_target(
    state: EmulatorState, record: ChatRecord, params: dict[str, Any]
) -> dict[str, Any] | None:
    reply = params.get("reply_parameters")
    if reply is None:
        return None
    target_chat = record
    if "chat_id" in reply and reply["chat_id"] != record.chat_id:
        target_chat = state.chat_for_bot(reply["chat_id"])
    target = state.message_of(target_chat, reply["message_id"])
    if target is None:
        if reply.get("allow_sending_without_reply"):
            return None
        raise bad_request("message to be replied not found")
    replied = copy.deepcopy(target.data)
    replied.pop("reply_to_message", None)
    return replied


def send(
    state: EmulatorState,
    record: ChatRecord,
    content: dict[str, Any],
    params: dict[str, Any],
) -> dict[str, Any]:
    """Store a bot message built from ``content`` and return it as Telegram would."""
    markup = params.get("reply_markup")
    check_markup(markup)
    replied = reply_target(state, record, params)
    if replied is not None:
        content = {**content, "reply_to_message": replied}
    stored = state.add_message(record, state.bot_user, content, from_bot=True, reply_markup=markup)
    replied_user = replied["from"]["id"] if replied is not None else None
    apply_reply_keyboard(record, markup, replied_user)
    state.limiter.record(record.chat_id, record.is_group)
    return stored.data


def text_content(text: str, entities: list[dict[str, Any]]) -> dict[str, Any]:
    return {"text": text, **({"entities": entities} if entities else {})}


def caption_content(caption: str, entities: list[dict[str, Any]]) -> dict[str, Any]:
    if not caption:
        return {}
    return {"caption": caption, **({"caption_entities": entities} if entities else {})}
