"""ChatLog: a chat as the person sees it now, after edits and deletions."""

from emulator.chat_message import BotMessage
from emulator.signal import ChangeSignal
from emulator.state import EmulatorState


class ChatLog:
    def __init__(self, state: EmulatorState, chat_id: int, seen: dict[int, int]) -> None:
        self._state = state
        self.chat_id = chat_id
        self._seen = seen

    @property
    def messages(self) -> list[BotMessage]:
        """All messages still in the chat, from people and from the bot, oldest first."""
        record = self._state.chats.get(self.chat_id)
        if record is None:
            return []
        return [BotMessage.of(m) for m in record.messages.values() if not m.deleted]

    @property
    def bot_messages(self) -> list[BotMessage]:
        return [message for message in self.messages if message.from_bot]

    @property
    def last_bot_message(self) -> BotMessage | None:
        bot_messages = self.bot_messages
        return bot_messages[-1] if bot_messages else None

    async def wait_for_message(
        self,
        contains: str | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 - part of the documented test API
    ) -> BotMessage:
        """The next new bot message in this chat (containing ``contains``) that no Reply
        or earlier wait has returned yet; it may already have arrived."""
        journal = self._state.journal
        found: list[int] = []

        def arrived() -> bool:
            for index in range(self._seen.get(self.chat_id, 0), len(journal)):
                event = journal[index]
                if event["type"] != "message" or event["chat_id"] != self.chat_id:
                    continue
                shown = event["message"]["text"] or event["message"]["caption"] or ""
                if contains is None or contains in shown:
                    found.append(index)
                    return True
            return False

        signal: ChangeSignal = self._state.signal
        if not await signal.wait_until(arrived, timeout):
            recent = [m.shown_text for m in self.bot_messages[-5:]]
            raise AssertionError(
                f"no new bot message containing {contains!r} in chat {self.chat_id} "
                f"within {timeout}s; last bot messages: {recent}"
            )
        self._seen[self.chat_id] = found[0] + 1
        message_id = journal[found[0]]["message"]["message_id"]
        return BotMessage.of(self._state.chats[self.chat_id].messages[message_id])
