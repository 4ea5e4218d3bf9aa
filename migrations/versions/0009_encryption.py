"""encryption at rest: NIKs, phones, health, exact locations, free texts; keyed look-up hashes

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01

The columns become text holding Fernet tokens (models/storage/crypto.py) and the rows already
stored are encrypted here, with the keys of the engine that runs the migration (the bot's
DATA_ENCRYPTION_KEY: models/storage/migrate.py hands over the configured engine). NIK and
phone get keyed hashes (exact look-ups, and the first and last digits for a partial /cari);
their plain indexes go, an index of ciphertext finds nothing.
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from models.storage import crypto

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> (primary key, [(column, type before)])
ENCRYPTED: dict[str, tuple[str, list[tuple[str, Any]]]] = {
    "dialog": ("id", [("data", sa.JSON())]),
    "case_file": (
        "id",
        [
            ("location_text", sa.Text()),
            ("latitude", sa.Float()),
            ("longitude", sa.Float()),
            ("needs_other", sa.Text()),
            ("vulnerabilities", sa.JSON()),
            ("story", sa.Text()),
        ],
    ),
    "person": (
        "id",
        [
            ("nik", sa.String(length=16)),
            ("phone", sa.String(length=20)),
            ("vulnerabilities", sa.JSON()),
        ],
    ),
    "case_event": ("id", [("note", sa.Text())]),
    "referral": ("id", [("note", sa.Text())]),
    # The buttons too: a ticked "Hamil" says what was chosen.
    "outbox": ("id", [("text", sa.Text()), ("reply_markup", sa.JSON())]),
    "inbound_update": ("update_id", [("payload", sa.Text())]),
}
NOT_NULL = {("dialog", "data"), ("case_file", "vulnerabilities"), ("person", "vulnerabilities")}
# An export file waiting in the outbox.
BLOBS = {"outbox": ("id", "blob")}
HASHES = ("nik_hash", "phone_hash", "digit_hashes")
LOOKUPS = {
    "nik_hash": crypto.NIK_LOOKUP,
    "phone_hash": crypto.PHONE_LOOKUP,
    "digit_hashes": crypto.DIGITS_LOOKUP,
}


def _encrypted_already(keys: crypto.DataCrypto, value: str | bytes) -> bool:
    """Written by this code's models before the migration ran (a test, a half-done run)."""
    token = value if isinstance(value, bytes) else value.encode()
    if not token.startswith(b"gAAAA"):
        return False
    try:
        keys.decrypt(token)
    except crypto.DataKeyError:
        return False
    return True


def _types_to_text() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table, (_, columns) in ENCRYPTED.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, before in columns:
                if isinstance(before, sa.Text):
                    continue
                using = {"postgresql_using": f"{name}::text"} if postgresql else {}
                batch_op.alter_column(
                    name,
                    existing_type=before,
                    type_=sa.Text(),
                    existing_nullable=(table, name) not in NOT_NULL,
                    **using,
                )


def _rows(table: str, key: str, names: list[str], kind: Any) -> tuple[sa.TableClause, list[Any]]:
    clause = sa.table(table, sa.column(key), *[sa.column(n, kind) for n in names])
    rows = op.get_bind().execute(sa.select(clause)).all()
    return clause, rows


def _encrypt_rows() -> None:
    bind = op.get_bind()
    keys: crypto.DataCrypto | None = None
    for table, (key, columns) in ENCRYPTED.items():
        names = [name for name, _ in columns]
        clause, rows = _rows(table, key, names, sa.Text())
        for row in rows:
            values = {}
            for name in names:
                value = row._mapping[name]
                if value is None or value == "":
                    continue
                # Asked only when there is something to encrypt: an empty database needs no key.
                keys = keys or crypto.crypto_for(bind.dialect)
                if not _encrypted_already(keys, str(value)):
                    values[name] = keys.encrypt(str(value).encode()).decode("ascii")
            if values:
                bind.execute(
                    sa.update(clause).where(clause.c[key] == row._mapping[key]).values(values)
                )
    for table, (key, name) in BLOBS.items():
        clause, rows = _rows(table, key, [name], sa.LargeBinary())
        for row in rows:
            blob = row._mapping[name]
            if blob is None:
                continue
            keys = keys or crypto.crypto_for(bind.dialect)
            if not _encrypted_already(keys, bytes(blob)):
                bind.execute(
                    sa.update(clause)
                    .where(clause.c[key] == row._mapping[key])
                    .values({name: keys.encrypt(bytes(blob))})
                )


def _hash_people(clear: list[Any]) -> None:
    """`clear`: (id, nik, phone) as they were before encryption."""
    bind = op.get_bind()
    person = sa.table("person", sa.column("id"), *[sa.column(h) for h in HASHES])
    for person_id, nik, phone in clear:
        if not nik and not phone:
            continue
        keys = crypto.crypto_for(bind.dialect)
        source = {
            name: keys.decrypt(value.encode()).decode()
            if value and _encrypted_already(keys, value)
            else value
            for name, value in (("nik", nik), ("phone", phone))
        }
        bind.execute(
            sa.update(person)
            .where(person.c.id == person_id)
            .values({h: LOOKUPS[h].compute(keys, source) for h in HASHES})
        )


def upgrade() -> None:
    bind = op.get_bind()
    people = bind.execute(sa.text("SELECT id, nik, phone FROM person")).all()
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_nik"))
        batch_op.drop_index(batch_op.f("ix_person_phone"))
        batch_op.add_column(sa.Column("nik_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("phone_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("digit_hashes", sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f("ix_person_nik_hash"), ["nik_hash"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_phone_hash"), ["phone_hash"], unique=False)
    _types_to_text()
    _encrypt_rows()
    _hash_people(people)


def downgrade() -> None:
    """Decrypts everything back into the old column types (needs the keys, too)."""
    bind = op.get_bind()
    keys: crypto.DataCrypto | None = None
    for table, (key, columns) in ENCRYPTED.items():
        names = [name for name, _ in columns]
        clause, rows = _rows(table, key, names, sa.Text())
        for row in rows:
            values = {}
            for name in names:
                value = row._mapping[name]
                if value:
                    keys = keys or crypto.crypto_for(bind.dialect)
                    values[name] = keys.decrypt(value.encode("ascii")).decode()
            if values:
                bind.execute(
                    sa.update(clause).where(clause.c[key] == row._mapping[key]).values(values)
                )
    for table, (key, name) in BLOBS.items():
        clause, rows = _rows(table, key, [name], sa.LargeBinary())
        for row in rows:
            if row._mapping[name] is not None:
                keys = keys or crypto.crypto_for(bind.dialect)
                bind.execute(
                    sa.update(clause)
                    .where(clause.c[key] == row._mapping[key])
                    .values({name: keys.decrypt(bytes(row._mapping[name]))})
                )
    postgresql = bind.dialect.name == "postgresql"
    for table, (_, columns) in ENCRYPTED.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, before in columns:
                if isinstance(before, sa.Text):
                    continue
                cast = before.compile(dialect=bind.dialect)
                using = {"postgresql_using": f"{name}::{cast}"} if postgresql else {}
                batch_op.alter_column(
                    name,
                    existing_type=sa.Text(),
                    type_=before,
                    existing_nullable=(table, name) not in NOT_NULL,
                    **using,
                )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_phone_hash"))
        batch_op.drop_index(batch_op.f("ix_person_nik_hash"))
        for name in reversed(HASHES):
            batch_op.drop_column(name)
        batch_op.create_index(batch_op.f("ix_person_phone"), ["phone"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_nik"), ["nik"], unique=False)
