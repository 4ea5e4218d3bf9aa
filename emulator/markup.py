"""Checks Telegram applies to reply markup, and the reply keyboard a person's client shows."""

from typing import Any

from emulator.errors import bad_request
from emulator.formatted import normalize_link
from emulator.state import ChatRecord

INLINE_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


def check_inline_button(button: dict[str, Any]) -> None:
    if not button["text"].strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    actions = [name for name in INLINE_ACTIONS if name in button]
    if not actions:
        raise bad_request("text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        raise bad_request(f"inline keyboard button has more than one action: {actions}")
    if "callback_data" in button and not 1 <= len(button["callback_data"].encode()) <= 64:
        raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button and normalize_link(button["url"]) is None:
        raise bad_request(
            f"inline keyboard button URL '{button['url']}' is invalid: Wrong HTTP URL"
        )


def check_markup(markup: dict[str, Any] | None) -> None:
    """Reject what Telegram rejects; the spec check already ran."""
    if markup is None:
        return
    for row in markup.get("inline_keyboard", []):
        for button in row:
            check_inline_button(button)
    for row in markup.get("keyboard", []):
        for button in row:
            text = button if isinstance(button, str) else button["text"]
            if not text.strip():
                raise bad_request("BUTTON_TEXT_INVALID")


def keyboard_labels(markup: dict[str, Any] | None) -> list[str]:
    if markup is None:
        return []
    return [b if isinstance(b, str) else b["text"] for row in markup["keyboard"] for b in row]


def apply_reply_keyboard(
    record: ChatRecord, markup: dict[str, Any] | None, replied_user_id: int | None
) -> None:
    """Show or hide the custom keyboard as a Telegram client would after a bot message."""
    if markup is None or not ("keyboard" in markup or "remove_keyboard" in markup):
        return
    shown = markup if "keyboard" in markup else None
    if markup.get("selective") and replied_user_id is not None:
        record.keyboard_for[replied_user_id] = shown
    else:
        record.keyboard = shown
        record.keyboard_for.clear()
