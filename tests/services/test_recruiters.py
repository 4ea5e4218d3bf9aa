"""The recruiter register: name keys, matching by phone then name, counts, ranking, export."""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from models.cases.headcount import count_people
from models.cases.recruiters import (
    EMPLOYER,
    link_case_recruiters,
    match_recruiter,
    name_key,
    ranking,
    recruiter_summary,
)
from models.insights.recruiter_export import recruiter_cases
from models.storage.db import Database
from models.storage.tables import CaseEvent, CaseRecruiter, CaseStatus, Recruiter, Role
from tests.services.insight_cases import NOW, account, make_case
from views.case_card import recruiter_lines
from views.recruiter_export import recruiter_workbook
from views.text import render

WIB = ZoneInfo("Asia/Jakarta")

SAME_NAME = {
    "joko": [
        "Pak Joko", "pak joko", "PAK JOKO", "Bapak Joko", "Bpk. Joko", "Bp Joko", "Djoko",
        "  joko ", "Mas Joko", "H. Joko", "Haji Joko", "Pak H. Joko", "Bapak H. Djoko",
        "Joko (mandor)", "ketua rombongan Joko", "Joko agen", "Pak Jokoo", "Pak.Joko",
        "Joko 0813-5555-1234", "Jóko",
    ],
    "siti": ["Bu Siti", "Ibu Siti", "Hj. Siti", "Mbak Siti", "siti", "Ibuk Siti"],
    "suparman": ["Soeparman", "Suparman", "Pak Soeparman", "SUPARMAN"],
    "muhamadyusuf": ["M. Yusuf", "Muhammad Yusuf", "Moh. Yusuf", "Mochammad Yusuf",
                     "Muhamad Yusuf", "Pak M Yusuf"],
    "hendri": ["Hendry", "Hendri", "Pak Hendry"],
    "hairul": ["Khairul", "Chairul", "Hairul"],
    "jokosusilo": ["Joko Susilo", "JokoSusilo", "joko-susilo", "Pak Djoko Soesilo"],
    "wayansuarta": ["Wayan Suarta", "wayan  suarta", "Bli Wayan Suarta"],
}  # fmt: skip
DIFFERENT = [("Joko", "Joko Susilo"), ("Lalu Ahmad", "Ahmad"), ("Siti", "Sita"), ("Agus", "Bagus")]
EMPLOYERS = {
    "sawitmakmur": ["PT. Sawit Makmur", "PT SAWIT MAKMUR", "Sawit Makmur, PT",
                    "pt sawit makmur tbk",
                    "PT.Sawit Makmur", "PT Sawit  Makmur (Persero)"],
    "majujaya": ["CV Maju Jaya", "Maju Jaya", "CV. MAJU JAYA"],
}  # fmt: skip


@pytest.mark.parametrize(("key", "spellings"), sorted(SAME_NAME.items()))
def test_spellings_of_one_name_share_a_key(key: str, spellings: list[str]) -> None:
    assert {name_key(s) for s in spellings} == {key}


@pytest.mark.parametrize(("one", "other"), DIFFERENT)
def test_different_names_keep_different_keys(one: str, other: str) -> None:
    assert name_key(one) != name_key(other)


def test_a_name_made_only_of_titles_keeps_them() -> None:
    assert name_key("Pak Haji") == "pakhaji"
    assert name_key("Pak") == "pak"
    assert name_key("Pak Haji") != name_key("Pak")


@pytest.mark.parametrize(("key", "spellings"), sorted(EMPLOYERS.items()))
def test_employer_legal_forms_are_dropped(key: str, spellings: list[str]) -> None:
    assert {name_key(s, EMPLOYER) for s in spellings} == {key}
    assert name_key("PT Sawit Makmur Lestari", EMPLOYER) != "sawitmakmur"


def _recruiters(db: Database) -> list[Recruiter]:
    with db.session() as session:
        return list(session.exec(select(Recruiter).order_by(Recruiter.id)))  # type: ignore[arg-type]


def test_phone_first_a_new_name_with_a_known_phone_is_an_alias(db: Database) -> None:
    with db.session() as session:
        first = make_case(session, recruiter_name="Pak Joko", recruiter_phone="+6281355551234")
        second = make_case(session, recruiter_name="Joko Santoso", recruiter_phone="+6281355551234")
        third = make_case(session, recruiter_name="bapak JOKO", recruiter_phone="+6281355551234")
        # Later without a phone, under the alias only: still the same person.
        fourth = make_case(session, recruiter_name="Pak Joko Santoso")
        session.commit()
        ids = [first.id, second.id, third.id, fourth.id]
    (joko,) = _recruiters(db)
    assert (joko.name, joko.phone, joko.name_key) == ("Pak Joko", "+6281355551234", "joko")
    assert joko.aliases == ["Joko Santoso"]  # "bapak JOKO" has the same key: no alias
    with db.session() as session:
        linked = session.exec(
            select(CaseRecruiter.case_id).where(CaseRecruiter.recruiter_id == joko.id)
        )
        assert sorted(linked) == sorted(ids)


def test_name_second_a_phoneless_record_adopts_a_phone_but_another_phone_is_someone_else(
    db: Database,
) -> None:
    with db.session() as session:
        make_case(session, recruiter_name="Pak Joko")
        make_case(session, recruiter_name="Djoko", recruiter_phone="0813-5555-1234")
        make_case(session, recruiter_name="joko", recruiter_phone="+62 812 9999 0000")
        ambiguous = make_case(session, recruiter_name="Mas Joko")
        session.commit()
        assert (
            session.exec(select(CaseRecruiter).where(CaseRecruiter.case_id == ambiguous.id)).all()
            == []
        )
    first, second = _recruiters(db)
    assert (first.name, first.phone) == ("Pak Joko", "+6281355551234")
    assert (second.name, second.phone) == ("joko", "+6281299990000")


def test_without_phone_a_single_record_matches_by_name(db: Database) -> None:
    with db.session() as session:
        make_case(session, recruiter_name="Pak Soeparman", employer="PT. Sawit Makmur")
        make_case(session, recruiter_name="suparman", employer="Sawit Makmur, PT")
        make_case(session, recruiter_name="Bu Siti", employer="CV Maju Jaya")
        session.commit()
    names = [(r.kind, r.name) for r in _recruiters(db)]
    assert names == [
        ("recruiter", "Pak Soeparman"),
        ("employer", "PT. Sawit Makmur"),
        ("recruiter", "Bu Siti"),
        ("employer", "CV Maju Jaya"),
    ]


def test_nothing_named_nothing_linked_and_linking_twice_changes_nothing(db: Database) -> None:
    with db.session() as session:
        bare = make_case(session)
        named = make_case(session, recruiter_name="Pak Joko", employer="PT Sawit Makmur")
        assert link_case_recruiters(session, bare, now=NOW) == []
        again = link_case_recruiters(session, named, now=NOW)
        assert [r.kind for r in again] == ["recruiter", "employer"]
        assert match_recruiter(session, kind="recruiter", name="  ", phone=None, now=NOW) is None
        session.commit()
        assert len(session.exec(select(CaseRecruiter)).all()) == 2
        assert len(session.exec(select(Recruiter)).all()) == 2


def test_summary_counts_other_cases_and_their_people_not_rejected_ones(db: Database) -> None:
    with db.session() as session:
        this = make_case(session, recruiter_name="Pak Joko", employer="PT Sawit", group_size=3)
        make_case(session, recruiter_name="Djoko", group_size=2)
        make_case(session, recruiter_name="bapak joko", employer="PT. SAWIT", group_size=5)
        make_case(session, recruiter_name="Joko", group_size=4, status=CaseStatus.DITOLAK)
        make_case(session, recruiter_name="Joko", group_size=6, status=CaseStatus.DUPLIKAT)
        lonely = make_case(session, recruiter_name="Pak Bambang", group_size=1)
        session.commit()
        summary = recruiter_summary(session, this.id)  # type: ignore[arg-type]
        assert [(s.kind, s.name, s.other_cases, s.other_people) for s in summary] == [
            ("recruiter", "Pak Joko", 2, 7),
            ("employer", "PT Sawit", 1, 5),
        ]
        lines = [render("id", m) for m in recruiter_lines(recruiter_summary(session, this.id))]  # type: ignore[arg-type]
        assert lines == [
            "👤 Perekrut <b>Pak Joko</b> juga disebut di 2 kasus lain (7 orang)",
            "🏢 Pemberi kerja <b>PT Sawit</b> juga disebut di 1 kasus lain (5 orang)",
        ]
        (first,) = recruiter_lines(recruiter_summary(session, lonely.id))  # type: ignore[arg-type]
        assert render("en", first) == "👤 Recruiter <b>Pak Bambang</b> appears in no other case yet"
        assert recruiter_summary(session, 999_999) == []


def test_ranking_orders_by_people_then_cases(db: Database) -> None:
    with db.session() as session:
        for size in (3, 2):
            make_case(session, recruiter_name="Pak Joko", group_size=size)
        make_case(session, recruiter_name="Bu Siti", group_size=6)
        make_case(session, recruiter_name="Mas Agus", group_size=1)
        make_case(session, recruiter_name="Mas Agus", group_size=4)
        make_case(session, recruiter_name="Pak Rejected", group_size=50, status=CaseStatus.DITOLAK)
        make_case(session, employer="PT Sawit", group_size=2)
        session.commit()
        rows = ranking(session)
        assert [(r.name, r.people, r.cases) for r in rows] == [
            ("Bu Siti", 6, 1),
            ("Mas Agus", 5, 2),
            ("Pak Joko", 5, 2),
            ("PT Sawit", 2, 1),
        ]
        assert [r.name for r in ranking(session, kind=EMPLOYER)] == ["PT Sawit"]
        assert len(ranking(session, limit=2)) == 2


def test_recruiter_counts_people_by_their_rows_like_every_other_figure(db: Database) -> None:
    """/perekrut and the card's recruiter lines count people as /statistik does: by rows."""
    with db.session() as session:
        # Staff learned of two more people than the reporter's count said.
        grown = make_case(
            session,
            recruiter_name="Pak Joko",
            group_size=2,
            members=[{"full_name": "Budi"}, {"full_name": "Wati"}, {"full_name": "Sri"}],
        )
        other = make_case(session, recruiter_name="Djoko")
        session.commit()
        assert grown.group_size == 2
        (row,) = ranking(session)
        assert (row.name, row.cases, row.people) == ("Pak Joko", 2, 5)
        assert row.people == count_people(session, [grown, other]).people
        (joko,) = recruiter_summary(session, other.id)  # type: ignore[arg-type]
        assert (joko.other_cases, joko.other_people) == (1, 4)


def test_export_holds_every_case_naming_the_recruiter_as_text_and_records_access(
    db: Database,
) -> None:
    with db.session() as session:
        staff = account(session, 42, Role.STAFF)
        hostile = make_case(
            session,
            name='=HYPERLINK("http://x")',
            nik="5203011508900001",
            phone="+6281234567890",
            recruiter_name="Pak Joko",
            recruiter_phone="+6281355551234",
            group_size=2,
            members=[{"full_name": "Budi", "nik": "5203011508900002"}],
            origin_province="52",
            origin_regency="52.03",
        )
        rejected = make_case(session, name="Ani", recruiter_name="Djoko", status=CaseStatus.DITOLAK)
        other = make_case(session, name="Lain", recruiter_name="Bu Siti")
        session.commit()
        joko = session.exec(select(Recruiter).where(Recruiter.name_key == "joko")).one()
        export = recruiter_workbook(
            recruiter_cases(session, actor=staff, recruiter_id=joko.id, now=NOW), lang="id", tz=WIB
        )
        session.commit()
        assert export.cases == 2
        assert export.filename.endswith(".xlsx")
        book = load_workbook(io.BytesIO(export.content))
        assert book.sheetnames == ["Perekrut", "Kasus", "Orang"]
        cases = [[c.value for c in row] for row in book["Kasus"].iter_rows(min_row=2)]
        assert [row[2] for row in cases] == [hostile.number, rejected.number]
        assert cases[0][5:8] == ["Kabupaten Lombok Timur", "Nusa Tenggara Barat", 2]
        people = [[c.value for c in row] for row in book["Orang"].iter_rows(min_row=2)]
        assert people[0][:4] == [hostile.number, '=HYPERLINK("http://x")', "5203011508900001",
                                 "+6281234567890"]  # fmt: skip
        assert book["Orang"]["B2"].data_type == "s"  # a name, never a formula
        assert people[1][:3] == [hostile.number, "Budi", "5203011508900002"]
        access = session.exec(select(CaseEvent).where(CaseEvent.kind == "access")).all()
        assert sorted(e.case_id for e in access) == sorted([hostile.id, rejected.id])
        assert all(e.actor_id == staff.id for e in access)
        assert other.id not in {e.case_id for e in access}
        everything = recruiter_workbook(
            recruiter_cases(session, actor=staff, recruiter_id=None, now=NOW), lang="en", tz=WIB
        )
        assert everything.cases == 3
        assert load_workbook(io.BytesIO(everything.content)).sheetnames == [
            "Recruiters", "Cases", "People",
        ]  # fmt: skip
