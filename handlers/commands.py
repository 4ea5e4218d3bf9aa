"""Publishes the command menu each role sees (setMyCommands per chat), in the person's language."""

from __future__ import annotations

import logging
from typing import Any

from telegram import BotCommand, BotCommandScopeChat
from telegram.error import BadRequest, Forbidden
from telegram.ext import Application, CommandHandler

from handlers.context import BotContext
from models.people.staff import accounts_with_role
from models.storage.tables import Account, Role
from views.commands import MENU_LANGUAGES, menu_for

logger = logging.getLogger(__name__)


def registered(application: Application[Any, Any, Any, Any, Any, Any]) -> set[str]:
    """Commands the application actually handles (a menu never offers a dead command)."""
    names: set[str] = set()
    for group in application.handlers.values():
        for handler in group:
            if isinstance(handler, CommandHandler):
                names |= set(handler.commands)
    return names


def commands_for(role: str, lang: str, available: set[str]) -> list[BotCommand]:
    return [BotCommand(name, text) for name, text in menu_for(role, lang, available)]


async def publish_default(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    available = registered(application)
    for lang in MENU_LANGUAGES:
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


async def publish_all(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """At start: the reporters' menu (Indonesian, and English for English clients), and each
    team member's own menu (for those who have talked to the bot already)."""
    await publish_default(application)
    with BotContext(application).db.session() as session:
        members = [
            account
            for account in accounts_with_role(
                session, Role.ADMIN, Role.STAFF, Role.OFFICER, Role.PARTNER
            )
            if account.display_name
        ]
    for account in members:
        await publish_for(application, account)
