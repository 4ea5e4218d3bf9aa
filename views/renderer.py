"""The views' side of the domain's `Renderer` port: one dispatch from message type to view.

Each views module registers the messages it renders here, with `@render.register`; bot/ passes
`render` to the domain code that queues messages (models.outbox.ports.Renderer).
"""

from __future__ import annotations

from functools import singledispatch

from models.outbox.ports import Rendered


@singledispatch
def render(message: object, lang: str) -> Rendered:
    raise TypeError(f"no view renders {type(message).__name__}")
