"""Hostile input against the real bot (hypothesis): every state of every conversation gets
random Unicode, 10,000-character texts, HTML and Markdown look-alikes, numbers at every
boundary, every message kind, edited messages, messages in groups and channels, member
updates and forged callback data.

Properties: no handler fails (no ERROR, no "failed; trying again" in the log), no call the
emulator rejects, a person in a private chat always gets an answer (a message, or the tapped
button answered), and nothing is said in a group the bot does not serve.

One Application and one database per test; hypothesis drives many examples through it (the
examples run in a worker thread and hand each input to the bot's event loop). The number of
inputs is printed (`pytest -s`).
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from emulator import BotAPIEmulator, Group, Person, Reply
from models.storage.db import Database
from models.storage.tables import Role
from tests.e2e.conftest import STAFF_CHAT_ID, RunningBot
from tests.e2e.intake_script import script, submit
from tests.e2e.team import make_member, only_case

# Hypothesis examples per backend (about 40 s each on an idle machine, within the CI budget).
EXAMPLES = {"postgresql": 150, "sqlite": 600}
# Each example: up to this many people's inputs at once, on PostgreSQL. On SQLite one at a
# time: a few people at once there exhaust the worker threads while one unit of work holds
# SQLite's write lock ("database is locked" after 30 s; 12 new people at once: no reply).
BATCH = {"postgresql": 4, "sqlite": 1}

# --- what a hostile person sends ---------------------------------------------------------

# Telegram delivers no control characters but newlines; everything else may come.
unicode_text = st.text(
    st.characters(exclude_categories=["Cc", "Cs"], include_characters="\n"),
    min_size=1,
    max_size=300,
)
special = st.sampled_from(
    [
        "\u200b",  # zero-width space
        "\u200f\u202eمرحبا بالعالم\u202c",  # right-to-left, with an override
        "שלום עולם",
        "a\u0301\u0301\u0301\u0301\u0301\u0301\u0301",  # stacked combining marks
        "👨‍👩‍👧‍👦🇮🇩🏳️‍🌈" * 50,
        "<b>tebal</b> <a href='javascript:alert(1)'>x</a> &amp; &lt;",
        "<script>alert(1)</script>",
        "*tebal* _miring_ `kode` [tautan](http://x.y) ||rahasia||",
        "</code></pre>&",
        "0", "-1", "501", "100000000000000000000", "١٢٣", "²", "１２３", "9" * 400,
        "5203011508900001", "+62 812-3456-7890", "1e9", "NaN", "-0",
        "/start ../../etc/passwd", "/batal extra", "/kembali", "/start " + "x" * 500,
        "/cari ' OR 1=1 --", "/statistik 99-99-9999 00-00-0000", "/kasus KBR-9999-99999",
    ]
)  # fmt: skip
numbers = st.one_of(
    st.sampled_from(["0", "-1", "501", str(2**31), str(10**20), "٣", "²", "１２"]),
    st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=20),
)
hostile_text = st.one_of(
    special,
    unicode_text.filter(lambda text: bool(text.strip())),
    st.builds(lambda text: (text * 10_000)[:10_000], special),
)
STEPS = [step for step, _ in script()]
# What the intake's own buttons look like (`i:<step>:<value>`), with hostile values.
intake_data = st.builds(
    lambda step, kind, value: f"i:{step}:{kind}{value}",
    st.sampled_from([*STEPS, "", "nope"]),
    st.sampled_from(["", "a:", "k:", "k:0:", "prov:", "provs:", "reg:", "page:", "e:"]),
    st.one_of(st.sampled_from(["²", "١", "-1", "0", "501", "99999999999999999999", ""]), numbers),
)
hostile_data = st.one_of(
    intake_data,
    st.sampled_from(
        [
            "c:99999999999999999999:open", "c:²:open", "c:-1:open", "c:1:take", "c:1:note",
            "c:1:st:selesai", "c:1:pst:1.dirawat", "c:1:snz", "ci:1:y", "ci:²:n", "l:o:9999999999",
            "l:zz:0", "a:r:1:admin", "a:act:1:0", "s:99999999999999999999:abcd", "rx:²", "rx:all",
            "lang:xx", "lang:en", "m:report", "m:status", "i:consent:yes", "i:name:x", "i:::",
            "", ":", "x" * 64,
        ]
    ),
    st.text(max_size=64),
)  # fmt: skip
# Forged intake buttons and texts sent at every step (test_every_step_refuses_a_battery).
BATTERY_DATA = (
    "i:{step}:²",
    "i:{step}:a:²",
    "i:{step}:k:²:ktp",
    "i:{step}:provs:²",
    "i:{step}:page:²",
    "i:{step}:reg:²",
    "i:{step}:e:²",
    "i:{step}:99999999999999999999",
    "i:{step}:-1",
)
BATTERY_TEXT = ("9" * 10_000, "²", "١٢٣٤", "👨‍👩‍👧‍👦" * 1_000, "<b>" * 2_000, "\u200f" * 5_000)


@dataclass
class Seen:
    """How many inputs of each kind the examples fed, and how long they took (the figures)."""

    inputs: Counter[str] = field(default_factory=Counter)
    seconds: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))


def _forwarded(text: str) -> dict[str, Any]:
    origin = {"type": "hidden_user", "date": int(time.time()) - 60, "sender_user_name": "Ani"}
    return {"text": text, "forward_origin": origin}


VENUE = {
    "venue": {
        "location": {"latitude": -2.68, "longitude": 111.62},
        "title": "Pelabuhan <Kumai> & co",
        "address": "Jl. \u202eKumai",
    }
}
POLL = {
    "poll": {
        "id": "5123",
        "question": "Pulang?",
        "options": [
            {"text": "Ya", "voter_count": 0, "persistent_id": "0"},
            {"text": "Tidak", "voter_count": 0, "persistent_id": "1"},
        ],
        "total_voter_count": 0,
        "is_closed": False,
        "is_anonymous": True,
        "type": "regular",
        "allows_multiple_answers": False,
        "allows_revoting": False,
        "members_only": False,
    }
}


def _kinds(text: str, data: str) -> dict[str, Callable[[Person, Group | None], Awaitable[Reply]]]:
    """Every kind of message a person can send, each as one action."""
    return {
        "text": lambda p, chat: p.send(text, chat=chat),
        "sticker": lambda p, chat: p.send_sticker(chat=chat),
        "voice": lambda p, chat: p.send_voice(chat=chat),
        "video": lambda p, chat: p.send_clip("video", chat=chat),
        "video_note": lambda p, chat: p.send_clip("video_note", chat=chat),
        "animation": lambda p, chat: p.send_clip("animation", chat=chat),
        "photo": lambda p, chat: p.send_photo(caption=text[:1024], chat=chat),
        "document": lambda p, chat: p.send_document(
            b"%PDF-1.4", "<x>.pdf", "application/pdf", caption=text[:1024], chat=chat
        ),
        "location": lambda p, chat: p.share_location(90.0, -180.0, chat=chat),
        "venue": lambda p, chat: p.send_content(VENUE, chat=chat),
        "others_contact": lambda p, chat: p.share_contact(
            "+1 (555) 010-9999", own=False, first_name=text[:64], chat=chat
        ),
        "poll": lambda p, chat: p.send_content(POLL, chat=chat),
        "dice": lambda p, chat: p.send_content({"dice": {"emoji": "🎲", "value": 6}}, chat=chat),
        "forwarded": lambda p, chat: p.send_content(_forwarded(text), chat=chat),
        "edited": lambda p, chat: _edit(p, text, chat),
        "callback": lambda p, chat: p.replay(data, chat=chat),
    }


async def _edit(person: Person, text: str, chat: Group | None) -> Reply:
    """The person edits the message they just sent into the hostile text."""
    await person.send("coba", chat=chat)
    record = person._state.chats[chat.chat_id if chat else person.user_id]
    own = max(m for m, stored in record.messages.items() if not stored.from_bot)
    return await person.edit(own, text, chat=chat)


KIND_NAMES = sorted(_kinds("", ""))
POINTERS = ("/start", "/start@dinsos_kobar_bot")


# --- the test -----------------------------------------------------------------------------


class Hostile:
    """The running bot, people in every state, and the checks after each input."""

    def __init__(
        self,
        bot: RunningBot,
        emulator: BotAPIEmulator,
        loop: asyncio.AbstractEventLoop,
        caplog: pytest.LogCaptureFixture,
    ) -> None:
        self.bot = bot
        self.emulator = emulator
        self.loop = loop
        self.caplog = caplog
        self.seen = Seen()
        self.private: list[Person] = []
        self.groups: list[Group] = []

    def run(self, coroutine: Awaitable[Any]) -> Any:
        async def wrapped() -> Any:
            return await coroutine

        return asyncio.run_coroutine_threadsafe(wrapped(), self.loop).result(timeout=60)

    def feed(self, batch: list[Input]) -> None:
        """Several people's inputs at once (different people are handled concurrently);
        then the properties for each."""
        sent_before = len(self.emulator.calls)
        replies = self.run(self._all(batch))
        problems = [
            record.getMessage()
            for record in self.caplog.records
            if record.levelno >= logging.ERROR
            or (record.name == "bot.pipeline" and record.levelno >= logging.WARNING)
        ]
        assert problems == [], f"the bot failed: {problems}"
        assert self.emulator.violations == [], "rejected calls"
        for item, reply in zip(batch, replies, strict=True):
            if item.chat is None:
                answered = bool(reply.messages) or reply.callback_answered
                assert answered, f"{item.kind} in a private chat got no answer"
            elif item.chat.chat_id != STAFF_CHAT_ID:
                spoken = [
                    call.method
                    for call in self.emulator.calls[sent_before:]
                    if call.params.get("chat_id") == item.chat.chat_id
                ]
                words = item.text.split(maxsplit=1)
                pointer = item.kind == "text" and bool(words) and words[0].lower() in POINTERS
                expected = ["sendMessage"] if pointer else []
                assert spoken == expected, f"{item.kind} in a group: {spoken}"

    async def _all(self, batch: list[Input]) -> list[Reply]:
        return list(await asyncio.gather(*(self._one(item) for item in batch)))

    async def _one(self, item: Input) -> Reply:
        self.seen.inputs[item.kind] += 1
        started = time.monotonic()
        reply = await _kinds(item.text, item.data)[item.kind](item.person, item.chat)
        self.seen.seconds[item.kind] += time.monotonic() - started
        return reply


@dataclass(frozen=True)
class Input:
    person: Person
    kind: str
    text: str
    data: str
    chat: Group | None  # None: the person's private chat


async def _people_in_every_state(
    emulator: BotAPIEmulator, db: Database, at_once: int
) -> list[Person]:
    """A reporter at each step of the intake (and one who submitted), an officer at the
    start of the officer intake, staff asked for a note (all of them at once)."""
    steps = [step for step, _ in script()]
    gate = asyncio.Semaphore(at_once)

    async def reporter_at(number: int, step: str) -> Person:
        person = emulator.user(20_000 + number, f"Pelapor {step}")
        async with gate:
            await person.send("/start")
            for name, action in script():
                if name == step:
                    break
                await action(person)
        return person

    async def submitted() -> Person:
        person = emulator.user(20_100, "Sudah Lapor")
        async with gate:
            await submit(person)
        return person

    async def officer() -> Person:
        make_member(db, 20_200, Role.OFFICER, "Pak Hadi")
        person = emulator.user(20_200, "Hadi")
        async with gate:
            await person.send("/lapor")
        return person

    people = list(
        await asyncio.gather(
            *(reporter_at(number, step) for number, step in enumerate(steps)),
            submitted(),
            officer(),
        )
    )
    make_member(db, 20_300, Role.STAFF, "Bu Rina")
    staff = emulator.user(20_300, "Rina")
    case = only_case(db)
    await staff.send(f"/kasus {case.number}")
    await staff.replay(f"c:{case.id}:note")
    people.append(staff)
    return people


@pytest.mark.timeout(300)
async def test_hostile_input_never_breaks_the_bot(
    bot: RunningBot,
    emulator: BotAPIEmulator,
    db: Database,
    database_url: str,
    staff_group: Group,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING)
    backend = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    batch_size = BATCH[backend]
    people = await _people_in_every_state(emulator, db, batch_size)
    stranger = emulator.user(20_400, "Orang Asing")
    await stranger.send("/start")
    make_member(db, 20_500, Role.ADMIN, "Bu Sari")
    admin = emulator.user(20_500, "Sari")
    await admin.send("/kasus")
    served_elsewhere = emulator.group(-1002000000020, "Posko Desa", member=False)
    await admin.add_bot(served_elsewhere)
    await admin.send("/start", chat=served_elsewhere)  # a bot message to press buttons on
    await admin.send("/start", chat=staff_group)
    channel = emulator.channel(-1003000000020, "Info")
    hostile = Hostile(bot, emulator, asyncio.get_running_loop(), caplog)
    setup_calls = len(emulator.calls)

    places = {"private": None, "group": served_elsewhere, "staff group": staff_group}
    one_input = st.tuples(
        st.sampled_from([*people, stranger, admin]),
        st.sampled_from(["private", "private", "private", "group", "staff group"]),
        st.sampled_from(KIND_NAMES),
        hostile_text,
        hostile_data,
    )

    @settings(
        max_examples=EXAMPLES[backend],
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.lists(one_input, min_size=1, max_size=batch_size, unique_by=lambda i: i[0].user_id))
    def examples(drawn: list[tuple[Person, str, str, str, str]]) -> None:
        batch: list[Input] = []
        groups_used: set[str] = set()
        for who, where, kind, text, data in drawn:
            if where in groups_used:
                where = "private"  # one input per group at a time: what it said is its own
            if where != "private":
                groups_used.add(where)
            if where != "private" and who is not admin and kind == "callback":
                kind = "text"  # only the admin has seen a bot message in the groups
            batch.append(Input(who, kind, text, data, places[where]))
        hostile.feed(batch)

    started = time.monotonic()
    await asyncio.to_thread(examples)
    # Member updates and channels: a stranger adds the bot, people block and unblock it,
    # a channel posts; nothing of that makes the bot speak, and it leaves the stranger's group.
    foreign = emulator.group(-1002000000021, "Grup Orang Asing", member=False)
    await stranger.add_bot(foreign)
    await emulator.wait_for(lambda: not foreign.bot_member)
    for person in people[:3]:
        emulator.block(person.user_id)
        emulator.unblock(person.user_id)
    await channel.post("/cari warga")
    await channel.post("<b>x</b>", edit=True)
    assert (await admin.send("/status")).messages  # the bot still answers
    elapsed = time.monotonic() - started
    total = sum(hostile.seen.inputs.values()) + 10
    seen = hostile.seen
    print(
        f"\nhostile inputs: {total} in {elapsed:.1f} s ({len(emulator.calls) - setup_calls} Bot API"
        f" calls), by kind (count, mean ms): "
        + ", ".join(
            f"{kind} {n} {1000 * seen.seconds[kind] / n:.0f}"
            for kind, n in sorted(seen.inputs.items())
        )
    )
    assert emulator.violations == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_forged_button_is_refused_before_any_case_is_looked_up(
    bot: RunningBot, emulator: BotAPIEmulator, db: Database
) -> None:
    """The role comes first: a reporter's forged staff buttons read no case, list or account
    of anyone else (the statements the bot runs meanwhile are recorded)."""
    worker = emulator.user(21_000, "Ani")
    await submit(worker)
    case = only_case(db)
    assert bot.application is not None
    engine = bot.application.bot_data["db"].engine
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        for data in (
            f"c:{case.id}:open", f"c:{case.id}:take", f"c:{case.id}:snz", f"c:{case.id}:note",
            f"c:{case.id}:st:selesai", "l:o:0", f"a:m:{case.reporter_id}", "rx:all",
        ):  # fmt: skip
            reply = await worker.replay(data)
            assert reply.callback_answered and reply.messages == [], data
    finally:
        event.remove(engine, "before_cursor_execute", record)
    touched = [s for s in statements if re.search(r"\bcase_file\b", s)]
    assert statements, "no statement recorded"
    assert touched == [], "a case was looked up for a forged button"


async def test_every_step_refuses_a_battery(
    bot: RunningBot,
    emulator: BotAPIEmulator,
    db: Database,
    database_url: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """At every step of every conversation: forged intake buttons with non-ASCII digits,
    huge numbers and negative ones, then 10,000-character texts; each is answered."""
    caplog.set_level(logging.WARNING)
    at_once = BATCH["sqlite" if database_url.startswith("sqlite") else "postgresql"]
    people = await _people_in_every_state(emulator, db, at_once)
    hostile = Hostile(bot, emulator, asyncio.get_running_loop(), caplog)
    steps = [*STEPS, "send", "consent", "note"]  # submitted, the officer, the staff member
    items = [
        [Input(person, "callback", "", data.format(step=step), None) for data in BATTERY_DATA]
        + [Input(person, "text", text, "", None) for text in BATTERY_TEXT]
        for person, step in zip(people, steps, strict=True)
    ]
    for round_ in zip(*items, strict=True):  # one input per person, several people at once
        for start in range(0, len(round_), at_once):
            await asyncio.to_thread(hostile.feed, list(round_[start : start + at_once]))
    print(f"\nbattery: {sum(hostile.seen.inputs.values())} inputs at {len(people)} states")
