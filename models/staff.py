"""People with a role: admins from the settings, invites, role changes, deactivation."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session, col, select

from models.accounts import get_or_create_account
from models.tables import Account, Role


def ensure_admins(session: Session, telegram_ids: Iterable[int], *, now: datetime) -> None:
    """Everyone in ADMIN_TELEGRAM_IDS is an active admin (commits)."""
    for telegram_id in telegram_ids:
        account = get_or_create_account(
            session, telegram_user_id=telegram_id, language_code=None, now=now
        )
        if account.role != Role.ADMIN or not account.active:
            account.role = Role.ADMIN
            account.active = True
            account.updated_at = now
            session.add(account)
    session.commit()


def accounts_with_role(session: Session, *roles: Role) -> list[Account]:
    return list(
        session.exec(
            select(Account)
            .where(col(Account.role).in_([r.value for r in roles]), col(Account.active).is_(True))
            .order_by(col(Account.id))
        )
    )
