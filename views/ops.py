"""What admins read about the bot itself: updates the pipeline gave up on."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from models.inbox.store import Parked
from views.text import t


def parked_text(lang: str, parked: Sequence[Parked], tz: ZoneInfo) -> str:
    """The newest parked updates: id, when, attempts and the error's kind (never content)."""
    if not parked:
        return t(lang, "ops.parked.none")
    lines = [t(lang, "ops.parked.head", count=len(parked))]
    lines += [
        t(
            lang,
            "ops.parked.line",
            update_id=p.update_id,
            when=f"{p.received_at.astimezone(tz):%d-%m-%Y %H:%M}",
            attempts=p.attempts,
            error=p.error or "?",
        )
        for p in parked
    ]
    return "\n".join(lines)
