"""Database engine and sessions: SQLite (embedded default, WAL) or PostgreSQL (production)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import sessionmaker
from sqlalchemy.types import DateTime, TypeDecorator
from sqlmodel import Session, create_engine

from models.storage.crypto import DataCrypto, configure


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC timestamps on every backend.

    SQLite has no time zone type, so values are normalised to UTC on the way in and
    given their UTC tzinfo back on the way out.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use an aware UTC datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(database_url: str, **kwargs: Any) -> Engine:
    """An engine for the URL; a SQLite file's folder is created on first use."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            hide_parameters=True,
            **kwargs,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # hide_parameters: a failed statement's error text must not carry names or NIKs into logs.
    # The pool has room for every update in flight (bot/pipeline.py WORKERS) and the jobs.
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 20)
    return create_engine(url, pool_pre_ping=True, hide_parameters=True, **kwargs)


class Database:
    """Owns the engine and hands out sessions: one per update or job.

    `crypto` are the keys of the encrypted columns (models/storage/crypto.py); without them
    those columns refuse to be read or written.
    """

    def __init__(self, engine: Engine, crypto: DataCrypto | None = None) -> None:
        self.engine = engine
        configure(engine, crypto)
        self._factory = sessionmaker(bind=engine, class_=Session, expire_on_commit=False)

    @classmethod
    def from_url(cls, database_url: str, crypto: DataCrypto | None = None) -> Database:
        return cls(make_engine(database_url), crypto)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that rolls back on error; callers commit once per use case."""
        session = self._factory()
        try:
            yield session
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def insert_for(session: Session, table: Any) -> Any:
    """An INSERT for the session's database that knows ON CONFLICT DO NOTHING/UPDATE."""
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
