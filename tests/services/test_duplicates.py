"""Duplicate and repeat check: NIK or phone shared with an open case, or with one sent home."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlmodel import select

from models.cases.duplicates import DUPLICATE, NAME, REPEAT, check_new_case, find_matches
from models.storage.db import Database
from models.storage.tables import (
    CaseEvent,
    CaseLink,
    CaseStatus,
    Outbox,
    Person,
    PersonStatus,
    Role,
)
from tests.services.insight_cases import NOW, account, make_case
from views.renderer import render

NIK_A = "5203011508900001"
NIK_B = "3509194506850002"
PHONE_A = "+6281234567890"
STAFF_CHAT = -100500


def test_a_nik_shared_with_an_open_case_links_both_as_duplicate_and_tells_staff(
    db: Database,
) -> None:
    with db.session() as session:
        first = make_case(session, name="Siti", nik=NIK_A, phone=PHONE_A)
        unrelated = make_case(session, name="Lain", nik=NIK_B)
        second = make_case(
            session, name="Siti A.", nik=NIK_A, phone=PHONE_A, notify=True, staff_chat_id=STAFF_CHAT
        )
        session.commit()
        (link,) = session.exec(select(CaseLink)).all()
        assert (link.case_id, link.other_case_id, link.kind, link.matched_on) == (
            second.id, first.id, DUPLICATE, "nik",
        )  # fmt: skip
        events = session.exec(select(CaseEvent).where(CaseEvent.kind == "linked")).all()
        assert sorted((e.case_id, e.data["other_case_id"]) for e in events) == sorted(
            [(second.id, first.id), (first.id, second.id)]
        )
        assert unrelated.id not in {e.case_id for e in events}
        notice = session.exec(select(Outbox).where(Outbox.key.startswith("links:"))).one()
        assert notice.chat_id == STAFF_CHAT
        assert "Kemungkinan laporan ganda" in notice.text
        assert first.number in notice.text and second.number in notice.text
        for private in (NIK_A, PHONE_A, "Siti", "0812"):
            assert private not in notice.text
        assert notice.reply_markup is not None
        buttons = [
            b["callback_data"] for row in notice.reply_markup["inline_keyboard"] for b in row
        ]
        assert buttons == [f"c:{first.id}:open", f"c:{second.id}:open"]


def test_a_phone_match_in_a_group_member_is_found_too(db: Database) -> None:
    with db.session() as session:
        first = make_case(session, name="Ketua", members=[{"full_name": "Budi", "phone": PHONE_A}])
        second = make_case(
            session,
            name="Pelapor lain",
            members=[{"full_name": "Ani"}, {"full_name": "Budi S.", "phone": PHONE_A}],
        )
        found = find_matches(session, second)
        assert [(f.other_case_id, f.kind, f.matched_on) for f in found] == [
            (first.id, DUPLICATE, "phone")
        ]


def test_a_match_with_a_case_sent_home_is_a_repeat_claim(db: Database) -> None:
    with db.session() as session:
        account(session, 1, Role.STAFF)
        home = make_case(session, name="Siti", nik=NIK_A, now=NOW - timedelta(days=200))
        home.status = CaseStatus.SELESAI
        home.repatriated_at = NOW - timedelta(days=150)
        session.add(home)
        # One member of another group was sent home alone; the case itself is still open.
        group = make_case(session, name="Ketua", members=[{"full_name": "Dodi", "nik": NIK_B}])
        dodi = session.exec(select(Person).where(Person.nik == NIK_B)).one()
        dodi.status = PersonStatus.DIPULANGKAN
        dodi.repatriated_at = NOW - timedelta(days=3)
        session.add(dodi)
        again = make_case(
            session,
            name="Siti",
            nik=NIK_A,
            members=[{"full_name": "Dodi", "nik": NIK_B}],
            notify=True,
            staff_chat_id=None,
        )
        session.commit()
        links = session.exec(select(CaseLink).order_by(CaseLink.other_case_id)).all()  # type: ignore[arg-type]
        assert [(lk.other_case_id, lk.kind) for lk in links] == [
            (home.id, REPEAT), (group.id, REPEAT),
        ]  # fmt: skip
        # No staff group: the staff member gets it in private, urgent.
        (notice,) = session.exec(select(Outbox).where(Outbox.key.startswith("links:"))).all()
        assert notice.chat_id == 1 and notice.urgent
        assert "Klaim berulang" in notice.text and "sudah dipulangkan" in notice.text
        assert again.number in notice.text


def test_closed_without_going_home_links_nothing_and_checking_twice_adds_nothing(
    db: Database,
) -> None:
    with db.session() as session:
        make_case(session, nik=NIK_A, status=CaseStatus.DITOLAK)
        make_case(session, nik=NIK_A, status=CaseStatus.SELESAI)  # finished here, never sent home
        open_case = make_case(session, nik=NIK_A, status=CaseStatus.DITANGANI)
        new = make_case(session, nik=NIK_A)
        first = check_new_case(session, new, staff_chat_id=STAFF_CHAT, now=NOW, renderer=render)
        assert [(f.other_case_id, f.kind) for f in first] == [(open_case.id, DUPLICATE)]
        assert (
            check_new_case(session, new, staff_chat_id=STAFF_CHAT, now=NOW, renderer=render) == []
        )
        session.commit()
        assert len(session.exec(select(CaseLink)).all()) == 1
        assert len(session.exec(select(CaseEvent).where(CaseEvent.kind == "linked")).all()) == 2


def test_a_case_without_nik_or_phone_and_another_name_matches_nothing(db: Database) -> None:
    with db.session() as session:
        make_case(session, name="Agus Salim")
        make_case(session, name="Tanpa Nama Sama")
        lonely = make_case(session, name="Agus Halim")  # one letter, another man
        assert find_matches(session, lonely) == []


LOTIM: dict[str, Any] = {"origin_province": "52", "origin_regency": "52.03"}


def test_a_member_without_nik_or_phone_may_be_the_same_by_name_age_and_origin(
    db: Database,
) -> None:
    with db.session() as session:
        first = make_case(
            session, name="Ketua", members=[{"full_name": "Muhammad Rizki", "age": 34}], **LOTIM
        )
        make_case(session, name="Lain", members=[{"full_name": "Muhammad Rizki", "age": 61}])
        second = make_case(
            session,
            name="Petugas lapangan",
            members=[{"full_name": "Moh. Rizky", "age": 35}],
            notify=True,
            staff_chat_id=STAFF_CHAT,
            **LOTIM,
        )
        session.commit()
        (link,) = session.exec(select(CaseLink)).all()  # the 61-year-old is someone else
        assert (link.case_id, link.other_case_id, link.kind, link.matched_on) == (
            second.id, first.id, DUPLICATE, NAME,
        )  # fmt: skip
        event = session.exec(
            select(CaseEvent).where(CaseEvent.kind == "linked", CaseEvent.case_id == second.id)
        ).one()
        assert set(event.data["reasons"]) == {"same_name", "similar_age", "same_regency"}
        # Staff read "mungkin sama dengan", with why; nothing is merged.
        notice = session.exec(select(Outbox).where(Outbox.key.startswith("links:"))).one()
        assert f"Mungkin sama dengan <b>{first.number}</b>" in notice.text
        assert "nama sama, umur hampir sama, asal kabupaten sama" in notice.text
        assert "Rizki" not in notice.text and "Rizky" not in notice.text
        assert len(session.exec(select(Person).where(Person.case_id == first.id)).all()) == 2


def test_a_self_report_without_nik_or_phone_may_be_a_repeat_claim_by_name(db: Database) -> None:
    with db.session() as session:
        home = make_case(session, name="Lalu Ahmad Fauzi", **LOTIM, now=NOW - timedelta(days=90))
        home.status = CaseStatus.DIPULANGKAN
        session.add(home)
        again = make_case(session, name="Ahmad Fauzi", **LOTIM)
        found = find_matches(session, again)
        assert [(f.other_case_id, f.kind, f.matched_on) for f in found] == [(home.id, REPEAT, NAME)]


def test_a_name_match_needs_one_side_without_nik_and_phone_and_never_two_niks(
    db: Database,
) -> None:
    with db.session() as session:
        with_nik = make_case(session, name="Siti Aminah", nik=NIK_B, **LOTIM)
        make_case(session, name="Siti Aminah", phone="+6281311112222", **LOTIM)
        other_nik = make_case(session, name="Siti Aminah", nik=NIK_A, **LOTIM)
        # Two NIKs: two people. A NIK and a phone: nothing says they are one.
        assert find_matches(session, other_nik) == []
        bare = make_case(session, name="Siti Aminah", **LOTIM)
        found = find_matches(session, bare)
        assert len(found) == 3 and {f.matched_on for f in found} == {NAME}
        assert with_nik.id in {f.other_case_id for f in found}


def test_a_nik_outranks_a_name_for_the_same_other_case(db: Database) -> None:
    with db.session() as session:
        first = make_case(
            session, name="Ketua", nik=NIK_A, members=[{"full_name": "Budi Santoso"}], **LOTIM
        )
        second = make_case(
            session, name="Ketua", nik=NIK_A, members=[{"full_name": "Budi Santosa"}], **LOTIM
        )
        found = find_matches(session, second)
        assert [(f.other_case_id, f.matched_on) for f in found] == [(first.id, "nik")]
