"""Fictional demo data for the simulator: about 200 cases of January to November 2024.

Everything is made up (names, NIKs, phone numbers, recruiters, companies) but shaped like
the office's caseload: most people come from Java and NTB, some in groups brought by the same
agents, a few urgent, some reporting twice or coming back after being sent home. The history
is played through the domain functions in time order (create_case, case_created, the
lifecycle, referrals, check-ins, follow-up reminders), as the bot would have recorded it had
it been running in 2024, so statistics, digests, the recruiter register and exports show
meaningful figures. The same seed always gives the same data.

The messages that history produced (notices, reminders, relays) are marked delivered at
their time: starting the simulator must not replay a year of messages.

The cast (names, recruiters, places, words) is in simulator/demo_cast.py. This module stays
over 500 lines on purpose: DemoWorld is one story whose steps share one session, one clock and
one random stream (the order of its draws is what makes a seed give the same year), so it is
kept as one class rather than spread over modules.
"""

from __future__ import annotations

import heapq
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from i18n.consent import CONSENT_TEXT_VERSION
from models.cases import lifecycle, relay
from models.cases.lifecycle import NotAllowed
from models.cases.records import NewCase, case_created, create_case
from models.people.accounts import get_or_create_account
from models.reference import regions
from models.reference.validation import InvalidNik, InvalidPhone, normalize_phone, parse_nik
from models.schedule.followups import Policy, run_followups
from models.schedule.responses import record_checkin
from models.storage.tables import (
    Account,
    Agency,
    Case,
    CaseSource,
    CaseStatus,
    Consent,
    Outbox,
    OutboxStatus,
    Person,
    PersonStatus,
    Referral,
    Role,
)
from simulator.demo_cast import (
    DEMO_ID_BASE,
    DEMO_TEAM,
    DISTRICTS,
    EMPLOYER_WEIGHTS,
    EMPLOYERS,
    JOURNEYS,
    MOBILE_PREFIXES,
    NAMES,
    NO_RECRUITER_WEIGHT,
    NOTES,
    ORIGINS,
    RECRUITERS,
    REJECTIONS,
    RELAY_IN,
    RELAY_OUT,
    STORIES,
    culture_of,
)
from simulator.personas import PERSONAS, STAFF_GROUP_ID, join_team
from views.renderer import render

logger = logging.getLogger(__name__)

SEED = 2024
YEAR = 2024
WIB = ZoneInfo("Asia/Jakarta")
HISTORY_END = datetime(2024, 11, 29, 16, 0, tzinfo=WIB)
# Cases per month, January to November (more before Eid in April and after the harvest).
PER_MONTH = (12, 10, 15, 22, 16, 15, 18, 22, 21, 26, 23)


@dataclass
class Team:
    staff: list[Account]
    admin: Account
    officers: list[Account]
    partners: dict[int, Account]  # agency id -> its partner (if the demo has one)
    agencies: dict[str, Agency]


@dataclass(order=True)
class _Step:
    at: datetime
    seq: int
    run: Callable[[datetime], None] = field(compare=False)


@dataclass
class _Person:
    full_name: str
    sex: str
    birth_date: date
    nik: str | None
    phone: str | None
    regency: str
    account: Account | None = None

    def answers(self) -> dict[str, Any]:
        return {
            "full_name": self.full_name,
            "nik": self.nik,
            "sex": self.sex if self.nik else None,
            "birth_date": self.birth_date.isoformat() if self.nik else None,
            "phone": self.phone,
        }


class DemoWorld:
    """Plays the year: cases appear, staff handle them, people go home, in time order."""

    def __init__(self, session: Session, rng: random.Random, team: Team) -> None:
        self.session = session
        self.rng = rng
        self.team = team
        self.steps: list[_Step] = []
        self.seq = 0
        self.next_account = DEMO_ID_BASE + 1
        self.sent_home: list[_Person] = []  # people who may come back (repeat claims)
        self.recent: list[tuple[_Person, Case]] = []  # people who may report twice
        # Open referrals whose step (the police letter, the health check) a departure needs.
        self.awaited: dict[int, list[tuple[Referral, Account]]] = {}
        self.policy = Policy(tz=WIB, staff_chat_id=STAFF_GROUP_ID)

    # --- scheduling ------------------------------------------------------------------------

    def at(self, when: datetime, run: Callable[[datetime], None]) -> None:
        if when <= HISTORY_END:
            self.seq += 1
            heapq.heappush(self.steps, _Step(when, self.seq, run))

    def play(self) -> None:
        while self.steps:
            step = heapq.heappop(self.steps)
            try:
                step.run(step.at)
            except NotAllowed as refused:
                # A plan that no longer fits what happened (a case closed meanwhile): skip it.
                logger.debug("demo step skipped: %s", refused.key)

    # --- people ----------------------------------------------------------------------------

    def hours(self, low: float, high: float) -> timedelta:
        return timedelta(hours=self.rng.uniform(low, high))

    def pick_origin(self) -> str:
        provinces = list(ORIGINS)
        province = self.rng.choices(provinces, weights=[ORIGINS[p][0] for p in provinces])[0]
        regencies = ORIGINS[province][1]
        return self.rng.choices([r for r, _ in regencies], weights=[w for _, w in regencies])[0]

    def phone(self) -> str:
        while True:
            digits = "".join(str(self.rng.randrange(10)) for _ in range(self.rng.choice((7, 8))))
            try:
                return normalize_phone(self.rng.choice(MOBILE_PREFIXES) + digits)
            except InvalidPhone:
                continue

    def person(
        self, regency: str, *, on: date, age: tuple[int, int] = (19, 52), sex: str | None = None
    ) -> _Person:
        culture = NAMES[culture_of(regency)]
        sex = sex or self.rng.choices(("L", "P"), weights=(78, 22))[0]
        firsts, seconds = (culture[0], culture[2]) if sex == "L" else (culture[1], culture[3])
        name = f"{self.rng.choice(firsts)} {self.rng.choice(seconds)}"
        years = self.rng.randint(*age)
        birth = on - timedelta(days=365 * years + self.rng.randrange(365))
        return _Person(name, sex, birth, self.nik(regency, sex, birth, on), None, regency)

    def nik(self, regency: str, sex: str, birth: date, on: date) -> str:
        """A valid-looking, fictional NIK: a real district code, the birth date, a serial."""
        districts = regions.districts_of(regency)
        while True:
            district = self.rng.choice(districts).code.replace(".", "")
            day = birth.day + (40 if sex == "P" else 0)
            serial = self.rng.randint(1, 2999)
            nik = f"{district}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"
            try:
                info = parse_nik(nik, today=on)
            except InvalidNik:
                continue
            if info.birth_date == birth:
                return nik

    def reporter_account(self, person: _Person, now: datetime) -> Account:
        if person.account is None:
            person.account = get_or_create_account(
                self.session, telegram_user_id=self.next_account, language_code="id", now=now
            )
            self.next_account += 1
        return person.account

    # --- cases -----------------------------------------------------------------------------

    def where(self) -> dict[str, Any]:
        code, _, lat, lon, places = self.rng.choices(DISTRICTS, weights=[d[1] for d in DISTRICTS])[
            0
        ]
        if self.rng.random() < 0.45:  # shared their location
            return {
                "latitude": round(lat + self.rng.uniform(-0.03, 0.03), 5),
                "longitude": round(lon + self.rng.uniform(-0.03, 0.03), 5),
                "location_text": None,
                "location_district": code,
            }
        return {"location_text": self.rng.choice(places), "location_district": code}

    def work(self, regency: str, answers: dict[str, Any]) -> None:
        candidates = [r for r in RECRUITERS if regency[:2] in r.provinces]
        weights = [r.weight for r in candidates] + [NO_RECRUITER_WEIGHT]
        recruiter = self.rng.choices([*candidates, None], weights=weights)[0]
        employer, work_type = self.rng.choices(EMPLOYERS, weights=EMPLOYER_WEIGHTS)[0]
        unpaid = self.rng.random() < 0.7
        answers.update(
            recruiter_name=self.rng.choice(recruiter.spellings) if recruiter else None,
            recruiter_phone=(
                normalize_phone(recruiter.phone)
                if recruiter and recruiter.phone and self.rng.random() < 0.75
                else None
            ),
            employer=employer,
            work_type=work_type,
            work_ended=self.rng.choice(("this_week", "this_month", "last_month", "earlier")),
            wages_unpaid=unpaid,
            wages_amount=self.rng.randrange(15, 160) * 100_000 if unpaid else None,
        )
        needs = ["transport"]
        for need, chance in (
            ("food", 0.7),
            ("shelter", 0.4),
            ("wages_legal", 0.5 if unpaid else 0),
        ):
            if self.rng.random() < chance:
                needs.append(need)
        answers["needs"] = needs

    def new_case(self, when: datetime) -> None:
        """One case appears: a worker reporting, a group found by an officer, or a repeat."""
        roll = self.rng.random()
        if roll < 0.025 and self.recent:
            person, first = self.recent.pop(self.rng.randrange(len(self.recent)))
            self.self_report(when, person, duplicate_of=first)
        elif roll < 0.055 and self.sent_home:
            person = self.sent_home.pop(self.rng.randrange(len(self.sent_home)))
            self.self_report(when, person)
        elif roll < 0.29:
            self.officer_report(when)
        else:
            regency = self.pick_origin()
            if self.rng.random() < 0.03:
                regency = self.rng.choice(("62.02", "62.09", "63.03"))  # not from far away
            person = self.person(regency, on=when.date())
            if self.rng.random() < 0.1:
                person.nik = None  # lost their KTP, does not remember the number
            if self.rng.random() < 0.9:
                person.phone = self.phone()
            self.self_report(when, person)

    def self_report(
        self, when: datetime, person: _Person, *, duplicate_of: Case | None = None
    ) -> None:
        account = self.reporter_account(person, when)
        assert account.id is not None
        consent = Consent(
            account_id=account.id,
            granted=True,
            text_version=CONSENT_TEXT_VERSION,
            language="id",
            method="self",
            created_at=when - timedelta(minutes=self.rng.randint(4, 15)),
        )
        self.session.add(consent)
        self.session.flush()
        answers = person.answers()
        answers.update(
            origin_province=person.regency[:2], origin_regency=person.regency, **self.where()
        )
        answers["group_size"] = self.rng.choices((1, 2, 3, 4), weights=(74, 12, 9, 5))[0]
        self.work(person.regency, answers)
        vulnerable = self.rng.random() < 0.12
        if vulnerable:
            answers["vulnerabilities"] = [self.rng.choice(("sick", "pregnant", "child", "elderly"))]
            answers["needs"].append("health")
        case = self.create(when, account, answers, consent.id, CaseSource.SELF)
        if duplicate_of is not None:
            self.plan_duplicate(case, when, duplicate_of)
        else:
            self.recent.append((person, case))
            self.recent = self.recent[-6:]
            self.plan(case, when, [person])

    def officer_report(self, when: datetime) -> None:
        officer = self.rng.choice(self.team.officers)
        regency = self.pick_origin()
        size = self.rng.choices((2, 3, 4, 5, 6, 8), weights=(20, 25, 20, 15, 12, 8))[0]
        people = [self.person(regency, on=when.date()) for _ in range(size)]
        members = [p.answers() | {"vulnerabilities": []} for p in people]
        if self.rng.random() < 0.25:  # a family: a wife (maybe pregnant) and a child
            wife = self.person(regency, on=when.date(), sex="P", age=(20, 35))
            child = self.person(regency, on=when.date(), age=(3, 12))
            child.nik = None
            members.append(
                wife.answers()
                | {"vulnerabilities": ["pregnant"] if self.rng.random() < 0.4 else []}
            )
            members.append(
                child.answers()
                | {
                    "age": (when.date() - child.birth_date).days // 365,
                    "age_group": "anak",
                    "vulnerabilities": ["child"],
                }
            )
            people += [wife, child]
        if self.rng.random() < 0.15:
            members[self.rng.randrange(len(members))]["vulnerabilities"] = ["sick"]
        for member, person in zip(members, people, strict=True):
            if self.rng.random() < 0.3:
                member["phone"] = person.phone = self.phone()
        assert officer.id is not None
        consent = Consent(
            account_id=officer.id,
            granted=True,
            text_version=CONSENT_TEXT_VERSION,
            language="id",
            method="officer_verbal",
            created_at=when - timedelta(minutes=20),
        )
        self.session.add(consent)
        self.session.flush()
        answers: dict[str, Any] = {
            "members": members,
            "origin_province": regency[:2],
            "origin_regency": regency,
            **self.where(),
        }
        self.work(regency, answers)
        answers["vulnerabilities"] = sorted({v for m in members for v in m["vulnerabilities"]})
        if answers["vulnerabilities"]:
            answers["needs"].append("health")
        answers["work_site"] = f"Mes dan kebun {answers['employer']}"
        place = answers.get("location_text") or "Pangkalan Bun"
        answers["story"] = self.rng.choice(STORIES).format(
            recruiter=answers["recruiter_name"] or "kenalan di kampung",
            employer=answers["employer"],
            place=place,
        )
        case = self.create(when, officer, answers, consent.id, CaseSource.OFFICER)
        self.plan(case, when, people)

    def create(
        self,
        when: datetime,
        reporter: Account,
        answers: dict[str, Any],
        consent_id: int | None,
        source: CaseSource,
    ) -> Case:
        case = create_case(
            self.session,
            NewCase(reporter=reporter, answers=answers, consent_id=consent_id, source=source),
            now=when,
            year=YEAR,
        )
        # As the bot does after every intake: notices, recruiter register, duplicate check.
        case_created(self.session, case, staff_chat_id=STAFF_GROUP_ID, now=when, renderer=render)
        return case

    # --- what happens to a case ------------------------------------------------------------

    def staff_member(self) -> Account:
        return self.rng.choices(self.team.staff, weights=(45, 30, 25)[: len(self.team.staff)])[0]

    def plan_duplicate(self, case: Case, when: datetime, first: Case) -> None:
        worker = self.staff_member()
        note = f"Sama dengan laporan {first.number}."
        self.at(
            when + self.hours(1, 20),
            lambda now: lifecycle.change_status(
                self.session, case, CaseStatus.DUPLIKAT, actor=worker, now=now, note=note
            ),
        )

    def plan(self, case: Case, when: datetime, people: list[_Person]) -> None:
        """The usual course of a case, each step at its own time (until the end of history)."""
        rng = self.rng
        worker = self.staff_member()
        t = when + (self.hours(0.3, 3) if case.urgent else self.hours(2, 30))
        if rng.random() < 0.03:
            reason = rng.choice(REJECTIONS)
            self.at(t, lambda now: self.take(case, worker, now))
            self.at(
                t + self.hours(0.2, 2),
                lambda now: lifecycle.change_status(
                    self.session, case, CaseStatus.DITOLAK, actor=worker, now=now, note=reason
                ),
            )
            return
        self.at(t, lambda now: self.take(case, worker, now))
        self.at(
            t + self.hours(0.1, 1),
            lambda now: lifecycle.change_status(
                self.session, case, CaseStatus.DIVERIFIKASI, actor=worker, now=now
            ),
        )
        self.tick(case, worker, "interview", t + self.hours(1, 24))
        if case.source == CaseSource.SELF and rng.random() < 0.4:
            text, answer = rng.choice(RELAY_OUT), rng.choice(RELAY_IN)
            out_at = t + self.hours(0.5, 6)
            self.at(
                out_at,
                lambda now: relay.message_reporter(
                    self.session, case, actor=worker, text=text, now=now, renderer=render
                ),
            )
            writer = people[0].account
            assert writer is not None
            self.at(
                out_at + self.hours(0.2, 5),
                lambda now: relay.message_from_reporter(
                    self.session, case, reporter=writer, text=answer, now=now,
                    staff_chat_id=STAFF_GROUP_ID, renderer=render,
                ),
            )  # fmt: skip
        # Usually handled within days; some wait weeks for papers or a family's answer.
        t += self.hours(200, 900) if rng.random() < 0.1 else self.hours(20, 70)
        self.at(
            t,
            lambda now: lifecycle.change_status(
                self.session, case, CaseStatus.DITANGANI, actor=worker, now=now
            ),
        )
        if rng.random() < 0.5:
            note = rng.choice(NOTES)
            self.at(
                t + self.hours(1, 30),
                lambda now: lifecycle.add_note(
                    self.session, case, actor=worker, text=note, now=now
                ),
            )
        # Referrals: health for the vulnerable, the labour office for big unpaid wages, the
        # police for a lost identity card, the origin's Dinsos for the cover letter.
        referrals: list[tuple[str, str]] = []
        if case.vulnerabilities:
            referrals.append(("dinkes", "Mohon pemeriksaan kesehatan di RSUD Sultan Imanuddin."))
        if case.wages_unpaid and (case.wages_amount or 0) >= 6_000_000 and rng.random() < 0.5:
            referrals.append(
                ("disnakertrans", "Gaji belum dibayar, mohon mediasi dengan perusahaan.")
            )
        if not any(p.nik for p in people) and rng.random() < 0.7:
            referrals.append(("polres", "KTP hilang: mohon surat keterangan kehilangan."))
        if rng.random() < 0.25:
            referrals.append(("dinsos_asal", "Mohon dijemput di pelabuhan tujuan."))
        for code, note in referrals:
            at = t + self.hours(2, 48)
            self.at(at, partial(self.refer, case, worker, code, note))
        sick = [p for p in people if p.nik] if case.vulnerabilities and len(people) > 2 else []
        in_hospital = rng.choice(sick) if sick and rng.random() < 0.6 else None
        if in_hospital is not None:
            self.at(t + self.hours(1, 12), lambda now: self.person_status(
                case, worker, in_hospital, PersonStatus.DIRAWAT, now))  # fmt: skip
        for code in ("identity", "police_letter", "health"):
            self.tick(case, worker, code, t + self.hours(4, 120))
        override = rng.random() < 0.03
        home = t + self.hours(130, 420)
        self.tick(case, worker, "head_statement", home - self.hours(2, 24))
        if rng.random() < 0.7:
            self.tick(case, worker, "cover_letter", home - self.hours(2, 24))
        if override:
            # An admin sends them home before the police letter arrived; it is recorded.
            self.untick(case, worker, "police_letter", home - self.hours(0.5, 1.5))
        journey = self.journey(case)
        self.at(home, lambda now: self.send_home(case, worker, journey, override, now))
        if in_hospital is not None:
            self.at(home + self.hours(48, 200), lambda now: self.person_status(
                case, worker, in_hospital, PersonStatus.DIPULANGKAN, now))  # fmt: skip
        closed = home + self.hours(80, 200)
        if case.source == CaseSource.SELF and people[0].account is not None:
            reporter = people[0].account
            answer_at = home + self.hours(72, 110)
            late = rng.random() < 0.1
            if late:
                self.at(answer_at, lambda now: self.checkin(case, reporter, False, now))
                answer_at += self.hours(30, 60)
            self.at(answer_at, lambda now: self.checkin(case, reporter, True, now))
            closed = answer_at + self.hours(3, 72)
        self.at(
            closed,
            lambda now: lifecycle.change_status(
                self.session, case, CaseStatus.SELESAI, actor=worker, now=now
            ),
        )
        for person in people:
            if person.nik and rng.random() < 0.15:
                self.at(home, partial(self.may_come_back, person))

    def tick(self, case: Case, worker: Account, code: str, when: datetime) -> None:
        def run(now: datetime) -> None:
            assert case.id is not None
            if code in lifecycle.held_by_referral(self.session, case.id):
                # The police letter (the health check) comes with the end of the referral.
                self.finish_awaited(case, now)
            if code not in lifecycle.done_codes(self.session, case.id):
                lifecycle.toggle_checklist(self.session, case, code, actor=worker, now=now)

        self.at(when, run)

    def untick(self, case: Case, worker: Account, code: str, when: datetime) -> None:
        def run(now: datetime) -> None:
            assert case.id is not None
            if code in lifecycle.done_codes(self.session, case.id):
                lifecycle.toggle_checklist(self.session, case, code, actor=worker, now=now)

        self.at(when, run)

    def take(self, case: Case, worker: Account, now: datetime) -> None:
        if case.source == CaseSource.SELF or self.rng.random() < 0.5:
            lifecycle.take(self.session, case, actor=worker, now=now)

    def may_come_back(self, person: _Person, now: datetime) -> None:
        """From `now` on, this person may report again (a repeat claim)."""
        self.sent_home.append(person)

    def refer(self, case: Case, worker: Account, code: str, note: str, now: datetime) -> None:
        agency = self.team.agencies[code]
        referral = lifecycle.refer(
            self.session, case, agency, actor=worker, now=now, note=note, renderer=render
        )
        assert agency.id is not None
        partner = self.team.partners.get(agency.id)
        done_by = partner or worker
        if code in lifecycle.REFERRAL_STEPS.values():
            assert case.id is not None
            self.awaited.setdefault(case.id, []).append((referral, done_by))

        def done(later: datetime) -> None:
            if referral.done_at is not None:
                return  # finished on the day of the departure (see `send_home`)
            if case.status not in (CaseStatus.SELESAI, CaseStatus.DITOLAK, CaseStatus.DUPLIKAT):
                lifecycle.referral_done(
                    self.session, referral, case, actor=done_by, now=later, renderer=render
                )

        self.at(now + self.hours(30, 150), done)

    def person_status(
        self, case: Case, worker: Account, person: _Person, status: PersonStatus, now: datetime
    ) -> None:
        row = self.session.exec(
            select(Person).where(Person.case_id == case.id, Person.nik == person.nik)
        ).first()
        if row is not None and row.status != status:
            lifecycle.set_person_status(self.session, case, row, status, actor=worker, now=now)

    def journey(self, case: Case) -> str:
        regency = regions.get(case.origin_regency_code or "")
        name = regency.short_name if regency else "daerah asal"
        province = (case.origin_province_code or "")[:2]
        if province in ("31", "32", "33", "34", "35", "36", "18"):
            port = "Surabaya" if province == "35" else "Semarang"
            return JOURNEYS["java"].format(port=port, regency=name)
        if province == "52":
            return JOURNEYS["ntb"].format(regency=name)
        if province == "53":
            return JOURNEYS["ntt"].format(regency=name)
        return JOURNEYS["other"].format(regency=name)

    def finish_awaited(self, case: Case, now: datetime) -> None:
        """The partners finish the referrals whose steps a departure needs."""
        assert case.id is not None
        for referral, done_by in self.awaited.pop(case.id, []):
            if referral.done_at is None:
                lifecycle.referral_done(
                    self.session, referral, case, actor=done_by, now=now, renderer=render
                )

    def send_home(
        self, case: Case, worker: Account, journey: str, override: bool, now: datetime
    ) -> None:
        # The police letter and the health check come in by the day of the departure: their
        # steps are not done while the referral is open (models/cases/lifecycle.py).
        self.finish_awaited(case, now)
        if override:
            lifecycle.change_status(
                self.session,
                case,
                CaseStatus.DIPULANGKAN,
                actor=self.team.admin,
                now=now,
                note=journey,
                override_reason="Surat polisi menyusul; kapal berangkat hari ini.",
            )
        else:
            lifecycle.change_status(
                self.session, case, CaseStatus.DIPULANGKAN, actor=worker, now=now, note=journey
            )

    def checkin(self, case: Case, reporter: Account, arrived: bool, now: datetime) -> None:
        if case.status != CaseStatus.DIPULANGKAN:
            return
        note = "Sudah sampai di rumah, terima kasih." if arrived else "Belum, masih di kapal."
        record_checkin(
            self.session,
            case,
            reporter=reporter,
            arrived=arrived,
            now=now,
            policy=self.policy,
            renderer=render,
            note=note,
        )


def _team(session: Session, now: datetime) -> Team:
    """The office of the demo: the personas plus a few more fictional colleagues."""
    agencies = {a.code: a for a in session.exec(select(Agency))}
    admin_id = next(p.user_id for p in PERSONAS if p.role == Role.ADMIN)
    admin = session.exec(select(Account).where(Account.telegram_user_id == admin_id)).first()
    if admin is None:
        raise LookupError("register the simulator's team before loading demo data")
    for telegram_id, name, role, agency_code in DEMO_TEAM:
        join_team(
            session,
            admin=admin,
            telegram_user_id=telegram_id,
            name=name,
            role=role,
            agency_id=agencies[agency_code].id if agency_code else None,
            now=now,
        )
    session.flush()

    def accounts(*ids: int) -> list[Account]:
        found = {
            a.telegram_user_id: a
            for a in session.exec(select(Account).where(col(Account.telegram_user_id).in_(ids)))
        }
        missing = [i for i in ids if i not in found]
        if missing:
            raise LookupError("register the simulator's team before loading demo data")
        return [found[i] for i in ids]

    by_role = {p.key: p.user_id for p in PERSONAS}
    staff = accounts(by_role["staff"], DEMO_TEAM[0][0], DEMO_TEAM[1][0])
    officers = accounts(by_role["officer"], DEMO_TEAM[2][0])
    partner_accounts = accounts(by_role["partner"], DEMO_TEAM[3][0], DEMO_TEAM[4][0])
    partners = {a.agency_id: a for a in partner_accounts if a.agency_id is not None}
    return Team(staff, admin, officers, partners, agencies)


def _creation_times(rng: random.Random, per_month: tuple[int, ...]) -> list[datetime]:
    times: list[datetime] = []
    for month, count in enumerate(per_month, start=1):
        last_day = 29 if month == 11 else (date(YEAR, month + 1, 1) - timedelta(days=1)).day
        for _ in range(count):
            day = rng.randint(1 if month > 1 else 3, last_day)
            moment = datetime(YEAR, month, day, rng.randint(6, 21), rng.randrange(60), tzinfo=WIB)
            times.append(min(moment, HISTORY_END - timedelta(hours=2)))
    times.sort()
    # The last reports of the period arrive an hour before it ends: nobody has taken them yet.
    times[-2:] = [HISTORY_END - timedelta(minutes=m) for m in (70, 35)]
    return times


def has_demo_data(session: Session) -> bool:
    return session.exec(select(Case.id).where(Case.year == YEAR)).first() is not None


def load_demo_data(
    session: Session, *, seed: int = SEED, per_month: tuple[int, ...] = PER_MONTH
) -> int:
    """Loads the demo history into an empty year 2024 (commits); returns the number of
    cases, or 0 when the database already has 2024 cases.

    `per_month`: cases in January, February... (tests use a smaller year)."""
    if has_demo_data(session):
        return 0
    start = datetime(YEAR, 1, 1, tzinfo=WIB)
    history_mark = session.exec(select(func.coalesce(func.max(Outbox.id), 0))).one()
    rng = random.Random(seed)
    world = DemoWorld(session, rng, _team(session, start))
    for when in _creation_times(rng, per_month):
        world.at(when, world.new_case)
    world.play()
    # The follow-up reminders of the last days of history: the ones due then went out then,
    # and are not sent again when the simulator starts.
    for when in (HISTORY_END, HISTORY_END + timedelta(days=3)):
        run_followups(session, when, world.policy, renderer=render)
    session.execute(
        update(Outbox)
        .where(col(Outbox.id) > history_mark, col(Outbox.status) == OutboxStatus.PENDING)
        .values(status=OutboxStatus.SENT, sent_at=Outbox.not_before, attempts=1)
    )
    session.commit()
    return session.exec(select(func.count()).select_from(Case).where(Case.year == YEAR)).one()
