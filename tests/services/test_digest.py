"""The daily digest: its content (masked in the group), splitting, chart, and once per day."""

from __future__ import annotations

import csv
import io
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from functools import partial

import pytest
from PIL import Image
from sqlmodel import col, select

from emulator.formatted import utf16_len
from emulator.html_mode import parse_html
from models.cases.records import NewCase, create_case
from models.schedule import digest as daily
from models.schedule.digest import Reader, compute, readers
from models.storage.db import Database
from models.storage.tables import Account, DigestRun, Person, PersonStatus, Role
from tests.services.followup_world import NIK, PHONE, STAFF_CHAT, World, policy
from tests.services.insight_cases import name_members
from views import digest as digest_views
from views.digest import LIST_LIMIT, render_lines
from views.splitting import split_message

# Tuesday 1 December 2026, 07:00 WIB.
DUE = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
DAY = date(2026, 12, 1)
YESTERDAY_RUN = DUE - timedelta(days=1)
# The daily run and /digest, with the views bot/ hands them.
run_daily = partial(daily.run_daily, views=digest_views)
send_now = partial(daily.send_now, views=digest_views)


def at(days: float = 0, hours: float = 0) -> datetime:
    return DUE + timedelta(days=days, hours=hours)


def yesterday_was_sent(db: Database) -> None:
    with db.session() as session:
        session.add(DigestRun(day=DAY - timedelta(days=1), kind="daily", created_at=YESTERDAY_RUN))
        session.commit()


@pytest.fixture
def office(db: Database) -> World:
    """A team and one case of every kind the digest lists."""
    world = World(db)
    ani = world.member("Ani", Role.STAFF)
    budi = world.member("Budi", Role.STAFF)
    world.member("Bu Kadis", Role.ADMIN)
    with db.session() as session:
        off = session.get(Account, budi.id)
        assert off is not None
        off.digest_enabled = False
        session.commit()
    # New since yesterday's digest, urgent, nobody took it: 14 hours ago.
    world.case(at=at(hours=-14), name="Siti Aminah", urgent=True)
    # Old, handled by Ani, nothing happened for 6 days.
    idle = world.case(at=at(days=-10), name="Budi Santoso", assignee=ani, status="ditangani")
    world.touch(idle, at(days=-6))
    # Referred to the health office 5 days ago.
    referred = world.case(at=at(days=-9), name="Joko Widodo", assignee=ani, status="dirujuk")
    world.refer(referred, "dinkes", at=at(days=-5), by=ani)
    world.touch(referred, at(days=-1))
    # Sent home yesterday afternoon, a group of three.
    home = world.case(at=at(days=-8), name="Wayan Sudarta", assignee=ani, group_size=3)
    with db.session() as session:
        name_members(session, home, [{"full_name": "Made"}, {"full_name": "Ketut"}])
        session.commit()
    world.repatriate(home, at(hours=-16))
    world.touch(home, at(hours=-16))
    # Closed long ago; and a rejected one reported yesterday.
    world.case(at=at(days=-30), name="Lama Sekali", assignee=ani, status="selesai")
    world.case(at=at(hours=-3), name="Salah Lapor", status="ditolak")
    return world


def test_the_digest_lists_what_the_team_should_know(office: World, db: Database) -> None:
    yesterday_was_sent(db)
    with db.session() as session:
        digest = compute(
            session, now=DUE, since=YESTERDAY_RUN, day=DAY, late=False, policy=policy()
        )
    text = "\n".join(render_lines(digest, "id", masked=False))

    assert "Ringkasan harian</b> · 01-12-2026" in text
    assert "sejak 30-11-2026 07:00 WIB" in text
    assert "🆕 <b>Kasus baru: 2</b>" in text
    assert (
        "🔴 <b>KBR-2026-0001</b> · Baru · Siti Aminah · Kabupaten Lombok Timur, Nusa Tenggara Barat"
        in text
    )
    assert "<b>KBR-2026-0006</b> · Ditolak · Salah Lapor" in text
    assert "📂 <b>Kasus terbuka: 4</b>\nBaru 1 · Ditangani 1 · Dirujuk 1 · Dipulangkan 1" in text
    assert "🔴 <b>Mendesak: 1</b>" in text
    assert "⏰ <b>Terlambat ditindaklanjuti: 2</b>" in text
    assert "• 🔴 <b>KBR-2026-0001</b> · belum diambil 14 jam · petugas: belum ada" in text
    assert "• <b>KBR-2026-0002</b> · tidak ada kegiatan 6 hari · petugas: Ani" in text
    assert "🤝 <b>Rujukan menunggu: 1</b>\n• <b>KBR-2026-0003</b> → Dinas Kesehatan" in text
    assert "5 hari ⚠️" in text
    assert "Dipulangkan 24 jam terakhir:</b> 3 orang dari 1 kasus" in text
    # People versus cases: new 2 cases / 2 people; open 4 / 6 (the group of three);
    # this year 5 cases (the rejected one left out) / 7 people.
    assert "Baru: <b>2</b> kasus / <b>2</b> orang" in text
    assert "Terbuka: <b>4</b> kasus / <b>6</b> orang" in text
    assert "Tahun 2026: <b>5</b> kasus / <b>7</b> orang" in text
    for secret in (NIK, PHONE, "81234567890"):
        assert secret not in text
    assert "Terlambat:" not in text
    assert "berkas terlampir" not in text


def test_the_group_sees_initials_instead_of_names(office: World, db: Database) -> None:
    with db.session() as session:
        digest = compute(
            session, now=DUE, since=YESTERDAY_RUN, day=DAY, late=False, policy=policy()
        )
    group = "\n".join(render_lines(digest, "id", masked=True))
    assert "<b>KBR-2026-0001</b> · Baru · S. A. ·" in group
    for name in ("Siti", "Aminah", "Salah Lapor", NIK, PHONE):
        assert name not in group
    english = "\n".join(render_lines(digest, "en", masked=False))
    assert "🆕 <b>New cases: 2</b>" in english and "Siti Aminah" in english


def test_the_daily_digest_goes_to_subscribed_staff_and_the_group_with_a_chart(
    office: World, db: Database
) -> None:
    yesterday_was_sent(db)
    with db.session() as session:
        assert run_daily(session, DUE - timedelta(minutes=1), policy()) is None
        digest = run_daily(session, DUE, policy())
    assert digest is not None and not digest.late
    rows = office.outbox("digest:2026-12-01:")
    chats = {row.chat_id for row in rows}
    ani, boss = office.accounts["Ani"], office.accounts["Bu Kadis"]
    with db.session() as session:
        telegram_ids = {a.id: a.telegram_user_id for a in session.exec(select(Account))}
    assert chats == {telegram_ids[ani], telegram_ids[boss], STAFF_CHAT}  # Budi turned it off
    group_rows = [r for r in rows if r.chat_id == STAFF_CHAT]
    assert [r.kind for r in group_rows] == ["message", "photo"]
    assert "S. A." in group_rows[0].text and "Siti" not in group_rows[0].text
    png = group_rows[1].blob
    assert png is not None and png.startswith(b"\x89PNG\r\n\x1a\n")
    assert Image.open(io.BytesIO(png)).size == (800, 650)
    assert all(r.not_before == DUE for r in rows)


def test_once_per_day_across_restarts_and_processes(
    office: World, db: Database, database_url: str
) -> None:
    yesterday_was_sent(db)
    engines = [Database.from_url(database_url) for _ in range(3)]
    try:

        def scheduler(index: int) -> int:
            sent = 0
            for minutes in (0, 1, 5, 60):
                with engines[index].session() as session:
                    sent += run_daily(session, at(hours=minutes / 60), policy()) is not None
            return sent

        with ThreadPoolExecutor(max_workers=3) as pool:
            assert sum(pool.map(scheduler, range(3))) == 1
    finally:
        for engine in engines:
            engine.dispose()
    # A restart later in the day, and the on-schedule trigger again: still once.
    with db.session() as session:
        assert run_daily(session, at(hours=5), policy(), on_schedule=True) is None
        runs = session.exec(select(DigestRun).where(DigestRun.day == DAY)).all()
    assert len(runs) == 1
    assert len([r for r in office.outbox("digest:") if r.chat_id == STAFF_CHAT]) == 2
    # The next day's comes the next day, counting from this one.
    with db.session() as session:
        tomorrow = run_daily(session, at(days=1), policy())
    assert tomorrow is not None and tomorrow.since == DUE


def test_after_downtime_over_the_digest_time_it_goes_once_marked_late(
    office: World, db: Database
) -> None:
    yesterday_was_sent(db)
    back = at(hours=2, days=0) + timedelta(minutes=30)  # 09:30 WIB
    with db.session() as session:
        digest = run_daily(session, back, policy())
        assert digest is not None and digest.late
        assert session.get(DigestRun, (DAY, "daily")).late  # type: ignore[union-attr]
        assert run_daily(session, back + timedelta(minutes=5), policy()) is None
    first = office.outbox(f"digest:2026-12-01:{STAFF_CHAT}:1")[0]
    assert "Terlambat: seharusnya dikirim pukul 07:00, baru terkirim 01-12-2026 09:30 WIB" in (
        first.text
    )


def test_a_late_digest_coming_back_at_night_waits_for_the_morning(
    office: World, db: Database
) -> None:
    yesterday_was_sent(db)
    night = at(hours=15)  # 22:00 WIB
    with db.session() as session:
        assert run_daily(session, night, policy()) is not None
    assert {r.not_before for r in office.outbox("digest:")} == {at(days=1, hours=-1)}


def test_a_new_installation_waits_for_its_first_digest_time(office: World, db: Database) -> None:
    with db.session() as session:
        # Installed at 09:30: no digest the moment it starts...
        assert run_daily(session, at(hours=2.5), policy()) is None
        # ...the first one comes with the trigger at the digest time.
        assert run_daily(session, at(days=1), policy(), on_schedule=True) is not None


def test_readers_leave_out_those_who_turned_it_off_or_blocked_the_bot(
    office: World, db: Database
) -> None:
    with db.session() as session:
        boss = session.get(Account, office.accounts["Bu Kadis"])
        assert boss is not None
        boss.unreachable_at = DUE
        session.commit()
        found = readers(session, policy())
    assert [(r.account_id, r.masked) for r in found] == [
        (office.accounts["Ani"], False),
        (None, True),
    ]


def test_on_demand_digest_goes_to_one_person_at_once_even_at_night(
    office: World, db: Database
) -> None:
    night = at(hours=16)  # 23:00 WIB
    me = Reader(4242, office.accounts["Ani"], "en", masked=False)
    with db.session() as session:
        assert send_now(session, night, policy(), to=[me]) == 2
    rows = office.outbox("digest-now:")
    assert {r.chat_id for r in rows} == {4242}
    assert {r.not_before for r in rows} == {night}
    assert "Daily digest" in rows[0].text


def _many(db: Database, world: World, count: int) -> None:
    """`count` open cases over the last 20 days, every 7th urgent, half taken by Ani."""
    ani = world.member("Ani", Role.STAFF)
    reporter = world.member("pelapor", Role.REPORTER)
    with db.session() as session:
        for n in range(count):
            moment = at(days=-(n % 20), hours=-1)
            case = create_case(
                session,
                NewCase(
                    reporter=reporter,
                    answers={
                        "full_name": f"Warga Nomor {n} <Sasak> & Co",
                        "origin_province": "52",
                        "origin_regency": "52.03",
                        "vulnerabilities": ["sick"] if n % 7 == 0 else [],
                    },
                    consent_id=None,
                ),
                now=moment,
                year=moment.year,
            )
            if n % 2:
                case.assignee_id, case.status = ani.id, "ditangani"
            case.last_activity_at = moment
        session.commit()


def test_hundreds_of_cases_stay_readable_split_under_the_limit_with_the_list_attached(
    db: Database,
) -> None:
    world = World(db)
    _many(db, world, 300)
    with db.session() as session:
        digest = compute(
            session, now=DUE, since=YESTERDAY_RUN, day=DAY, late=False, policy=policy()
        )
    lines = render_lines(digest, "id", masked=False)
    parts = split_message(lines)
    assert len(parts) == 2
    for part in parts:
        parsed = parse_html(part)  # raises on a cut tag or a bare "&"
        assert 0 < utf16_len(parsed.text) <= 4096
    # Nothing lost, nothing cut: the parts are the lines, in order (blank ones may go at a
    # boundary).
    assert [line for part in parts for line in part.split("\n") if line] == [
        line for line in lines if line
    ]
    # Counts first, then at most LIST_LIMIT lines per list and how many more are in the file.
    text = "\n".join(lines)
    assert "📂 <b>Kasus terbuka: 300</b>\nBaru 150 · Ditangani 150" in text
    assert f"⏰ <b>Terlambat ditindaklanjuti: {len(digest.overdue)}</b>" in text
    assert f"… dan {len(digest.overdue) - LIST_LIMIT} lainnya (lihat berkas)" in text
    assert sum(1 for line in lines if line.startswith("• ")) == 3 * LIST_LIMIT
    # The most urgent first: urgent cases lead the overdue list.
    overdue = [line for line in lines if "belum diambil" in line or "tidak ada kegiatan" in line]
    assert all("🔴" in line for line in overdue[:LIST_LIMIT])

    with db.session() as session:
        run_daily(session, DUE, policy(), on_schedule=True)
    rows = world.outbox(f"digest:2026-12-01:{STAFF_CHAT}:")
    group_parts = split_message(render_lines(digest, "id", masked=True))
    assert [r.text for r in rows if r.kind == "message"] == group_parts
    assert [r.kind for r in rows] == ["message"] * len(group_parts) + ["photo", "document"]
    document = rows[-1]
    assert document.filename == "ringkasan-2026-12-01.csv" and document.blob is not None
    table = list(csv.reader(io.StringIO(document.blob.decode("utf-8-sig"))))
    assert table[0][:3] == ["No. Kasus", "Tanggal Lapor (WIB)", "Status"]
    assert len(table) == 301
    assert {row[0] for row in table[1:]} == {f"KBR-2026-{n:04d}" for n in range(1, 301)}
    # The group's file carries initials, not names.
    assert all("Warga" not in cell for row in table for cell in row)


def test_split_message_never_cuts_a_line_and_counts_utf16() -> None:
    lines = [f"<b>{n:03d}</b> " + "🙂" * 30 for n in range(200)]
    parts = split_message(lines, limit=1000)
    assert all(utf16_len(part) <= 1000 for part in parts)
    assert [line for part in parts for line in part.split("\n")] == lines
    # 71 UTF-16 units a line (+1 for the newline): 13 lines a part. Counting characters
    # (41 a line) would have put 24 lines in a part, over Telegram's limit.
    assert len(parts) == 16


def test_a_line_longer_than_a_message_is_shortened_as_plain_text() -> None:
    (part,) = split_message(["<b>" + "a&amp;b " * 1000 + "</b>"], limit=200)
    assert utf16_len(part) <= 200 and part.endswith("…")
    assert parse_html(part).text.startswith("a&b a&b")


def test_chart_shows_the_data_it_is_given(db: Database) -> None:
    from views.charts import cases_chart

    days = [(DAY - timedelta(days=n), n % 4) for n in range(30)][::-1]
    one = cases_chart(title="A", daily_label="x", daily=days, bars_label="y", bars=[("Baru", 2)])
    other = cases_chart(title="A", daily_label="x", daily=days, bars_label="y", bars=[("Baru", 9)])
    assert one.startswith(b"\x89PNG") and other.startswith(b"\x89PNG")
    assert one != other
    assert Image.open(io.BytesIO(one)).size == (800, 650)


def test_repatriated_people_count_persons_not_cases(office: World, db: Database) -> None:
    with db.session() as session:
        home = session.exec(
            select(Person).where(col(Person.status) == PersonStatus.DIPULANGKAN)
        ).all()
        digest = compute(
            session, now=DUE, since=YESTERDAY_RUN, day=DAY, late=False, policy=policy()
        )
    assert len(home) == 3
    assert (digest.repatriated_people, digest.repatriated_cases) == (3, 1)
