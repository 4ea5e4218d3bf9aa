"""A text the domain names but never renders: a catalogue key and its parameters.

The domain (models/) says *which* text a person should read; the views layer (views/) looks it
up in the catalogue (i18n/) in the reader's language and renders it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Msg:
    """A text key and its parameters, rendered later in the reader's language."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Join:
    """Several texts shown as one parameter, e.g. a list of needs."""

    items: tuple[Msg | str, ...]
    sep: str = ", "


def msg(key: str, **params: object) -> Msg:
    return Msg(key, params)
