"""Shared fixtures: a fresh, migrated database per test on SQLite and on PostgreSQL.

PostgreSQL comes from TEST_DATABASE_URL (default: the local server every machine here runs);
each test gets its own schema, dropped afterwards. TEST_BACKENDS=sqlite runs SQLite only
(for a quick local loop; CI runs both).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from models.storage.crypto import DataCrypto
from models.storage.db import Database
from models.storage.migrate import upgrade

PG_URL = os.environ.get("TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BACKENDS = [b for b in os.environ.get("TEST_BACKENDS", "sqlite,postgresql").split(",") if b]
# The tests' DATA_ENCRYPTION_KEY (a key for test databases only, never a deployment's).
TEST_DATA_KEY = "D7BMgeb495ZpwpozrJN0DZm9vomcd_1lO4mf1Cl0uu8="
TEST_CRYPTO = DataCrypto.from_setting(TEST_DATA_KEY)


@pytest.fixture(autouse=True, scope="session")
def data_keys() -> Iterator[DataCrypto]:
    """Every Database a test opens without keys gets the tests' keys, as the bot gives its
    own from DATA_ENCRYPTION_KEY, which the command line finds set to them too
    (tests/services/test_encryption.py passes others). For the session: module fixtures
    open databases too."""
    opened = Database.__init__

    def with_keys(self: Database, engine: Engine, crypto: DataCrypto | None = None) -> None:
        opened(self, engine, crypto or TEST_CRYPTO)

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATA_ENCRYPTION_KEY", TEST_DATA_KEY)
        patch.setattr(Database, "__init__", with_keys)
        yield TEST_CRYPTO


def _with_search_path(url: str, schema: str) -> str:
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/test.db"
        return
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _with_search_path(PG_URL, schema)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    """A migrated database; use it as the "second session" that checks committed state."""
    database = Database.from_url(database_url)
    upgrade(database.engine)
    yield database
    database.dispose()
