"""Duplicate and repeat check: NIK or phone shared with an open case, or with one sent home."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from models.cases.duplicates import DUPLICATE, REPEAT, check_new_case, find_matches
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
        notice = session.exec(select(Outbox).where(Outbox.key.startswith("links:"))).one()  # type: ignore[union-attr]
        assert notice.chat_id == STAFF_CHAT
        assert "Kemungkinan laporan ganda" in notice.text
        assert first.number in notice.text and second.number in notice.text
        for private in (NIK_A, PHONE_A, "Siti", "0812"):
            assert private not in notice.text
        buttons = [
            b["callback_data"] for row in notice.reply_markup["inline_keyboard"] for b in row
        ]  # type: ignore[index]
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
        (notice,) = session.exec(select(Outbox).where(Outbox.key.startswith("links:"))).all()  # type: ignore[union-attr]
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


def test_a_case_without_nik_or_phone_matches_nothing(db: Database) -> None:
    with db.session() as session:
        make_case(session, name="Tanpa NIK")
        lonely = make_case(session, name="Tanpa NIK")
        assert find_matches(session, lonely) == []
