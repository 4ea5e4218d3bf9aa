"""Team members for end-to-end tests: accounts with a role, as an admin's invite would make."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from models.people.accounts import get_or_create_account
from models.storage.db import Database
from models.storage.tables import Agency, Case, Role


def make_member(
    db: Database, telegram_id: int, role: Role, name: str, *, agency: str | None = None
) -> int:
    """Gives the Telegram user a role (and an agency for partners); returns the account id."""
    with db.session() as session:
        account = get_or_create_account(
            session, telegram_user_id=telegram_id, language_code="id", now=datetime.now(UTC)
        )
        account.role = role
        account.display_name = name
        if agency is not None:
            account.agency_id = session.exec(select(Agency.id).where(Agency.code == agency)).one()
        session.add(account)
        session.commit()
        return account.id  # type: ignore[return-value]


def only_case(db: Database) -> Case:
    with db.session() as session:
        return session.exec(select(Case)).one()
