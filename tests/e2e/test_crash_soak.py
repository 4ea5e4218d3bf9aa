"""The crash soak: the real `python -m bot run` is killed with SIGKILL over and over (while it
starts, right after someone taps "Kirim laporan", at any moment) while people fill in their
reports and staff work on the cases (notes, messages to the reporter, referrals, status
changes). Afterwards every answer is stored, everyone has their case number, nothing was done
or said twice (except what Telegram leaves open, counted), no case number was used twice,
nobody had to start over, and Telegram's flood limits were never hit.

SOAK_SEED picks the moments (fixed by default, so a failure can be replayed), SOAK_KILLS the
number of kills (at least 100 by default), SOAK_PEOPLE how many people report. `pytest -s`
shows the figures.
"""

from __future__ import annotations

import asyncio
import functools
import os
import random
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlmodel import col, select

from emulator import BotAPIEmulator, Group, Person
from models.storage.db import Database
from models.storage.tables import (
    Account,
    Attachment,
    Case,
    CaseEvent,
    Consent,
    Dialog,
    EventKind,
    Outbox,
    OutboxStatus,
    Referral,
    Role,
)
from models.storage.tables import Person as PersonRow
from tests.e2e.intake_script import script
from tests.e2e.soak import (
    BotProcess,
    Doubles,
    Handled,
    Move,
    act,
    doubled_sends,
    polled_since,
    too_many_requests,
)
from tests.e2e.team import make_member

# Within the CI budget: about 2 minutes per database on two cores (SOAK_PEOPLE=20 for more).
pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

SEED = int(os.environ.get("SOAK_SEED", "20261201"))
KILLS = int(os.environ.get("SOAK_KILLS", "100"))
PEOPLE = int(os.environ.get("SOAK_PEOPLE", "12"))
# How many people fill in their report at the same moment (the others start as they finish).
AT_ONCE = int(os.environ.get("SOAK_AT_ONCE", "6"))
VERBOSE = bool(os.environ.get("SOAK_VERBOSE"))
NAMES = [
    "Siti Aminah", "Budi Santoso", "Rina Wati", "Agus Salim", "Dewi Lestari", "Joko Susilo",
    "Sri Wahyuni", "Bambang Riyadi", "Ani Yulianti", "Eko Prasetyo", "Wati Kurnia",
    "Hendra Gunawan", "Yuli Astuti", "Rudi Hartono", "Nur Aini", "Dedi Kurniawan",
    "Lina Marlina", "Asep Sunandar", "Tuti Alawiyah", "Iwan Setiawan",
]  # fmt: skip
STAFF = [(9400, "Sri Staf"), (9401, "Dedi Staf")]
AGENCY = "Dinas Kesehatan Kabupaten Kotawaringin Barat"
CONSENT_ASKED = "Apakah Anda setuju?"
NAME_ASKED = "Siapa <b>nama lengkap</b>"


def nik(n: int) -> str:
    return f"520301150890{n + 1:04d}"  # Keruak, Lombok Timur; born 15-08-1990


def phone(n: int) -> str:
    return f"628123456{n:04d}"


def intake_moves(n: int) -> list[tuple[str, Move]]:
    """The whole intake as single updates (one tap or one message each)."""
    name = NAMES[n % len(NAMES)] if n < len(NAMES) else f"{NAMES[n % len(NAMES)]} Muda"
    single = dict(script(name))
    single["nik"] = lambda w: w.send(nik(n))
    single["phone"] = lambda w: w.press("Kirim nomor saya", phone=phone(n))
    moves: list[tuple[str, Move]] = [("start", lambda w: w.send("/start"))]
    for step, _action in script(name):
        if step == "needs":
            moves += [
                (step, lambda w: w.tap("Pulang ke daerah asal")),
                (step, lambda w: w.tap("Makan")),
                (step, lambda w: w.tap("Selesai")),
            ]
        elif step == "urgency":
            moves += [(step, lambda w: w.tap("Hamil")), (step, lambda w: w.tap("Selesai"))]
        elif step == "photos":
            moves += [
                (step, lambda w: w.send_photo()),
                (step, lambda w: w.tap("KTP")),
                (step, lambda w: w.tap("Selesai kirim foto")),
            ]
        else:
            moves.append((step, single[step]))
    return moves  # fmt: skip


def staff_moves(number: str) -> list[tuple[str, Move]]:
    """What a staff member does with a case: verify it, note, write to the reporter, take it
    on, refer it."""
    return [
        ("open", lambda w: w.send(f"/kasus {number}")),
        ("verify", lambda w: w.tap("→ Diverifikasi")),
        ("note", lambda w: w.tap("📝 Catatan")),
        ("note", lambda w: w.send(note_text(number))),
        ("relay", lambda w: w.tap("✉ Tulis ke pelapor")),
        ("relay", lambda w: w.send(relay_text(number))),
        ("status", lambda w: w.tap("→ Ditangani")),
        ("refer", lambda w: w.tap("🏥 Rujuk")),
        ("refer", lambda w: w.tap(AGENCY)),
        ("refer", lambda w: w.send(referral_text(number))),
    ]


def note_text(number: str) -> str:
    return f"Catatan soak untuk {number}: sudah ditelepon"


def relay_text(number: str) -> str:
    return f"Pesan soak untuk {number}: datang besok jam 9"


def referral_text(number: str) -> str:
    return f"Rujukan soak untuk {number}: periksa kesehatan"


@dataclass
class Soak:
    """What happened, for the assertions and the printed figures."""

    rng: random.Random
    submits: asyncio.Queue[float] = field(default_factory=asyncio.Queue)
    at_once: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(AT_ONCE))
    kinds: Counter[str] = field(default_factory=Counter)
    intakes_done: int = 0
    staff_actions: int = 0
    steps: dict[int, str] = field(default_factory=dict)  # who is where, for SOAK_VERBOSE
    numbers: dict[int, str] = field(default_factory=dict)  # person's user id -> case number


@pytest.fixture
async def soak_bot(
    emulator: BotAPIEmulator, database_url: str, db: Database, tmp_path: Path
) -> AsyncIterator[BotProcess]:
    process = BotProcess(emulator, database_url, tmp_path, warm=True)
    try:
        yield process
    finally:
        await process.stop()
        sys.stderr.write(process.log_tail())


async def test_a_hundred_kills_lose_nothing_and_repeat_nothing(
    soak_bot: BotProcess,
    emulator: BotAPIEmulator,
    db: Database,
    staff_group: Group,
    database_url: str,
) -> None:
    started = time.monotonic()
    soak = Soak(random.Random(SEED))
    for user_id, name in STAFF:
        make_member(db, user_id, Role.STAFF, name)
    people = [emulator.user(5000 + n, NAMES[n % len(NAMES)], phone=phone(n)) for n in range(PEOPLE)]
    staff = [emulator.user(user_id, name) for user_id, name in STAFF]

    async with Handled(db) as handled:
        await soak_bot.start()
        actors = [asyncio.create_task(_report(p, n, soak, handled)) for n, p in enumerate(people)]
        actors += [asyncio.create_task(_work(s, k, soak, handled, db)) for k, s in enumerate(staff)]
        await _kill_repeatedly(soak_bot, emulator, soak, actors)
        if not soak_bot.running:
            index = len(emulator.calls)
            await soak_bot.start()
            await emulator.wait_for(lambda: polled_since(emulator, index), timeout=30)
        try:
            await asyncio.wait_for(asyncio.gather(*actors), timeout=180)
        except BaseException:
            sys.stderr.write(_stuck(db, soak))
            raise
        await emulator.wait_for(lambda: _all_sent(db), timeout=60)
    await asyncio.sleep(0.5)  # a message sent twice would arrive now
    assert await soak_bot.stop() == 0  # and a clean stop still is one
    seconds = time.monotonic() - started

    late = _late_button_answers(emulator)
    doubles = doubled_sends(emulator, db, soak_bot.kill_times)
    floods = too_many_requests(emulator)
    backend = database_url.split(":", 1)[0].split("+", 1)[0]
    print(
        f"\ncrash soak [{backend}] seed={SEED}: {soak_bot.kills} kills "
        f"({', '.join(f'{k} {v}' for k, v in sorted(soak.kinds.items()))}), "
        f"{soak_bot.starts} starts, {soak.intakes_done}/{PEOPLE} intakes, "
        f"{soak.staff_actions} staff actions, "
        f"{sum(1 for c in emulator.calls if c.ok and c.method == 'sendMessage')} messages sent; "
        f"sent twice: {len(doubles.window)} in the window Telegram leaves open, "
        f"{len(doubles.other)} otherwise; {floods} HTTP 429; {late} buttons answered too late; "
        f"{seconds:.0f} s"
    )
    assert doubles.other == [], doubles.other
    assert floods == 0
    assert soak_bot.kills >= KILLS
    if KILLS >= 20:
        assert soak.kinds["start-up"] > 0 and soak.kinds["submit"] > 0

    with db.session() as session:
        cases = session.exec(select(Case).order_by(col(Case.seq))).all()
        # One case per person, numbered 1..N: no number used twice, none skipped.
        assert [c.seq for c in cases] == list(range(1, PEOPLE + 1))
        assert len({c.number for c in cases}) == PEOPLE
        accounts = {a.id: a.telegram_user_id for a in session.exec(select(Account))}
        assert sorted(accounts[c.reporter_id] for c in cases) == [p.user_id for p in people]
        assert session.exec(select(Dialog)).all() == []  # nobody left halfway
        assert len(session.exec(select(Consent)).all()) == PEOPLE
        for case in cases:
            n = accounts[case.reporter_id] - 5000
            reporter = session.exec(
                select(PersonRow).where(PersonRow.case_id == case.id, PersonRow.position == 1)
            ).one()
            assert (reporter.nik, reporter.phone) == (nik(n), f"+{phone(n)}")
            assert (case.origin_regency_code, case.group_size, case.wages_amount) == (
                "52.03", 3, 9_000_000,
            )  # fmt: skip
            assert case.needs == ["transport", "food"] and case.vulnerabilities == ["pregnant"]
            assert case.recruiter_phone == "+6281355551234"
            photos = session.exec(select(Attachment).where(Attachment.case_id == case.id)).all()
            assert len(photos) == 1
            # Every staff action stored once.
            events = session.exec(select(CaseEvent).where(CaseEvent.case_id == case.id)).all()
            notes = [e.note for e in events if e.kind == EventKind.NOTE]
            assert notes == [note_text(case.number)], case.number
            relays = [e for e in events if e.kind == EventKind.MESSAGE_OUT]
            assert len(relays) == 1, case.number
            statuses = [e.to_status for e in events if e.kind == EventKind.STATUS]
            assert Counter(statuses) == {"diverifikasi": 1, "ditangani": 1, "dirujuk": 1}, (
                case.number,
                statuses,
            )
            referrals = session.exec(select(Referral).where(Referral.case_id == case.id)).all()
            assert [r.note for r in referrals] == [referral_text(case.number)]
            assert case.status == "dirujuk"
        left = session.exec(select(Outbox).where(Outbox.status != OutboxStatus.SENT)).all()
        assert [(o.key, o.status, o.last_error) for o in left] == []

    # What people saw: their number, each question once, the relay once; the team one notice.
    by_user = {accounts[c.reporter_id]: c.number for c in cases}
    for person in people:
        texts = [m.text for m in person.chat.bot_messages]
        number = by_user[person.user_id]
        assert any(f"Nomor laporan: {number}" in t for t in texts), (person.user_id, texts[-3:])
        for fragment in (CONSENT_ASKED, NAME_ASKED, relay_text(number)):
            assert _sent_once(emulator, person.user_id, fragment, doubles), (person, fragment)
    for case in cases:
        notice = f"Laporan baru <b>{case.number}</b>"
        assert _sent_once(emulator, staff_group.chat_id, notice, doubles), case.number


def _sent_once(emulator: BotAPIEmulator, chat_id: int, fragment: str, doubles: Doubles) -> bool:
    """The chat got one message with `fragment` (and copies only in the window, counted)."""
    copies = sum(
        n for (chat, text), n in doubles.in_window.items() if chat == chat_id and fragment in text
    )
    return _sent_to(emulator, chat_id, fragment) == 1 + copies


def _late_button_answers(emulator: BotAPIEmulator) -> int:
    """A tap handled after a restart can come more than 15 s after it was made, too late for
    Telegram to take the button's answer (the spinner has stopped by itself; the tap's effect
    and its reply are there). Telegram refuses that answer, and the bot shrugs it off: counted
    and reported here, and taken out of the emulator's list of rejected calls. Nothing else
    is."""
    late = [v for v in emulator.violations if v.startswith("answerCallbackQuery") and "old" in v]
    emulator.state.violations[:] = [v for v in emulator.violations if v not in late]
    return len(late)


def _stuck(db: Database, soak: Soak) -> str:
    """What people are waiting for, when they wait too long (ids and states, no texts)."""
    from models.storage.tables import InboundUpdate

    with db.session() as session:
        owed = session.exec(
            select(Outbox).where(
                col(Outbox.status).in_([OutboxStatus.PENDING, OutboxStatus.SENDING])
            )
        ).all()
        waiting = session.exec(select(InboundUpdate).where(InboundUpdate.status != "done")).all()
    lines = [f"steps: {soak.steps}"]
    lines += [f"outbox {o.key} {o.status} chat={o.chat_id} attempts={o.attempts} "
              f"not_before={o.not_before} claimed_at={o.claimed_at} error={o.last_error}"
              for o in owed]  # fmt: skip
    lines += [f"inbox {u.update_id} {u.status} attempts={u.attempts} error={u.error}"
              for u in waiting]  # fmt: skip
    return "\n".join(lines) + "\n"


def _sent_to(emulator: BotAPIEmulator, chat_id: int, fragment: str) -> int:
    """How many messages Telegram accepted for the chat with `fragment` in their HTML."""
    return sum(
        1
        for call in emulator.calls
        if call.ok
        and call.method == "sendMessage"
        and call.params.get("chat_id") == chat_id
        and fragment in str(call.params.get("text", ""))
    )


def _all_sent(db: Database) -> bool:
    with db.session() as session:
        return (
            session.exec(
                select(Outbox.id).where(
                    col(Outbox.status).in_([OutboxStatus.PENDING, OutboxStatus.SENDING])
                )
            ).first()
            is None
        )


async def _report(person: Person, n: int, soak: Soak, handled: Handled) -> None:
    """One person's whole report, one update at a time, through every crash."""
    async with soak.at_once:
        for step, move in intake_moves(n):
            soak.steps[person.user_id] = step
            await act(person, move, handled)
        soak.submits.put_nowait(time.monotonic())
        await act(person, lambda w: w.tap("Kirim laporan"), handled)
        soak.steps[person.user_id] = "done"
        soak.intakes_done += 1


async def _work(staff: Person, k: int, soak: Soak, handled: Handled, db: Database) -> None:
    """A staff member works on every other case as it comes in (k: which half)."""
    await act(staff, lambda w: w.send("/kasus"), handled)
    for seq in range(1 + k, PEOPLE + 1, len(STAFF)):
        number = await _case_number(db, seq)
        for _step, move in staff_moves(number):
            await act(staff, move, handled)
            soak.staff_actions += 1


async def _case_number(db: Database, seq: int) -> str:
    while True:
        with db.session() as session:
            number = session.exec(select(Case.number).where(Case.seq == seq)).first()
        if number is not None:
            return number
        await asyncio.sleep(0.2)


async def _kill_repeatedly(
    bot: BotProcess, emulator: BotAPIEmulator, soak: Soak, actors: list[asyncio.Task[None]]
) -> None:
    """Kills the bot KILLS times: while it starts, right after a submit, or at any moment
    (a kill is "start-up" if the process had not polled yet)."""
    rng = soak.rng
    while bot.kills < KILLS:
        failed = [a for a in actors if a.done() and a.exception() is not None]
        if failed:
            raise failed[0].exception()  # type: ignore[misc]
        index = len(emulator.calls)
        if not bot.running:
            await bot.start()
        draw, kind = rng.random(), ""
        if draw < 0.3:
            await asyncio.sleep(rng.uniform(0.0, 0.6))
        else:
            # Once it polls, people get on between kills (each kill holds up whoever it
            # interrupted until the dead process's leases run out, a few seconds).
            await emulator.wait_for(functools.partial(polled_since, emulator, index), timeout=60)
            still_reporting = soak.intakes_done < PEOPLE
            if draw < 0.6 and still_reporting and await _next_submit(soak.submits, within=1.0):
                await asyncio.sleep(rng.uniform(0.0, 0.15))
                kind = "submit"
            else:
                await asyncio.sleep(rng.uniform(0.05, 0.5))
        await bot.kill()
        kind = kind or ("running" if polled_since(emulator, index) else "start-up")
        soak.kinds[kind] += 1
        if VERBOSE and bot.kills % 10 == 0:
            print(
                f"{time.monotonic():.0f}: {bot.kills} kills, {soak.intakes_done} intakes, "
                f"{soak.staff_actions} staff actions, at {dict(Counter(soak.steps.values()))}",
                file=sys.stderr,
            )


async def _next_submit(submits: asyncio.Queue[float], within: float) -> bool:
    """Waits up to `within` seconds for someone to tap "Kirim laporan" (a tap seen earlier
    does not count: its moment has passed)."""
    deadline = time.monotonic() + within
    while (left := deadline - time.monotonic()) > 0:
        try:
            tapped = await asyncio.wait_for(submits.get(), timeout=left)
        except TimeoutError:
            return False
        if time.monotonic() - tapped < 0.1:
            return True
    return False
