"""`/cari`: find cases by number, name, NIK, phone or recruiter, forgiving case and spacing.

The filtering happens in SQL (one query for the page, one for the count), so it stays quick
on thousands of cases. How the text is read:

- a case number in any usual shape: `KBR-2026-0001`, `kbr 2026 1`, `2026-0001`, `0001`, `7`;
- a phone number in any spelling (`0813-5555-1234`, `+62 813 5555 1234`, `6281355551234`);
- otherwise word by word: every word must be found in the case, in a person's name, the
  recruiter's or employer's name (also through the recruiter register, so `Djoko` finds
  `Pak Joko`), or as the first or last digits (five or more) of a NIK or phone number, which
  are found through keyed hashes since the numbers themselves are encrypted. Case, spaces
  and punctuation don't matter: `sitiaminah` finds `Siti Aminah`.

Who sees what is decided here too: staff and admins everything, officers their own cases,
partners the cases referred to their agency, reporters nothing.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, cast, false, func, or_, union
from sqlalchemy.sql import ColumnElement, Select
from sqlmodel import Session, col, select

from models.cases.records import format_case_number
from models.cases.recruiters import is_title, name_key, phone_key
from models.people.access import STAFF_ROLES, role_of
from models.storage.crypto import NIK, PHONE, DataCrypto, crypto_of
from models.storage.tables import Account, Case, CaseRecruiter, Person, Recruiter, Referral, Role

MAX_QUERY_LENGTH = 100
MIN_TERM_LENGTH = 2
MIN_DIGITS = 5  # four digits or fewer are a case number
MAX_TERMS = 6

_SEPARATORS = r"[\s\-./_#]*"
_NUMBER_WITH_YEAR = re.compile(rf"(?:kbr{_SEPARATORS})?(20\d\d)[\s\-./_#]+(\d{{1,4}})")
_NUMBER_COMPACT = re.compile(rf"kbr{_SEPARATORS}(20\d\d)(\d{{4}})")
_NUMBER_SEQ = re.compile(rf"(?:kbr{_SEPARATORS})?(\d{{1,4}})")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_PHONE_TEXT = re.compile(r"\+?[\d\s\-().]{9,}")
# Characters people type inside names; dropped on both sides before comparing.
_NAME_PUNCTUATION = (" ", ".", "-", "'", ",", "`", "’")


def clean_query(text: str) -> str:
    """The query as shown back and hashed: NFKC, single spaces, at most 100 characters."""
    return " ".join(unicodedata.normalize("NFKC", text).split())[:MAX_QUERY_LENGTH]


def _ascii_lower(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class CaseNumber:
    year: int | None
    seq: int


def parse_case_number(text: str) -> CaseNumber | None:
    """`KBR-2026-0001`, `kbr 2026 1`, `KBR20260001`, `2026-0001`, `0001`, `1` -> year and seq."""
    lowered = _ascii_lower(clean_query(text))
    if m := _NUMBER_WITH_YEAR.fullmatch(lowered):
        year, seq = int(m[1]), int(m[2])
    elif m := _NUMBER_COMPACT.fullmatch(lowered):
        year, seq = int(m[1]), int(m[2])
    elif m := _NUMBER_SEQ.fullmatch(lowered):
        year, seq = None, int(m[1])
    else:
        return None
    return CaseNumber(year, seq) if seq > 0 else None


def _compact(column: Any) -> ColumnElement[str]:
    """Lowercase, with the punctuation of names removed, in SQL."""
    expression = func.lower(column)
    for char in _NAME_PUNCTUATION:
        expression = func.replace(expression, char, "")
    return expression


def _number_ids(number: CaseNumber) -> Select[Any]:
    if number.year is not None:
        return select(Case.id).where(Case.number == format_case_number(number.year, number.seq))
    return select(Case.id).where(Case.seq == number.seq)


def _phone_ids(crypto: DataCrypto, e164: str) -> list[Select[Any]]:
    return [
        select(Person.case_id).where(Person.phone_hash == crypto.lookup(PHONE, e164)),
        select(Case.id).where(Case.recruiter_phone == e164),
        select(CaseRecruiter.case_id)
        .join(Recruiter, col(Recruiter.id) == col(CaseRecruiter.recruiter_id))
        .where(Recruiter.phone == e164),
    ]


def _digit_ids(crypto: DataCrypto, digits: str) -> list[Select[Any]]:
    """A NIK or a phone number, or its first or last digits.

    People's NIKs and phones are encrypted: a whole NIK is found by its keyed hash, a part by
    the hashes of every start and end of five digits or more (models/storage/crypto.py).
    """
    selects: list[Select[Any]] = [
        select(col(Person.case_id)).where(
            col(Person.nik_hash) == crypto.lookup(NIK, digits)
            if len(digits) == 16
            else col(Person.digit_hashes).contains(f" {crypto.part(NIK, digits)} ")
        )
    ]
    # Phones are stored as +62...; a typed national number starts with 0.
    national = digits[1:] if digits.startswith("0") else digits
    if len(national) >= MIN_DIGITS:
        part = f" {crypto.part(PHONE, national)} "
        selects += [
            select(col(Person.case_id)).where(col(Person.digit_hashes).contains(part)),
            select(col(Case.id)).where(col(Case.recruiter_phone).contains(national)),
        ]
    return selects


def _word_ids(word: str) -> list[Select[Any]]:
    """A word of a name: people, the recruiter and employer as typed, and the register."""
    selects: list[Select[Any]] = [
        select(col(Person.case_id)).where(_compact(Person.full_name).contains(word)),
        select(col(Case.id)).where(
            or_(
                _compact(Case.recruiter_name).contains(word), _compact(Case.employer).contains(word)
            )
        ),
    ]
    key = name_key(word)
    if len(key) >= MIN_TERM_LENGTH:
        selects.append(
            select(col(CaseRecruiter.case_id))
            .join(Recruiter, col(Recruiter.id) == col(CaseRecruiter.recruiter_id))
            .where(
                or_(
                    col(Recruiter.name_key).contains(key),
                    _compact(cast(Recruiter.aliases, String)).contains(word),
                )
            )
        )
    return selects


def _term_ids(crypto: DataCrypto, term: str) -> list[Select[Any]]:
    """The ways one word of the query can match: case number, NIK or phone digits, a name."""
    selects: list[Select[Any]] = []
    if (number := parse_case_number(term)) is not None:
        selects.append(_number_ids(number))
    word = _NON_ALNUM.sub("", term)
    if word.isdigit() and len(word) >= MIN_DIGITS:
        selects += _digit_ids(crypto, word)
    if not word.isdigit() and len(word) < MIN_TERM_LENGTH:
        return selects
    # Digits are also part of names ("Agen 7", "PT 88 Jaya").
    return selects + _word_ids(word)


def _whole_ids(crypto: DataCrypto, query: str) -> list[Select[Any]]:
    """The whole query read as one case number or one phone number."""
    if (number := parse_case_number(query)) is not None:
        return [_number_ids(number)]
    if not _PHONE_TEXT.fullmatch(query):
        return []
    selects = _digit_ids(crypto, re.sub(r"\D", "", query))
    if (e164 := phone_key(query)) is not None:
        selects += _phone_ids(crypto, e164)
    return selects


def _either(selects: list[Select[Any]]) -> Select[Any]:
    return union(*selects) if len(selects) > 1 else selects[0]  # type: ignore[return-value]


def matching_ids(crypto: DataCrypto, text: str) -> list[Select[Any]] | None:
    """Selects of case ids, every one of which must hold; None if there is nothing to search.

    Each select is a union of the ways one part of the query can match; `crypto` makes the
    keyed hashes NIKs and phones are found by.
    """
    query = _ascii_lower(clean_query(text))
    if not _NON_ALNUM.sub("", query):
        return None
    if whole := _whole_ids(crypto, query):
        return [_either(whole)]
    terms = [t for t in query.split(" ") if _NON_ALNUM.sub("", t)]
    # "Pak Joko": the title is how people speak, not part of what to find.
    terms = [t for t in terms if not is_title(_NON_ALNUM.sub("", t))] or terms
    terms = terms[:MAX_TERMS]
    conditions = [_either(selects) for term in terms if (selects := _term_ids(crypto, term))]
    return conditions or None


def visible_to(account: Account | None) -> ColumnElement[bool] | None:
    """The SQL form of `can_view_case`: None means every case."""
    role = role_of(account)
    if account is None:
        return false()
    if role in STAFF_ROLES:
        return None
    if role == Role.PARTNER:
        if account.agency_id is None:
            return false()
        referred = select(Referral.case_id).where(Referral.agency_id == account.agency_id)
        return col(Case.id).in_(referred)
    if role == Role.OFFICER:
        return or_(col(Case.reporter_id) == account.id, col(Case.assignee_id) == account.id)
    return col(Case.reporter_id) == account.id


def may_search(account: Account | None) -> bool:
    """Staff, admins, officers (their own cases) and partners (referred cases)."""
    role = role_of(account)
    if role == Role.PARTNER:
        return account is not None and account.agency_id is not None
    return role in (*STAFF_ROLES, Role.OFFICER)


@dataclass(frozen=True)
class PersonHit:
    full_name: str
    nik: str | None
    phone: str | None


@dataclass(frozen=True)
class CaseHit:
    case_id: int
    number: str
    status: str
    created_at: datetime
    origin_province_code: str | None
    origin_regency_code: str | None
    group_size: int
    recruiter_name: str | None
    person: PersonHit | None  # the first person (the reporter, or the first group member)
    people: int  # persons recorded on the case


@dataclass(frozen=True)
class SearchPage:
    hits: list[CaseHit]
    total: int
    page: int  # 0-based, clamped to the last page
    pages: int


def search(
    session: Session, account: Account | None, text: str, *, page: int = 0, page_size: int = 10
) -> SearchPage:
    """One page of the cases matching `text` that `account` may see, newest first."""
    conditions = matching_ids(crypto_of(session), text)
    if conditions is None or not may_search(account):
        return SearchPage([], 0, 0, 0)
    filters: list[Any] = [col(Case.id).in_(c) for c in conditions]
    visible = visible_to(account)
    if visible is not None:
        filters.append(visible)
    total = session.execute(select(func.count()).select_from(Case).where(*filters)).scalar_one()
    pages = max(1, math.ceil(total / page_size))
    page = min(max(page, 0), pages - 1)
    cases = session.exec(
        select(Case)
        .where(*filters)
        .order_by(col(Case.created_at).desc(), col(Case.id).desc())
        .offset(page * page_size)
        .limit(page_size)
    ).all()
    ids = [c.id for c in cases]
    first: dict[int, Person] = {}
    counts: dict[int, int] = {}
    if ids:
        for person in session.exec(
            select(Person)
            .where(col(Person.case_id).in_(ids))
            .order_by(col(Person.case_id), col(Person.position), col(Person.id))
        ):
            first.setdefault(person.case_id, person)
            counts[person.case_id] = counts.get(person.case_id, 0) + 1
    hits = [
        CaseHit(
            case_id=c.id,  # type: ignore[arg-type]
            number=c.number,
            status=c.status,
            created_at=c.created_at,
            origin_province_code=c.origin_province_code,
            origin_regency_code=c.origin_regency_code,
            group_size=c.group_size,
            recruiter_name=c.recruiter_name,
            person=(
                PersonHit(p.full_name, p.nik, p.phone) if (p := first.get(c.id)) else None  # type: ignore[arg-type]
            ),
            people=counts.get(c.id, 0),  # type: ignore[arg-type]
        )
        for c in cases
    ]
    return SearchPage(hits, total, page, pages if total else 0)
