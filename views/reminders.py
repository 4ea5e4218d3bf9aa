"""The follow-up reminders (models/schedule/reminders.py) as people read them, with the buttons
each reader's role may use, and the answers to them (snoozed, checked in)."""

from __future__ import annotations

from datetime import datetime, tzinfo
from functools import singledispatch

from models.outbox.ports import Rendered
from models.schedule.reminders import (
    CaseReminder,
    CheckinNotYet,
    CheckinQuestion,
    CheckinSilent,
    Idle,
    IdleForAdmins,
    IntakeReminder,
    Offer,
    Unassigned,
    WaitingReferral,
)
from models.texts import Msg, msg
from views.answers import origin_label
from views.case_buttons import Action, Buttons, Row, checkin_data, keyboard
from views.case_card import button
from views.text import plain, render
from views.when import duration, local_datetime

# The reminder to continue a report opens it again through the main menu's button
# (handlers/render.py MENU_REPORT).
CONTINUE_REPORT = "m:report"


def case_reminder(reminder: CaseReminder, lang: str) -> Rendered:
    text = render(lang, reminder_text(reminder.about))
    return Rendered(text, keyboard(reminder_buttons(reminder.case_id, reminder.offer, lang)))


def reminder_buttons(case_id: int, offer: Offer, lang: str) -> Buttons:
    take = button(lang, "btn.case_take", case_id, Action.TAKE)
    open_ = button(lang, "btn.case_open", case_id, Action.OPEN)
    snooze = button(lang, "btn.snooze", case_id, Action.SNOOZE)
    if offer == Offer.PARTNER:
        return [[open_]]
    if offer == Offer.ASSIGNEE:
        return [[open_, snooze]]
    return [[take, open_], [snooze]]


@singledispatch
def reminder_text(about: object) -> Msg:
    raise TypeError(f"no reminder text for {type(about).__name__}")


@reminder_text.register
def _(about: Unassigned) -> Msg:
    case = about.case
    return msg(
        "rem.unassigned",
        number=case.number,
        urgent=msg("rem.urgent_mark") if case.urgent else "",
        age=duration(about.waited),
        origin=origin_label(case.origin_province_code, case.origin_regency_code),
        group=case.group_size,
    )


@reminder_text.register
def _(about: Idle) -> Msg:
    return msg(
        "rem.idle",
        number=about.number,
        status=msg(f"status.{about.status}"),
        age=duration(about.idle),
    )


@reminder_text.register
def _(about: IdleForAdmins) -> Msg:
    assignee: Msg | str
    if about.assignee_id is None:
        assignee = msg("rem.nobody")
    else:
        assignee = about.assignee_name or msg("rem.someone", id=about.assignee_id)
    return msg(
        "rem.idle_admin",
        number=about.number,
        status=msg(f"status.{about.status}"),
        age=duration(about.idle),
        assignee=assignee,
    )


@reminder_text.register
def _(about: WaitingReferral) -> Msg:
    return msg("rem.referral", number=about.number, agency=about.agency, age=duration(about.waited))


@reminder_text.register
def _(about: CheckinSilent) -> Msg:
    return msg("rem.checkin_silent", number=about.number, age=duration(about.since_home))


@reminder_text.register
def _(about: CheckinNotYet) -> Msg:
    return msg("rem.checkin_no", number=about.number)


def intake_reminder(_reminder: IntakeReminder, lang: str) -> Rendered:
    rows = [[(plain(lang, msg("btn.continue_report")), CONTINUE_REPORT)]]
    return Rendered(render(lang, msg("rem.intake")), keyboard(rows))


def checkin_question(question: CheckinQuestion, lang: str) -> Rendered:
    text = render(lang, msg("checkin.ask", number=question.number))
    return Rendered(text, keyboard(checkin_buttons(question.case_id, lang)))


def checkin_buttons(case_id: int, lang: str, *, ask_no: bool = True) -> Buttons:
    """The "arrived" and "not yet" buttons; after a "not yet", "arrived" stays for later."""
    row: Row = [(plain(lang, msg("btn.checkin_yes")), checkin_data(case_id, True))]
    if ask_no:
        row.append((plain(lang, msg("btn.checkin_no")), checkin_data(case_id, False)))
    return [row]


def checkin_answer(arrived: bool) -> Msg:
    """The answer in words, as the case history and the answered question show it."""
    return msg("checkin.answer_yes" if arrived else "checkin.answer_no")


def snoozed(number: str, until: datetime, tz: tzinfo, lang: str) -> str:
    """The toast after "snooze": until when, in local time (plain text)."""
    return plain(lang, msg("snooze.done", number=number, until=local_datetime(until, tz)))
