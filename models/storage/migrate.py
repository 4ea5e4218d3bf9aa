"""Alembic, configured in code: the bot upgrades on start and `python -m bot db upgrade` too."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # env.py takes the live connection from here, so no URL (and no password) is copied around.
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Migrates, then checks that the keys open the stored data (a wrong key stops the start
    with a DataKeyError, never garbage) and finishes a rotation left half-done."""
    command.upgrade(alembic_config(engine), revision)
    if revision == "heads":
        secure(engine)


def secure(engine: Engine) -> bool:
    """Re-encrypts and re-hashes everything if a value was written with an older key or a
    hash with another hash key; returns True if it did."""
    from sqlmodel import SQLModel

    from models.storage import crypto

    tables = list(SQLModel.metadata.sorted_tables)
    with engine.begin() as connection:
        if not crypto.check(connection, tables):
            return False
        crypto.rotate(connection, tables)
    return True


def rotate_keys(engine: Engine) -> int:
    """`python -m bot db rotate-key`: every value re-encrypted with the first key and every
    hash recomputed, in one transaction; returns how many rows changed."""
    from sqlmodel import SQLModel

    from models.storage import crypto

    with engine.begin() as connection:
        return crypto.rotate(connection, list(SQLModel.metadata.sorted_tables))


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        # Branches written side by side are applied together: several heads, one per branch.
        heads = MigrationContext.configure(connection).get_current_heads()
    return ", ".join(sorted(heads)) or None
