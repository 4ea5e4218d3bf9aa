"""Settings, read from the environment and `.env` (pydantic-settings).

Built once in `bot.__main__.main()` and passed down; nothing reads settings at import time.
"""

from __future__ import annotations

import ipaddress
import re
from datetime import time
from typing import Annotated, Any, Self
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from models.schedule.quiet import QuietHours, parse_clock
from models.storage.crypto import DataCrypto, DataKeyError, parse_keys

DEFAULT_DATABASE_URL = "sqlite:///data/kobar.db"
TOKEN_PATTERN = re.compile(r"^\d+:[A-Za-z0-9_-]{20,}$")
# What Telegram accepts as a webhook's secret_token.
WEBHOOK_SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
# Secrets copied from an example instead of made up (compared without case, "-" and "_").
PLACEHOLDER_SECRETS = {
    "changeme", "changethis", "secret", "mysecret", "yoursecret", "webhooksecret",
    "password", "example", "placeholder", "todo", "test", "xxx",
}  # fmt: skip


class SettingsError(ValueError):
    """A setting is missing or malformed; the message is one line meant for the operator."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,
        extra="ignore",
    )

    telegram_bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    database_url: str = DEFAULT_DATABASE_URL
    admin_telegram_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    staff_chat_id: int | None = None
    timezone: str = "Asia/Jakarta"
    # Set the office's own phone for a real deployment; 171 is the Ministry of Social
    # Affairs' national line, which always answers.
    office_contact: str = (
        "Dinas Sosial Kabupaten Kotawaringin Barat, Jl. Sutan Syahrir, Pangkalan Bun. "
        "Telepon: 171 (Kemensos)"
    )
    log_level: str = "INFO"
    # Seconds the long poll waits at Telegram for new updates.
    polling_timeout: int = 30
    # Telegram allows about one message a second in a private chat, with short bursts: at most
    # this many in any SEND_PRIVATE_SECONDS (models/outbox/budget.py). A Bot API server with
    # other limits (the emulator has none per private chat) may be matched here.
    send_private_burst: int = Field(default=3, ge=1)
    send_private_seconds: float = Field(default=3.0, gt=0)
    # Webhook mode (bot/webhook.py) instead of polling when WEBHOOK_URL is set.
    webhook_url: str = ""
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    # Reminders, digests and reports (models/schedule/, bot/scheduler.py).
    followup_unassigned_hours: float = Field(default=2, gt=0)
    followup_unassigned_urgent_minutes: float = Field(default=30, gt=0)
    followup_idle_days: float = Field(default=2, gt=0)
    followup_referral_days: float = Field(default=3, gt=0)
    intake_reminder_hours: float = Field(default=24, gt=0)
    checkin_after_days: float = Field(default=3, gt=0)
    checkin_silence_days: float = Field(default=2, gt=0)
    # Sending people home (models/schedule/departures.py): hours after a route's last leg left.
    arrival_ask_hours: float = Field(default=6, gt=0)
    arrival_overdue_hours: float = Field(default=24, gt=0)
    quiet_hours: str = "21:00-06:00"
    digest_time: str = "07:00"
    followup_interval_minutes: float = Field(default=5, gt=0)
    # Encryption at rest (models/storage/crypto.py): Fernet keys, newest first ("new,old"
    # while rotating), and optionally a separate key for the look-up hashes.
    data_encryption_key: SecretStr | None = None
    data_hash_key: SecretStr | None = None
    # Privacy (models/privacy/retention.py): closed cases are erased this many days after they
    # closed (UU PDP: kept no longer than needed), drafts nobody touched for this long deleted.
    retention_days: int = Field(default=730, ge=1)
    draft_retention_days: int = Field(default=30, ge=1)

    @field_validator("admin_telegram_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [int(part) for part in re.split(r"[,\s]+", value.strip()) if part]
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("telegram_api_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not value.startswith(("http://", "https://")):
            raise ValueError("TELEGRAM_API_URL must start with http:// or https://")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("quiet_hours")
    @classmethod
    def _quiet_hours(cls, value: str) -> str:
        QuietHours.parse(value)
        return value

    @field_validator("digest_time")
    @classmethod
    def _digest_time(cls, value: str) -> str:
        parse_clock(value)
        return value

    @field_validator("database_url")
    @classmethod
    def _parsable_url(cls, value: str) -> str:
        try:
            url = make_url(value)
        except ArgumentError as exc:
            raise ValueError(f"DATABASE_URL is not a database URL: {exc}") from exc
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            raise ValueError("DATABASE_URL must be a sqlite:/// or postgresql+psycopg:// URL")
        return value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str) -> str:
        value = value.strip()
        if not value:
            return value
        parts = urlsplit(value)
        if not parts.hostname or parts.scheme not in ("https", "http"):
            raise ValueError("WEBHOOK_URL must be an https:// URL Telegram can reach")
        if parts.scheme == "http" and not _is_loopback(parts.hostname):
            # Telegram posts to https only; plain http is for a local test setup.
            raise ValueError("WEBHOOK_URL must be https:// (http:// only for a loopback address)")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        secret = value.get_secret_value().strip()
        if not WEBHOOK_SECRET_PATTERN.match(secret):
            raise ValueError("WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        plain = secret.lower().replace("-", "").replace("_", "")
        if plain in PLACEHOLDER_SECRETS or len(set(plain)) <= 1:
            raise ValueError(
                "WEBHOOK_SECRET is a placeholder: make one up, e.g. "
                "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
            )
        return SecretStr(secret)

    @field_validator("data_encryption_key")
    @classmethod
    def _data_keys(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            try:
                parse_keys(value.get_secret_value())
            except DataKeyError as exc:
                raise ValueError(str(exc)) from None
        return value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Self:
        if self.webhook_url and self.webhook_secret is None:
            raise ValueError("WEBHOOK_SECRET must be set with WEBHOOK_URL")
        return self

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def quiet(self) -> QuietHours | None:
        return QuietHours.parse(self.quiet_hours)

    @property
    def digest_clock(self) -> time:
        return parse_clock(self.digest_time)

    @property
    def bot_api_root(self) -> str:
        return f"{self.telegram_api_url}/bot"

    @property
    def bot_file_root(self) -> str:
        return f"{self.telegram_api_url}/file/bot"

    def require_token(self) -> str:
        """The bot token, or a one-line SettingsError saying what to set."""
        if self.telegram_bot_token is None:
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN is not set: put the token from @BotFather in .env "
                "(see .env.example). To try the bot without a token run: python -m bot simulate"
            )
        token = self.telegram_bot_token.get_secret_value().strip()
        if not TOKEN_PATTERN.match(token):
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN does not look like a bot token (expected 123456789:AA...)."
            )
        return token

    def data_crypto(self) -> DataCrypto:
        """The keys of the encrypted columns, or a one-line SettingsError saying what to set."""
        if self.data_encryption_key is None:
            raise SettingsError(
                "DATA_ENCRYPTION_KEY is not set: NIKs, phone numbers, locations and stories are "
                "stored encrypted. Make a key with python -c 'from cryptography.fernet import "
                "Fernet; print(Fernet.generate_key().decode())', put it in .env and keep a copy "
                "in a safe place: without it the data cannot be read."
            )
        hash_key = self.data_hash_key.get_secret_value() if self.data_hash_key else None
        try:
            return DataCrypto.from_setting(self.data_encryption_key.get_secret_value(), hash_key)
        except DataKeyError as exc:
            raise SettingsError(str(exc)) from None


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def load_settings(**overrides: Any) -> Settings:
    """Build Settings, turning validation errors into one readable SettingsError line."""
    from pydantic import ValidationError

    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = "; ".join(
            # A rule over several settings (a model validator) has no location: its message
            # names them.
            f"{'.'.join(str(p) for p in err['loc']).upper()}: {err['msg']}"
            if err["loc"]
            else err["msg"]
            for err in exc.errors()
        )
        raise SettingsError(f"Invalid settings: {problems}") from None
