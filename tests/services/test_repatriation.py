"""Sending people home, on both databases: plans, enforced travel steps with their details,
who may take them, the Dipulangkan gate, referral-held checklist items, typed departure times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import Session, col, select

from models.cases import lifecycle
from models.cases.lifecycle import CHECKLIST, NotAllowed
from models.cases.records import NewCase, create_case
from models.people.accounts import get_or_create_account
from models.reference import regions
from models.repatriation import arrival, board, due
from models.repatriation.travel import (
    TRAVEL_TRANSITIONS,
    LegDraft,
    Move,
    default_destination,
    move,
    plan_travel,
    travels_of,
)
from models.repatriation.when import parse_departure
from models.storage.db import Database
from models.storage.tables import (
    Account,
    Agency,
    ArrivalMethod,
    Case,
    CaseEvent,
    CaseStatus,
    EventKind,
    Person,
    PersonStatus,
    Role,
    Travel,
    TravelMode,
    TravelReason,
    TravelStatus,
)
from views.case_buttons import (
    MAX_NUMBER,
    TravelAction,
    TravelCallback,
    parse_travel_data,
    travel_data,
)
from views.renderer import render

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
WIB = ZoneInfo("Asia/Jakarta")
T = TravelStatus
GROBOGAN = regions.get("33.15")


def _account(session: Session, telegram_id: int, role: Role) -> Account:
    account = get_or_create_account(
        session, telegram_user_id=telegram_id, language_code="id", now=NOW
    )
    account.role, account.display_name = role, f"#{telegram_id}"
    session.add(account)
    session.flush()
    return account


def _case(session: Session, reporter: Account, members: int = 3) -> Case:
    answers = {
        "full_name": "Siti",
        "needs": ["transport"],
        "group_size": members,
        "origin_province": "33",
        "origin_regency": "33.15",
    }
    case = create_case(session, NewCase(reporter, answers, None), now=NOW, year=2026)
    case.status = CaseStatus.DITANGANI
    session.add(case)
    return case


def _legs(start: datetime = NOW + timedelta(days=2)) -> list[LegDraft]:
    return [
        LegDraft(TravelMode.SHIP, "Pelabuhan Kumai", "Semarang", "KM Kirana", start),
        LegDraft(TravelMode.BUS, "Semarang", "Grobogan", None, start + timedelta(hours=30)),
    ]


def _plan(session: Session, case: Case, people: list[Person], staff: Account, escort=None):
    assert GROBOGAN is not None
    return plan_travel(
        session, case, people=people, destination=GROBOGAN, legs=_legs(), escort=escort,
        handover_point="Terminal Purwodadi", receiving_office="Dinas Sosial Grobogan",
        actor=staff, now=NOW,
    )  # fmt: skip


def _tick_all(session: Session, case: Case, actor: Account) -> None:
    for entry in CHECKLIST:
        if entry.required:
            lifecycle.toggle_checklist(session, case, entry.code, actor=actor, now=NOW)


def _send_off(session: Session, case: Case, travel: Travel, actor: Account) -> None:
    move(session, case, travel, Move(T.DIPESAN, booking_code="KRN-77"), actor=actor, now=NOW)
    move(
        session, case, travel, Move(T.TERBIT, ticket_number="TK-1", fare=350_000),
        actor=actor, now=NOW,
    )  # fmt: skip
    move(session, case, travel, Move(T.BERANGKAT), actor=actor, now=NOW)


def test_destination_is_prefilled_from_the_origin(db: Database) -> None:
    with db.session() as session:
        case = _case(session, _account(session, 1, Role.REPORTER))
        assert default_destination(case) == GROBOGAN
        case.origin_regency_code = None
        assert default_destination(case) is None


def test_a_plan_for_two_of_three_and_every_step_is_an_event(db: Database) -> None:
    with db.session() as session:
        staff = _account(session, 2, Role.STAFF)
        case = _case(session, _account(session, 1, Role.REPORTER))
        people = lifecycle.people_of(session, case.id)  # type: ignore[arg-type]
        plan = _plan(session, case, people[:2], staff)
        session.commit()
        travels = travels_of(session, case.id)  # type: ignore[arg-type]
        assert {t.person_id for t in travels.values()} == {people[0].id, people[1].id}
        assert all(t.status == T.DIRENCANAKAN and t.plan_id == plan.id for t in travels.values())
        first = travels[people[0].id]  # type: ignore[index]
        _send_off(session, case, first, staff)
        move(session, case, first, Move(T.DISERAHKAN, handed_to="Bu Ani"), actor=staff, now=NOW)
        move(session, case, first, Move(T.TIBA, method=ArrivalMethod.PHONE), actor=staff, now=NOW)
        session.commit()
    with db.session() as session:
        stored = session.get(Travel, first.id)
        assert stored is not None
        assert (stored.status, stored.booking_code, stored.ticket_number, stored.fare) == (
            T.TIBA, "KRN-77", "TK-1", 350_000,
        )  # fmt: skip
        assert (stored.handed_to, stored.arrival_method) == ("Bu Ani", ArrivalMethod.PHONE)
        steps = session.exec(
            select(CaseEvent)
            .where(CaseEvent.kind == EventKind.TRAVEL, CaseEvent.person_id == people[0].id)
            .order_by(col(CaseEvent.id))
        ).all()
        assert [(e.from_status, e.to_status) for e in steps] == [
            (None, T.DIRENCANAKAN),
            (T.DIRENCANAKAN, T.DIPESAN),
            (T.DIPESAN, T.TERBIT),
            (T.TERBIT, T.BERANGKAT),
            (T.BERANGKAT, T.DISERAHKAN),
            (T.DISERAHKAN, T.TIBA),
        ]
        assert all(e.actor_id == staff.id for e in steps)
        person = session.get(Person, people[0].id)
        assert person is not None and person.status == PersonStatus.DIPULANGKAN
        assert person.repatriated_at is not None


@pytest.mark.parametrize("start", list(TravelStatus))
def test_only_the_listed_travel_steps_are_allowed(db: Database, start: TravelStatus) -> None:
    details = {
        T.DIPESAN: Move(T.DIPESAN, booking_code="B1"),
        T.TERBIT: Move(T.TERBIT, ticket_number="N1", fare=1),
        T.DISERAHKAN: Move(T.DISERAHKAN, handed_to="Pak Budi"),
        T.TIBA: Move(T.TIBA, method=ArrivalMethod.ESCORT),
        T.TIDAK_BERANGKAT: Move(T.TIDAK_BERANGKAT, reason=TravelReason.REFUSED),
        T.BERANGKAT: Move(T.BERANGKAT),
        T.DIRENCANAKAN: Move(T.DIRENCANAKAN),
    }
    with db.session() as session:
        staff = _account(session, 2, Role.STAFF)
        for target in TravelStatus:
            case = _case(session, _account(session, 1, Role.REPORTER), members=1)
            person = lifecycle.people_of(session, case.id)[0]  # type: ignore[arg-type]
            _plan(session, case, [person], staff)
            travel = travels_of(session, case.id)[person.id]  # type: ignore[arg-type,index]
            travel.status = start
            if target in TRAVEL_TRANSITIONS[start]:
                move(session, case, travel, details[target], actor=staff, now=NOW)
                assert travel.status == target
            else:
                with pytest.raises(NotAllowed):
                    move(session, case, travel, details[target], actor=staff, now=NOW)


def test_each_step_needs_what_it_records(db: Database) -> None:
    with db.session() as session:
        staff = _account(session, 2, Role.STAFF)
        case = _case(session, _account(session, 1, Role.REPORTER), members=1)
        person = lifecycle.people_of(session, case.id)[0]  # type: ignore[arg-type]
        _plan(session, case, [person], staff)
        travel = travels_of(session, case.id)[person.id]  # type: ignore[arg-type,index]
        for refused in (
            Move(T.DIPESAN, booking_code=" "),
            Move(T.TERBIT, ticket_number="N1"),
            Move(T.TERBIT, ticket_number="N1", fare=-5),
            Move(T.TIDAK_BERANGKAT),
        ):
            with pytest.raises(NotAllowed):
                move(session, case, travel, refused, actor=staff, now=NOW)
        assert travel.status == T.DIRENCANAKAN


def test_the_escort_sees_off_and_hands_over_but_does_not_book(db: Database) -> None:
    with db.session() as session:
        staff = _account(session, 2, Role.STAFF)
        escort, other = _account(session, 3, Role.OFFICER), _account(session, 4, Role.OFFICER)
        case = _case(session, _account(session, 1, Role.REPORTER), members=1)
        person = lifecycle.people_of(session, case.id)[0]  # type: ignore[arg-type]
        _plan(session, case, [person], staff, escort=escort)
        travel = travels_of(session, case.id)[person.id]  # type: ignore[arg-type,index]
        with pytest.raises(NotAllowed):
            move(session, case, travel, Move(T.DIPESAN, booking_code="X"), actor=escort, now=NOW)
        with pytest.raises(NotAllowed):
            move(session, case, travel, Move(T.BERANGKAT), actor=other, now=NOW)
        move(session, case, travel, Move(T.BERANGKAT), actor=escort, now=NOW)
        move(session, case, travel, Move(T.DISERAHKAN, handed_to="Dinsos"), actor=escort, now=NOW)
        shown = board.board(session, case, escort)
        assert shown.people[0].next == (T.TIBA,)
        assert not shown.can_plan


def test_a_plan_is_refused_for_a_district_people_on_the_way_or_legs_out_of_order(
    db: Database,
) -> None:
    with db.session() as session:
        staff = _account(session, 2, Role.STAFF)
        case = _case(session, _account(session, 1, Role.REPORTER), members=1)
        person = lifecycle.people_of(session, case.id)[0]  # type: ignore[arg-type]
        district = regions.districts_of("33.15")[0]
        common = dict(escort=None, handover_point=None, receiving_office=None, actor=staff, now=NOW)
        with pytest.raises(NotAllowed):
            plan_travel(
                session, case, people=[person], destination=district, legs=_legs(), **common
            )
        assert GROBOGAN is not None
        with pytest.raises(NotAllowed):
            plan_travel(
                session, case, people=[person], destination=GROBOGAN, legs=_legs()[::-1], **common
            )
        with pytest.raises(NotAllowed):
            plan_travel(session, case, people=[], destination=GROBOGAN, legs=_legs(), **common)
        _plan(session, case, [person], staff)
        travel = travels_of(session, case.id)[person.id]  # type: ignore[arg-type,index]
        move(session, case, travel, Move(T.BERANGKAT), actor=staff, now=NOW)
        with pytest.raises(NotAllowed):
            _plan(session, case, [person], staff)


def test_dipulangkan_waits_for_everyone_departed_or_staying_for_good(db: Database) -> None:
    with db.session() as session:
        staff = _account(session, 2, Role.STAFF)
        case = _case(session, _account(session, 1, Role.REPORTER))
        _tick_all(session, case, staff)
        people = lifecycle.people_of(session, case.id)  # type: ignore[arg-type]
        _plan(session, case, people[:2], staff)
        for person in people[:2]:
            _send_off(session, case, travels_of(session, case.id)[person.id], staff)  # type: ignore[arg-type,index]
        with pytest.raises(NotAllowed) as refused:  # the third has no plan
            lifecycle.change_status(session, case, CaseStatus.DIPULANGKAN, actor=staff, now=NOW)
        assert refused.value.key == "case.not_travelled"
        _plan(session, case, [people[2]], staff)
        third = travels_of(session, case.id)[people[2].id]  # type: ignore[arg-type,index]
        hospital = Move(T.TIDAK_BERANGKAT, reason=TravelReason.HOSPITAL)
        move(session, case, third, hospital, actor=staff, now=NOW)
        assert people[2].status == PersonStatus.DIRAWAT
        with pytest.raises(NotAllowed):  # in hospital: still to go home
            lifecycle.change_status(session, case, CaseStatus.DIPULANGKAN, actor=staff, now=NOW)
        _plan(session, case, [people[2]], staff)  # left hospital: a plan of their own
        assert third.status == T.DIRENCANAKAN and third.reason is None
        assert people[2].status == PersonStatus.MENUNGGU
        _send_off(session, case, third, staff)
        lifecycle.change_status(session, case, CaseStatus.DIPULANGKAN, actor=staff, now=NOW)
        assert case.status == CaseStatus.DIPULANGKAN


def test_a_final_reason_lets_the_others_go_home(db: Database) -> None:
    with db.session() as session:
        staff = _account(session, 2, Role.STAFF)
        case = _case(session, _account(session, 1, Role.REPORTER), members=2)
        _tick_all(session, case, staff)
        first, second = lifecycle.people_of(session, case.id)  # type: ignore[arg-type]
        _plan(session, case, [first, second], staff)
        travels = travels_of(session, case.id)  # type: ignore[arg-type]
        _send_off(session, case, travels[first.id], staff)  # type: ignore[index]
        stays = Move(T.TIDAK_BERANGKAT, reason=TravelReason.STAYS)
        move(session, case, travels[second.id], stays, actor=staff, now=NOW)  # type: ignore[index]
        lifecycle.change_status(session, case, CaseStatus.DIPULANGKAN, actor=staff, now=NOW)
        assert (first.status, second.status) == (PersonStatus.DIPULANGKAN, PersonStatus.TINGGAL)


def test_an_open_polres_referral_holds_the_police_letter(db: Database) -> None:
    with db.session() as session:
        staff, admin = _account(session, 2, Role.STAFF), _account(session, 3, Role.ADMIN)
        case = _case(session, _account(session, 1, Role.REPORTER), members=1)
        _tick_all(session, case, staff)
        polres = session.exec(select(Agency).where(Agency.code == "polres")).one()
        referral = lifecycle.refer(session, case, polres, actor=staff, now=NOW, renderer=render)
        assert "police_letter" not in lifecycle.done_codes(session, case.id)  # type: ignore[arg-type]
        lifecycle.toggle_checklist(session, case, "police_letter", actor=staff, now=NOW)  # untick
        with pytest.raises(NotAllowed) as refused:
            lifecycle.toggle_checklist(session, case, "police_letter", actor=staff, now=NOW)
        assert refused.value.key == "case.check_held"
        with pytest.raises(NotAllowed) as gate:
            lifecycle.change_status(session, case, CaseStatus.DIPULANGKAN, actor=staff, now=NOW)
        assert gate.value.key == "case.checklist_open"
        lifecycle.referral_done(session, referral, case, actor=staff, now=NOW, renderer=render)
        lifecycle.toggle_checklist(session, case, "police_letter", actor=staff, now=NOW)
        assert "police_letter" in lifecycle.done_codes(session, case.id)  # type: ignore[arg-type]
        # An admin may still send people home past an open referral, with a reason.
        dinkes = session.exec(select(Agency).where(Agency.code == "dinkes")).one()
        lifecycle.refer(session, case, dinkes, actor=staff, now=NOW, renderer=render)
        assert "health" not in lifecycle.done_codes(session, case.id)  # type: ignore[arg-type]
        lifecycle.change_status(
            session, case, CaseStatus.DIPULANGKAN, actor=admin, now=NOW, override_reason="rujukan"
        )
        assert case.status == CaseStatus.DIPULANGKAN


def test_the_reporter_confirms_their_own_arrival(db: Database) -> None:
    with db.session() as session:
        staff, reporter = _account(session, 2, Role.STAFF), _account(session, 1, Role.REPORTER)
        case = _case(session, reporter, members=2)
        people = lifecycle.people_of(session, case.id)  # type: ignore[arg-type]
        _plan(session, case, people, staff)
        travels = travels_of(session, case.id)  # type: ignore[arg-type]
        assert not arrival.arrived_by_reporter(session, case, reporter, NOW)  # not left yet
        for person in people:
            _send_off(session, case, travels[person.id], staff)  # type: ignore[index]
        stranger = _account(session, 9, Role.REPORTER)
        assert not arrival.arrived_by_reporter(session, case, stranger, NOW)
        assert arrival.arrived_by_reporter(session, case, reporter, NOW)
        own, companion = travels[people[0].id], travels[people[1].id]  # type: ignore[index]
        assert (own.status, own.arrival_method) == (T.TIBA, ArrivalMethod.PERSON)
        assert companion.status == T.BERANGKAT


def test_due_departures_and_people_on_the_way(db: Database) -> None:
    with db.session() as session:
        staff = _account(session, 2, Role.STAFF)
        case = _case(session, _account(session, 1, Role.REPORTER), members=2)
        people = lifecycle.people_of(session, case.id)  # type: ignore[arg-type]
        _plan(session, case, people, staff)
        leaves = NOW + timedelta(days=2)
        found = due.departures_between(session, leaves - timedelta(hours=1), leaves)
        assert found == []
        (plan,) = due.departures_between(session, leaves, leaves + timedelta(hours=1))
        assert (plan.people, plan.first_leg.mode, plan.destination) == (
            2, TravelMode.SHIP, "Grobogan, Jawa Tengah",
        )  # fmt: skip
        assert plan.last_departure == leaves + timedelta(hours=30)
        assert due.on_the_way(session) == []
        travels = travels_of(session, case.id)  # type: ignore[arg-type]
        _send_off(session, case, travels[people[0].id], staff)  # type: ignore[index]
        (going,) = due.on_the_way(session)
        assert going.people == 1
        (reporter,) = due.reporters_on_the_way(session)
        assert reporter.travel.person_id == people[0].id


@pytest.mark.parametrize(
    ("typed", "local"),
    [
        ("5/12 08:00", datetime(2026, 12, 5, 8, 0)),
        ("05-12-2026 8.30", datetime(2026, 12, 5, 8, 30)),
        ("5 Des 14:00", datetime(2026, 12, 5, 14, 0)),
        ("tgl 3 januari 2027 jam 7", datetime(2027, 1, 3, 7, 0)),
        ("besok jam 7", datetime(2026, 12, 2, 7, 0)),
        ("lusa, 19.15 WIB", datetime(2026, 12, 3, 19, 15)),
        ("2/1 06:00", datetime(2027, 1, 2, 6, 0)),  # January: next year's
    ],
)
def test_departure_times_as_staff_type_them(typed: str, local: datetime) -> None:
    assert parse_departure(typed, now=NOW, tz=WIB) == local.replace(tzinfo=WIB).astimezone(UTC)


@pytest.mark.parametrize(
    "typed", ["besok", "5/12", "jam 8", "32/12 08:00", "5/12 25:00", "1/1/2020 08:00", "kapan2"]
)
def test_departure_times_we_do_not_understand(typed: str) -> None:
    assert parse_departure(typed, now=NOW, tz=WIB) is None


def test_the_digest_lists_departures_today_and_tomorrow_and_overdue_arrivals(
    db: Database,
) -> None:
    from models.schedule.digest import compute
    from models.schedule.followups import Policy
    from views.digest import render_lines

    policy = Policy(tz=WIB)
    with db.session() as session:
        staff = _account(session, 2, Role.STAFF)
        reporter = _account(session, 1, Role.REPORTER)
        leaving, gone = _case(session, reporter, members=2), _case(session, reporter, members=1)
        assert GROBOGAN is not None
        common = dict(
            destination=GROBOGAN, escort=None, handover_point=None, receiving_office=None,
            actor=staff, now=NOW,
        )  # fmt: skip
        today = datetime(2026, 12, 1, 20, 0, tzinfo=WIB)
        plan_travel(
            session, leaving, people=lifecycle.people_of(session, leaving.id), legs=_legs(today),  # type: ignore[arg-type]
            **common,
        )  # fmt: skip
        (person,) = lifecycle.people_of(session, gone.id)  # type: ignore[arg-type]
        plan_travel(session, gone, people=[person], legs=_legs(NOW - timedelta(days=3)), **common)
        _send_off(session, gone, travels_of(session, gone.id)[person.id], staff)  # type: ignore[arg-type,index]
        session.commit()
        digest = compute(
            session, now=NOW, since=NOW - timedelta(days=1), day=NOW.astimezone(WIB).date(),
            late=False, policy=policy,
        )  # fmt: skip
    text = "\n".join(render_lines(digest, "id", masked=True))
    assert "🚢 <b>Berangkat hari ini: 1</b>" in text
    assert f"<b>{leaving.number}</b> · 2 orang ke Grobogan, Jawa Tengah · 🚢 Kapal" in text
    assert "Berangkat besok" not in text
    assert "⏰ <b>Kedatangan belum dikonfirmasi: 1</b>" in text
    assert f"<b>{gone.number}</b> · 1 orang ke Grobogan" in text
    assert "Siti" not in text  # the staff group reads no names


def test_departure_reminders_come_once_and_wait_for_the_end_of_quiet_hours(db: Database) -> None:
    from models.schedule.departures import departure_reminders
    from models.schedule.followups import Policy
    from models.schedule.quiet import QuietHours
    from models.storage.tables import Outbox

    policy = Policy(tz=WIB, quiet=QuietHours.parse("21:00-06:00"))
    early = datetime(2026, 12, 3, 6, 30, tzinfo=WIB)  # before the digest time
    with db.session() as session:
        staff, escort = _account(session, 2, Role.STAFF), _account(session, 3, Role.OFFICER)
        case = _case(session, _account(session, 1, Role.REPORTER), members=1)
        case.assignee_id = staff.id
        assert GROBOGAN is not None
        plan_travel(
            session, case, people=lifecycle.people_of(session, case.id), destination=GROBOGAN,  # type: ignore[arg-type]
            legs=_legs(early), escort=escort, handover_point=None, receiving_office=None,
            actor=staff, now=NOW,
        )  # fmt: skip
        session.commit()

        def sent_at(moment: datetime) -> int:
            return departure_reminders(session, moment.astimezone(UTC), policy, render)

        assert sent_at(datetime(2026, 12, 2, 6, 59, tzinfo=WIB)) == 0
        assert sent_at(datetime(2026, 12, 2, 7, 0, tzinfo=WIB)) == 2  # the eve: both
        assert sent_at(datetime(2026, 12, 2, 8, 0, tzinfo=WIB)) == 0  # once
        assert sent_at(datetime(2026, 12, 3, 4, 30, tzinfo=WIB)) == 2  # two hours before
        assert sent_at(datetime(2026, 12, 3, 5, 0, tzinfo=WIB)) == 0
        morning = session.exec(select(Outbox).where(col(Outbox.key).like("rp:dep:%:day:%"))).all()
        assert {row.not_before for row in morning} == {
            datetime(2026, 12, 3, 6, 0, tzinfo=WIB).astimezone(UTC)
        }
        assert sent_at(early) == 0  # gone: nothing more
        # A departure inside quiet hours: only the eve's reminder, never one after it left.
        night = _case(session, _account(session, 1, Role.REPORTER), members=1)
        night.assignee_id = staff.id
        plan_travel(
            session, night, people=lifecycle.people_of(session, night.id), destination=GROBOGAN,  # type: ignore[arg-type]
            legs=_legs(datetime(2026, 12, 5, 5, 0, tzinfo=WIB)), escort=escort,
            handover_point=None, receiving_office=None, actor=staff, now=NOW,
        )  # fmt: skip
        assert sent_at(datetime(2026, 12, 4, 7, 0, tzinfo=WIB)) == 2
        assert sent_at(datetime(2026, 12, 5, 3, 0, tzinfo=WIB)) == 0
        escort_text = next(r.text for r in morning if r.chat_id == escort.telegram_user_id)
        assert "Hari ini berangkat" in escort_text and "Anda pendampingnya" in escort_text


@given(st.text(max_size=80) | st.from_regex(r"rp:[0-9²١]{0,25}:[a-z]{0,7}(:[0-9a-z_.]{0,50})?"))
@settings(max_examples=400, deadline=None)
def test_travel_buttons_are_parsed_into_bounded_values_or_refused(data: str) -> None:
    pressed = parse_travel_data(data)
    if pressed is None:
        return
    assert 0 <= pressed.case_id <= MAX_NUMBER
    assert pressed.ref is None or 0 <= pressed.ref <= MAX_NUMBER
    assert travel_data(pressed.case_id, pressed.action, _arg(pressed)) == data


def _arg(pressed: TravelCallback) -> str:
    if pressed.ref is not None and pressed.code is not None:
        return f"{pressed.ref}.{pressed.code}"
    return str(pressed.ref) if pressed.ref is not None else (pressed.code or "")


def test_travel_buttons_round_trip() -> None:
    assert parse_travel_data(travel_data(7, TravelAction.STEP, "12.terbit")) == TravelCallback(
        7, TravelAction.STEP, ref=12, code="terbit"
    )
    for forged in ("rp:7:step", "rp:7:step:12", "rp:7:open:1", "rp:99999999999:open", "rp:7:x"):
        assert parse_travel_data(forged) is None, forged
