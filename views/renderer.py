"""The views' side of the domain's `Renderer` port: one dispatch from message type to view.

Each views module registers the messages it renders here, with `@render.register`; bot/ passes
`render` to the domain code that queues messages (models.outbox.ports.Renderer).
"""

from __future__ import annotations

from functools import singledispatch

from models.cases import messages as case_messages
from models.cases.duplicates import LinksNotice
from models.cases.notices import NewCaseNotice
from models.outbox.ports import Rendered
from models.people.reachability import ReporterUnreachable, TeamMemberUnreachable
from models.schedule.departures import ArrivalOverdue, DepartureSoon
from models.schedule.reminders import CaseReminder, CheckinQuestion, IntakeReminder
from views import case_notices, reminders, repatriation


@singledispatch
def render(message: object, lang: str) -> Rendered:
    raise TypeError(f"no view renders {type(message).__name__}")


# -- Case handling: notices, relayed messages, reminders (views/case_notices.py, reminders.py)

render.register(NewCaseNotice, case_notices.new_case_notice)
render.register(case_messages.AssignedToYou, case_notices.assigned_to_you)
render.register(case_messages.ReferredToYou, case_notices.referred_to_you)
render.register(case_messages.ReferralDoneNotice, case_notices.referral_done)
render.register(case_messages.FromOffice, case_notices.from_office)
render.register(case_messages.FromReporter, case_notices.from_reporter)
render.register(case_messages.WaitingInGroup, case_notices.waiting_in_group)
render.register(LinksNotice, case_notices.links_notice)
render.register(ReporterUnreachable, case_notices.reporter_unreachable)
render.register(TeamMemberUnreachable, case_notices.team_member_unreachable)
render.register(CaseReminder, reminders.case_reminder)
render.register(IntakeReminder, reminders.intake_reminder)
render.register(CheckinQuestion, reminders.checkin_question)

# -- Sending people home: departure and overdue-arrival reminders (views/repatriation.py)

render.register(DepartureSoon, repatriation.departure_soon)
render.register(ArrivalOverdue, repatriation.arrival_overdue)
