"""Encryption at rest: what a copied database shows, look-ups through keyed hashes, rotation.

The database is read the way someone with a copy of it would: the SQLite file's bytes and
every table's rows as plain SQL text, never through the models (which decrypt).
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import make_url, text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel, select

from bot.__main__ import main
from bot.config import SettingsError, load_settings
from emulator import BotAPIEmulator, Group
from models.cases.duplicates import find_matches
from models.cases.search import search
from models.storage.crypto import DataCrypto, DataKeyError, configure
from models.storage.db import Database
from models.storage.migrate import rotate_keys, upgrade
from models.storage.tables import Case, CaseEvent, Dialog, InboundUpdate, Outbox, Person, Role
from tests.conftest import TEST_DATA_KEY
from tests.e2e.conftest import RunningBot, bot, emulator, settings, staff_group  # noqa: F401
from tests.e2e.intake_script import NIK, PHONE, PHONE_E164, script, walk
from tests.e2e.team import make_member
from tests.services.insight_cases import account, make_case

LATITUDE, LONGITUDE = -2.7312, 111.7321
STORY = "Kontrak selesai Oktober, mandor hilang membawa uang kami."
PLACE = "Mes karyawan PT Sawit Makmur blok C"
OFFICER_NIK = "3509194506850002"
OFFICER_PHONE = "0857-1122-3344"
MEMBERS = f"Budi Santoso, {OFFICER_NIK}, 34, {OFFICER_PHONE}\nSiti Rahma, 25, P, hamil"
NIK_A = "5203011508900001"
PHONE_A = "+6281234567890"


def _clear_values() -> dict[str, list[bytes]]:
    """What must not be readable in the database, in every spelling it could be kept in."""
    return {
        "nik": [NIK.encode(), OFFICER_NIK.encode()],
        "phone": [PHONE.encode(), b"81234567890", b"85711223344", b"0857-1122-3344"],
        "health": [b"pregnant", b"hamil"],
        "location": [
            b"2.7312",
            b"111.7321",
            struct.pack("<d", LATITUDE),
            struct.pack(">d", LATITUDE),
            PLACE.encode(),
        ],
        "story": [STORY.encode(), b"mandor hilang"],
    }


def _rows_as_text(engine: Engine) -> dict[str, bytes]:
    """Every row of every table, as the database's own text form of it, by table."""
    tables: dict[str, bytes] = {}
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            columns = ", ".join(f'CAST("{c.name}" AS TEXT)' for c in table.columns)
            rows = connection.execute(text(f'SELECT {columns} FROM "{table.name}"'))
            lines = [" | ".join("" if v is None else str(v) for v in row) for row in rows]
            tables[table.name] = "\n".join(lines).encode()
    return tables


def _sqlite_file_bytes(database_url: str) -> bytes:
    path = Path(make_url(database_url).database or "")
    return b"".join(
        Path(f"{path}{suffix}").read_bytes()
        for suffix in ("", "-wal")
        if Path(f"{path}{suffix}").exists()
    )


def _found_in_clear(db: Database, database_url: str) -> dict[str, list[str]]:
    """kind -> where a clear value was found (a table, or the SQLite file)."""
    places = _rows_as_text(db.engine)
    if db.dialect == "sqlite":
        places["the file"] = _sqlite_file_bytes(database_url)
    found = {
        kind: [place for place, stored in places.items() if any(v in stored for v in values)]
        for kind, values in _clear_values().items()
    }
    return {kind: where for kind, where in found.items() if where}


async def test_a_copied_database_shows_no_nik_phone_health_location_or_story(
    bot: RunningBot,  # noqa: F811 (the end-to-end fixtures, imported above)
    emulator: BotAPIEmulator,  # noqa: F811
    db: Database,
    staff_group: Group,  # noqa: F811
    database_url: str,
) -> None:
    worker = emulator.user(5001, "Siti")
    # Halfway: the draft holds the NIK, the phone and the shared location.
    await walk(worker, until="district")
    with db.session() as session:
        draft = session.exec(select(Dialog)).one()
        assert draft.data["nik"] == NIK and draft.data["latitude"] == LATITUDE
    assert _found_in_clear(db, database_url) == {}

    steps = [step for step, _ in script()]
    for _, action in script()[steps.index("district") :]:
        await action(worker)
    done = await worker.tap("Kirim laporan")
    assert "KBR-" in done.text

    make_member(db, 9400, Role.OFFICER, "Pak Hadi")
    officer = emulator.user(9400, "Hadi")
    await officer.send("/lapor")
    await officer.tap("✅ Ya, sudah setuju secara lisan")
    await officer.send(MEMBERS)
    await officer.tap("✔ Selesai")
    await officer.send("Lotim")
    await officer.send(PLACE)
    await officer.tap("Kumai")
    await officer.send("Ketua rombongan Pak Darto")
    await officer.tap("Tidak tahu")
    await officer.send("PT Sawit Makmur")
    await officer.send("Kebun Desa Sungai Bedaun")
    await officer.tap("Kebun sawit")
    await officer.tap("Bulan lalu")
    await officer.tap("Ya")
    await officer.send("45 juta")
    await officer.tap("Pulang ke daerah asal")
    await officer.tap("Selesai")
    await officer.send(STORY)
    await officer.tap("Lewati")
    await officer.tap("Kirim laporan")
    await staff_group.wait_for_message(contains="Jumlah orang: 2")
    # The staff group (others see it) got both notices, with no NIK, phone or story in them.
    group_texts = [m.text for m in staff_group.chat.messages]
    assert len(group_texts) >= 2
    for secret in (NIK, OFFICER_NIK, "0812-3456-7890", "81234567890", "85711223344", STORY):
        assert not [t for t in group_texts if secret in t], secret

    with db.session() as session:
        # Through the models everything reads back as it was given...
        self_case, group_case = session.exec(select(Case).order_by(Case.id)).all()  # type: ignore[arg-type]
        assert (self_case.latitude, self_case.longitude) == (LATITUDE, LONGITUDE)
        assert self_case.vulnerabilities == ["pregnant"]
        assert group_case.story == STORY and group_case.location_text == PLACE
        people = session.exec(select(Person).where(Person.nik.is_not(None))).all()  # type: ignore[union-attr]
        assert sorted((p.nik, p.phone) for p in people) == sorted(
            [(NIK, PHONE_E164), (OFFICER_NIK, "+6285711223344")]
        )
        # ...and the inbox keeps no update once handled, the outbox only tokens.
        assert (
            session.exec(select(InboundUpdate).where(InboundUpdate.payload.is_not(None))).all()
            == []
        )  # type: ignore[union-attr]
        assert session.exec(select(Outbox)).first() is not None
        assert session.exec(select(Dialog)).all() == []
    # ...while a copy of the database shows none of it.
    assert _found_in_clear(db, database_url) == {}
    with db.engine.connect() as connection:
        raw = connection.execute(text("SELECT nik, nik_hash FROM person WHERE nik IS NOT NULL"))
        for nik, nik_hash in raw:
            assert nik.startswith("gAAAA") and len(nik_hash) == 64


def test_duplicates_and_search_find_nik_and_phone_through_their_hashes(db: Database) -> None:
    with db.session() as session:
        staff = account(session, 1, Role.STAFF)
        first = make_case(session, name="Siti", nik=NIK_A, phone=PHONE_A)
        by_phone = make_case(session, name="Lain", phone=PHONE_A)
        again = make_case(session, name="Siti A.", nik=NIK_A)
        session.commit()
        assert {(f.other_case_id, f.matched_on) for f in find_matches(session, again)} == {
            (first.id, "nik")
        }
        assert {(f.other_case_id, f.matched_on) for f in find_matches(session, by_phone)} == {
            (first.id, "phone")
        }

        def found(query: str) -> list[str]:
            return sorted(hit.number for hit in search(session, staff, query).hits)

        assert found(NIK_A) == sorted([first.number, again.number])
        assert found("52030115") == sorted([first.number, again.number])  # its first digits
        assert found("900001") == sorted([first.number, again.number])  # its last digits
        assert found("0812-3456-7890") == sorted([first.number, by_phone.number])
        assert found("34567890") == sorted([first.number, by_phone.number])
        assert found("081234") == sorted([first.number, by_phone.number])
        assert found("5203011508900009") == []
        assert found("15089") == []  # the middle of a NIK is not a start or an end
        # The ORM spelling `Person.nik == ...` compares the hashes too.
        assert len(session.exec(select(Person).where(Person.nik == NIK_A)).all()) == 2
        assert len(session.exec(select(Person).where(Person.phone == PHONE_A)).all()) == 2
        # A NIK corrected later is found under its new value only.
        person = session.exec(select(Person).where(Person.case_id == by_phone.id)).one()
        person.nik = "3509194506850002"
        session.add(person)
        session.commit()
        assert found("3509194506850002") == [by_phone.number]
        assert found("350919") == [by_phone.number]


def _filled(db: Database) -> None:
    with db.session() as session:
        make_case(
            session, name="Siti", nik=NIK_A, phone=PHONE_A, story=STORY,
            latitude=LATITUDE, longitude=LONGITUDE, vulnerabilities=["sick"],
        )  # fmt: skip
        session.add(Outbox(key="file", chat_id=1, text="ekspor", kind="document", blob=b"PK\x03"))
        session.commit()


def _readable(db: Database) -> None:
    with db.session() as session:
        case = session.exec(select(Case)).one()
        assert (case.story, case.latitude, case.vulnerabilities) == (STORY, LATITUDE, ["sick"])
        person = session.exec(select(Person).where(Person.nik == NIK_A)).one()
        assert person.phone == PHONE_A
        assert session.exec(select(Outbox)).one().blob == b"PK\x03"
        staff = account(session, 1, Role.STAFF)
        assert [h.number for h in search(session, staff, "0812 3456 7890").hits] == [case.number]


def test_rotation_re_encrypts_with_the_new_key_and_the_old_one_can_go(
    database_url: str,
) -> None:
    old = Fernet.generate_key().decode()
    new = Fernet.generate_key().decode()
    first = Database.from_url(database_url, DataCrypto.from_setting(old))
    upgrade(first.engine)
    _filled(first)
    first.dispose()

    # New key first, old after it: everything still reads, new writes use the new key.
    both = Database.from_url(database_url, DataCrypto.from_setting(f"{new},{old}"))
    _readable(both)
    assert rotate_keys(both.engine) == 3  # the case, its person, the outbox row
    both.dispose()

    only_new = Database.from_url(database_url, DataCrypto.from_setting(new))
    upgrade(only_new.engine)  # checks the key opens the data: it does
    _readable(only_new)
    only_new.dispose()

    only_old = Database.from_url(database_url, DataCrypto.from_setting(old))
    with pytest.raises(DataKeyError, match="does not open the data"):
        upgrade(only_old.engine)
    only_old.dispose()


def test_a_restart_with_the_new_key_first_finishes_the_rotation_itself(
    database_url: str,
) -> None:
    old = Fernet.generate_key().decode()
    new = Fernet.generate_key().decode()
    first = Database.from_url(database_url, DataCrypto.from_setting(old))
    upgrade(first.engine)
    _filled(first)
    first.dispose()
    both = Database.from_url(database_url, DataCrypto.from_setting(f"{new},{old}"))
    upgrade(both.engine)  # what the bot does at start: re-encrypts with the new key
    both.dispose()
    only_new = Database.from_url(database_url, DataCrypto.from_setting(new))
    upgrade(only_new.engine)  # the old key gone: the hashes are made again with the new one
    _readable(only_new)
    only_new.dispose()


def test_a_wrong_key_stops_the_start_with_a_clear_error_not_garbage(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    right = Database.from_url(database_url)
    upgrade(right.engine)
    _filled(right)
    right.dispose()

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("DATA_ENCRYPTION_KEY", Fernet.generate_key().decode())
    assert main(["db", "upgrade"]) == 2
    error = capsys.readouterr().err
    assert "DATA_ENCRYPTION_KEY does not open the data stored in this database" in error
    assert NIK_A not in error and STORY not in error

    again = Database.from_url(database_url, DataCrypto.from_setting(TEST_DATA_KEY))
    upgrade(again.engine)  # the right key: no error
    _readable(again)
    again.dispose()

    # An engine without keys refuses instead of handing out tokens as if they were data.
    keyless = Database.from_url(database_url)
    configure(keyless.engine, None)
    with keyless.session() as session, pytest.raises(Exception, match="not configured"):
        session.exec(select(Case)).all()
    keyless.dispose()


def test_the_key_setting_is_required_to_run_and_refuses_placeholders(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DATA_ENCRYPTION_KEY", raising=False)
    with pytest.raises(SettingsError, match="DATA_ENCRYPTION_KEY is not set"):
        load_settings(_env_file=None).data_crypto()
    for placeholder in ("changeme", "A" * 43 + "=", "0" * 44):
        with pytest.raises(SettingsError, match="DATA_ENCRYPTION_KEY"):
            load_settings(_env_file=None, data_encryption_key=placeholder)
    two = f"{Fernet.generate_key().decode()}, {TEST_DATA_KEY}"
    assert load_settings(_env_file=None, data_encryption_key=two).data_crypto().rotating


def test_the_migration_encrypts_rows_stored_in_clear_before_it(database_url: str) -> None:
    db = Database.from_url(database_url)
    upgrade(db.engine, "0007")
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO account (id, telegram_user_id, language, role, active, "
                "digest_enabled, created_at, updated_at) "
                "VALUES (1, 42, 'id', 'reporter', true, true, :now, :now)"
            ),
            {"now": "2024-06-01 03:00:00+00:00"},
        )
        connection.execute(
            text(
                "INSERT INTO case_file (id, number, year, seq, status, urgent, source, "
                "reporter_id, language, group_size, needs, vulnerabilities, story, latitude, "
                "longitude, created_at, updated_at) VALUES (1, 'KBR-2024-0001', 2024, 1, "
                "'baru', true, 'self', 1, 'id', 1, '[]', '[\"sick\"]', :story, -2.7312, "
                "111.7321, :now, :now)"
            ),
            {"story": STORY, "now": "2024-06-01 03:00:00+00:00"},
        )
        connection.execute(
            text(
                "INSERT INTO person (id, case_id, position, is_reporter, full_name, nik, phone, "
                "vulnerabilities, status, created_at) VALUES (1, 1, 1, true, 'Siti', :nik, "
                ":phone, '[\"sick\"]', 'menunggu', :now)"
            ),
            {"nik": NIK_A, "phone": PHONE_A, "now": "2024-06-01 03:00:00+00:00"},
        )
    upgrade(db.engine)
    stored = b"".join(_rows_as_text(db.engine).values())
    for clear in (NIK_A, PHONE_A, STORY, "sick", "2.7312"):
        assert clear.encode() not in stored, clear
    with db.session() as session:
        case = session.exec(select(Case)).one()
        assert (case.story, case.latitude, case.vulnerabilities) == (STORY, LATITUDE, ["sick"])
        assert session.exec(select(Person).where(Person.nik == NIK_A)).one().phone == PHONE_A
        assert session.exec(select(CaseEvent)).all() == []
    db.dispose()
