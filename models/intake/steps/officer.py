"""A field officer's report for someone else, often a whole group: the officer's word on
consent, the members, the work site, the group's story and the group's summary."""

from __future__ import annotations

from models.intake.io import Button, Question, Recap
from models.intake.members import parse_members
from models.intake.steps.base import (
    SHORT_TEXT_MAX,
    Advance,
    Ctx,
    Result,
    Retry,
    Stay,
    Step,
    StepDef,
)
from models.intake.steps.consent import Consent
from models.intake.steps.kinds import TextStep
from models.intake.steps.needs import VULNERABILITIES
from models.intake.steps.review import Summary
from models.intake.steps.work import MAX_GROUP
from models.texts import Join, Msg, msg

STORY_MAX = 2000
MAX_MEMBERS = MAX_GROUP
PROBLEMS_LISTED = 8

OFFICER_SUMMARY_FIELDS = (
    Step.MEMBERS, Step.ORIGIN, Step.LOCATION, Step.RECRUITER, Step.EMPLOYER, Step.SITE,
    Step.WORK, Step.ENDED, Step.WAGES, Step.NEEDS, Step.STORY, Step.PHOTOS,
)  # fmt: skip


class OfficerConsent(Consent):
    """Stores the officer's word that consent was given; asks the members, or ends the report."""

    def __init__(self) -> None:
        super().__init__(Step.O_CONSENT, "ask.oconsent", "btn.oconsent_yes", "btn.oconsent_no")


class Members(StepDef):
    """Stores the members pasted as a list or sent line by line; asks the origin at "Selesai"."""

    step = Step.MEMBERS

    def ask(self, c: Ctx) -> Question:
        members = c.data.get("members", [])
        if not members:
            return Question(self.step, msg("ask.members"))
        return Question(
            self.step,
            Recap("members", {"members": list(members)}),
            ((Button(msg("btn.members_done"), "done"), Button(msg("btn.members_undo"), "undo")),),
        )

    def on_text(self, c: Ctx, text: str) -> Result:
        members, problems = parse_members(text, today=c.now.date())
        current = c.data.setdefault("members", [])
        known = {m["nik"] for m in current if m["nik"]}
        notices: list[Msg] = []
        added = 0
        for member in members:
            if member.nik and member.nik in known:
                notices.append(msg("members.same_nik", name=member.full_name))
                continue
            if len(current) >= MAX_MEMBERS:
                notices.append(msg("members.too_many", max=MAX_MEMBERS))
                break
            current.append(member.as_dict())
            known.add(member.nik)
            added += 1
        if problems:
            # One message for all the lines that were not taken (at most a few listed).
            listed: list[Msg | str] = [
                msg("members.line_problem", line=p.line, problem=msg(p.key))
                for p in problems[:PROBLEMS_LISTED]
            ]
            if len(problems) > PROBLEMS_LISTED:
                listed.append(msg("members.more_problems", count=len(problems) - PROBLEMS_LISTED))
            notices.append(msg("members.problems", lines=Join(tuple(listed), sep="\n")))
        if added:
            notices.insert(0, msg("members.added", count=added, total=len(current)))
        return Stay(notices)

    def on_choice(self, c: Ctx, value: str) -> Result:
        members = c.data.get("members", [])
        if value == "undo" and members:
            members.pop()
            return Stay(edit_in_place=True)
        if value == "done":
            if not members:
                return Retry(msg("error.members_none"))
            c.data["group_size"] = len(members)
            c.data["vulnerabilities"] = [
                v for v in VULNERABILITIES if any(v in m["vulnerabilities"] for m in members)
            ]
            return Advance()
        return super().on_choice(c, value)


class Site(TextStep):
    """Stores where the group worked (or none); asks the kind of work."""

    def __init__(self) -> None:
        super().__init__(Step.SITE, "work_site", skip="btn.dont_know", max_len=SHORT_TEXT_MAX)


class Story(TextStep):
    """Stores the group's story in the officer's words (or none); asks for photos."""

    def __init__(self) -> None:
        super().__init__(Step.STORY, "story", skip="btn.skip", max_len=STORY_MAX)


class OfficerSummary(Summary):
    """Stores nothing: asks the part to change (then back here), sends the report, or cancels."""

    step = Step.O_SUMMARY
    fields = OFFICER_SUMMARY_FIELDS
    recap = "osummary"
