"""The bot's update queue with Telegram's getUpdates semantics (offset, limit, long polling),
delivered instead by POST while a webhook is set (emulator/webhook.py)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from emulator.errors import ApiError
from emulator.signal import ChangeSignal

if TYPE_CHECKING:
    from emulator.webhook import Webhook

NOT_DELIVERED_BY_DEFAULT = {"chat_member", "message_reaction", "message_reaction_count"}
CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)


def update_kind(update: dict[str, Any]) -> str:
    return next(key for key in update if key != "update_id")


class UpdateQueue:
    def __init__(self, signal: ChangeSignal) -> None:
        self.signal = signal
        self.pending: list[dict[str, Any]] = []
        self.next_id = 1
        self.confirmed_below = 1
        self.filtered_out: set[int] = set()
        self.allowed: set[str] | None = None
        self.poll_count = 0
        self.closed = False
        # Set by setWebhook: updates are then POSTed to the bot, and getUpdates answers 409.
        self.webhook: Webhook | None = None
        # Updates a webhook delivery confirmed (a 2xx), in any order.
        self.delivered: set[int] = set()

    def push(self, kind: str, payload: dict[str, Any]) -> int:
        update_id = self.next_id
        self.next_id += 1
        self.pending.append({"update_id": update_id, kind: payload})
        self.signal.fire()
        return update_id

    def is_confirmed(self, update_id: int) -> bool:
        return update_id < self.confirmed_below or update_id in self.delivered

    def confirm_delivered(self, update_id: int) -> None:
        """The bot answered a webhook request for this update with a 2xx."""
        self.delivered.add(update_id)
        self.pending = [u for u in self.pending if u["update_id"] != update_id]
        self.signal.fire()

    def drop_pending(self) -> None:
        self.pending.clear()
        self.confirmed_below = self.next_id
        self.signal.fire()

    def confirm(self, offset: int) -> None:
        if offset < 0:
            kept = self.pending[offset:]
            if kept:
                self.confirmed_below = max(self.confirmed_below, kept[0]["update_id"])
            self.pending = kept
        elif offset > 0:
            self.confirmed_below = max(self.confirmed_below, min(offset, self.next_id))
            self.pending = [u for u in self.pending if u["update_id"] >= offset]

    def is_allowed(self, update: dict[str, Any]) -> bool:
        kind = update_kind(update)
        if self.allowed is None:
            return kind not in NOT_DELIVERED_BY_DEFAULT
        return kind in self.allowed

    def deliverable(self, limit: int) -> list[dict[str, Any]]:
        """Pending updates the bot asked for; others are dropped as Telegram does."""
        for update in self.pending:
            if not self.is_allowed(update):
                self.filtered_out.add(update["update_id"])
        self.pending = [u for u in self.pending if u["update_id"] not in self.filtered_out]
        return self.pending[:limit]

    async def get_updates(
        self, offset: int, limit: int, poll_seconds: int, allowed_updates: list[str] | None
    ) -> list[dict[str, Any]]:
        if self.webhook is not None:
            raise ApiError(409, WEBHOOK_ACTIVE)
        self.poll_count += 1
        this_poll = self.poll_count
        if allowed_updates is not None:
            self.allowed = set(allowed_updates) or None
        self.confirm(offset)
        self.signal.fire()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + poll_seconds
        while True:
            batch = self.deliverable(max(1, min(limit, 100)))
            remaining = deadline - loop.time()
            if batch or remaining <= 0 or self.closed:
                return batch
            await self.signal.wait_until(
                lambda: (
                    bool(self.pending)
                    or self.poll_count != this_poll
                    or self.closed
                    or self.webhook is not None
                ),
                remaining,
            )
            if self.webhook is not None:
                raise ApiError(409, WEBHOOK_ACTIVE)
            if self.poll_count != this_poll:
                raise ApiError(409, CONFLICT)

    def close(self) -> None:
        self.closed = True
        self.signal.fire()
