"""Reply: what the bot did in a chat while it processed one action of a person."""

from dataclasses import dataclass

from emulator.chat_message import BotMessage


@dataclass(frozen=True)
class Reply:
    """``messages`` are the bot messages sent or edited in the chat while the update was
    processed, in order of first appearance and in their state at the end of processing;
    messages the bot deleted again are left out and listed in ``deleted_ids``.
    ``keyboard`` holds the reply-keyboard labels the person sees afterwards."""

    update_id: int
    processed: bool
    messages: list[BotMessage]
    deleted_ids: list[int]
    keyboard: list[str]
    callback_answered: bool = False
    callback_answer: str | None = None

    @property
    def text(self) -> str:
        return "\n".join(message.shown_text for message in self.messages)

    @property
    def last(self) -> BotMessage:
        if not self.messages:
            raise AssertionError(f"the bot sent or edited nothing for update {self.update_id}")
        return self.messages[-1]

    @property
    def buttons(self) -> list[str]:
        """Inline button labels of the last message that has an inline keyboard."""
        for message in reversed(self.messages):
            if message.inline_labels:
                return message.inline_labels
        return []
