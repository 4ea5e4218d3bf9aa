"""The people one can be in the simulator, and their accounts in the simulator's database.

Team members (officer, staff, admin, partner) are registered with their roles before the bot
starts, the way people join in real life (the admin invites, they accept), so notices, case
cards, digests and reminders reach their chats from the first minute.
All names and numbers are fictional.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from models.people.accounts import get_or_create_account
from models.people.staff import accept_invite, create_invite, ensure_admins
from models.storage.tables import Account, Agency, Role

# A supergroup id, as Telegram gives them (-100 followed by the channel id).
STAFF_GROUP_ID = -1001987654321
STAFF_GROUP_TITLE = "Staf Dinsos Kobar"


@dataclass(frozen=True)
class Persona:
    key: str
    user_id: int
    first_name: str
    last_name: str | None
    role: Role
    # Shown under the name in the switcher, Indonesian first.
    label: str
    # Telegram shares a contact's number without the "+" (6281...).
    phone: str
    language_code: str = "id"
    agency_code: str | None = None
    # Members of the staff group see it as a second chat.
    in_staff_group: bool = False

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name


PERSONAS: tuple[Persona, ...] = (
    Persona(
        "worker",
        5200000101,
        "Siti",
        "Aminah",
        Role.REPORTER,
        "Pekerja telantar (asal Lombok Timur)",
        "6281239000101",
    ),
    Persona(
        "worker2",
        5200000102,
        "Agus",
        "Prasetyo",
        Role.REPORTER,
        "Pekerja telantar kedua (asal Jember)",
        "6285239000102",
    ),
    Persona(
        "officer",
        5200000201,
        "Rahmat",
        "Hidayat",
        Role.OFFICER,
        "Petugas lapangan (TKSK Kumai)",
        "6281349000201",
        in_staff_group=True,
    ),
    Persona(
        "staff",
        5200000301,
        "Dewi",
        "Lestari",
        Role.STAFF,
        "Staf Dinas Sosial Kobar",
        "6281349000301",
        in_staff_group=True,
    ),
    Persona(
        "admin",
        5200000401,
        "Hendra",
        "Wijaya",
        Role.ADMIN,
        "Admin (Kepala Bidang Rehabilitasi Sosial)",
        "6281349000401",
        in_staff_group=True,
    ),
    Persona(
        "partner",
        5200000501,
        "Maya",
        "Kartika",
        Role.PARTNER,
        "Mitra: Dinas Kesehatan Kobar",
        "6281349000501",
        agency_code="dinkes",
    ),
)

# The switcher's last entry: the staff group, seen (and written in) as the staff member.
GROUP_VIEWER = "staff"


def persona(key: str) -> Persona:
    for candidate in PERSONAS:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


def admin_ids() -> list[int]:
    return [p.user_id for p in PERSONAS if p.role == Role.ADMIN]


def join_team(
    session: Session,
    *,
    admin: Account,
    telegram_user_id: int,
    name: str,
    role: Role,
    agency_id: int | None,
    now: datetime,
) -> Account:
    """Someone joins the team as people do: the admin invites, they accept (no commit).

    Nothing happens if they already have that role.
    """
    account = get_or_create_account(
        session, telegram_user_id=telegram_user_id, language_code="id", now=now
    )
    if account.role == role and account.agency_id == agency_id and account.active:
        return account
    invite = create_invite(session, creator=admin, role=role, agency_id=agency_id, now=now)
    accept_invite(session, code=invite.code, account=account, display_name=name, now=now)
    return account


def register_team(session: Session, *, now: datetime) -> Account:
    """The team personas, with their roles (and the partner its agency); commits.

    The admin comes from ADMIN_TELEGRAM_IDS, as when the bot starts; the others accepted the
    admin's invitations. Reporters are left alone: they become accounts when they first write.
    Returns the admin's account.
    """
    (admin_persona,) = (p for p in PERSONAS if p.role == Role.ADMIN)
    ensure_admins(session, [admin_persona.user_id], now=now)
    admin = session.exec(
        select(Account).where(Account.telegram_user_id == admin_persona.user_id)
    ).one()
    if admin.display_name != admin_persona.display_name:
        admin.display_name = admin_persona.display_name
        session.add(admin)
    agencies = {agency.code: agency.id for agency in session.exec(select(Agency))}
    for member in PERSONAS:
        if member.role in (Role.REPORTER, Role.ADMIN):
            continue
        agency_id = agencies.get(member.agency_code) if member.agency_code else None
        if member.agency_code and agency_id is None:
            raise LookupError(f"agency {member.agency_code!r} is not in the database")
        join_team(
            session,
            admin=admin,
            telegram_user_id=member.user_id,
            name=member.display_name,
            role=member.role,
            agency_id=agency_id,
            now=now,
        )
    session.commit()
    return admin


def known_account_ids(session: Session) -> list[int]:
    """Telegram ids of every account in the database (demo reporters, earlier runs...)."""
    return list(session.exec(select(Account.telegram_user_id)))
