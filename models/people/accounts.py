"""Accounts: one per Telegram user who talks to the bot."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from models.storage.tables import Account

# The languages the bot speaks (the catalogue has a text for each; a test checks they agree).
SUPPORTED_LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"


def language_for(code: str | None) -> str:
    """The bot's language for a Telegram `language_code`: Indonesian unless English."""
    if code and code.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def get_or_create_account(
    session: Session, *, telegram_user_id: int, language_code: str | None, now: datetime
) -> Account:
    """The person's account; a new one takes its language from Telegram's language_code."""
    account = session.exec(
        select(Account).where(Account.telegram_user_id == telegram_user_id)
    ).first()
    if account is None:
        account = Account(
            telegram_user_id=telegram_user_id,
            language=language_for(language_code),
            created_at=now,
            updated_at=now,
        )
        session.add(account)
        session.flush()
    return account


def set_language(session: Session, account: Account, language: str, now: datetime) -> None:
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    account.language = language
    account.updated_at = now
    session.add(account)
