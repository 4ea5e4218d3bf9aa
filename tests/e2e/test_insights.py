"""Patterns across cases through the real bot: duplicates, the recruiter register and its
export, /cari with pagination on 300 cases, masking in the staff group, /statistik."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta

from openpyxl import load_workbook
from sqlmodel import Session, select

from emulator import BotAPIEmulator, Group
from models.people.accounts import get_or_create_account
from models.storage.db import Database
from models.storage.tables import (
    Account,
    Agency,
    Case,
    CaseEvent,
    CaseLink,
    CaseRecruiter,
    CaseStatus,
    Recruiter,
    Referral,
    Role,
)
from tests.e2e.conftest import RunningBot
from tests.e2e.intake_script import NIK, Action, script
from tests.services.insight_cases import make_case
from views.text import t

YEAR = datetime.now(UTC).year
STAFF_ID = 9101
SEARCH_STAFF_ID = 9102


def member(db: Database, telegram_id: int, role: Role, *, agency_id: int | None = None) -> int:
    """An account with a role, as an accepted invite leaves it."""
    with db.session() as session:
        account = get_or_create_account(
            session, telegram_user_id=telegram_id, language_code="id", now=datetime.now(UTC)
        )
        account.role = role
        account.display_name = f"Petugas {telegram_id}"
        account.agency_id = agency_id
        session.add(account)
        session.commit()
        return account.id  # type: ignore[return-value]


async def report(worker: object, name: str, **steps: Action) -> object:
    """A whole intake with some answers changed, submitted."""
    await worker.send("/start")  # type: ignore[attr-defined]
    for step, action in script(name):
        await steps.get(step, action)(worker)
    return await worker.tap("Kirim laporan")  # type: ignore[attr-defined]


async def test_duplicates_and_recruiters_are_matched_across_intakes(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database, staff_group: Group
) -> None:
    member(db, STAFF_ID, Role.STAFF)
    first = await report(emulator.user(6001, "Siti"), "Siti Aminah")
    assert f"KBR-{YEAR}-0001" in first.text  # type: ignore[attr-defined]

    # A friend reports the same person again, spelling the agent differently.
    await report(
        emulator.user(6002, "Rina"),
        "Siti Aminah",
        recruiter=lambda w: w.send("bapak JOKO"),
        rec_phone=lambda w: w.send("+62 813 5555 1234"),
        employer=lambda w: w.send("PT. SAWIT MAKMUR"),
    )
    notice = await staff_group.wait_for_message(contains="Kemungkinan laporan ganda")
    assert f"KBR-{YEAR}-0002" in notice.text and f"KBR-{YEAR}-0001" in notice.text
    assert "NIK sama dengan" in notice.text
    for private in (NIK, "Siti", "0812", "+62812"):
        assert private not in notice.text
    assert notice.inline_labels == [f"📂 Buka KBR-{YEAR}-0001", f"📂 Buka KBR-{YEAR}-0002"]

    # Someone else, brought by the same agent (same number, another name): no duplicate.
    await report(
        emulator.user(6003, "Dewi"),
        "Dewi Lestari",
        nik=lambda w: w.send("5203015508900003"),
        phone=lambda w: w.press("Kirim nomor saya", phone="6281298765432"),
        recruiter=lambda w: w.send("Djoko Santoso"),
        rec_phone=lambda w: w.send("081355551234"),
        employer=lambda w: w.send("Sawit Makmur"),
    )
    await staff_group.wait_for_message(contains=f"KBR-{YEAR}-0003")

    with db.session() as session:
        cases = session.exec(select(Case).order_by(Case.id)).all()  # type: ignore[arg-type]
        (link,) = session.exec(select(CaseLink)).all()
        assert (link.case_id, link.other_case_id, link.kind, link.matched_on) == (
            cases[1].id, cases[0].id, "duplicate", "nik",
        )  # fmt: skip
        linked = session.exec(select(CaseEvent).where(CaseEvent.kind == "linked")).all()
        assert sorted(e.case_id for e in linked) == [cases[0].id, cases[1].id]
        agent, company = session.exec(select(Recruiter).order_by(Recruiter.id)).all()  # type: ignore[arg-type]
        assert (agent.kind, agent.name, agent.phone) == ("recruiter", "Pak Joko", "+6281355551234")
        assert agent.aliases == ["Djoko Santoso"]
        assert (company.kind, company.name_key) == ("employer", "sawitmakmur")
        for record in (agent, company):
            named = session.exec(
                select(CaseRecruiter.case_id).where(CaseRecruiter.recruiter_id == record.id)
            ).all()
            assert sorted(named) == [c.id for c in cases]
    # No duplicate notice for the third case.
    duplicates = [
        c for c in emulator.calls
        if c.method == "sendMessage" and "laporan ganda" in str(c.params.get("text"))
    ]  # fmt: skip
    assert len(duplicates) == 1

    # /perekrut: full phone in private, masked in the group; the export goes to private.
    staff = emulator.user(STAFF_ID, "Bu Staf")
    listing = await staff.send("/perekrut")
    assert "1. Pak Joko (+6281355551234): 9 orang, 3 kasus" in listing.text
    assert "juga ditulis: Djoko Santoso" in listing.text
    assert "1. PT Sawit Makmur: 9 orang, 3 kasus" in listing.text
    in_group = await staff.send("/perekrut", chat=staff_group)
    assert "Pak Joko (+62813****1234)" in in_group.text
    assert "+6281355551234" not in in_group.text
    tapped = await staff.tap("1. Pak Joko", chat=staff_group)
    assert tapped.callback_answer == "File ekspor dikirim ke chat pribadi Anda dengan bot."
    document = await staff.wait_for_message(contains="3 kasus")
    assert document.document is not None and "jangan disebarkan" in (document.caption or "")
    book = load_workbook(io.BytesIO(emulator.file_bytes(document.document)))
    rows = [[c.value for c in row] for row in book["Kasus"].iter_rows(min_row=2)]
    assert [r[2] for r in rows] == [f"KBR-{YEAR}-000{n}" for n in (1, 2, 3)]
    people = [[c.value for c in row] for row in book["Orang"].iter_rows(min_row=2)]
    assert [p[2] for p in people] == [NIK, NIK, "5203015508900003"]
    with db.session() as session:
        access = session.exec(select(CaseEvent).where(CaseEvent.kind == "access")).all()
        assert len(access) == 3
        assert {e.data["export"] for e in access} == {"recruiters"}

    # A reporter can neither list nor export.
    worker = emulator.user(6001, "Siti")
    refused = await worker.send("/perekrut")
    assert "hanya untuk petugas" in refused.text
    assert t("id", "btn.menu_report") in refused.buttons  # the usual menu
    forged = await worker.replay(f"rx:{agent.id}")
    assert forged.callback_answer is not None and "hanya untuk petugas" in forged.callback_answer


async def test_a_claim_after_being_sent_home_is_flagged_as_a_repeat(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database, staff_group: Group
) -> None:
    with db.session() as session:
        earlier = make_case(
            session,
            name="Siti Aminah",
            nik=NIK,
            now=datetime.now(UTC) - timedelta(days=120),
            status=CaseStatus.SELESAI,
            reporter_id=6100,
        )
        earlier.repatriated_at = datetime.now(UTC) - timedelta(days=100)
        session.add(earlier)
        session.commit()
        number = earlier.number
    await report(emulator.user(6101, "Siti"), "Siti Aminah")
    notice = await staff_group.wait_for_message(contains="Klaim berulang")
    assert f"NIK sama dengan {number} yang sudah dipulangkan (Selesai)" in notice.text
    assert NIK not in notice.text
    with db.session() as session:
        (link,) = session.exec(select(CaseLink)).all()
        assert (link.other_case_id, link.kind) == (earlier.id, "repeat")


def _seed_300(session: Session) -> list[Case]:
    start = datetime(2024, 3, 1, 2, 0, tzinfo=UTC)
    cases = [
        make_case(
            session,
            name=f"Warga Telantar {n:03d}",
            nik=f"5203011508{n:06d}",
            phone=f"+62812{n:08d}",
            recruiter_name="Pak Joko" if n % 3 == 0 else f"Agen {n % 7}",
            now=start + timedelta(hours=n),
            reporter_id=800_000,
        )
        for n in range(1, 301)
    ]
    session.commit()
    return cases


async def test_search_and_pagination_on_300_cases_with_masking_in_the_group(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database, staff_group: Group
) -> None:
    member(db, SEARCH_STAFF_ID, Role.STAFF)
    with db.session() as session:
        cases = _seed_300(session)
        agency = session.exec(select(Agency)).first()
        assert agency is not None
        staff_id = session.exec(
            select(Account.id).where(Account.telegram_user_id == SEARCH_STAFF_ID)
        ).one()
        referred = cases[41]
        session.add(Referral(case_id=referred.id, agency_id=agency.id, created_by_id=staff_id))  # type: ignore[arg-type]
        session.commit()
        agency_id = agency.id
    staff = emulator.user(SEARCH_STAFF_ID, "Pak Staf")

    page1 = await staff.send("/cari WARGA   telantar")
    assert page1.text.startswith("🔎 WARGA telantar\n300 kasus ditemukan · halaman 1 dari 38")
    numbers1 = re.findall(r"KBR-2024-\d{4}", page1.last.text)
    assert numbers1 == [f"KBR-2024-{n:04d}" for n in range(300, 292, -1)]
    assert "NIK 5203011508000300 · HP +6281200000300" in page1.text  # private: in full
    assert page1.buttons[-1] == "Berikutnya ›"
    assert page1.buttons[0] == "📂 KBR-2024-0300"

    page2 = await staff.tap("Berikutnya ›")
    assert "halaman 2 dari 38" in page2.text
    assert re.findall(r"KBR-2024-\d{4}", page2.last.text) == [
        f"KBR-2024-{n:04d}" for n in range(292, 284, -1)
    ]
    assert page2.buttons[-2:] == ["‹ Sebelumnya", "Berikutnya ›"]
    back = await staff.tap("‹ Sebelumnya")
    assert re.findall(r"KBR-2024-\d{4}", back.last.text) == numbers1
    assert page2.last.message_id == page1.last.message_id  # edited in place

    # Case numbers, NIK, phone and recruiter in the usual shapes.
    for query, expected in [
        ("kbr 2024 7", ["KBR-2024-0007"]),
        ("2024-0042", ["KBR-2024-0042"]),
        ("5203 0115 0800 0123", ["KBR-2024-0123"]),
        ("0812-0000-0077", ["KBR-2024-0077"]),
        ("warga telantar 299", ["KBR-2024-0299"]),
    ]:
        found = await staff.send(f"/cari {query}")
        assert re.findall(r"KBR-2024-\d{4}", found.last.text) == expected, query
    joko = await staff.send("/cari pak djoko")
    assert "100 kasus ditemukan" in joko.text
    nothing = await staff.send("/cari tidak ada orangnya")
    assert "Tidak ada kasus yang cocok" in nothing.text
    usage = await staff.send("/cari")
    assert "Ketik <b>/cari</b>" in usage.last.html

    # In the staff group NIK and phone are masked.
    grouped = await staff.send("/cari 5203011508000123", chat=staff_group)
    assert "KBR-2024-0123" in grouped.text
    assert "NIK 5203**********23 · HP +62812****0123" in grouped.text
    # Only the query itself is echoed (the staff member typed it there), never a result's NIK.
    header, results = grouped.last.text.split("\n", 1)
    assert header == "🔎 5203011508000123" and "5203011508000123" not in results

    # A button whose hash does not match its message runs nothing; a reporter is refused.
    staff_message = page1.last.message_id
    forged = await staff.replay("s:3:0000000000000000", message_id=staff_message)
    assert forged.callback_answer == "Pencarian ini sudah tidak berlaku. Ketik /cari lagi."
    reporter = emulator.user(6201, "Warga")
    refused = await reporter.send("/cari warga")
    assert refused.text.startswith("Maaf, perintah ini hanya untuk petugas Dinas Sosial.")
    assert t("id", "btn.menu_report") in refused.buttons  # the usual menu
    replayed = await reporter.replay(page2.last.inline_keyboard[-1][-1]["callback_data"])
    assert replayed.callback_answer == "Maaf, perintah ini hanya untuk petugas Dinas Sosial."

    # A partner finds only the case referred to their agency.
    member(db, 6301, Role.PARTNER, agency_id=agency_id)
    partner = emulator.user(6301, "Polres")
    partial = await partner.send("/cari warga telantar")
    assert re.findall(r"KBR-2024-\d{4}", partial.last.text) == [referred.number]


async def test_statistics_for_a_date_range_are_for_staff_only(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    member(db, STAFF_ID, Role.STAFF)
    with db.session() as session:
        for n in range(20):
            make_case(
                session,
                name=f"Warga {n}",
                now=datetime(2024, 1 + n % 11, 10, 3, tzinfo=UTC),
                group_size=10 if n < 7 else 9,
                origin_province="52",
                origin_regency="52.03",
                reporter_id=810_000,
            )
        make_case(session, now=datetime(2024, 12, 2, 3, tzinfo=UTC), reporter_id=810_100)
        session.commit()
    staff = emulator.user(STAFF_ID, "Bu Staf")
    shown = await staff.send("/statistik 2024-01-01 2024-11-30")
    assert "Sekitar 190 orang dari Januari sampai November 2024." in shown.text
    assert "20 kasus, 187 orang" in shown.text
    assert "• Lombok Timur: 20 kasus, 187 orang" in shown.text
    assert "• Januari 2024: 2 kasus, 19 orang" in shown.text
    bad = await staff.send("/statistik kemarin")
    assert "Tanggal tidak terbaca" in bad.text
    refused = await emulator.user(6401, "Warga").send("/statistik")
    assert "hanya untuk petugas" in refused.text
    assert "Lombok Timur" not in refused.text
