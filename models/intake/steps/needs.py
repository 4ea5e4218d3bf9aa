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
from models.intake.typed import says_nobody, yes_or_no
from models.reference.validation import small_number
from models.texts import Join, Msg, msg
from models.understanding.conditions import find_conditions
from models.understanding.needs import find_needs

NEEDS = ("transport", "food", "shelter", "health", "wages_legal", "other")
# The words a person typed about health and vulnerability, kept for staff (draft key).
URGENCY_WORDS = "vulnerabilities_text"
VULNERABILITIES = ("sick", "pregnant", "child", "elderly", "disabled")
PHOTO_PURPOSES = ("ktp", "document", "situation")


class Needs(MultiStep):
    """Stores the needs ticked or typed ("pulang dan makan"); asks the urgency (or the story)."""

    free_text = True

    def __init__(self) -> None:
        super().__init__(Step.NEEDS, "needs", NEEDS, none=False)

    def on_text(self, c: Ctx, text: str) -> Result:
        """Ticks the needs the words name, keeps words naming none as "other"; goes on."""
        value = clean_text(text)
        if len(value) > LONG_TEXT_MAX:
            return Retry(msg("error.too_long", limit=LONG_TEXT_MAX))
        found = set(find_needs(value))
        if not found:
            if len(value) < 2 or yes_or_no(value) is not None:
                # "ya", "gak": no need named; with some ticked, a yes closes the list.
                if c.data.get("needs") and yes_or_no(value) == "yes":
                    return self.after_done(c)
                return Retry(msg("again.needs"))
            found = {"other"}
        if "other" in found:
            c.data["needs_other"] = value
        self.tick(c, found)
        return self.after_done(c)

    def chosen(self, c: Ctx) -> Msg:
        needs = c.data.get("needs", [])
        items: list[Msg | str] = [msg(f"opt.needs.{o}") for o in needs if o != "other"]
        if "other" in needs:
            items.append(msg("value.other", text=c.data.get("needs_other") or ""))
        return msg("value.chosen", items=Join(tuple(items)))

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
    """Stores who is sick, pregnant, a child, elderly or disabled, tapped or typed; asks photos."""

    free_text = True

    def __init__(self) -> None:
        super().__init__(Step.URGENCY, "vulnerabilities", VULNERABILITIES, none=True)

    def on_text(self, c: Ctx, text: str) -> Result:
        """ "anak saya panas dari kemarin" ticks sick and child; "sehat semua" is none.

        A typed condition is never recorded as none: an answer that names one only to deny
        it ("tidak ada yang sakit"), or says none with doubt, is asked again with the buttons.
        The words are kept for staff (`vulnerabilities_text`).
        """
        value = clean_text(text)
        found = find_conditions(value)
        if found.vulnerabilities:
            self.tick(c, set(found.vulnerabilities))
            said = c.data.get(URGENCY_WORDS)
            c.data[URGENCY_WORDS] = f"{said} / {value}" if said else value
            return Advance()
        if found.none and not found.denied:
            c.data.setdefault(self.field, [])
            return Advance()
        return Retry(msg("again.urgency"))


class Photos(StepDef):
    """Stores each photo or document and what it shows; at "Selesai" shows the summary."""

    step = Step.PHOTOS

    def ask(self, c: Ctx) -> Question:
        files = c.data.get("files", [])
        is_photo = [f["kind"] in ("photo", "document") for f in files]
        photos = [f for f, photo in zip(files, is_photo, strict=True) if photo]
        # The first photo not yet described (voice notes and photos sent early are in `files`).
        unlabelled = [i for i, f in enumerate(files) if is_photo[i] and f.get("purpose") is None]
        if unlabelled:
            index = unlabelled[0]
            buttons = [Button(msg(f"opt.photo.{p}"), f"k:{index}:{p}") for p in PHOTO_PURPOSES]
            early = files[index].get("early", False)
            return Question(
                self.step,
                msg(
                    "ask.photo_kind_early" if early else "ask.photo_kind",
                    count=sum(is_photo[: index + 1]),
                ),
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
        files = c.data.setdefault("files", [])
        files.append({"kind": kind, "file_id": file_id, "unique_id": unique_id, "purpose": None})
        return Stay()

    def on_choice(self, c: Ctx, value: str) -> Result:
        parts = value.split(":")
        files = c.data.get("files", [])
        index = small_number(parts[1], most=1000) if len(parts) == 3 else None
        if index is not None and parts[0] == "k":
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
        # "tidak ada", "gak ada foto", "sudah": nothing (more) to send.
        if yes_or_no(text) == "no" or says_nobody(text):
            return self.on_choice(c, "done")
        return Retry(msg("hint.photos"))
