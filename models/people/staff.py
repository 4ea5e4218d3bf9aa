"""People with a role: admins from the settings, invites, role changes, deactivation, and
who of the team the bot can reach."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from models.audit.log import record
from models.people.access import is_admin
from models.people.accounts import get_or_create_account
from models.storage.tables import Account, Agency, Invite, Role

# The staff group chat reads Indonesian.
GROUP_LANGUAGE = "id"


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


def reachable(accounts: Iterable[Account]) -> list[Account]:
    """Those who have not blocked the bot."""
    return [a for a in accounts if a.unreachable_at is None]


def staff_members(session: Session) -> list[Account]:
    """Active staff and admins the bot can reach."""
    return reachable(accounts_with_role(session, Role.STAFF, Role.ADMIN))


def admins(session: Session) -> list[Account]:
    """Active admins the bot can reach."""
    return reachable(accounts_with_role(session, Role.ADMIN))


def active_account(session: Session, account_id: int | None) -> Account | None:
    """The account if it is active and reachable, else None."""
    if account_id is None:
        return None
    account = session.get(Account, account_id)
    if account is None or not account.active or account.unreachable_at is not None:
        return None
    return account


INVITE_TTL = timedelta(hours=48)
INVITABLE = (Role.STAFF, Role.OFFICER, Role.PARTNER, Role.ADMIN)


class InviteError(Exception):
    """The invite can't be used; `key` is the catalogue text saying why."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def create_invite(
    session: Session,
    *,
    creator: Account,
    role: Role,
    agency_id: int | None,
    now: datetime,
    ttl: timedelta = INVITE_TTL,
) -> Invite:
    """A one-time code for a deep link `https://t.me/<bot>?start=<code>` (no commit)."""
    if not is_admin(creator):
        raise InviteError("admin.not_allowed")
    if role not in INVITABLE:
        raise InviteError("admin.bad_role")
    if role == Role.PARTNER:
        agency = session.get(Agency, agency_id) if agency_id else None
        if agency is None or not agency.active:
            raise InviteError("admin.agency_needed")
    else:
        agency_id = None
    invite = Invite(
        code=secrets.token_urlsafe(12),
        role=role,
        agency_id=agency_id,
        created_by_id=creator.id,  # type: ignore[arg-type]
        created_at=now,
        expires_at=now + ttl,
    )
    session.add(invite)
    session.flush()
    record(session, actor_id=creator.id, action="invite.create", now=now, detail=role)
    return invite


def accept_invite(
    session: Session, *, code: str, account: Account, display_name: str, now: datetime
) -> Invite:
    """Gives the invite's role to the account; each code works once, before it expires."""
    invite = session.exec(select(Invite).where(Invite.code == code)).first()
    if invite is None:
        raise InviteError("admin.invite_unknown")
    if invite.used_at is not None:
        raise InviteError("admin.invite_used")
    if invite.expires_at <= now:
        raise InviteError("admin.invite_expired")
    if is_admin(account) and invite.role != Role.ADMIN:
        raise InviteError("admin.already_admin")
    invite.used_at = now
    invite.used_by_id = account.id
    account.role = invite.role
    account.agency_id = invite.agency_id
    account.invited_by_id = invite.created_by_id
    account.display_name = display_name[:120]
    account.active = True
    account.updated_at = now
    session.add_all([invite, account])
    record(
        session, actor_id=account.id, action="invite.accept", now=now,
        target_account_id=invite.created_by_id, detail=invite.role,
    )  # fmt: skip
    return invite


def set_role(
    session: Session,
    *,
    admin: Account,
    account: Account,
    role: Role,
    now: datetime,
    agency_id: int | None = None,
) -> None:
    if not is_admin(admin):
        raise InviteError("admin.not_allowed")
    if account.id == admin.id:
        raise InviteError("admin.not_yourself")
    if role == Role.PARTNER and agency_id is None and account.agency_id is None:
        raise InviteError("admin.agency_needed")
    account.role = role
    if role == Role.PARTNER:
        account.agency_id = agency_id or account.agency_id
    else:
        account.agency_id = None
    account.updated_at = now
    session.add(account)
    record(
        session, actor_id=admin.id, action="role.change", now=now,
        target_account_id=account.id, detail=role,
    )  # fmt: skip


def set_active(
    session: Session, *, admin: Account, account: Account, active: bool, now: datetime
) -> None:
    if not is_admin(admin):
        raise InviteError("admin.not_allowed")
    if account.id == admin.id:  # an admin cannot lock themselves out, or lose the last admin
        raise InviteError("admin.not_yourself")
    account.active = active
    account.updated_at = now
    session.add(account)
    record(
        session, actor_id=admin.id, action="role.activate" if active else "role.deactivate",
        now=now, target_account_id=account.id, detail=account.role,
    )  # fmt: skip


def member_name(account: Account) -> str:
    """How the team sees a member: their name, or their number when they have none."""
    return account.display_name or f"#{account.id}"


@dataclass(frozen=True)
class TeamMember:
    """Someone with a role, as the admins' team list shows them."""

    account_id: int
    name: str
    role: str
    agency: str | None
    active: bool


def team(session: Session) -> list[TeamMember]:
    """Everyone with a role (active or not): active first, admins first, then by account."""
    order = {Role.ADMIN: 0, Role.STAFF: 1, Role.OFFICER: 2, Role.PARTNER: 3}
    rows = session.exec(
        select(Account, Agency)
        .join(Agency, col(Agency.id) == Account.agency_id, isouter=True)
        .where(col(Account.role) != Role.REPORTER)
    ).all()
    rows = sorted(rows, key=lambda r: (not r[0].active, order.get(Role(r[0].role), 9), r[0].id))
    return [_member(account, agency) for account, agency in rows]


def _member(account: Account, agency: Agency | None) -> TeamMember:
    assert account.id is not None
    return TeamMember(
        account_id=account.id,
        name=member_name(account),
        role=account.role,
        agency=agency.name if agency else None,
        active=account.active,
    )


def agencies(session: Session) -> list[Agency]:
    return list(
        session.exec(select(Agency).where(col(Agency.active).is_(True)).order_by(col(Agency.id)))
    )
