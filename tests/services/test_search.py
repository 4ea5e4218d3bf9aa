"""/cari: forgiving about numbers, case, spacing and phone spellings; only what one may see."""

from __future__ import annotations

from datetime import timedelta
from time import perf_counter

import pytest
from sqlalchemy import insert
from sqlmodel import Session, select

from models.cases.search import CaseNumber, clean_query, parse_case_number, search
from models.storage.db import Database
from models.storage.tables import Account, Agency, Case, Person, Referral, Role
from tests.services.insight_cases import NOW, account, make_case


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KBR-2026-0001", CaseNumber(2026, 1)),
        ("kbr 2026 1", CaseNumber(2026, 1)),
        ("Kbr/2026/0001", CaseNumber(2026, 1)),
        ("KBR20260001", CaseNumber(2026, 1)),
        ("2026-0001", CaseNumber(2026, 1)),
        ("2026 12", CaseNumber(2026, 12)),
        ("0001", CaseNumber(None, 1)),
        ("kbr-0042", CaseNumber(None, 42)),
        ("7", CaseNumber(None, 7)),
        ("0", None),
        ("12345", None),
        ("siti", None),
        ("KBR-2026-00001", None),
    ],
)
def test_case_numbers_in_any_usual_shape(text: str, expected: CaseNumber | None) -> None:
    assert parse_case_number(text) == expected


def test_queries_are_cleaned_and_capped() -> None:
    assert clean_query("  Siti \n  Aminah\t") == "Siti Aminah"
    assert len(clean_query("x" * 500)) == 100


def _numbers(session: Session, viewer: Account, text: str) -> list[str]:
    return [hit.number for hit in search(session, viewer, text, page_size=50).hits]


@pytest.fixture
def seeded(db: Database) -> Database:
    with db.session() as session:
        make_case(
            session,
            name="Siti Aminah",
            nik="5203014508900001",
            phone="+6281234567890",
            recruiter_name="Pak Joko",
            recruiter_phone="+6281355551234",
            employer="PT. Sawit Makmur",
            now=NOW,
            members=[{"full_name": "Budi Santoso", "nik": "5203011201850003"}],
        )
        make_case(
            session,
            name="SITI RAHMAWATI",
            recruiter_name="Bu Sri",
            employer="CV Maju Jaya",
            now=NOW + timedelta(days=1),
        )
        make_case(
            session,
            name="Ahmad Yani",
            phone="+6285712345678",
            recruiter_name="Djoko",
            now=NOW + timedelta(days=2),
        )
        # The same agent's number under his nickname: an alias of the register's record.
        make_case(
            session,
            name="Rudi",
            recruiter_name="Bang Jek",
            recruiter_phone="0813 5555 1234",
            now=NOW + timedelta(days=3),
        )
        account(session, 1, Role.STAFF)
        session.commit()
    return db


QUERIES: list[tuple[str, list[str]]] = [
    # numbers
    ("KBR-2024-0001", ["KBR-2024-0001"]),
    ("kbr 2024 2", ["KBR-2024-0002"]),
    ("2024-0003", ["KBR-2024-0003"]),
    ("0002", ["KBR-2024-0002"]),
    ("kbr-2025-0001", []),
    # names, any case and spacing
    ("siti", ["KBR-2024-0002", "KBR-2024-0001"]),
    ("SITI aminah", ["KBR-2024-0001"]),
    ("sitiaminah", ["KBR-2024-0001"]),
    ("  siti   RAHMA ", ["KBR-2024-0002"]),
    ("budi", ["KBR-2024-0001"]),  # a group member
    ("rahmawati siti", ["KBR-2024-0002"]),
    ("siti yani", []),
    # NIK, whole or in part, with separators
    ("5203014508900001", ["KBR-2024-0001"]),
    ("5203 0112 0185 0003", ["KBR-2024-0001"]),
    ("52030145", ["KBR-2024-0001"]),
    # phones, any spelling
    ("081234567890", ["KBR-2024-0001"]),
    ("+62 812-3456-7890", ["KBR-2024-0001"]),
    ("6285712345678", ["KBR-2024-0003"]),
    ("0857 1234", ["KBR-2024-0003"]),
    # the recruiter's phone: also the case naming "Djoko" without a phone (one record)
    ("0813-5555-1234", ["KBR-2024-0004", "KBR-2024-0003", "KBR-2024-0001"]),
    # recruiters and employers, through the register's keys too
    ("joko", ["KBR-2024-0004", "KBR-2024-0003", "KBR-2024-0001"]),
    ("Pak Djoko", ["KBR-2024-0004", "KBR-2024-0003", "KBR-2024-0001"]),
    ("jek", ["KBR-2024-0004", "KBR-2024-0003", "KBR-2024-0001"]),  # through the alias
    ("sawit makmur", ["KBR-2024-0001"]),
    ("maju", ["KBR-2024-0002"]),
    ("siti joko", ["KBR-2024-0001"]),
    # nothing to search
    ("", []),
    ("-- ..", []),
    ("x", []),
]


def test_staff_find_cases_by_number_name_nik_phone_and_recruiter(seeded: Database) -> None:
    with seeded.session() as session:
        staff = session.exec(select(Account).where(Account.telegram_user_id == 1)).one()
        wrong = {
            text: (found, expected)
            for text, expected in QUERIES
            if (found := _numbers(session, staff, text)) != expected
        }
        assert wrong == {}


def test_partners_see_only_referred_cases_officers_their_own_reporters_nothing(
    seeded: Database,
) -> None:
    with seeded.session() as session:
        staff = session.exec(select(Account).where(Account.telegram_user_id == 1)).one()
        agency = session.exec(select(Agency)).first()
        assert agency is not None
        partner = account(session, 2, Role.PARTNER)
        partner.agency_id = agency.id
        officer = account(session, 3, Role.OFFICER)
        reporter = account(session, 4)
        first, second, third, _ = session.exec(select(Case).order_by(Case.id)).all()  # type: ignore[arg-type]
        session.add(Referral(case_id=second.id, agency_id=agency.id, created_by_id=staff.id))  # type: ignore[arg-type]
        third.assignee_id = officer.id
        first.reporter_id = reporter.id
        session.add_all([third, first])
        session.commit()
        assert _numbers(session, partner, "siti") == [second.number]
        assert _numbers(session, officer, "siti") == []
        assert _numbers(session, officer, "ahmad") == [third.number]
        assert _numbers(session, reporter, "siti") == []
        partner.agency_id = None
        assert _numbers(session, partner, "siti") == []
        staff.active = False
        assert _numbers(session, staff, "siti") == []


def test_pages_are_clamped_and_counted(db: Database) -> None:
    with db.session() as session:
        staff = account(session, 1, Role.STAFF)
        for n in range(23):
            make_case(session, name=f"Warga Sama {n}", now=NOW + timedelta(hours=n))
        session.commit()
        first = search(session, staff, "warga sama", page=0, page_size=10)
        assert (first.total, first.pages, first.page, len(first.hits)) == (23, 3, 0, 10)
        assert first.hits[0].person is not None
        assert first.hits[0].person.full_name == "Warga Sama 22"  # newest first
        last = search(session, staff, "warga sama", page=9, page_size=10)
        assert (last.page, len(last.hits)) == (2, 3)
        assert last.hits[-1].number == "KBR-2024-0001"
        seen = {
            hit.number
            for page in range(3)
            for hit in search(session, staff, "warga sama", page=page, page_size=10).hits
        }
        assert len(seen) == 23
        empty = search(session, staff, "tidakada", page=0, page_size=10)
        assert (empty.total, empty.pages, empty.hits) == (0, 0, [])


def test_search_stays_quick_on_three_thousand_cases(db: Database) -> None:
    with db.session() as session:
        staff = account(session, 1, Role.STAFF)
        reporter = account(session, 2)
        # Core inserts of full rows (defaults filled in from one model instance): fast.
        case_row = Case(number="", year=2024, seq=0, reporter_id=reporter.id).model_dump()
        person_row = Person(case_id=0, full_name="").model_dump(exclude={"id"})
        session.execute(
            insert(Case),
            [
                {**case_row, "id": n, "number": f"KBR-2024-{n:04d}", "seq": n,
                 "recruiter_name": f"Agen {n % 40}", "created_at": NOW + timedelta(minutes=n)}
                for n in range(1, 3001)
            ],
        )  # fmt: skip
        session.execute(
            insert(Person),
            [
                {**person_row, "case_id": n, "full_name": f"Warga Desa {n:04d}",
                 "nik": f"5203011508{n:06d}", "phone": f"+62812{n:08d}"}
                for n in range(1, 3001)
            ],
        )  # fmt: skip
        session.commit()
        queries = {
            "5203011508001234": 1,
            "kbr 2024 2999": 1,
            "+62 812 0000 0777": 1,
            "desa 0042": 1,  # the name; KBR-2024-0042 is Warga Desa 0042 too
            "warga desa": 3000,
        }
        started = perf_counter()
        totals = {q: search(session, staff, q, page=5, page_size=10).total for q in queries}
        elapsed = perf_counter() - started
        assert totals == queries
        assert elapsed < 2.0, f"{len(queries)} searches took {elapsed:.2f}s"
