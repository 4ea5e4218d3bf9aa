"""The command menu each role sees (setMyCommands per chat), in the person's language."""

from __future__ import annotations

import logging
from typing import Any

from telegram import BotCommand, BotCommandScopeChat
from telegram.error import BadRequest, Forbidden
from telegram.ext import Application, CommandHandler

from i18n import LANGUAGES
from models.storage.tables import Account, Role
from views.text import t

logger = logging.getLogger(__name__)

REPORTER_COMMANDS = ("start", "status", "kembali", "batal", "bahasa")
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
        "undang", "petugas", "kembali", "batal", "bahasa",
    ),
}  # fmt: skip


def registered(application: Application[Any, Any, Any, Any, Any, Any]) -> set[str]:
    """Commands the application actually handles (a menu never offers a dead command)."""
    names: set[str] = set()
    for group in application.handlers.values():
        for handler in group:
            if isinstance(handler, CommandHandler):
                names |= set(handler.commands)
    return names


def commands_for(role: str, lang: str, available: set[str]) -> list[BotCommand]:
    names = ROLE_COMMANDS.get(role, REPORTER_COMMANDS)
    commands = [BotCommand(n, t(lang, f"cmd.{n}")) for n in names if n in available]
    # Commands handled inside conversations (/kembali, /batal) have no CommandHandler.
    commands += [
        BotCommand(n, t(lang, f"cmd.{n}"))
        for n in names
        if n in ("kembali", "batal") and n not in available
    ]
    order = {n: i for i, n in enumerate(names)}
    return sorted(commands, key=lambda c: order[c.command])


async def publish_default(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    available = registered(application)
    for lang in LANGUAGES:
        await application.bot.set_my_commands(
            commands_for(Role.REPORTER, lang, available),
            language_code=None if lang == "id" else lang,
        )


async def publish_for(
    application: Application[Any, Any, Any, Any, Any, Any], account: Account
) -> None:
    """The menu of one person's private chat, after their role changed."""
    scope = BotCommandScopeChat(account.telegram_user_id)
    role = account.role if account.active else Role.REPORTER
    try:
        if role == Role.REPORTER:
            await application.bot.delete_my_commands(scope=scope)
        else:
            await application.bot.set_my_commands(
                commands_for(role, account.language, registered(application)), scope=scope
            )
    except (BadRequest, Forbidden) as exc:
        logger.info("command menu for account %s not set: %s", account.id, exc)
