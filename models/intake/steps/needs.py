"""What the person needs, how vulnerable anyone in the group is, and their photos."""

from __future__ import annotations

from models.intake.io import Button, Question
from models.intake.steps.base import (
    LONG_TEXT_MAX,
    Advance,
    Ctx,
    Result,
    Retry,
    Stay,
    Step,
    StepDef,
    clean_text,
)
from models.intake.steps.kinds import MultiStep, TextStep
from models.texts import msg

NEEDS = ("transport", "food", "shelter", "health", "wages_legal", "other")
VULNERABILITIES = ("sick", "pregnant", "child", "elderly", "disabled")
PHOTO_PURPOSES = ("ktp", "document", "situation")


class Needs(MultiStep):
    """Stores the needs ticked, or typed as "other"; asks the urgency (officers: the story)."""

    free_text = True

    def __init__(self) -> None:
        super().__init__(Step.NEEDS, "needs", NEEDS, none=False)

    def on_text(self, c: Ctx, text: str) -> Result:
        value = clean_text(text)
        if len(value) > LONG_TEXT_MAX:
            return Retry(msg("error.too_long", limit=LONG_TEXT_MAX))
        c.data["needs_other"] = value
        if "other" not in c.data.get("needs", []):
            c.data["needs"] = [*c.data.get("needs", []), "other"]
        return Stay([msg("note.need_noted")])

    def after_done(self, c: Ctx) -> Result:
        if "other" in c.data["needs"] and not c.data.get("needs_other"):
            return Advance(Step.NEEDS_OTHER)
        if "other" not in c.data["needs"]:
            c.data["needs_other"] = None
        return Advance()


class NeedsOther(TextStep):
    """Stores what the "other" need is; asks the urgency (officers: the story)."""

    def __init__(self) -> None:
        super().__init__(Step.NEEDS_OTHER, "needs_other", skip=None, max_len=LONG_TEXT_MAX)


class Urgency(MultiStep):
    """Stores who is sick, pregnant, a child, elderly or disabled (or none); asks for photos."""

    def __init__(self) -> None:
        super().__init__(Step.URGENCY, "vulnerabilities", VULNERABILITIES, none=True)


class Photos(StepDef):
    """Stores each photo or document and what it shows; at "Selesai" shows the summary."""

    step = Step.PHOTOS

    def ask(self, c: Ctx) -> Question:
        files = c.data.get("files", [])
        photos = [f for f in files if f["kind"] in ("photo", "document")]
        if photos and photos[-1].get("purpose") is None:
            index = len(files) - 1
            buttons = [Button(msg(f"opt.photo.{p}"), f"k:{index}:{p}") for p in PHOTO_PURPOSES]
            return Question(
                self.step,
                msg("ask.photo_kind", count=len(photos)),
                (tuple(buttons), (Button(msg("btn.photos_done"), "done"),)),
            )
        if photos:
            return Question(
                self.step,
                msg("ask.photos_more", count=len(photos)),
                ((Button(msg("btn.photos_done"), "done"),),),
            )
        return Question(self.step, msg("ask.photos"), ((Button(msg("btn.skip"), "done"),),))

    def on_file(self, c: Ctx, kind: str, file_id: str, unique_id: str) -> Result:
        if kind == "voice":
            return super().on_file(c, kind, file_id, unique_id)
        files = c.data.setdefault("files", [])
        files.append({"kind": kind, "file_id": file_id, "unique_id": unique_id, "purpose": None})
        return Stay()

    def on_choice(self, c: Ctx, value: str) -> Result:
        parts = value.split(":")
        files = c.data.get("files", [])
        if len(parts) == 3 and parts[0] == "k" and parts[1].isdigit():
            index = int(parts[1])
            if index < len(files) and parts[2] in PHOTO_PURPOSES:
                files[index]["purpose"] = parts[2]
                return Stay()
        if value == "done":
            for item in files:
                if item["kind"] != "voice" and item.get("purpose") is None:
                    item["purpose"] = "situation"
            return Advance()
        return super().on_choice(c, value)

    def on_text(self, c: Ctx, text: str) -> Result:
        return Retry(msg("hint.photos"))
