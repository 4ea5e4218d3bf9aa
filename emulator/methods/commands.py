"""Bot commands per scope and language, and the chat menu button."""

import json
import re
from typing import Any

from emulator.errors import bad_request
from emulator.state import EmulatorState

COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
LANGUAGE = re.compile(r"^([a-z]{2})?$")
MAX_COMMANDS = 100


def commands_key(state: EmulatorState, params: dict[str, Any]) -> tuple[str, str]:
    scope = params.get("scope") or {"type": "default"}
    if "chat_id" in scope:
        state.chat_for_bot(scope["chat_id"])
    language = params.get("language_code", "")
    if not LANGUAGE.match(language):
        raise bad_request("invalid language code specified")
    return json.dumps(scope, sort_keys=True), language


async def set_my_commands(state: EmulatorState, params: dict[str, Any]) -> bool:
    commands = params["commands"]
    if len(commands) > MAX_COMMANDS:
        raise bad_request("too many commands")
    for command in commands:
        if not COMMAND.match(command["command"]):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(command["description"]) <= 256:
            raise bad_request("command description must be 1-256 characters")
    state.commands[commands_key(state, params)] = commands
    return True


async def get_my_commands(state: EmulatorState, params: dict[str, Any]) -> list[dict[str, Any]]:
    return state.commands.get(commands_key(state, params), [])


async def delete_my_commands(state: EmulatorState, params: dict[str, Any]) -> bool:
    state.commands.pop(commands_key(state, params), None)
    return True


async def set_chat_menu_button(state: EmulatorState, params: dict[str, Any]) -> bool:
    chat_id = params.get("chat_id")
    if chat_id is not None:
        state.chat_for_bot(chat_id)
    state.menu_buttons[chat_id] = params.get("menu_button") or {"type": "default"}
    return True


async def get_chat_menu_button(state: EmulatorState, params: dict[str, Any]) -> dict[str, Any]:
    chat_id = params.get("chat_id")
    default = state.menu_buttons.get(None, {"type": "commands"})
    return state.menu_buttons.get(chat_id, default)


HANDLERS = {
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "setChatMenuButton": set_chat_menu_button,
    "getChatMenuButton": get_chat_menu_button,
}
