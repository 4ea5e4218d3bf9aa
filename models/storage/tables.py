"""SQLModel tables. Every schema change also gets an Alembic migration (see migrations/).

Timestamps are aware UTC (`UTCDateTime`); Telegram ids are 64-bit (`BigInteger`).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, String, UniqueConstraint, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm.attributes import instance_state
from sqlmodel import Field, SQLModel

from models.storage.crypto import (
    DIGITS_LOOKUP,
    NIK,
    NIK_LOOKUP,
    PHONE,
    PHONE_LOOKUP,
    EncryptedBytes,
    EncryptedFloat,
    EncryptedJSON,
    EncryptedText,
    crypto_of,
    lookup_column,
    lookups_of,
)
from models.storage.db import UTCDateTime, utcnow

# Stable constraint names, so later migrations (and SQLite batch mode) can refer to them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Role(StrEnum):
    REPORTER = "reporter"
    OFFICER = "officer"
    STAFF = "staff"
    PARTNER = "partner"
    ADMIN = "admin"


class CaseStatus(StrEnum):
    BARU = "baru"
    DIVERIFIKASI = "diverifikasi"
    DITANGANI = "ditangani"
    DIRUJUK = "dirujuk"
    DIPULANGKAN = "dipulangkan"
    SELESAI = "selesai"
    DITOLAK = "ditolak"
    DUPLIKAT = "duplikat"


CLOSED_STATUSES = frozenset({CaseStatus.SELESAI, CaseStatus.DITOLAK, CaseStatus.DUPLIKAT})


class PersonStatus(StrEnum):
    MENUNGGU = "menunggu"  # waiting
    DIRAWAT = "dirawat"  # in hospital / under treatment
    DIPULANGKAN = "dipulangkan"  # sent home
    TINGGAL = "tinggal"  # stays in Kobar (found work, chose to stay)


class CaseSource(StrEnum):
    SELF = "self"
    OFFICER = "officer"


class EventKind(StrEnum):
    CREATED = "created"
    STATUS = "status"
    NOTE = "note"
    ACCESS = "access"
    ASSIGNED = "assigned"
    CHECKLIST = "checklist"
    REFERRAL = "referral"
    REFERRAL_NOTE = "referral_note"
    REFERRAL_DONE = "referral_done"
    MESSAGE_OUT = "message_out"  # staff -> reporter, through the bot
    MESSAGE_IN = "message_in"  # reporter -> staff
    PERSON_STATUS = "person_status"
    LINKED = "linked"  # duplicate or repeat claim found
    OVERRIDE = "override"  # an admin skipped a required checklist item
    REOPENED = "reopened"
    CHECKIN = "checkin"  # the reporter answered "have you arrived home?"
    REMINDER = "reminder"
    TRAVEL = "travel"  # one person's travel status changed (models/repatriation)
    PRIVACY = "privacy"  # a reporter asked to see, correct or erase their data


def _ts(*, nullable: bool = False, default: bool = True, index: bool = False) -> Any:
    kwargs: dict[str, Any] = {"sa_type": UTCDateTime, "nullable": nullable, "index": index}
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
    # Partners act for one agency.
    agency_id: int | None = Field(default=None, foreign_key="agency.id", index=True)
    invited_by_id: int | None = Field(default=None, foreign_key="account.id")
    active: bool = True
    # Staff and admins get the daily digest unless they turn it off (/langganan).
    digest_enabled: bool = True
    # Set when Telegram says the person blocked the bot; cleared when they write again.
    unreachable_at: datetime | None = _ts(nullable=True, default=False)
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


class Agency(SQLModel, table=True):
    """A partner agency cases are referred to (health office, police, labour office...)."""

    __tablename__ = "agency"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    name: str = Field(max_length=200)
    active: bool = True


class Invite(SQLModel, table=True):
    """A one-time, expiring deep link that gives a role (and, for partners, an agency)."""

    __tablename__ = "invite"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=64, unique=True, index=True)
    role: str = Field(max_length=16)
    agency_id: int | None = Field(default=None, foreign_key="agency.id")
    created_by_id: int = Field(foreign_key="account.id")
    created_at: datetime = _ts()
    expires_at: datetime = _ts()
    used_by_id: int | None = Field(default=None, foreign_key="account.id")
    used_at: datetime | None = _ts(nullable=True, default=False)


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
    # The draft's answers (NIK, phone, story...): encrypted like the case they become.
    data: dict[str, Any] = Field(
        default_factory=dict, sa_column=Column(EncryptedJSON, nullable=False)
    )
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
    # The exact place (typed or shared) is encrypted; the district code is not.
    location_text: str | None = Field(default=None, sa_column=Column(EncryptedText))
    latitude: float | None = Field(default=None, sa_column=Column(EncryptedFloat))
    longitude: float | None = Field(default=None, sa_column=Column(EncryptedFloat))
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
    needs_other: str | None = Field(default=None, sa_column=Column(EncryptedText))
    # Health and other vulnerabilities (sick, pregnant...): encrypted; `urgent` says enough.
    vulnerabilities: list[str] = Field(
        default_factory=list, sa_column=Column(EncryptedJSON, nullable=False)
    )
    # Where they worked, and their story in their own words (officer intake).
    work_site: str | None = Field(default=None, max_length=200)
    story: str | None = Field(default=None, sa_column=Column(EncryptedText))

    created_at: datetime = _ts()
    updated_at: datetime = _ts()
    assigned_at: datetime | None = _ts(nullable=True, default=False)
    # The last event that was not a mere access or reminder: follow-ups count idleness from it.
    last_activity_at: datetime | None = _ts(nullable=True, default=False, index=True)
    # "Snooze 1 day" on a reminder: no follow-ups for this case until then.
    followup_snoozed_until: datetime | None = _ts(nullable=True, default=False)
    repatriated_at: datetime | None = _ts(nullable=True, default=False)
    closed_at: datetime | None = _ts(nullable=True, default=False)


class Person(SQLModel, table=True):
    """One stranded person in a case; the reporter's own answers fill the first."""

    __tablename__ = "person"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case_file.id", index=True)
    position: int = 1
    is_reporter: bool = False
    full_name: str = Field(max_length=200)
    # Encrypted; found through the keyed hashes below (models/storage/crypto.py).
    nik: str | None = Field(default=None, sa_column=Column(EncryptedText(NIK, "nik_hash")))
    sex: str | None = Field(default=None, max_length=1)
    birth_date: date | None = None
    age: int | None = None
    phone: str | None = Field(default=None, sa_column=Column(EncryptedText(PHONE, "phone_hash")))
    # "anak", "dewasa", "lansia" when only a rough age is known.
    age_group: str | None = Field(default=None, max_length=10)
    vulnerabilities: list[str] = Field(
        default_factory=list, sa_column=Column(EncryptedJSON, nullable=False)
    )
    status: str = Field(default=PersonStatus.MENUNGGU, max_length=16)
    repatriated_at: datetime | None = _ts(nullable=True, default=False)
    created_at: datetime = _ts()
    # Keyed hashes of the NIK and phone (exact look-ups) and of their first and last digits
    # (partial /cari): computed on insert and update, never set by hand, not in model_dump.
    nik_hash: str | None = Field(default=None, exclude=True, sa_column=lookup_column(NIK_LOOKUP))
    phone_hash: str | None = Field(
        default=None, exclude=True, sa_column=lookup_column(PHONE_LOOKUP)
    )
    digit_hashes: str | None = Field(
        default=None, exclude=True, sa_column=lookup_column(DIGITS_LOOKUP, text=True)
    )


@event.listens_for(Person, "before_insert")
@event.listens_for(Person, "before_update")
def _hash_person(_mapper: Any, connection: Connection, target: Person) -> None:
    """The hashes of a NIK or phone the ORM writes, also on the object (duplicates compares
    them right after a flush); an INSERT through Core gets them in models/storage/crypto."""
    state = instance_state(target)
    inserting = state.key is None
    for name, lookup in lookups_of(Person.__table__).items():  # type: ignore[attr-defined]
        if inserting or any(state.attrs[s].history.has_changes() for s in lookup.sources):
            clear = {s: getattr(target, s) for s in lookup.sources}
            setattr(target, name, lookup.compute(crypto_of(connection), clear))


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
    person_id: int | None = Field(default=None, foreign_key="person.id")
    from_status: str | None = Field(default=None, max_length=16)
    to_status: str | None = Field(default=None, max_length=16)
    # Notes and the messages between staff and the reporter: encrypted.
    note: str | None = Field(default=None, sa_column=Column(EncryptedText))
    # Small structured details: a checklist code, an agency id, an export's date range...
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = _ts(index=True)


class ChecklistItem(SQLModel, table=True):
    """A ticked step of the standard procedure (open items have no row)."""

    __tablename__ = "checklist_item"
    __table_args__ = (UniqueConstraint("case_id", "code", name="uq_checklist_case_code"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case_file.id", index=True)
    code: str = Field(max_length=32)
    done_by_id: int = Field(foreign_key="account.id")
    done_at: datetime = _ts()


class Referral(SQLModel, table=True):
    """A case referred to an agency; its partners see the case until the referral is done."""

    __tablename__ = "referral"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case_file.id", index=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    note: str | None = Field(default=None, sa_column=Column(EncryptedText))
    created_by_id: int = Field(foreign_key="account.id")
    created_at: datetime = _ts()
    done_at: datetime | None = _ts(nullable=True, default=False)
    done_by_id: int | None = Field(default=None, foreign_key="account.id")


class CaseLink(SQLModel, table=True):
    """Two cases that share a NIK or phone (or, as a hint for staff, a name alike, with age
    and origin): a duplicate, or a repeat claim after repatriation."""

    __tablename__ = "case_link"
    __table_args__ = (UniqueConstraint("case_id", "other_case_id", name="uq_case_link_pair"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case_file.id", index=True)
    other_case_id: int = Field(foreign_key="case_file.id", index=True)
    kind: str = Field(max_length=16)  # "duplicate" or "repeat"
    matched_on: str = Field(max_length=16)  # "nik", "phone" or "name" (never merged)
    created_at: datetime = _ts()


class Recruiter(SQLModel, table=True):
    """An agent, group leader or employer named in intakes (name normalised, phone E.164)."""

    __tablename__ = "recruiter"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)  # "recruiter" (agent / group leader) or "employer"
    name: str = Field(max_length=200)
    name_key: str = Field(max_length=200, index=True)
    phone: str | None = Field(default=None, max_length=20, index=True)
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = _ts()


class CaseRecruiter(SQLModel, table=True):
    __tablename__ = "case_recruiter"

    case_id: int = Field(foreign_key="case_file.id", primary_key=True)
    recruiter_id: int = Field(foreign_key="recruiter.id", primary_key=True, index=True)


class PendingInput(SQLModel, table=True):
    """A staff member's next text is for this (a note, a message to the reporter, a reason)."""

    __tablename__ = "pending_input"
    __table_args__ = (UniqueConstraint("account_id", "chat_id", name="uq_pending_account_chat"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id")
    chat_id: int = Field(sa_type=BigInteger)
    kind: str = Field(max_length=20)
    case_id: int | None = Field(default=None, foreign_key="case_file.id")
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = _ts()


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # claimed by a sender; a stale claim is taken over after a lease
    SENT = "sent"
    FAILED = "failed"  # gave up (e.g. the person blocked the bot)


class Outbox(SQLModel, table=True):
    """Every message the bot sends: replies, notices, reminders, digests, relays.

    The unique `key` makes enqueueing idempotent; a sender claims rows atomically, sends,
    and marks them sent, so a message is neither lost nor sent twice across restarts.
    """

    __tablename__ = "outbox"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=200, unique=True)
    chat_id: int = Field(sa_type=BigInteger, index=True)
    account_id: int | None = Field(default=None, foreign_key="account.id")
    case_id: int | None = Field(default=None, foreign_key="case_file.id")
    # "message", "photo", "document", "voice" (a file by `file_ref` or `blob`), "edit" or
    # "delete" (of the bot's message `target_message_id`)
    kind: str = Field(default="message", max_length=10)
    # Replies to what a person just did go first (0), then everything else (1).
    priority: int = Field(default=1)
    target_message_id: int | None = Field(default=None, sa_type=BigInteger)
    # A Telegram file id to send again (an attachment of a case).
    file_ref: str | None = Field(default=None, max_length=200)
    # What is sent (a notice with a phone number, an export file) is encrypted until
    # models/outbox/queue.forget_delivered blanks it.
    text: str = Field(sa_column=Column(EncryptedText, nullable=False))
    # Buttons show what was chosen (a ticked "Hamil"): encrypted too.
    reply_markup: dict[str, Any] | None = Field(default=None, sa_column=Column(EncryptedJSON))
    filename: str | None = Field(default=None, max_length=200)
    blob: bytes | None = Field(default=None, sa_column=Column(EncryptedBytes))
    urgent: bool = False
    status: str = Field(default=OutboxStatus.PENDING, max_length=10, index=True)
    not_before: datetime = _ts(index=True)
    claimed_at: datetime | None = _ts(nullable=True, default=False)
    claim_token: str | None = Field(default=None, max_length=40)
    attempts: int = 0
    sent_at: datetime | None = _ts(nullable=True, default=False)
    telegram_message_id: int | None = Field(default=None, sa_type=BigInteger)
    last_error: str | None = Field(default=None, max_length=300)
    created_at: datetime = _ts()


class DigestRun(SQLModel, table=True):
    """One row per daily digest: the day it covers and whether it went out late."""

    __tablename__ = "digest_run"

    day: date = Field(primary_key=True)
    kind: str = Field(default="daily", max_length=10, primary_key=True)
    created_at: datetime = _ts()
    late: bool = False


class InboundStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    PARKED = "parked"  # failed in a way that would fail again: kept for the admins, skipped


class InboundUpdate(SQLModel, table=True):
    """Every update from Telegram, stored before it is confirmed to Telegram.

    `update_id` is the primary key, so an update delivered twice (a restart, a webhook retry,
    two processes) is stored once. It is handled and marked done in one transaction with its
    effect; after that only the id (and for parked updates the error) is kept.
    """

    __tablename__ = "inbound_update"

    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    # Whose queue the update belongs to: the user (or, without one, the chat). Updates of one
    # person are handled strictly in order.
    person_key: int = Field(sa_type=BigInteger, index=True)
    status: str = Field(default=InboundStatus.PENDING, max_length=10, index=True)
    # The update as Telegram sent it; blanked once handled (it holds what people wrote).
    payload: str | None = Field(default=None, sa_column=Column(EncryptedText))
    attempts: int = 0
    # The exception's class and where it happened: never the update's content.
    error: str | None = Field(default=None, max_length=300)
    received_at: datetime = _ts(index=True)
    done_at: datetime | None = _ts(nullable=True, default=False)


class PersonLease(SQLModel, table=True):
    """Which process handles a person's queue now, until when: one at a time, in order."""

    __tablename__ = "person_lease"

    person_key: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    holder: str = Field(max_length=40)
    until: datetime = _ts()


class SendStamp(SQLModel, table=True):
    """One message sent (or being sent) to a chat: Telegram's flood limits count these.

    Written by models/outbox/budget.py when a send is reserved, moved to the moment Telegram
    answered once it did, and deleted when it is too old to count for any limit (a minute).
    """

    __tablename__ = "send_stamp"
    __table_args__ = (Index("ix_send_stamp_chat_sent", "chat_id", "sent_at"),)

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_type=BigInteger)
    sent_at: datetime = _ts(index=True)


class SendPause(SQLModel, table=True):
    """Telegram said wait (a 429's retry_after): nothing to this chat before `until`.

    Chat 0 (no Telegram chat has that id) is every chat.
    """

    __tablename__ = "send_pause"

    chat_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    until: datetime = _ts()


class TravelStatus(StrEnum):
    """One person's way home (models/repatriation/travel.py enforces the order)."""

    DIRENCANAKAN = "direncanakan"  # planned
    DIPESAN = "dipesan"  # ticket booked (booking code)
    TERBIT = "terbit"  # ticket issued (number, fare)
    BERANGKAT = "berangkat"  # departed
    DISERAHKAN = "diserahkan"  # handed over (to whom)
    TIBA = "tiba"  # arrived (confirmed how)
    TIDAK_BERANGKAT = "tidak_berangkat"  # did not travel (with a reason)


# Did not travel: in hospital (the person still goes home later), or for good.
class TravelReason(StrEnum):
    HOSPITAL = "hospital"
    STAYS = "stays"  # stays in Kobar
    LEFT = "left"  # left on their own
    REFUSED = "refused"
    UNREACHABLE = "unreachable"


class ArrivalMethod(StrEnum):
    """Who confirmed that a person arrived."""

    PERSON = "person"  # the person, through the bot
    ESCORT = "escort"
    OFFICE = "office"  # the receiving office
    PHONE = "phone"  # a phone call, recorded by staff


class TravelMode(StrEnum):
    SHIP = "ship"
    BUS = "bus"
    FLIGHT = "flight"
    CAR = "car"


# Gone home (or on the way); what lets a case become Dipulangkan, with FINAL_TRAVEL_REASONS.
DEPARTED_STATUSES = frozenset({TravelStatus.BERANGKAT, TravelStatus.DISERAHKAN, TravelStatus.TIBA})
FINAL_TRAVEL_REASONS = frozenset(TravelReason) - {TravelReason.HOSPITAL}


class TravelPlan(SQLModel, table=True):
    """Where one or more people of a case go, with whom, and who receives them there."""

    __tablename__ = "travel_plan"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case_file.id", index=True)
    destination_province_code: str = Field(max_length=2)
    destination_regency_code: str = Field(max_length=5, index=True)
    escort_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    handover_point: str | None = Field(default=None, max_length=200)
    receiving_office: str | None = Field(default=None, max_length=200)
    created_by_id: int = Field(foreign_key="account.id")
    created_at: datetime = _ts()


class TravelLeg(SQLModel, table=True):
    """One stretch of a plan's route: by ship from Kumai, by bus from Pangkalan Bun..."""

    __tablename__ = "travel_leg"

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="travel_plan.id", index=True)
    position: int = 1
    mode: str = Field(max_length=10)  # "ship", "bus", "flight", "car"
    from_place: str = Field(max_length=120)
    to_place: str = Field(max_length=120)
    carrier: str | None = Field(default=None, max_length=120)
    # The route's arrival is expected a margin after its last leg departs (ARRIVAL_*_HOURS).
    departs_at: datetime = _ts(index=True)


class Travel(SQLModel, table=True):
    """One person's travel status under their current plan; every change is a case event."""

    __tablename__ = "travel"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case_file.id", index=True)
    person_id: int = Field(foreign_key="person.id", unique=True)
    plan_id: int | None = Field(default=None, foreign_key="travel_plan.id", index=True)
    status: str = Field(default=TravelStatus.DIRENCANAKAN, max_length=16, index=True)
    booking_code: str | None = Field(default=None, max_length=40)
    ticket_number: str | None = Field(default=None, max_length=60)
    fare: int | None = Field(default=None, sa_type=BigInteger)
    handed_to: str | None = Field(default=None, max_length=200)
    # How the arrival was confirmed: "person", "escort", "office", "phone".
    arrival_method: str | None = Field(default=None, max_length=10)
    # Why the person did not travel: "hospital", "stays", "left", "refused", "unreachable".
    reason: str | None = Field(default=None, max_length=12)
    departed_at: datetime | None = _ts(nullable=True, default=False)
    arrived_at: datetime | None = _ts(nullable=True, default=False)
    # The reporter was asked whether they arrived (once per departure).
    arrival_asked_at: datetime | None = _ts(nullable=True, default=False)
    updated_by_id: int | None = Field(default=None, foreign_key="account.id")
    updated_at: datetime = _ts()


class AuditEntry(SQLModel, table=True):
    """Who did what, when, from which chat (models/audit). Ids and a non-personal detail only:
    it outlives an erasure, so it must never hold a name, a NIK, a phone or a text."""

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    actor_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    # "case.view", "case.people", "case.status", "role.change", "invite.create", ...
    action: str = Field(max_length=32, index=True)
    case_id: int | None = Field(default=None, foreign_key="case_file.id", index=True)
    chat_id: int | None = Field(default=None, sa_type=BigInteger)
    # Whose account a role change, an invitation or a deactivation was about.
    target_account_id: int | None = Field(default=None, foreign_key="account.id")
    # A code, never free text: a status, a role, a field name, an export's kind, a count.
    detail: str | None = Field(default=None, max_length=80)
    created_at: datetime = _ts(index=True)


class PrivacyRequest(SQLModel, table=True):
    """A reporter's request about their own data (UU PDP): a correction or an erasure.

    `value` (the corrected value) is blanked as soon as the request is decided."""

    __tablename__ = "privacy_request"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    # The case a correction is for; an erasure covers all of the reporter's cases.
    case_id: int | None = Field(default=None, foreign_key="case_file.id", index=True)
    kind: str = Field(max_length=12)  # "correction" or "erasure"
    field: str | None = Field(default=None, max_length=20)
    # A corrected NIK, phone or location: encrypted like the field it corrects.
    value: str | None = Field(default=None, sa_column=Column(EncryptedText))
    # "open", then "applied" (a correction), "erased" (an erasure) or "declined"
    status: str = Field(default="open", max_length=10, index=True)
    # Why an erasure was declined: a code of models/privacy/rights.LEGAL_REASONS.
    reason: str | None = Field(default=None, max_length=20)
    created_at: datetime = _ts()
    # An erasure is decided within 3x24 hours; the admins hear of it a day before.
    due_at: datetime | None = _ts(nullable=True, default=False)
    reminded_at: datetime | None = _ts(nullable=True, default=False)
    decided_at: datetime | None = _ts(nullable=True, default=False)
    decided_by_id: int | None = Field(default=None, foreign_key="account.id")


class CaseErasure(SQLModel, table=True):
    """A case whose personal data was erased: on request, or after RETENTION_DAYS."""

    __tablename__ = "case_erasure"

    case_id: int = Field(
        foreign_key="case_file.id", primary_key=True, sa_column_kwargs={"autoincrement": False}
    )
    cause: str = Field(max_length=10)  # "request" or "retention"
    erased_at: datetime = _ts()
