"""The simulator's demo history: about 200 fictional cases of 2024, consistent, deterministic."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, col, select

from models.cases.lifecycle import CHECKLIST, done_codes
from models.cases.recruiters import RECRUITER, ranking
from models.insights import stats
from models.reference.validation import parse_nik
from models.storage.db import Database, utcnow
from models.storage.migrate import upgrade
from models.storage.tables import (
    Account,
    Case,
    CaseEvent,
    CaseLink,
    CaseSource,
    CaseStatus,
    Consent,
    EventKind,
    Outbox,
    OutboxStatus,
    Person,
    Role,
)
from simulator.demo_data import PER_MONTH, load_demo_data
from simulator.personas import register_team

WIB = ZoneInfo("Asia/Jakarta")
JAVA = {"31", "32", "33", "34", "35", "36"}
SMALL_YEAR = (3, 2, 3, 2, 2, 3, 2, 3, 2, 3, 4)


@contextmanager
def _prepared(db: Database) -> Iterator[Session]:
    """A session on a database whose team personas are registered, as the simulator does."""
    with db.session() as session:
        register_team(session, now=utcnow())
        yield session


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    """The full demo year on SQLite, loaded once for the checks below."""
    path: Path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = Database.from_url(f"sqlite:///{path}")
    upgrade(db.engine)
    with _prepared(db) as session:
        assert load_demo_data(session) == sum(PER_MONTH)
        yield session
    db.dispose()


def test_about_200_cases_from_january_to_november_2024_in_every_status(demo: Session) -> None:
    cases = demo.exec(select(Case)).all()
    assert 180 <= len(cases) <= 220
    created = [c.created_at.astimezone(WIB) for c in cases]
    assert min(created) >= datetime(2024, 1, 1, tzinfo=WIB)
    assert max(created) < datetime(2024, 12, 1, tzinfo=WIB)
    assert {d.month for d in created} == set(range(1, 12))
    assert {c.number for c in cases} == {f"KBR-2024-{n:04d}" for n in range(1, len(cases) + 1)}
    statuses = Counter(c.status for c in cases)
    assert set(statuses) == {s.value for s in CaseStatus}
    assert statuses[CaseStatus.SELESAI] > len(cases) / 2  # most of the year is done
    urgent = [c for c in cases if c.urgent]
    assert len(urgent) >= 10
    assert all(c.urgent == bool(c.vulnerabilities) for c in cases)


def test_people_come_mostly_from_java_and_ntb_often_in_groups(demo: Session) -> None:
    cases = demo.exec(select(Case)).all()
    provinces = Counter(c.origin_province_code for c in cases)
    assert (sum(provinces[p] for p in JAVA) + provinces["52"]) / len(cases) >= 0.75
    assert provinces["52"] >= 30 and provinces["35"] >= 30
    groups = [c for c in cases if c.source == CaseSource.OFFICER]
    assert len(groups) >= 25
    for case in groups:
        people = demo.exec(select(Person).where(Person.case_id == case.id)).all()
        assert len(people) == case.group_size >= 2
        assert not any(p.is_reporter for p in people)
    figures = stats.compute(demo, start=date(2024, 1, 1), end=date(2024, 11, 30), tz=WIB)
    assert figures.cases >= 180 and figures.people > figures.cases * 1.3
    assert len(figures.by_month) == 11


def test_recruiters_are_shared_across_cases_and_some_people_come_back(demo: Session) -> None:
    top = ranking(demo, kind=RECRUITER)
    assert len([r for r in top if r.cases >= 5]) >= 4
    assert top[0].people >= 20
    links = Counter(link.kind for link in demo.exec(select(CaseLink)))
    assert links["duplicate"] >= 1 and links["repeat"] >= 1
    # A NIK or phone in common is a duplicate staff closed; a name alike is only a hint.
    sure = select(CaseLink).where(CaseLink.kind == "duplicate", CaseLink.matched_on != "name")
    for link in demo.exec(sure):
        case = demo.get(Case, link.case_id)
        assert case is not None and case.status == CaseStatus.DUPLIKAT


def test_identities_are_valid_looking_and_consistent(demo: Session) -> None:
    rows = demo.exec(select(Person, Case).join(Case, col(Case.id) == col(Person.case_id))).all()
    with_nik = [(p, c) for p, c in rows if p.nik]
    assert len(with_nik) / len(rows) > 0.7
    for person, case in with_nik:
        info = parse_nik(person.nik or "", today=case.created_at.date())
        assert (info.sex, info.birth_date) == (person.sex, person.birth_date)
        assert info.nik[:2] == case.origin_province_code
    # A NIK appears in more than one case only where the cases are linked.
    by_nik: dict[str, set[int]] = {}
    for person, case in with_nik:
        by_nik.setdefault(person.nik or "", set()).add(case.id or 0)
    linked = {frozenset((link.case_id, link.other_case_id)) for link in demo.exec(select(CaseLink))}
    for case_ids in by_nik.values():
        if len(case_ids) > 1:
            assert any(frozenset(pair) in linked for pair in _pairs(sorted(case_ids)))
    phones = [p.phone for p, _ in rows if p.phone]
    assert phones and all(p.startswith("+628") for p in phones)


def _pairs(ids: list[int]) -> list[tuple[int, int]]:
    return [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]]


def test_the_history_follows_the_lifecycle(demo: Session) -> None:
    required = {e.code for e in CHECKLIST if e.required}
    for case in demo.exec(select(Case)):
        assert case.id is not None
        events = demo.exec(select(CaseEvent).where(CaseEvent.case_id == case.id)).all()
        assert events[0].kind == EventKind.CREATED
        changes = [e for e in events if e.kind == EventKind.STATUS]
        if changes:
            assert changes[-1].to_status == case.status
        if case.status in (CaseStatus.DIPULANGKAN, CaseStatus.SELESAI):
            assert case.repatriated_at is not None
            overridden = any(e.kind == EventKind.OVERRIDE for e in events)
            assert overridden or required <= done_codes(demo, case.id)
        if case.status in (CaseStatus.SELESAI, CaseStatus.DITOLAK, CaseStatus.DUPLIKAT):
            assert case.closed_at is not None
        if case.source == CaseSource.SELF:
            consent = demo.exec(select(Consent).where(Consent.case_id == case.id)).one()
            assert consent.granted and consent.method == "self"
    assert demo.exec(select(CaseEvent).where(CaseEvent.kind == EventKind.OVERRIDE)).first()
    assert demo.exec(select(CaseEvent).where(CaseEvent.kind == EventKind.CHECKIN)).first()


def test_the_history_is_not_replayed_when_the_simulator_starts(demo: Session) -> None:
    pending = demo.exec(
        select(Outbox).where(col(Outbox.status).in_([OutboxStatus.PENDING, OutboxStatus.SENDING]))
    ).all()
    assert pending == []
    assert demo.exec(select(Outbox).where(Outbox.status == OutboxStatus.SENT)).first()
    # Loading again changes nothing.
    before = len(demo.exec(select(Case.id)).all())
    assert load_demo_data(demo) == 0
    assert len(demo.exec(select(Case.id)).all()) == before


def test_the_demo_office_has_its_team(demo: Session) -> None:
    roles = Counter(a.role for a in demo.exec(select(Account)) if a.role != Role.REPORTER)
    assert roles[Role.STAFF] >= 3 and roles[Role.OFFICER] >= 2 and roles[Role.PARTNER] >= 3
    assert roles[Role.ADMIN] == 1


def _fingerprint(session: Session) -> list[tuple[object, ...]]:
    cases = session.exec(select(Case).order_by(col(Case.number))).all()
    people = session.exec(select(Person).order_by(col(Person.case_id), col(Person.position))).all()
    events = session.exec(select(CaseEvent).order_by(col(CaseEvent.id))).all()
    return [
        *(
            (c.number, c.status, c.origin_regency_code, c.recruiter_name, c.created_at)
            for c in cases
        ),
        *((p.full_name, p.nik, p.phone, p.status) for p in people),
        *((e.kind, e.to_status, e.note, e.created_at) for e in events),
    ]


def test_the_same_seed_gives_the_same_history_on_every_backend(
    db: Database, tmp_path: Path
) -> None:
    other = Database.from_url(f"sqlite:///{tmp_path}/again.db")
    upgrade(other.engine)
    with _prepared(db) as first, _prepared(other) as second:
        assert load_demo_data(first, per_month=SMALL_YEAR) == sum(SMALL_YEAR)
        assert load_demo_data(second, per_month=SMALL_YEAR) == sum(SMALL_YEAR)
        assert _fingerprint(first) == _fingerprint(second)
        third_seed = Database.from_url(f"sqlite:///{tmp_path}/seed.db")
        upgrade(third_seed.engine)
        with _prepared(third_seed) as third:
            load_demo_data(third, per_month=SMALL_YEAR, seed=7)
            assert _fingerprint(third) != _fingerprint(first)
        third_seed.dispose()
    other.dispose()
