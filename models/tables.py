"""SQLModel tables. Every schema change also gets an Alembic migration (see migrations/).

Timestamps are aware UTC (`UTCDateTime`); Telegram ids are 64-bit (`BigInteger`).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.db import UTCDateTime, utcnow


class Role(StrEnum):
    REPORTER = "reporter"
    OFFICER = "officer"
    STAFF = "staff"
    PARTNER = "partner"
    ADMIN = "admin"


class CaseStatus(StrEnum):
    BARU = "baru"


class CaseSource(StrEnum):
    SELF = "self"
    OFFICER = "officer"


class EventKind(StrEnum):
    CREATED = "created"
    STATUS = "status"
    NOTE = "note"
    ACCESS = "access"


class AttachmentKind(StrEnum):
    PHOTO = "photo"
    DOCUMENT = "document"
    VOICE = "voice"


def _ts(*, nullable: bool = False, default: bool = True) -> Any:
    kwargs: dict[str, Any] = {"sa_type": UTCDateTime, "nullable": nullable}
    if default:
        kwargs["default_factory"] = utcnow
    else:
        kwargs["default"] = None
    return Field(**kwargs)


class Account(SQLModel, table=True):
    """Someone who talks to the bot. Reporters keep only their Telegram id and language."""

    __tablename__ = "account"

    id: int | None = Field(default=None, primary_key=True)
    telegram_user_id: int = Field(sa_type=BigInteger, unique=True, index=True)
    language: str = Field(default="id", max_length=5)
    role: str = Field(default=Role.REPORTER, max_length=16)
    # Only for people with a role: staff actions are shown with who did them.
    display_name: str | None = Field(default=None, max_length=120)
    active: bool = True
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class Consent(SQLModel, table=True):
    """A yes or no to the privacy notice, with the version of the text that was shown."""

    __tablename__ = "consent"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    case_id: int | None = Field(default=None, foreign_key="case_file.id", index=True)
    granted: bool
    text_version: str = Field(max_length=20)
    language: str = Field(max_length=5)
    # "self" (the person tapped the button) or "officer_verbal" (an officer confirms it).
    method: str = Field(default="self", max_length=20)
    created_at: datetime = _ts()


class Dialog(SQLModel, table=True):
    """The durable state of one conversation: step, draft answers and the way back.

    Written before every reply, so a restart continues where the person was.
    """

    __tablename__ = "dialog"
    __table_args__ = (UniqueConstraint("account_id", "chat_id", name="uq_dialog_account_chat"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    chat_id: int = Field(sa_type=BigInteger)
    flow: str = Field(default="intake", max_length=20)
    step: str = Field(max_length=32)
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    history: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # Updates at or below this id were already applied (Telegram may deliver one again).
    last_update_id: int = Field(default=0, sa_type=BigInteger)
    # True from the moment an answer is stored until the next question is delivered.
    prompt_pending: bool = False
    consent_id: int | None = Field(default=None, foreign_key="consent.id")
    started_at: datetime = _ts()
    updated_at: datetime = _ts()


class CaseCounter(SQLModel, table=True):
    """Last case number handed out per year; incremented atomically."""

    __tablename__ = "case_counter"

    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    last_seq: int = 0


class Case(SQLModel, table=True):
    __tablename__ = "case_file"

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=20, unique=True, index=True)
    year: int
    seq: int
    status: str = Field(default=CaseStatus.BARU, max_length=16, index=True)
    urgent: bool = Field(default=False, index=True)
    source: str = Field(default=CaseSource.SELF, max_length=10)
    reporter_id: int = Field(foreign_key="account.id", index=True)
    assignee_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    language: str = Field(default="id", max_length=5)

    origin_province_code: str | None = Field(default=None, max_length=2, index=True)
    origin_regency_code: str | None = Field(default=None, max_length=5, index=True)
    location_text: str | None = Field(default=None, sa_type=Text)
    latitude: float | None = None
    longitude: float | None = None
    location_district_code: str | None = Field(default=None, max_length=8)
    group_size: int = 1

    recruiter_name: str | None = Field(default=None, max_length=200)
    recruiter_phone: str | None = Field(default=None, max_length=20)
    employer: str | None = Field(default=None, max_length=200)
    work_type: str | None = Field(default=None, max_length=200)
    work_ended: str | None = Field(default=None, max_length=200)
    wages_unpaid: bool | None = None
    wages_amount: int | None = Field(default=None, sa_type=BigInteger)
    needs: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    needs_other: str | None = Field(default=None, sa_type=Text)
    vulnerabilities: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))

    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class Person(SQLModel, table=True):
    """One stranded person in a case; the reporter's own answers fill the first."""

    __tablename__ = "person"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case_file.id", index=True)
    position: int = 1
    is_reporter: bool = False
    full_name: str = Field(max_length=200)
    nik: str | None = Field(default=None, max_length=16, index=True)
    sex: str | None = Field(default=None, max_length=1)
    birth_date: date | None = None
    age: int | None = None
    phone: str | None = Field(default=None, max_length=20, index=True)
    status: str = Field(default=CaseStatus.BARU, max_length=16)
    created_at: datetime = _ts()


class Attachment(SQLModel, table=True):
    """A photo, document or voice note, kept as Telegram file ids."""

    __tablename__ = "attachment"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case_file.id", index=True)
    kind: str = Field(max_length=10)
    # What it shows ("ktp", "document", "situation") or, for a voice note, the question it answered.
    purpose: str | None = Field(default=None, max_length=32)
    telegram_file_id: str = Field(sa_type=String(255))
    file_unique_id: str = Field(sa_type=String(64))
    uploaded_by_id: int = Field(foreign_key="account.id")
    created_at: datetime = _ts()


class CaseEvent(SQLModel, table=True):
    """Every status change, note and access on a case, with who and when."""

    __tablename__ = "case_event"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case_file.id", index=True)
    kind: str = Field(max_length=16)
    actor_id: int | None = Field(default=None, foreign_key="account.id")
    from_status: str | None = Field(default=None, max_length=16)
    to_status: str | None = Field(default=None, max_length=16)
    note: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = _ts()
