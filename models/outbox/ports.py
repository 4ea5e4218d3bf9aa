"""The port through which the domain has a message rendered before it queues it.

The domain decides who is told what: a plain dataclass that describes the message (a new case
for the team, a reminder, a digest...). The views layer (views/) turns it into text and buttons
in the reader's language; bot/ hands that implementation to the code that queues messages, so
the domain never imports the catalogue or the views.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class Rendered:
    """One message as Telegram will show it."""

    text: str  # Telegram HTML
    # An inline keyboard in the Bot API's JSON form ({"inline_keyboard": [[...]]}), or none.
    reply_markup: dict[str, Any] | None = None


class Renderer(Protocol):
    """Renders a message description for one reader's language."""

    def __call__(self, message: object, lang: str) -> Rendered: ...
