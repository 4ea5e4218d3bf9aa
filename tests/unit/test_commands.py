"""Every role's command menu offers only commands the bot handles, described in both languages."""

from __future__ import annotations

import pytest
from telegram.ext import ApplicationBuilder

from bot.app import register_handlers
from handlers.commands import commands_for, registered
from i18n import LANGUAGES
from views.commands import ROLE_COMMANDS

CONVERSATION_COMMANDS = {"kembali", "batal"}  # handled inside conversations


@pytest.fixture(scope="module")
def available() -> set[str]:
    application = ApplicationBuilder().token("123:" + "A" * 30).updater(None).build()
    register_handlers(application)
    return registered(application)


@pytest.mark.parametrize("role", sorted(ROLE_COMMANDS))
def test_menus_offer_only_handled_commands(role: str, available: set[str]) -> None:
    assert set(ROLE_COMMANDS[role]) - CONVERSATION_COMMANDS <= available


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
@pytest.mark.parametrize("role", sorted(ROLE_COMMANDS))
def test_every_menu_entry_has_a_short_description(
    role: str, lang: str, available: set[str]
) -> None:
    commands = commands_for(role, lang, available)
    assert [c.command for c in commands] == list(ROLE_COMMANDS[role])
    assert all(0 < len(c.description) <= 256 for c in commands)
