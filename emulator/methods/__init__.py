"""The Bot API methods the emulator implements, by their official names."""

from collections.abc import Awaitable, Callable
from typing import Any

from emulator.methods import chats, commands, media, messages, session
from emulator.state import EmulatorState

Handler = Callable[[EmulatorState, dict[str, Any]], Awaitable[Any]]

HANDLERS: dict[str, Handler] = {
    **session.HANDLERS,
    **messages.HANDLERS,
    **media.HANDLERS,
    **chats.HANDLERS,
    **commands.HANDLERS,
}
