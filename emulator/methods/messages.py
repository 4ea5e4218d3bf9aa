"""sendMessage, edits, deletion, copies and forwards."""

import copy
import time
from typing import Any

from emulator.chat_message import StoredMessage
from emulator.entities import caption_text, message_text
from emulator.errors import bad_request
from emulator.markup import check_markup
from emulator.methods.common import caption_content, send, sending_chat, text_content
from emulator.state import ChatRecord, EmulatorState

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
COPIED_CONTENT = (
    "text",
    "entities",
    "photo",
    "document",
    "voice",
    "sticker",
    "contact",
    "location",
    "caption",
    "caption_entities",
)


async def send_message(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    record = sending_chat(state, params["chat_id"])
    formatted = message_text(params["text"], params.get("parse_mode"), params.get("entities"))
    return send(state, record, text_content(formatted.text, formatted.entities), params)


def message_to_edit(state: EmulatorState, params: dict[str, Any]) -> StoredMessage:
    if "inline_message_id" in params:
        raise bad_request("inline messages are not supported by the emulator")
    if "chat_id" not in params or "message_id" not in params:
        raise bad_request("message identifier is not specified")
    stored = state.message_of(state.chat_for_bot(params["chat_id"]), params["message_id"])
    if stored is None:
        raise bad_request("message to edit not found")
    if not stored.from_bot:
        raise bad_request("message can't be edited")
    return stored


def apply_edit(
    state: EmulatorState,
    stored: StoredMessage,
    changes: dict[str, Any],
    markup: dict[str, Any] | None,
) -> dict[str, Any]:
    """Replace ``changes`` keys (a None value removes the key) and the inline keyboard."""
    data = stored.data
    unchanged = all(data.get(key) == value for key, value in changes.items())
    if unchanged and data.get("reply_markup") == markup:
        raise bad_request(NOT_MODIFIED)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    if markup is None:
        data.pop("reply_markup", None)
    else:
        data["reply_markup"] = markup
    stored.reply_markup = markup
    data["edit_date"] = int(time.time())
    stored.edited = True
    state.publish_message("edit", stored)
    return data


async def edit_message_text(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    stored = message_to_edit(state, params)
    if "text" not in stored.data:
        raise bad_request("there is no text in the message to edit")
    formatted = message_text(params["text"], params.get("parse_mode"), params.get("entities"))
    check_markup(params.get("reply_markup"))
    changes = {"text": formatted.text, "entities": formatted.entities or None}
    return apply_edit(state, stored, changes, params.get("reply_markup"))


async def edit_message_caption(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    stored = message_to_edit(state, params)
    if "text" in stored.data:
        raise bad_request("there is no caption in the message to edit")
    formatted = caption_text(
        params.get("caption"), params.get("parse_mode"), params.get("caption_entities")
    )
    check_markup(params.get("reply_markup"))
    changes = {
        "caption": formatted.text or None,
        "caption_entities": (formatted.entities or None) if formatted.text else None,
    }
    return apply_edit(state, stored, changes, params.get("reply_markup"))


async def edit_message_reply_markup(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    stored = message_to_edit(state, params)
    check_markup(params.get("reply_markup"))
    return apply_edit(state, stored, {}, params.get("reply_markup"))


async def delete_message(state: EmulatorState, params: dict[str, Any]) -> bool:
    record = state.chat_for_bot(params["chat_id"])
    stored = state.message_of(record, params["message_id"])
    if stored is None:
        raise bad_request("message to delete not found")
    stored.deleted = True
    state.publish_message("delete", stored)
    return True


def source_message(
    state: EmulatorState, params: dict[str, Any], action: str
) -> tuple[ChatRecord, StoredMessage]:
    source_chat = state.chats.get(params["from_chat_id"])
    if source_chat is None:
        raise bad_request("chat not found")
    stored = state.message_of(source_chat, params["message_id"])
    if stored is None:
        raise bad_request(f"message to {action} not found")
    return source_chat, stored


def copied_content(stored: StoredMessage) -> dict[str, Any]:
    return {k: copy.deepcopy(v) for k, v in stored.data.items() if k in COPIED_CONTENT}


async def copy_message(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    record = sending_chat(state, params["chat_id"])
    _, stored = source_message(state, params, "copy")
    content = copied_content(stored)
    if "caption" in params and "text" not in content:
        formatted = caption_text(
            params["caption"], params.get("parse_mode"), params.get("caption_entities")
        )
        content.pop("caption", None)
        content.pop("caption_entities", None)
        content.update(caption_content(formatted.text, formatted.entities))
    return {"message_id": send(state, record, content, params)["message_id"]}


async def forward_message(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    record = sending_chat(state, params["chat_id"])
    _, stored = source_message(state, params, "forward")
    origin = {"type": "user", "sender_user": stored.data["from"], "date": stored.data["date"]}
    content = {**copied_content(stored), "forward_origin": origin}
    return send(state, record, content, {})


HANDLERS = {
    "sendMessage": send_message,
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "copyMessage": copy_message,
    "forwardMessage": forward_message,
}
