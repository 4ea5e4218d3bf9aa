"""Case numbers are sequential per year and unique when many submit at the same moment."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from models.cases.records import format_case_number, next_case_number
from models.storage.db import Database


def test_numbers_are_sequential_per_year(db: Database) -> None:
    with db.session() as session:
        taken = [next_case_number(session, 2026)[1] for _ in range(3)]
        other_year = next_case_number(session, 2027)[1]
        session.commit()
    assert taken == ["KBR-2026-0001", "KBR-2026-0002", "KBR-2026-0003"]
    assert other_year == "KBR-2027-0001"


def test_concurrent_takers_never_share_a_number(db: Database) -> None:
    def take(_: int) -> int:
        with db.session() as session:
            seq, _number = next_case_number(session, 2026)
            session.commit()
            return seq

    with ThreadPoolExecutor(max_workers=8) as pool:
        seqs = list(pool.map(take, range(40)))
    assert sorted(seqs) == list(range(1, 41))


def test_number_format() -> None:
    assert format_case_number(2024, 7) == "KBR-2024-0007"
    assert format_case_number(2024, 12345) == "KBR-2024-12345"
