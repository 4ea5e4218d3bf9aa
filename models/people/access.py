"""Who may do what. Checked on the server for the person acting, every time.

Reporters see only their own cases; partners only cases referred to their agency; officers
their own submissions and assignments; staff and admins everything. Full NIK and phone
numbers are shown only in private chats to people allowed to see them.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from models.storage.tables import Account, Case, Referral, Role

STAFF_ROLES = frozenset({Role.STAFF, Role.ADMIN})
TEAM_ROLES = frozenset({Role.STAFF, Role.ADMIN, Role.OFFICER})


def role_of(account: Account | None) -> Role:
    if account is None or not account.active:
        return Role.REPORTER
    return Role(account.role)


def is_admin(account: Account | None) -> bool:
    return role_of(account) == Role.ADMIN


def is_staff(account: Account | None) -> bool:
    """Dinsos case workers and admins: the whole caseload."""
    return role_of(account) in STAFF_ROLES


def is_team(account: Account | None) -> bool:
    """Staff, admins and field officers: may register cases for others."""
    return role_of(account) in TEAM_ROLES


def is_partner(account: Account | None) -> bool:
    if account is None or account.agency_id is None:
        return False
    return role_of(account) == Role.PARTNER


def referred_to_agency(session: Session, case_id: int, agency_id: int) -> bool:
    return (
        session.exec(
            select(Referral.id).where(
                Referral.case_id == case_id, col(Referral.agency_id) == agency_id
            )
        ).first()
        is not None
    )


def can_view_case(session: Session, account: Account | None, case: Case) -> bool:
    role = role_of(account)
    if account is None:
        return False
    if role in STAFF_ROLES:
        return True
    if role == Role.OFFICER:
        return account.id in (case.reporter_id, case.assignee_id)
    if role == Role.PARTNER:
        return account.agency_id is not None and referred_to_agency(
            session,
            case.id,  # type: ignore[arg-type]
            account.agency_id,
        )
    return case.reporter_id == account.id


def can_handle_case(account: Account | None, case: Case) -> bool:
    """Change status, tick the checklist, assign, refer, write to the reporter."""
    role = role_of(account)
    if role in STAFF_ROLES:
        return True
    return role == Role.OFFICER and account is not None and case.assignee_id == account.id


def can_see_identity(account: Account | None, *, private_chat: bool) -> bool:
    """Full NIK and phone: only in a private chat, only for the team and partners."""
    return private_chat and role_of(account) in (*TEAM_ROLES, Role.PARTNER)
