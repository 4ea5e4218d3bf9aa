"""Turning a person's action into an update and waiting until the bot has processed it."""

import asyncio
from typing import Any

from emulator.chat_message import BotMessage
from emulator.markup import keyboard_labels
from emulator.reply import Reply
from emulator.state import ChatRecord, EmulatorState
from emulator.updates import update_kind

MESSAGE_EVENTS = ("message", "edit", "delete")


class ActionRunner:
    def __init__(self, state: EmulatorState, reply_timeout: float) -> None:
        self.state = state
        self.reply_timeout = reply_timeout
        self.seen: dict[int, int] = {}

    async def run(
        self,
        record: ChatRecord,
        user_id: int,
        kind: str,
        payload: dict[str, Any],
        *,
        wait: bool,
        within: float | None,
        journal_start: int,
        callback_query_id: str | None = None,
        may_be_dropped: bool = False,
    ) -> Reply:
        update_id = self.state.push_update(kind, payload)
        if wait:
            await self.wait_processed(
                update_id,
                within,
                callback_query_id=callback_query_id,
                may_be_dropped=may_be_dropped,
            )
        return self.collect(record, user_id, update_id, journal_start, callback_query_id, wait)

    async def wait_processed(
        self,
        update_id: int,
        within: float | None = None,
        *,
        callback_query_id: str | None = None,
        may_be_dropped: bool = False,
    ) -> None:
        """Wait until the bot confirmed ``update_id`` (its getUpdates carries an offset above
        it) and, where a test installed `processed_check`, until that says it is handled.
        `may_be_dropped`: an update the bot did not ask for (allowed_updates) returns at once
        once Telegram dropped it, instead of failing."""
        updates = self.state.updates
        seconds = self.reply_timeout if within is None else within
        check = self.state.processed_check

        def confirmed() -> bool:
            return updates.is_confirmed(update_id) or update_id in updates.filtered_out

        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        if not await self.state.signal.wait_until(confirmed, seconds):
            raise AssertionError(
                f"the bot did not confirm update {update_id} within {seconds}s (no getUpdates "
                f"with offset > {update_id}).\n{self.diagnostics()}"
            )
        if update_id in updates.filtered_out:
            if may_be_dropped:
                return
            raise AssertionError(
                f"update {update_id} was dropped: the bot's allowed_updates "
                f"{sorted(updates.allowed or [])} exclude it"
            )
        # A bot that stores updates before confirming them has not handled them yet: ask it
        # (and, for a tapped button, wait for its answer, which comes after the bot's commit).
        query = self.state.callback_queries.get(callback_query_id or "")

        def handled() -> bool:
            assert check is not None
            return check(update_id) and (query is None or query.answered)

        while check is not None and not handled():
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(
                    f"the bot confirmed update {update_id} but did not finish handling it "
                    f"within {seconds}s.\n{self.diagnostics()}"
                )
            await self.state.signal.wait_until(lambda: False, min(0.01, remaining))

    def diagnostics(self) -> str:
        calls = [
            f"  {c.method} {'ok' if c.ok else c.description} params={c.params!r:.200}"
            for c in self.state.calls[-10:]
        ]
        pending = [update_kind(u) for u in self.state.updates.pending]
        return "\n".join(
            [
                "Last calls:",
                *(calls or ["  (none)"]),
                f"Pending updates: {pending}",
                "Violations:",
                *(f"  {v}" for v in self.state.violations),
            ]
        )

    def collect(
        self,
        record: ChatRecord,
        user_id: int,
        update_id: int,
        journal_start: int,
        callback_query_id: str | None,
        processed: bool,
    ) -> Reply:
        journal = self.state.journal
        message_ids: list[int] = []
        for event in journal[journal_start:]:
            if event["type"] in MESSAGE_EVENTS and event["chat_id"] == record.chat_id:
                message = event["message"]
                if message["from_bot"] and message["message_id"] not in message_ids:
                    message_ids.append(message["message_id"])
        if processed:
            self.seen[record.chat_id] = len(journal)
        stored = [record.messages[message_id] for message_id in message_ids]
        query = self.state.callback_queries.get(callback_query_id or "")
        return Reply(
            update_id=update_id,
            processed=processed,
            messages=[BotMessage.of(m) for m in stored if not m.deleted],
            deleted_ids=[m.data["message_id"] for m in stored if m.deleted],
            keyboard=keyboard_labels(record.keyboard_of(user_id)),
            callback_answered=query is not None and query.answered,
            callback_answer=query.answer_text if query is not None else None,
        )
