"""The command menu each role sees, as (command, description) pairs in the reader's language."""

from __future__ import annotations

from i18n import LANGUAGES
from models.storage.tables import Role
from views.text import t

MENU_LANGUAGES: tuple[str, ...] = tuple(LANGUAGES)
REPORTER_COMMANDS = (
    "start", "status", "kembali", "batal", "bahasa", "datasaya", "koreksi", "hapusdata",
)  # fmt: skip
ROLE_COMMANDS: dict[str, tuple[str, ...]] = {
    Role.REPORTER: REPORTER_COMMANDS,
    Role.OFFICER: ("lapor", "kasus", "cari", "kembali", "batal", "bahasa"),
    Role.PARTNER: ("kasus", "cari", "bahasa"),
    Role.STAFF: (
        "kasus", "cari", "lapor", "perekrut", "statistik", "digest", "langganan", "ekspor",
        "kembali", "batal", "bahasa",
    ),
    Role.ADMIN: (
        "kasus", "cari", "lapor", "perekrut", "statistik", "digest", "langganan", "ekspor",
        "undang", "petugas", "gagal", "audit", "kembali", "batal", "bahasa",
    ),
}  # fmt: skip
# Handled inside conversations, with no CommandHandler of their own: always offered.
IN_CONVERSATION = ("kembali", "batal")


def menu_for(role: str, lang: str, available: set[str]) -> list[tuple[str, str]]:
    """The role's commands that the bot handles, in menu order, with their descriptions."""
    names = ROLE_COMMANDS.get(role, REPORTER_COMMANDS)
    return [
        (name, t(lang, f"cmd.{name}"))
        for name in names
        if name in available or name in IN_CONVERSATION
    ]
