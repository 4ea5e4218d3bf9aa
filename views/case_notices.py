"""Messages that case handling queues for people (registered in views/renderer.py): new-case
notices for the team, assignments, referrals, relayed messages, duplicate and repeat checks,
and "this person blocked the bot"."""

from __future__ import annotations

from models.cases.duplicates import NAME, LinksNotice
from models.cases.messages import (
    AssignedToYou,
    FromOffice,
    FromReporter,
    ReferralDoneNotice,
    ReferredToYou,
    WaitingInGroup,
)
from models.cases.notices import NewCaseNotice
from models.cases.relay import RELAYED_TEXT_MAX
from models.outbox.ports import Rendered
from models.people.reachability import ReporterUnreachable, TeamMemberUnreachable
from models.texts import Join, msg
from views.answers import clip, options_label, origin_label
from views.case_buttons import Action, Buttons, case_data, keyboard
from views.case_card import button
from views.text import plain, render

# A duplicate notice offers at most this many other cases to open (and always the new one).
LINKED_BUTTONS = 4


def _open(lang: str, case_id: int) -> tuple[str, str]:
    return button(lang, "btn.case_open", case_id, Action.OPEN)


def _rendered(text: str, rows: Buttons | None = None) -> Rendered:
    return Rendered(text, keyboard(rows) if rows else None)


def new_case_notice(notice: NewCaseNotice, lang: str) -> Rendered:
    """A short notice: number, urgency, origin, size, needs, and the assignee if there is one
    (then nobody is offered to take it). No reporter's name or NIK."""
    case = notice.case
    text = render(
        lang,
        msg(
            "notify.new_case",
            number=case.number,
            urgent=msg("notify.urgent") if case.urgent else "",
            origin=origin_label(case.origin_province_code, case.origin_regency_code),
            group=case.group_size,
            needs=options_label("needs", list(notice.needs), notice.needs_other),
        ),
    )
    take = [] if notice.assignee else [button(lang, "btn.case_take", case.case_id, Action.TAKE)]
    if notice.assignee:
        text += "\n" + render(lang, msg("notify.assignee", name=notice.assignee))
    rows = [
        [*take, _open(lang, case.case_id)],
        [button(lang, "btn.case_verify", case.case_id, Action.VERIFY)],
    ]
    return _rendered(text, rows)


def assigned_to_you(message: AssignedToYou, lang: str) -> Rendered:
    text = render(lang, msg("case.assigned_to_you", number=message.number))
    return _rendered(text, [[_open(lang, message.case_id)]])


def referred_to_you(message: ReferredToYou, lang: str) -> Rendered:
    text = render(
        lang,
        msg(
            "case.referred_to_you",
            number=message.number,
            agency=message.agency,
            note=clip(message.note, RELAYED_TEXT_MAX) or "—",
        ),
    )
    return _rendered(text, [[_open(lang, message.case_id)]])


def referral_done(message: ReferralDoneNotice, lang: str) -> Rendered:
    text = render(lang, msg("case.referral_done_notice", number=message.number))
    return _rendered(text, [[_open(lang, message.case_id)]])


def from_office(message: FromOffice, lang: str) -> Rendered:
    text = render(
        lang,
        msg(
            "relay.from_office",
            number=message.number,
            text=clip(message.text, RELAYED_TEXT_MAX),
        ),
    )
    return _rendered(text)


def from_reporter(message: FromReporter, lang: str) -> Rendered:
    text = render(
        lang,
        msg(
            "relay.from_reporter",
            number=message.number,
            text=clip(message.text, RELAYED_TEXT_MAX),
        ),
    )
    rows = [
        [
            button(lang, "btn.case_reply", message.case_id, Action.MESSAGE),
            _open(lang, message.case_id),
        ]
    ]
    return _rendered(text, rows)


def waiting_in_group(message: WaitingInGroup, lang: str) -> Rendered:
    text = render(lang, msg("relay.waiting_in_group", number=message.number))
    return _rendered(text, [[_open(lang, message.case_id)]])


def links_notice(notice: LinksNotice, lang: str) -> Rendered:
    """The new case number and one line per linked case. No NIK or phone.

    A match by name only is worded "mungkin sama dengan", with what speaks for it.
    """
    lines = tuple(
        msg(
            f"dup.line.{f.kind}_name",
            number=f.other_number,
            why=Join(tuple(msg(f"dup.why.{r}") for r in f.reasons), sep=", "),
            status=msg(f"status.{f.other_status}"),
        )
        if f.matched_on == NAME
        else msg(
            f"dup.line.{f.kind}",
            number=f.other_number,
            on=msg(f"dup.on.{f.matched_on}"),
            status=msg(f"status.{f.other_status}"),
        )
        for f in notice.found
    )
    text = render(
        lang,
        msg(
            "dup.notice.repeat" if notice.repeat else "dup.notice.duplicate",
            number=notice.number,
            lines=Join(lines, sep="\n"),
        ),
    )
    opened = [(f.other_case_id, f.other_number) for f in notice.found[:LINKED_BUTTONS]]
    rows = [
        [(plain(lang, msg("dup.btn.open", number=number)), case_data(case_id, Action.OPEN))]
        for case_id, number in [*opened, (notice.case_id, notice.number)]
    ]
    return _rendered(text, rows)


def reporter_unreachable(notice: ReporterUnreachable, lang: str) -> Rendered:
    return _rendered(render(lang, msg("rem.unreachable", number=notice.number)))


def team_member_unreachable(notice: TeamMemberUnreachable, lang: str) -> Rendered:
    return _rendered(render(lang, msg("rem.team_unreachable", name=notice.name)))
