"""What a reporter may ask about their own data: everything stored about them (/datasaya), a
correction (/koreksi) and an erasure (/hapusdata), and how staff decide.

Functions don't commit; the caller commits once per use case. Refusals raise `NotAllowed`
with a catalogue key. A decided request keeps no personal value: the corrected value is
blanked once applied or declined.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlmodel import Session, col, select

from models.audit.log import record
from models.cases.lifecycle import NotAllowed, record_event
from models.people.access import can_handle_case, is_staff
from models.reference.validation import (
    InvalidNik,
    InvalidPhone,
    normalize_phone,
    parse_nik,
    small_number,
)
from models.storage.tables import (
    Account,
    Attachment,
    Case,
    CaseErasure,
    CaseEvent,
    Consent,
    EventKind,
    Person,
    PrivacyRequest,
    Role,
)

# UU PDP: an erasure is decided and done within 3x24 hours; the admins hear a day before.
ERASURE_DEADLINE = timedelta(hours=72)
REMIND_BEFORE = timedelta(hours=24)
VALUE_MAX = 200


class Kind(StrEnum):
    CORRECTION = "correction"
    ERASURE = "erasure"


class State(StrEnum):
    OPEN = "open"
    APPLIED = "applied"
    ERASED = "erased"
    DECLINED = "declined"


# The fields a reporter may ask to correct: a person's own (on their person row) or the case's.
PERSON_FIELDS = ("full_name", "nik", "phone", "birth_date")
CASE_FIELDS = ("location_text", "employer", "recruiter_name")
CORRECTABLE = PERSON_FIELDS + CASE_FIELDS

# Why an erasure may be declined (UU PDP No. 27/2022): the person is told which.
LEGAL_REASONS = (
    "law_enforcement",  # Pasal 15 ayat (1) huruf b: a legal process is under way
    "state_interest",  # Pasal 15 ayat (1) huruf c: public interest, running the state
    "legal_obligation",  # Pasal 20 ayat (2) huruf c: a law obliges the office to keep it
)


@dataclass(frozen=True)
class CaseData:
    """One case as its reporter may see it, with plain values (views render it)."""

    number: str
    status: str
    created_at: datetime
    fields: dict[str, Any]
    people: list[dict[str, Any]]
    files: list[dict[str, Any]]
    messages: list[dict[str, Any]]


@dataclass(frozen=True)
class MyData:
    """Everything stored about a reporter."""

    account_id: int
    language: str
    created_at: datetime
    consents: list[dict[str, Any]]
    cases: list[CaseData]
    requests: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The same as plain JSON values (dates as ISO text), for the file."""
        return _jsonable(
            {
                "account": {
                    "id": self.account_id,
                    "language": self.language,
                    "created_at": self.created_at,
                },
                "consents": self.consents,
                "cases": [
                    {
                        "number": c.number,
                        "status": c.status,
                        "created_at": c.created_at,
                        **c.fields,
                        "people": c.people,
                        "files": c.files,
                        "messages": c.messages,
                    }
                    for c in self.cases
                ],
                "requests": self.requests,
            }
        )


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


CASE_COLUMNS = (
    "origin_province_code", "origin_regency_code", "location_text", "latitude", "longitude",
    "location_district_code", "group_size", "recruiter_name", "recruiter_phone", "employer",
    "work_type", "work_ended", "wages_unpaid", "wages_amount", "needs", "needs_other",
    "vulnerabilities", "work_site", "story",
)  # fmt: skip
PERSON_COLUMNS = (
    "position", "full_name", "nik", "sex", "birth_date", "age", "phone", "age_group",
    "vulnerabilities", "status",
)  # fmt: skip


def reported_cases(session: Session, account: Account) -> list[Case]:
    """The cases this person reported themselves (an officer's registrations are not theirs),
    newest first; an erased case holds nothing of theirs any more."""
    if account.role != Role.REPORTER:
        return []
    return list(
        session.exec(
            select(Case)
            .where(
                Case.reporter_id == account.id,
                col(Case.id).not_in(select(CaseErasure.case_id)),
            )
            .order_by(col(Case.created_at).desc(), col(Case.id).desc())
        )
    )


def my_data(session: Session, account: Account) -> MyData:
    """Everything stored about the reporter: account, consents, cases, files, messages."""
    assert account.id is not None
    consents = [
        {
            "granted": c.granted,
            "text_version": c.text_version,
            "method": c.method,
            "at": c.created_at,
        }
        for c in session.exec(
            select(Consent).where(Consent.account_id == account.id).order_by(col(Consent.id))
        )
    ]
    cases = [_case_data(session, case) for case in reported_cases(session, account)]
    requests = [
        {"kind": r.kind, "field": r.field, "status": r.status, "at": r.created_at}
        for r in session.exec(
            select(PrivacyRequest)
            .where(PrivacyRequest.account_id == account.id)
            .order_by(col(PrivacyRequest.id))
        )
    ]
    return MyData(account.id, account.language, account.created_at, consents, cases, requests)


def _case_data(session: Session, case: Case) -> CaseData:
    people = session.exec(
        select(Person).where(Person.case_id == case.id).order_by(col(Person.position))
    ).all()
    files = session.exec(
        select(Attachment).where(Attachment.case_id == case.id).order_by(col(Attachment.id))
    ).all()
    messages = session.exec(
        select(CaseEvent)
        .where(
            CaseEvent.case_id == case.id,
            col(CaseEvent.kind).in_([EventKind.MESSAGE_IN, EventKind.MESSAGE_OUT]),
        )
        .order_by(col(CaseEvent.id))
    ).all()
    return CaseData(
        number=case.number,
        status=case.status,
        created_at=case.created_at,
        fields={name: getattr(case, name) for name in CASE_COLUMNS},
        people=[{name: getattr(p, name) for name in PERSON_COLUMNS} for p in people],
        files=[{"kind": f.kind, "purpose": f.purpose, "at": f.created_at} for f in files],
        messages=[
            {
                "from": "me" if e.kind == EventKind.MESSAGE_IN else "office",
                "text": e.note,
                "at": e.created_at,
            }
            for e in messages
        ],
    )


# --- corrections ---------------------------------------------------------------------------


def clean_value(field_name: str, raw: str) -> str:
    """The value as it would be stored; refuses one that cannot be right (NotAllowed)."""
    text = " ".join(raw.split())
    if field_name not in CORRECTABLE:
        raise NotAllowed("privacy.bad_field")
    if not text or len(text) > VALUE_MAX:
        raise NotAllowed("privacy.bad_value")
    if field_name == "nik":
        try:
            return parse_nik(text).nik
        except InvalidNik:
            raise NotAllowed("privacy.bad_nik") from None
    if field_name == "phone":
        try:
            return normalize_phone(text)
        except InvalidPhone:
            raise NotAllowed("privacy.bad_phone") from None
    if field_name == "birth_date":
        return read_birth_date(text).isoformat()
    return text


def read_birth_date(text: str) -> date:
    for separator in ("-", "/", "."):
        parts = text.split(separator)
        numbers = [small_number(p.strip(), most=9999) for p in parts]
        if len(parts) == 3 and None not in numbers:
            day, month, year = (n for n in numbers if n is not None)
            try:
                born = date(year, month, day)
            except ValueError:
                break
            if 1900 <= born.year and born <= date.today():
                return born
            break
    raise NotAllowed("privacy.bad_date")


def request_correction(
    session: Session, account: Account, case: Case, *, field_name: str, raw: str, now: datetime
) -> PrivacyRequest:
    """Stores the reporter's correction for staff to decide; a line in the case history."""
    if case.reporter_id != account.id:
        raise NotAllowed("privacy.not_yours")
    value = clean_value(field_name, raw)
    request = PrivacyRequest(
        account_id=account.id,
        case_id=case.id,
        kind=Kind.CORRECTION,
        field=field_name,
        value=value,
        created_at=now,
    )
    session.add(request)
    session.flush()
    record_event(
        session, case, EventKind.PRIVACY, actor=account, now=now,
        note=f"{Kind.CORRECTION} {field_name}", data={"request": request.id},
    )  # fmt: skip
    record(
        session, actor_id=account.id, action="privacy.ask_correction", now=now, case_id=case.id,
        detail=field_name,
    )  # fmt: skip
    return request


def open_request(session: Session, request_id: int | None, kind: Kind) -> PrivacyRequest:
    request = session.get(PrivacyRequest, request_id) if request_id is not None else None
    if request is None or request.kind != kind:
        raise NotAllowed("privacy.request_unknown")
    if request.status != State.OPEN:
        raise NotAllowed("privacy.request_decided")
    return request


def decide_correction(
    session: Session, request: PrivacyRequest, *, actor: Account, apply: bool, now: datetime
) -> Case:
    """Applies (or declines) a correction; only someone who may run the case decides."""
    case = session.get(Case, request.case_id) if request.case_id is not None else None
    if case is None or not can_handle_case(actor, case):
        raise NotAllowed("case.not_allowed")
    assert request.field is not None and request.value is not None
    if apply:
        _apply(session, case, request.field, request.value)
    state = State.APPLIED if apply else State.DECLINED
    request.status = state
    request.value = None
    request.decided_at = now
    request.decided_by_id = actor.id
    session.add(request)
    record_event(
        session, case, EventKind.PRIVACY, actor=actor, now=now,
        note=f"{Kind.CORRECTION} {request.field}: {state}", data={"request": request.id},
    )  # fmt: skip
    record(
        session, actor_id=actor.id, action=f"privacy.correction_{state}", now=now,
        case_id=case.id, target_account_id=request.account_id, detail=request.field,
    )  # fmt: skip
    return case


def _apply(session: Session, case: Case, field_name: str, value: str) -> None:
    if field_name in CASE_FIELDS:
        setattr(case, field_name, value)
        session.add(case)
        return
    person = session.exec(
        select(Person)
        .where(Person.case_id == case.id)
        .order_by(col(Person.is_reporter).desc(), col(Person.position))
    ).first()
    if person is None:
        raise NotAllowed("privacy.nothing_stored")
    if field_name == "birth_date":
        person.birth_date = date.fromisoformat(value)
    else:
        setattr(person, field_name, value)
    session.add(person)


# --- erasure -------------------------------------------------------------------------------


def pending_erasure(session: Session, account: Account) -> PrivacyRequest | None:
    return session.exec(
        select(PrivacyRequest).where(
            PrivacyRequest.account_id == account.id,
            PrivacyRequest.kind == Kind.ERASURE,
            PrivacyRequest.status == State.OPEN,
        )
    ).first()


def request_erasure(session: Session, account: Account, *, now: datetime) -> PrivacyRequest:
    """The reporter asks for their data to be erased: staff decide within 3x24 hours."""
    cases = reported_cases(session, account)
    if not cases:
        raise NotAllowed("privacy.nothing_stored")
    if pending_erasure(session, account) is not None:
        raise NotAllowed("privacy.erasure_pending")
    request = PrivacyRequest(
        account_id=account.id,  # type: ignore[arg-type]
        kind=Kind.ERASURE,
        created_at=now,
        due_at=now + ERASURE_DEADLINE,
    )
    session.add(request)
    session.flush()
    for case in cases:
        record_event(
            session, case, EventKind.PRIVACY, actor=account, now=now,
            note=str(Kind.ERASURE), data={"request": request.id},
        )  # fmt: skip
    record(session, actor_id=account.id, action="privacy.ask_erasure", now=now)
    return request


def may_decide_erasure(account: Account) -> bool:
    """Staff and admins decide erasures (a field officer does not)."""
    return is_staff(account)


def decline_erasure(
    session: Session, request: PrivacyRequest, *, actor: Account, reason: str, now: datetime
) -> None:
    if not may_decide_erasure(actor):
        raise NotAllowed("case.not_allowed")
    if reason not in LEGAL_REASONS:
        raise NotAllowed("privacy.bad_reason")
    request.status = State.DECLINED
    request.reason = reason
    request.decided_at = now
    request.decided_by_id = actor.id
    session.add(request)
    reporter = session.get(Account, request.account_id)
    for case in reported_cases(session, reporter) if reporter else []:
        record_event(
            session, case, EventKind.PRIVACY, actor=actor, now=now,
            note=f"{Kind.ERASURE}: {State.DECLINED} ({reason})", data={"request": request.id},
        )  # fmt: skip
    record(
        session, actor_id=actor.id, action="privacy.erasure_declined", now=now,
        target_account_id=request.account_id, detail=reason,
    )  # fmt: skip
