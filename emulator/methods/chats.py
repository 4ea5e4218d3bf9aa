"""getChat, leaveChat, sendChatAction and answerCallbackQuery."""

import time
from typing import Any

from emulator.errors import bad_request
from emulator.state import EmulatorState

CHAT_ACTIONS = {
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
}
QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"
MAX_CALLBACK_ANSWER = 200


async def get_chat(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    chat_id = params["chat_id"]
    record = state.chats.get(chat_id) if isinstance(chat_id, int) else None
    if record is None:
        raise bad_request("chat not found")
    return {
        **record.chat,
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        },
    }


async def leave_chat(state: EmulatorState, params: dict[str, Any]) -> bool:
    """The bot leaves a group or channel; Telegram tells it so (a my_chat_member update)."""
    record = state.chat_for_bot(params["chat_id"])
    if not record.is_group:
        raise bad_request("chat member status can't be changed in private chats")
    record.bot_member = False
    bot = {"user": state.bot_user}
    state.push_update(
        "my_chat_member",
        {
            "chat": record.chat,
            "from": state.bot_user,
            "date": int(time.time()),
            "old_chat_member": {**bot, "status": "member"},
            "new_chat_member": {**bot, "status": "left"},
        },
    )
    state.publish({"type": "left", "chat_id": record.chat_id})
    return True


async def send_chat_action(state: EmulatorState, params: dict[str, Any]) -> bool:
    record = state.chat_for_bot(params["chat_id"])
    if params["action"] not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    state.publish({"type": "chat_action", "chat_id": record.chat_id, "action": params["action"]})
    return True


async def answer_callback_query(state: EmulatorState, params: dict[str, Any]) -> bool:
    query = state.callback_queries.get(params["callback_query_id"])
    too_old = (
        query is not None and time.monotonic() - query.created > state.config.callback_query_timeout
    )
    if query is None or query.answered or too_old:
        raise bad_request(QUERY_INVALID)
    text = params.get("text")
    if text is not None and len(text) > MAX_CALLBACK_ANSWER:
        raise bad_request("MESSAGE_TOO_LONG")
    query.answered = True
    query.answer_text = text
    state.publish(
        {
            "type": "callback_answer",
            "chat_id": query.chat_id,
            "callback_query_id": query.query_id,
            "text": text,
            "show_alert": bool(params.get("show_alert")),
        }
    )
    return True


HANDLERS = {
    "getChat": get_chat,
    "leaveChat": leave_chat,
    "sendChatAction": send_chat_action,
    "answerCallbackQuery": answer_callback_query,
}
