"""Every message case handling queues has a view: it renders in each language, escapes what
people typed, and its buttons carry callback data the handlers can read back."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from i18n import LANGUAGES
from models.cases.card import (
    PEOPLE_ON_CARD,
    CardActions,
    CardPerson,
    CaseCard,
    PeoplePage,
    UnnamedPeople,
)
from models.cases.duplicates import DUPLICATE, REPEAT, Found, LinksNotice
from models.cases.lists import CaseLine
from models.cases.messages import (
    AssignedToYou,
    FromOffice,
    FromReporter,
    ReferralDoneNotice,
    ReferredToYou,
    WaitingInGroup,
)
from models.cases.notices import NewCaseNotice
from models.people.reachability import ReporterUnreachable, TeamMemberUnreachable
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
from models.storage.tables import CaseStatus
from views.case_buttons import Action, parse_case_data, parse_checkin_data
from views.case_card import card, card_buttons, people
from views.reminders import CONTINUE_REPORT
from views.renderer import render

HOSTILE = 'Budi <Sasak> & "Co"'
ESCAPED = "Budi &lt;Sasak&gt; &amp;"
LINE = CaseLine(7, "KBR-2026-0007", CaseStatus.BARU, True, "52", "52.03", 3)
HOURS = timedelta(hours=5)

MESSAGES: list[object] = [
    NewCaseNotice(LINE, ("transport", "other"), HOSTILE),
    NewCaseNotice(LINE, ("transport",), None, HOSTILE),
    AssignedToYou(7, "KBR-2026-0007"),
    ReferredToYou(7, "KBR-2026-0007", HOSTILE, HOSTILE),
    ReferralDoneNotice(7, "KBR-2026-0007"),
    FromOffice(7, "KBR-2026-0007", HOSTILE),
    FromReporter(7, "KBR-2026-0007", HOSTILE),
    WaitingInGroup(7, "KBR-2026-0007"),
    LinksNotice(
        7,
        "KBR-2026-0007",
        (
            Found(3, "KBR-2026-0003", "ditangani", DUPLICATE, "nik"),
            Found(2, "KBR-2026-0002", "selesai", REPEAT, "phone"),
        ),
    ),
    ReporterUnreachable(7, "KBR-2026-0007"),
    TeamMemberUnreachable(HOSTILE),
    *[
        CaseReminder(7, about, offer)
        for about in (
            Unassigned(LINE, HOURS),
            Idle("KBR-2026-0007", CaseStatus.DITANGANI, HOURS),
            IdleForAdmins("KBR-2026-0007", CaseStatus.DITANGANI, HOURS, 4, HOSTILE),
            IdleForAdmins("KBR-2026-0007", CaseStatus.DITANGANI, HOURS, 4, None),
            IdleForAdmins("KBR-2026-0007", CaseStatus.DITANGANI, HOURS, None, None),
            WaitingReferral("KBR-2026-0007", HOSTILE, HOURS),
            CheckinSilent("KBR-2026-0007", HOURS),
            CheckinNotYet("KBR-2026-0007"),
        )
        for offer in Offer
    ],
    IntakeReminder(),
    CheckinQuestion(7, "KBR-2026-0007"),
]


def _callbacks(markup: dict[str, Any] | None) -> list[str]:
    rows = markup["inline_keyboard"] if markup else []
    return [button["callback_data"] for row in rows for button in row]


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
@pytest.mark.parametrize("message", MESSAGES, ids=lambda m: type(m).__name__)
def test_every_queued_message_has_a_view(message: object, lang: str) -> None:
    shown = render(message, lang)
    assert shown.text.strip() and len(shown.text) < 4096
    assert "<Sasak>" not in shown.text
    for data in _callbacks(shown.reply_markup):
        readable = parse_case_data(data) or parse_checkin_data(data) or data == CONTINUE_REPORT
        assert readable, data


@pytest.mark.parametrize(
    "message",
    [
        ReferredToYou(7, "KBR-2026-0007", "Dinkes", HOSTILE),
        FromOffice(7, "KBR-2026-0007", HOSTILE),
        FromReporter(7, "KBR-2026-0007", HOSTILE),
        TeamMemberUnreachable(HOSTILE),
    ],
    ids=lambda m: type(m).__name__,
)
def test_what_people_typed_arrives_escaped(message: object) -> None:
    assert ESCAPED in render(message, "id").text


def test_the_group_notice_names_no_one_and_offers_take_open_verify() -> None:
    shown = render(NewCaseNotice(LINE, ("transport",), None), "id")
    actions = [parse_case_data(d).action for d in _callbacks(shown.reply_markup)]  # type: ignore[union-attr]
    assert actions == [Action.TAKE, Action.OPEN, Action.VERIFY]
    assert "KBR-2026-0007" in shown.text and "MENDESAK" in shown.text


def test_a_notice_of_an_assigned_case_names_the_assignee_and_offers_no_take() -> None:
    shown = render(NewCaseNotice(LINE, ("transport",), None, HOSTILE), "id")
    actions = [parse_case_data(d).action for d in _callbacks(shown.reply_markup)]  # type: ignore[union-attr]
    assert actions == [Action.OPEN, Action.VERIFY]
    assert f"Petugas: {ESCAPED}" in shown.text


def _card(
    people_rows: tuple[CardPerson, ...], unnamed: tuple[UnnamedPeople, ...], **kw: Any
) -> str:
    fields: dict[str, Any] = {f.name: None for f in dataclasses.fields(CaseCard)}
    fields.update(
        case_id=7, number="KBR-2026-0007", status="baru", urgent=False,
        created_at=datetime(2026, 12, 1, tzinfo=UTC), source="self", people=people_rows,
        unnamed=unnamed, needs=(), checklist=(), referrals=(), links=(), photos=0, voices=0,
        recruiters=(), actions=CardActions(),
    )  # fmt: skip
    fields.update(kw)
    return card(CaseCard(**fields), "id", UTC).text


def test_the_card_counts_every_person_and_labels_status_and_condition() -> None:
    siti = CardPerson(1, 1, "Siti", None, None, "menunggu", ("sick",), 30, None)
    text = _card(
        (siti,), (UnnamedPeople("menunggu", 2),), people_total=3, named_total=1, group_size=3
    )
    assert "Orang: 3</b> (1 dengan nama, 2 tanpa nama)" in text
    assert "Status: menunggu · Kondisi: Sakit / terluka" in text
    assert "• 2 orang tanpa nama · Status: menunggu" in text
    assert "dilaporkan 3" not in text
    # An older case that recorded fewer people than were reported says so.
    text = _card((siti,), (), people_total=1, named_total=1, group_size=3)
    assert "Orang: 1</b> · dilaporkan 3 orang" in text
    # More named people than the card lists: the rest are counted.
    many = tuple(
        CardPerson(i, i, f"Orang {i}", None, None, "menunggu", (), None, None)
        for i in range(1, PEOPLE_ON_CARD + 1)
    )
    text = _card(many, (), people_total=25, named_total=25, group_size=25)
    assert "… dan 15 orang lagi" in text


def test_reminder_buttons_follow_what_the_reader_may_do() -> None:
    def actions(offer: Offer) -> list[Action]:
        shown = render(CaseReminder(7, CheckinNotYet("KBR-2026-0007"), offer), "id")
        return [parse_case_data(d).action for d in _callbacks(shown.reply_markup)]  # type: ignore[union-attr]

    assert actions(Offer.STAFF) == [Action.TAKE, Action.OPEN, Action.SNOOZE]
    assert actions(Offer.ASSIGNEE) == [Action.OPEN, Action.SNOOZE]
    assert actions(Offer.PARTNER) == [Action.OPEN]


def test_card_buttons_are_the_actions_the_access_rules_chose() -> None:
    def pressed(actions: CardActions) -> list[tuple[Action, int | None]]:
        rows = card_buttons(7, actions, "id")
        parsed = [parse_case_data(data) for row in rows for _, data in row]
        return [(p.action, p.ref) for p in parsed if p is not None]

    everyone = [(Action.PEOPLE, None), (Action.PHOTOS, None), (Action.HISTORY, None)]
    assert pressed(CardActions()) == everyone
    assert pressed(CardActions(note=True, close_referrals=(11,))) == [
        (Action.NOTE, None), (Action.REFERRAL_DONE, 11), *everyone,
    ]  # fmt: skip
    staff = pressed(
        CardActions(take=True, assign=True, moves=(CaseStatus.DIVERIFIKASI,), handle=True)
    )
    assert staff[:3] == [(Action.TAKE, None), (Action.ASSIGN, None), (Action.STATUS, None)]
    assert (Action.REOPEN, None) not in staff and (Action.MESSAGE, None) in staff


def test_the_people_page_escapes_names_and_pages() -> None:
    person = CardPerson(40, 1, HOSTILE, None, None, "dirawat", (), 30, None)
    page = PeoplePage(7, "KBR-2026-0007", (person,), page=1, pages=3, can_set_status=True)
    view = people(page, "id")
    assert ESCAPED in view.text and "(2/3)" in view.text
    labels = [label for row in view.buttons for label, _ in row]
    assert labels[0].startswith("1. Budi <Sasak>")  # labels are plain text
    assert labels[1:3] == ["◀", "▶"]
