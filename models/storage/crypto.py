"""Encryption at rest (Fernet) and keyed hashes (HMAC-SHA256) for look-ups.

NIKs, phone numbers, health details, exact locations, free-text stories, drafts, waiting
updates and queued messages are stored encrypted (`EncryptedText`, `EncryptedJSON`,
`EncryptedFloat`, `EncryptedBytes`): a copied database file shows none of them. Fernet
tokens are random, so equal values do not look equal; NIKs and phones also get a keyed hash
(`DataCrypto.lookup`) that duplicate detection and `/cari` compare instead.

The keys live on the engine's dialect (`configure`, called by `Database`), not in a module
global: every engine opened with the settings' keys reads and writes, one opened without
them refuses with `DataKeyError` instead of storing clear text or returning garbage.

Rotation: `DATA_ENCRYPTION_KEY=new,old` reads both and writes with `new`; `rotate`
re-encrypts every value with `new` and recomputes the hashes, after which `old` can go.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import phonenumbers
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import (
    Column,
    LargeBinary,
    String,
    Table,
    Text,
    event,
    literal,
    select,
    type_coerce,
    update,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql import Insert, operators
from sqlalchemy.types import TypeDecorator

logger = logging.getLogger(__name__)

KEY_HELP = (
    "make one with: python -c 'from cryptography.fernet import Fernet; "
    "print(Fernet.generate_key().decode())'"
)
# The dialect attribute that carries an engine's keys.
_ATTRIBUTE = "dinsos_data_crypto"
# Hashes of a part of a NIK or phone are cut to this many hex digits (64 bits: no collisions
# among the numbers of one office, and shorter rows).
PART_HEX = 16
MIN_PART = 5


class DataKeyError(RuntimeError):
    """The encryption key is missing, malformed or does not open the stored data.

    The message is one line for the operator and never contains data.
    """


def parse_keys(text: str) -> list[Fernet]:
    """`new,old,...` -> Fernet keys, newest first; DataKeyError if one is not a key."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        raise DataKeyError(f"DATA_ENCRYPTION_KEY is empty: {KEY_HELP}")
    keys = []
    for n, part in enumerate(parts, start=1):
        try:
            raw = base64.urlsafe_b64decode(part.encode("ascii"))
            key = Fernet(part.encode("ascii"))
        except (ValueError, UnicodeEncodeError):
            raise DataKeyError(
                f"DATA_ENCRYPTION_KEY: key {n} is not a Fernet key (32 bytes, url-safe "
                f"base64); {KEY_HELP}"
            ) from None
        if len(set(raw)) < 8:
            # All zeros, "AAAA...=", a key copied from an example: not a secret.
            raise DataKeyError(f"DATA_ENCRYPTION_KEY: key {n} is a placeholder; {KEY_HELP}")
        keys.append(key)
    return keys


class DataCrypto:
    """The keys of one deployment: Fernet keys (first one writes) and the look-up hash key."""

    def __init__(self, keys: Sequence[Fernet], *, hash_key: bytes) -> None:
        if not keys:
            raise DataKeyError(f"DATA_ENCRYPTION_KEY is empty: {KEY_HELP}")
        self._keys = list(keys)
        self._all = MultiFernet(self._keys)
        self._hash_key = hash_key

    @classmethod
    def from_setting(cls, keys: str, hash_key: str | None = None) -> DataCrypto:
        """From DATA_ENCRYPTION_KEY (`new,old`) and, optionally, DATA_HASH_KEY.

        Without DATA_HASH_KEY the hash key is derived from the last key of the list (the
        oldest): while `new,old` are both given, hashes made before still match; once `old`
        is removed the key changes, and the next start (`models.storage.migrate.secure`)
        or `rotate` recomputes every hash.
        """
        fernets = parse_keys(keys)
        if hash_key:
            secret = hash_key.strip().encode()
            if len(secret) < 16:
                raise DataKeyError("DATA_HASH_KEY must be at least 16 characters")
        else:
            oldest = [p.strip() for p in keys.split(",") if p.strip()][-1].encode("ascii")
            secret = hmac.new(oldest, b"dinsos-kobar lookup hash v1", hashlib.sha256).digest()
        return cls(fernets, hash_key=secret)

    @property
    def rotating(self) -> bool:
        """More than one key given: values written with an older one may still be stored."""
        return len(self._keys) > 1

    def encrypt(self, data: bytes) -> bytes:
        return self._keys[0].encrypt(data)

    def decrypt(self, token: bytes, *, where: str = "") -> bytes:
        try:
            return self._all.decrypt(token)
        except InvalidToken:
            place = f" ({where})" if where else ""
            raise DataKeyError(
                f"DATA_ENCRYPTION_KEY does not open the data stored in this database{place}: "
                "a wrong key, or the key it was written with was removed from the list"
            ) from None

    def current(self, token: bytes) -> bool:
        """Written with the first key (nothing to rotate)."""
        try:
            self._keys[0].decrypt(token)
        except InvalidToken:
            return False
        return True

    def rotate_token(self, token: bytes) -> bytes:
        try:
            return self._all.rotate(token)
        except InvalidToken:
            raise DataKeyError(
                "DATA_ENCRYPTION_KEY does not open the data stored in this database"
            ) from None

    def lookup(self, field: str, value: str) -> str:
        """The keyed hash of a normalised value (a NIK's 16 digits, a phone in E.164)."""
        message = f"{field}\x00{value}".encode()
        return hmac.new(self._hash_key, message, hashlib.sha256).hexdigest()

    def part(self, field: str, digits: str) -> str:
        """The short keyed hash of a run of digits at the start or end of a NIK or phone."""
        return self.lookup(f"{field}-part", digits)[:PART_HEX]


# --- where an engine keeps its keys ---------------------------------------------------------


def configure(engine: Engine, crypto: DataCrypto | None) -> None:
    """Gives the engine its keys (None: encrypted columns refuse to be read or written)."""
    setattr(engine.dialect, _ATTRIBUTE, crypto)
    if not event.contains(engine, "before_execute", _hash_inserts):
        event.listen(engine, "before_execute", _hash_inserts, retval=True)


def crypto_for(dialect: Any) -> DataCrypto:
    crypto = getattr(dialect, _ATTRIBUTE, None)
    if crypto is None:
        raise DataKeyError(f"DATA_ENCRYPTION_KEY is not configured for this database: {KEY_HELP}")
    return crypto


def crypto_of(connection: Connection | Any) -> DataCrypto:
    """The keys of a connection's (or a session's) engine."""
    bind = connection.get_bind() if hasattr(connection, "get_bind") else connection
    return crypto_for(bind.dialect)


# --- column types ---------------------------------------------------------------------------


class _Encrypted(TypeDecorator[Any]):
    """A value stored as a Fernet token in a text column. The empty string stays empty, so
    "blanked" (outbox, inbox) can still be compared in SQL; it tells nothing."""

    impl = Text
    cache_ok = True

    def _dump(self, value: Any) -> str:
        raise NotImplementedError

    def _load(self, text: str) -> Any:
        raise NotImplementedError

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        text = self._dump(value)
        if text == "":
            return ""
        return crypto_for(dialect).encrypt(text.encode()).decode("ascii")

    def process_result_value(self, value: str | None, dialect: Any) -> Any:
        if value is None:
            return None
        if value == "":
            return self._load("")
        return self._load(crypto_for(dialect).decrypt(value.encode("ascii")).decode())


class HashedValue(TypeDecorator[str]):
    """A value compared with a hash column: hashed with the engine's key when it is bound."""

    impl = String(64)
    cache_ok = True

    def __init__(self, field: str) -> None:
        super().__init__()
        self.field = field

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        return crypto_for(dialect).lookup(self.field, _NORMAL[self.field](str(value)))


class EncryptedText(_Encrypted):
    """Text as a Fernet token. With `hashed` (NIK, PHONE) and the name of its row's hash
    column, `column == value` and `column.in_(values)` compare the keyed hashes, so code
    that looks a NIK up keeps working; every other comparison finds nothing useful."""

    cache_ok = True

    def __init__(self, hashed: str | None = None, hash_column: str | None = None) -> None:
        super().__init__()
        self.hashed = hashed
        self.hash_column = hash_column

    class comparator_factory(TypeDecorator.Comparator[Any]):
        def operate(self, op: Any, *other: Any, **kwargs: Any) -> Any:
            kind = self.type
            table = getattr(self.expr, "table", None)
            if (
                isinstance(kind, EncryptedText)
                and kind.hashed is not None
                and kind.hash_column is not None
                and table is not None
                and op in _HASH_COMPARISONS
            ):
                hashed = type_coerce(table.c[kind.hash_column], HashedValue(kind.hashed))
                return op(hashed, *other, **kwargs)
            return super().operate(op, *other, **kwargs)

    def _dump(self, value: Any) -> str:
        return str(value)

    def _load(self, text: str) -> str:
        return text


class EncryptedJSON(_Encrypted):
    """A JSON value (dict or list), encrypted as a whole: no SQL JSON functions on it."""

    cache_ok = True

    def _dump(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def _load(self, text: str) -> Any:
        return json.loads(text) if text else None


class EncryptedFloat(_Encrypted):
    """A coordinate: no SQL arithmetic on it, only whole values in and out."""

    cache_ok = True

    def _dump(self, value: Any) -> str:
        return repr(float(value))

    def _load(self, text: str) -> float | None:
        return float(text) if text else None


class EncryptedBytes(TypeDecorator[bytes]):
    """A file (an export waiting in the outbox) as a Fernet token."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: bytes | None, dialect: Any) -> bytes | None:
        if value is None:
            return None
        return crypto_for(dialect).encrypt(bytes(value))

    def process_result_value(self, value: bytes | None, dialect: Any) -> bytes | None:
        if value is None:
            return None
        return crypto_for(dialect).decrypt(bytes(value))


ENCRYPTED_TYPES = (_Encrypted, EncryptedBytes)
_HASH_COMPARISONS = frozenset({operators.eq, operators.ne, operators.in_op, operators.not_in_op})


# --- keyed hashes kept beside the encrypted values -----------------------------------------


def digits_parts(field: str, digits: str, *, also: Iterable[str] = ()) -> list[str]:
    """The runs a partial search may type: every start and end of at least MIN_PART digits
    (of `digits` and of the other spellings in `also`, e.g. a phone without its 62)."""
    runs: set[str] = set()
    for form in (digits, *also):
        for n in range(MIN_PART, len(form) + 1):
            runs.add(form[:n])
            runs.add(form[-n:])
    return sorted(runs)


@dataclass(frozen=True)
class Lookup:
    """How one hash column is computed from the clear values of its row (tables.py)."""

    sources: tuple[str, ...]
    compute: Callable[[DataCrypto, dict[str, Any]], str | None]


NIK = "nik"
PHONE = "phone"


def nik_digits(nik: str) -> str:
    return "".join(ch for ch in nik if ch.isdigit())


def phone_forms(e164: str) -> tuple[str, str]:
    """A stored E.164 phone as digits: international (62812...) and national (812...)."""
    try:
        number = phonenumbers.parse(e164)
        return str(number.country_code) + (
            national := phonenumbers.national_significant_number(number)
        ), national
    except phonenumbers.NumberParseException:
        digits = "".join(ch for ch in e164 if ch.isdigit())
        return digits, digits


_NORMAL: dict[str, Callable[[str], str]] = {NIK: nik_digits, PHONE: str.strip}


def _nik_hash(crypto: DataCrypto, row: dict[str, Any]) -> str | None:
    nik = row.get("nik")
    return crypto.lookup(NIK, nik_digits(nik)) if nik else None


def _phone_hash(crypto: DataCrypto, row: dict[str, Any]) -> str | None:
    phone = row.get("phone")
    return crypto.lookup(PHONE, phone.strip()) if phone else None


def _digit_hashes(crypto: DataCrypto, row: dict[str, Any]) -> str | None:
    parts: list[str] = []
    if nik := row.get("nik"):
        parts += [crypto.part(NIK, run) for run in digits_parts(NIK, nik_digits(nik))]
    if phone := row.get("phone"):
        international, national = phone_forms(phone)
        parts += [
            crypto.part(PHONE, run) for run in digits_parts(PHONE, national, also=[international])
        ]
    # Spaces around every hash, so `contains(" h ")` matches whole hashes only.
    return f" {' '.join(parts)} " if parts else None


NIK_LOOKUP = Lookup(("nik",), _nik_hash)
PHONE_LOOKUP = Lookup(("phone",), _phone_hash)
DIGITS_LOOKUP = Lookup(("nik", "phone"), _digit_hashes)


def lookup_column(lookup: Lookup, *, text: bool = False) -> Column[Any]:
    """A hash column, filled from its row's clear values whenever a row is inserted (ORM or
    Core: `_hash_inserts`) and when the ORM updates a source (tables.py). A bulk UPDATE that
    changes a source must set it too (an erasure sets the sources to None, so hashes with
    them: `fill_lookups`)."""
    return Column(Text if text else String(64), index=not text, info={"lookup": lookup})


def fill_lookups(table: Table, crypto: DataCrypto, row: Mapping[str, Any]) -> dict[str, Any]:
    """The row with the hash columns of every source it names computed."""
    filled = dict(row)
    for name, lookup in lookups_of(table).items():
        if any(s in row for s in lookup.sources):
            filled[name] = lookup.compute(crypto, filled)
    return filled


def _hash_inserts(
    connection: Connection,
    statement: Any,
    multiparams: list[dict[str, Any]],
    params: dict[str, Any],
    _options: Any,
) -> tuple[Any, list[dict[str, Any]], dict[str, Any]]:
    """Engine hook: an INSERT into a table with hash columns gets them from its parameters,
    whether the ORM or a Core `insert(Person), [rows]` wrote it."""
    table = getattr(statement, "table", None)
    if not isinstance(statement, Insert) or not isinstance(table, Table):
        return statement, multiparams, params
    if not lookups_of(table) or not (multiparams or params):
        return statement, multiparams, params
    crypto = crypto_for(connection.dialect)
    if multiparams:
        multiparams = [fill_lookups(table, crypto, row) for row in multiparams]
    else:
        params = fill_lookups(table, crypto, params)
    return statement, multiparams, params


def lookups_of(table: Table) -> dict[str, Lookup]:
    return {c.name: c.info["lookup"] for c in table.columns if "lookup" in c.info}


def encrypted_columns(table: Table) -> list[str]:
    return [c.name for c in table.columns if isinstance(c.type, ENCRYPTED_TYPES)]


# --- checks and rotation ---------------------------------------------------------------------


def _raw(table: Table, name: str) -> Any:
    column = table.c[name]
    return type_coerce(column, LargeBinary if isinstance(column.type, EncryptedBytes) else Text)


def _as_stored(table: Table, name: str, value: Any) -> Any:
    """A value for UPDATE that is written as it is (already a token, or a hash)."""
    column = table.c[name]
    if isinstance(column.type, EncryptedBytes):
        return literal(value, LargeBinary())
    if isinstance(column.type, _Encrypted):
        return literal(value, Text())
    return value


def _token(value: Any) -> bytes:
    return bytes(value) if isinstance(value, bytes | bytearray | memoryview) else value.encode()


def check(connection: Connection, tables: Iterable[Table]) -> bool:
    """Decrypts one stored value of every encrypted column: DataKeyError (naming the column,
    never the value) if the keys do not open it. True if something is still to rotate
    (a value written with an older key, or a hash made with another hash key)."""
    stale = False
    for table in tables:
        for name in encrypted_columns(table):
            raw = _raw(table, name)
            present = [table.c[name].is_not(None)]
            if not isinstance(table.c[name].type, EncryptedBytes):
                present.append(raw != "")
            token = connection.execute(select(raw).where(*present).limit(1)).scalar()
            if token is None:
                continue
            # Asked for only now: a database with nothing encrypted yet opens without keys.
            crypto = crypto_for(connection.dialect)
            crypto.decrypt(_token(token), where=f"{table.name}.{name}")
            stale = stale or not crypto.current(_token(token))
        for name, lookup in lookups_of(table).items():
            wanted = [table.c[s] for s in lookup.sources]
            row = connection.execute(
                select(table.c[name], *wanted).where(table.c[name].is_not(None)).limit(1)
            ).first()
            if row is not None:
                params = dict(zip(lookup.sources, row[1:], strict=True))
                computed = lookup.compute(crypto_for(connection.dialect), params)
                stale = stale or computed != row[0]
    return stale


def rotate(connection: Connection, tables: Iterable[Table]) -> int:
    """Re-encrypts every value with the first key and recomputes every hash; returns how many
    rows changed. Runs in the caller's transaction."""
    crypto = crypto_for(connection.dialect)
    changed = 0
    for table in tables:
        names = encrypted_columns(table)
        lookups = lookups_of(table)
        if not names and not lookups:
            continue
        key = list(table.primary_key.columns)
        sources = sorted({s for lookup in lookups.values() for s in lookup.sources})
        rows = connection.execute(
            select(
                *[c.label(f"key_{c.name}") for c in key],
                *[_raw(table, n).label(f"raw_{n}") for n in names],
                *[table.c[s].label(f"clear_{s}") for s in sources],
            )
        ).all()
        for row in rows:
            found = row._mapping
            values: dict[str, Any] = {}
            for name in names:
                token = found[f"raw_{name}"]
                if token is None or token == "":
                    continue
                fresh = crypto.rotate_token(_token(token))
                is_bytes = isinstance(table.c[name].type, EncryptedBytes)
                values[name] = fresh if is_bytes else fresh.decode("ascii")
            clear = {s: found[f"clear_{s}"] for s in sources}
            for name, lookup in lookups.items():
                values[name] = lookup.compute(crypto, clear)
            if not values:
                continue
            connection.execute(
                update(table)
                .where(*[c == found[f"key_{c.name}"] for c in key])
                .values({n: _as_stored(table, n, v) for n, v in values.items()})
            )
            changed += 1
    logger.info("re-encrypted and re-hashed %d row(s)", changed)
    return changed


# --- a key for trying the bot without set-up --------------------------------------------------


def dev_key(path: Path) -> str:
    """The key in `path`, made on first use (mode 600). Only for the simulator and local
    trials: a deployment sets DATA_ENCRYPTION_KEY, and the bot refuses to run without it."""
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key().decode("ascii")
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(key + "\n")
    return key
