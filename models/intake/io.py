"""What a person can send (inputs) and what the conversation answers (outcomes)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from models.texts import Msg


@dataclass(frozen=True)
class TextIn:
    text: str


@dataclass(frozen=True)
class ChoiceIn:
    """A tapped inline button: the step it belongs to and its value."""

    step: str
    value: str


@dataclass(frozen=True)
class CommandIn:
    name: str
    arg: str = ""


@dataclass(frozen=True)
class ContactIn:
    phone: str
    own: bool


@dataclass(frozen=True)
class LocationIn:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class FileIn:
    kind: Literal["photo", "document", "voice"]
    file_id: str
    unique_id: str


def keep_file(
    data: dict[str, Any], file: FileIn, *, purpose: str | None, early: bool = False
) -> None:
    """Keeps a photo, document or voice note on the draft; the case stores them as attachments.

    `purpose` is what a photo shows (asked at the photo step; None until then) or the question
    a voice note was sent at; `early` marks a photo sent before the photo step asked for it.
    """
    item: dict[str, Any] = {
        "kind": file.kind,
        "file_id": file.file_id,
        "unique_id": file.unique_id,
        "purpose": purpose,
    }
    if early:
        item["early"] = True
    data.setdefault("files", []).append(item)


@dataclass(frozen=True)
class OtherIn:
    """Anything the conversation cannot use: a sticker, a video, an edited message..."""

    kind: str


# The kinds of input with a hint of their own (`hint.unexpected_<kind>` in the catalogue); any
# other kind gets the general `hint.unexpected`.
HINTED_KINDS = ("sticker", "edited", "photo", "document", "voice", "contact", "location")


Input = TextIn | ChoiceIn | CommandIn | ContactIn | LocationIn | FileIn | OtherIn


@dataclass(frozen=True)
class Button:
    label: Msg | str
    value: str


@dataclass(frozen=True)
class Recap:
    """Answers read back to the person as a question's text; the views lay them out.

    `kind` is "summary" (a person's own report), "osummary" (an officer's group report) or
    "members" (the group listed so far) or "received" (what a shared contact or location
    gave, said where the share keyboard goes); `answers` is a copy of the draft's answers.
    """

    kind: Literal["summary", "osummary", "members", "received"]
    answers: Mapping[str, Any]


@dataclass(frozen=True)
class Question:
    """A question with its inline buttons, or a reply keyboard that asks for contact/location."""

    step: str
    text: Msg | Recap
    rows: tuple[tuple[Button, ...], ...] = ()
    request: Literal["contact", "location"] | None = None
    # Plain reply-keyboard buttons shown under the request button (e.g. "skip").
    reply_buttons: tuple[Button, ...] = ()


@dataclass
class Outcome:
    """What to show: notices first, then the question (or a closing text)."""

    notices: list[Msg] = field(default_factory=list)
    question: Question | None = None
    # The reader's language (the account's choice).
    language: str = "id"
    # Re-draw the tapped message (a toggle or a page) instead of sending a new one.
    edit_in_place: bool = False
    # A tapped button was taken as the answer; its message may be marked as answered.
    choice_accepted: bool = False
    closing: Msg | None = None
    # Show the main menu buttons under the closing text (no report in progress).
    offer_menu: bool = False
    # The person has an open report: offer "new report" and "my reports" under the closing text.
    offer_open_case_menu: bool = False
    # The contact/location keyboard of the previous question must go.
    remove_keyboard: bool = False
    submitted_case_id: int | None = None
    dialog_id: int | None = None
    # Whose intake: "intake" (a person's own report) or "officer" (/lapor, about a group).
    flow: str = "intake"
    # The tapped button belongs to an earlier question.
    stale: bool = False
    # Said with the removal of a share keyboard when the next question has inline buttons
    # (one message cannot carry both): what the contact or location gave.
    keyboard_gone: Recap | None = None
    # Shown under a multi-select question when "Selesai" closes it: the options chosen.
    answered: Msg | None = None
