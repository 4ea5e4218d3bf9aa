"""The callback context every handler gets: the database, its configuration and the clock.

bot/ (the composition root) builds a `HandlerConfig` from the settings at start; handlers read
only that, never bot/ itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session
from telegram import Update
from telegram.ext import Application, CallbackContext, ExtBot

from models.audit import log as audit
from models.people.accounts import get_or_create_account
from models.schedule.followups import Policy
from models.storage.db import Database
from models.storage.tables import Account, Role


@dataclass(frozen=True)
class HandlerConfig:
    """What handlers read of the settings."""

    tz: ZoneInfo
    staff_chat_id: int | None
    office_contact: str
    digest_time: str
    # The follow-up and digest rules (quiet hours, delays), shared with the scheduled jobs.
    policy: Policy
    # How long closed cases are kept (RETENTION_DAYS): reporters are told, with their rights.
    retention_days: int


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """`context.db`, `context.config`, `context.now()` for handlers and jobs."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)

    @property
    def db(self) -> Database:
        return self.application.bot_data["db"]

    @property
    def config(self) -> HandlerConfig:
        return self.application.bot_data["config"]

    def now(self) -> datetime:
        clock: Callable[[], datetime] = self.application.bot_data["clock"]
        return clock()

    def kick_outbox(self) -> None:
        """Messages were enqueued and committed: let the sender deliver them now."""
        sender = self.application.bot_data.get("sender")
        if sender is not None:
            sender.kick()


def viewer_of(session: Session, update: Update, context: BotContext) -> Account:
    """The account of the person acting (created on first contact; no commit)."""
    user = update.effective_user
    assert user is not None
    # The audit log records from which chat this update's work comes.
    chat = update.effective_chat
    audit.set_origin(session, chat.id if chat is not None else None)
    account = get_or_create_account(
        session, telegram_user_id=user.id, language_code=user.language_code, now=context.now()
    )
    if account.role != Role.REPORTER and not account.display_name:
        # Staff actions are shown with who did them.
        account.display_name = user.full_name[:120]
        session.add(account)
    return account
