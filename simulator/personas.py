"""The people one can be in the simulator, and their accounts in the simulator's database.

Team members (officer, staff, admin, partner) are registered with their roles before the bot
starts, so notices, case cards, digests and reminders reach their chats from the first minute.
All names and numbers are fictional.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from models.accounts import get_or_create_account
from models.tables import Account, Agency, Role

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
        "Pekerja terlantar (asal Lombok Timur)",
        "6281239000101",
    ),
    Persona(
        "worker2",
        5200000102,
        "Agus",
        "Prasetyo",
        Role.REPORTER,
        "Pekerja terlantar kedua (asal Jember)",
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


def register_team(session: Session, *, now: datetime) -> None:
    """Gives the team personas their roles (and the partner its agency); commits.

    Reporters are left alone: they become accounts when they first write, as anyone does.
    """
    agencies = {agency.code: agency.id for agency in session.exec(select(Agency))}
    for member in PERSONAS:
        if member.role == Role.REPORTER:
            continue
        account = get_or_create_account(
            session, telegram_user_id=member.user_id, language_code=member.language_code, now=now
        )
        agency_id = agencies.get(member.agency_code) if member.agency_code else None
        if member.agency_code and agency_id is None:
            raise LookupError(f"agency {member.agency_code!r} is not in the database")
        changed = (
            account.role != member.role
            or account.display_name != member.display_name
            or account.agency_id != agency_id
            or not account.active
        )
        if changed:
            account.role = member.role
            account.display_name = member.display_name
            account.agency_id = agency_id
            account.active = True
            account.updated_at = now
            session.add(account)
    session.commit()


def known_account_ids(session: Session) -> list[int]:
    """Telegram ids of every account in the database (demo reporters, earlier runs...)."""
    return list(session.exec(select(Account.telegram_user_id)))
