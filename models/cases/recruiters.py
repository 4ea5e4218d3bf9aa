"""The recruiter register: agents, group leaders and employers named in intakes.

Intakes name the same agent in many ways ("Pak Joko", "bapak JOKO", "Djoko", "H. Joko"), so a
name is reduced to a key (`name_key`) that drops case, spacing, punctuation, honorifics and the
old-spelling variants common in Indonesian names. An intake's recruiter is matched to a record
by phone (E.164) first, then by key. Two records with the same key but different phone numbers
stay apart: "Joko" is a common name, and counting two agents as one would accuse the wrong
person. A case that names only "Joko" while several phone-known Jokos exist is left unlinked.

Counts leave out rejected and duplicate cases, so a recruiter is not blamed twice for one story.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import String, cast, func
from sqlmodel import Session, col, select

from models.cases.headcount import NOT_COUNTED, people_per_case
from models.reference.validation import InvalidPhone, normalize_phone
from models.storage.tables import Case, CaseRecruiter, Recruiter
from models.texts import Msg, msg

RECRUITER = "recruiter"
EMPLOYER = "employer"
KINDS = (RECRUITER, EMPLOYER)

# Cases that do not count against a recruiter: a rejected claim, a second report of the same.

MAX_ALIASES = 20

# Forms of address and roles people put before (or after) a name. Sasak and Balinese titles
# (Lalu, Baiq, I Made...) are part of official names and are kept.
_HONORIFICS = frozenset(
    {
        "pak", "bapak", "bpk", "bp", "pk", "bu", "ibu", "ibuk", "mas", "mbak", "mba", "mbk",
        "bang", "abang", "kak", "kakak", "cak", "kang", "bli", "koh", "ko", "cik", "om", "tuan",
        "sdr", "saudara", "sdri", "haji", "h", "hj", "hajah", "hajjah", "ust", "ustad",
        "ustadz", "ustaz", "pakde", "bude", "mang", "mamang", "bos", "boss",
    }
)  # fmt: skip
_ROLES = frozenset(
    {"agen", "agent", "calo", "mandor", "ketua", "rombongan", "korlap", "sponsor", "kepala",
     "tekong", "perekrut", "penyalur"}
)  # fmt: skip
_LEGAL_FORMS = frozenset(
    {"pt", "cv", "ud", "tbk", "persero", "perseroan", "terbatas", "fa", "firma", "perusahaan"}
)
_MUHAMMAD = frozenset(
    {"muhammad", "muhamad", "muhammmad", "mohammad", "mohamad", "mochammad", "mochamad",
     "muchammad", "muchamad", "mohammed", "muhammed", "moh", "muh", "mhd", "moch", "much"}
)  # fmt: skip
# Old (pre-1972) spellings and common variants, applied inside each word.
_SPELLING = (("oe", "u"), ("dj", "j"), ("tj", "c"), ("ch", "h"), ("kh", "h"), ("dh", "d"),
             ("th", "t"), ("sy", "s"), ("q", "k"))  # fmt: skip
_NON_WORD = re.compile(r"[^0-9a-z]+")
_REPEATS = re.compile(r"([a-z])\1+")


def _words(text: str) -> list[str]:
    """Lowercase ASCII words: accents dropped, punctuation and digits treated as spaces."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return [w for w in _NON_WORD.split(ascii_text) if w and not w.isdigit()]


def is_title(word: str) -> bool:
    """A form of address or a role word (`pak`, `bu`, `h`, `mandor`), not a name."""
    return word in _HONORIFICS or word in _ROLES


def _fold(word: str) -> str:
    if word in _MUHAMMAD:
        return "muhamad"
    for old, new in _SPELLING:
        word = word.replace(old, new)
    if len(word) > 2 and word.endswith("y"):
        word = word[:-1] + "i"
    return _REPEATS.sub(r"\1", word)


def name_key(name: str, kind: str = RECRUITER) -> str:
    """The matching key of a name: `Bapak H. Djoko Susilo` and `joko  susilo` give `jokosusilo`.

    Honorifics and role words (`Pak`, `Bu`, `H.`, `mandor`...) are dropped from the start and
    the end, legal forms (`PT`, `CV`, `Tbk`) from anywhere in an employer's name; a name made
    only of such words (`Pak Haji`) keeps them. Words are folded for old spellings (`Soeparman`
    = `Suparman`, `Djoko` = `Joko`), `ch`/`kh` = `h`, a final `y` = `i`, and doubled letters;
    `M.`/`Moh.`/`Mochammad` are `Muhammad`. Spaces are dropped, so `Sawit Makmur` and
    `SawitMakmur` are one key.
    """
    words = _words(name)
    kept = list(words)
    if kind == EMPLOYER:
        kept = [w for w in kept if w not in _LEGAL_FORMS]
    else:
        while kept and is_title(kept[0]):
            kept.pop(0)
        while kept and kept[-1] in _ROLES:
            kept.pop()
        if len(kept) > 1 and kept[0] == "m":
            kept[0] = "muhammad"
    if not kept:
        kept = words
    return "".join(_fold(w) for w in kept)


def phone_key(raw: str | None) -> str | None:
    """A phone number in E.164, or None if it cannot be read as one."""
    if not raw:
        return None
    try:
        return normalize_phone(raw)
    except InvalidPhone:
        return None


def _display(name: str) -> str:
    return " ".join(name.split())[:200]


def _alias_keys(record: Recruiter) -> set[str]:
    return {record.name_key, *(name_key(alias, record.kind) for alias in record.aliases)}


def _remember_spelling(record: Recruiter, name: str, key: str) -> None:
    """A spelling whose key is new for this record (same phone, other name) becomes an alias."""
    if key and key not in _alias_keys(record) and len(record.aliases) < MAX_ALIASES:
        record.aliases = [*record.aliases, name]


def _by_key(session: Session, kind: str, key: str) -> list[Recruiter]:
    """Records whose name or one of whose aliases has this key, oldest first."""
    direct = list(
        session.exec(
            select(Recruiter)
            .where(Recruiter.kind == kind, Recruiter.name_key == key)
            .order_by(col(Recruiter.id))
        )
    )
    # Only records matched by phone under another name have aliases: few, checked in Python.
    with_aliases = session.exec(
        select(Recruiter)
        .where(Recruiter.kind == kind, cast(Recruiter.aliases, String) != "[]")
        .order_by(col(Recruiter.id))
    )
    seen = {r.id for r in direct}
    extra = [r for r in with_aliases if r.id not in seen and key in _alias_keys(r)]
    return sorted(direct + extra, key=lambda r: r.id or 0)


def match_recruiter(
    session: Session, *, kind: str, name: str | None, phone: str | None, now: datetime
) -> Recruiter | None:
    """The record for a name and phone as an intake gave them, created if new (no commit).

    Phone first: a known number is the same person whatever the name (a new name becomes an
    alias). Then the key: a record without a phone takes this one; a record with another
    number is someone else. Without a phone, a key shared by several records links nothing.
    """
    display = _display(name or "")
    key = name_key(display, kind) if display else ""
    e164 = phone_key(phone) if kind == RECRUITER else None
    if not key and e164 is None:
        return None
    if e164 is not None:
        record = session.exec(
            select(Recruiter)
            .where(Recruiter.kind == kind, Recruiter.phone == e164)
            .order_by(col(Recruiter.id))
        ).first()
        if record is not None:
            _remember_spelling(record, display, key)
            session.add(record)
            return record
    candidates = _by_key(session, kind, key) if key else []
    if e164 is not None:
        phoneless = [r for r in candidates if r.phone is None]
        if phoneless:
            record = phoneless[0]
            record.phone = e164
            _remember_spelling(record, display, key)
            session.add(record)
            return record
        candidates = []
    elif candidates:
        if len(candidates) == 1:
            return candidates[0]
        phoneless = [r for r in candidates if r.phone is None]
        return phoneless[0] if len(phoneless) == 1 else None
    record = Recruiter(
        kind=kind, name=display or e164 or "", name_key=key, phone=e164, aliases=[], created_at=now
    )
    session.add(record)
    session.flush()
    return record


def link_case_recruiters(session: Session, case: Case, *, now: datetime) -> list[Recruiter]:
    """Links the case to the records of its recruiter and employer (no commit; idempotent)."""
    assert case.id is not None
    named = (
        (RECRUITER, case.recruiter_name, case.recruiter_phone),
        (EMPLOYER, case.employer, None),
    )
    linked: list[Recruiter] = []
    for kind, name, phone in named:
        record = match_recruiter(session, kind=kind, name=name, phone=phone, now=now)
        if record is None:
            continue
        assert record.id is not None
        if session.get(CaseRecruiter, (case.id, record.id)) is None:
            session.add(CaseRecruiter(case_id=case.id, recruiter_id=record.id))
        linked.append(record)
    session.flush()
    return linked


@dataclass(frozen=True)
class RecruiterSummary:
    """A recruiter or employer of a case and how many other cases (and people) name it."""

    recruiter_id: int
    kind: str
    name: str
    phone: str | None
    other_cases: int
    other_people: int


def recruiter_summary(session: Session, case_id: int) -> list[RecruiterSummary]:
    """For each record linked to the case: the other counted cases naming it, and their people."""
    records = list(
        session.exec(
            select(Recruiter)
            .join(CaseRecruiter, col(CaseRecruiter.recruiter_id) == col(Recruiter.id))
            .where(CaseRecruiter.case_id == case_id)
        )
    )
    if not records:
        return []
    people = people_per_case()
    counts = {
        recruiter_id: (cases, headcount)
        for recruiter_id, cases, headcount in session.execute(
            select(
                CaseRecruiter.recruiter_id,
                func.count(col(Case.id)),
                func.coalesce(func.sum(people.c.people), 0),
            )
            .join(Case, col(Case.id) == col(CaseRecruiter.case_id))
            .outerjoin(people, people.c.case_id == col(Case.id))
            .where(
                col(CaseRecruiter.recruiter_id).in_([r.id for r in records]),
                col(Case.id) != case_id,
                col(Case.status).not_in(NOT_COUNTED),
            )
            .group_by(col(CaseRecruiter.recruiter_id))
        ).all()
    }
    records.sort(key=lambda r: (KINDS.index(r.kind) if r.kind in KINDS else len(KINDS), r.id))
    return [
        RecruiterSummary(
            recruiter_id=r.id,  # type: ignore[arg-type]
            kind=r.kind,
            name=r.name,
            phone=r.phone,
            other_cases=int(counts.get(r.id, (0, 0))[0]),
            other_people=int(counts.get(r.id, (0, 0))[1]),
        )
        for r in records
    ]


def recruiter_lines(session: Session, case_id: int) -> list[Msg]:
    """Lines for the case card: "this recruiter appears in N other cases (M people)".

    No phone numbers: the card may be shown in a group chat.
    """
    return [
        msg(
            f"rec.line.{s.kind}" if s.other_cases else f"rec.line.{s.kind}.first",
            name=s.name,
            cases=s.other_cases,
            people=s.other_people,
        )
        for s in recruiter_summary(session, case_id)
    ]


@dataclass(frozen=True)
class RankedRecruiter:
    """A recruiter or employer with the counted cases that name it."""

    recruiter_id: int
    kind: str
    name: str
    phone: str | None
    aliases: tuple[str, ...]
    cases: int
    people: int
    last_case_at: datetime


def ranking(
    session: Session, *, kind: str | None = None, limit: int | None = None
) -> list[RankedRecruiter]:
    """Recruiters (and employers) by the number of people affected, then by cases."""
    per_case = people_per_case()
    people = func.coalesce(func.sum(per_case.c.people), 0)
    cases = func.count(col(Case.id))
    query = (
        select(Recruiter, cases, people, func.max(Case.created_at))
        .join(CaseRecruiter, col(CaseRecruiter.recruiter_id) == col(Recruiter.id))
        .join(Case, col(Case.id) == col(CaseRecruiter.case_id))
        .outerjoin(per_case, per_case.c.case_id == col(Case.id))
        .where(col(Case.status).not_in(NOT_COUNTED))
        .group_by(col(Recruiter.id))
        .order_by(people.desc(), cases.desc(), col(Recruiter.name_key), col(Recruiter.id))
    )
    if kind is not None:
        query = query.where(Recruiter.kind == kind)
    if limit is not None:
        query = query.limit(limit)
    return [
        RankedRecruiter(
            recruiter_id=record.id,
            kind=record.kind,
            name=record.name,
            phone=record.phone,
            aliases=tuple(record.aliases),
            cases=int(n_cases),
            people=int(n_people),
            last_case_at=last,
        )
        for record, n_cases, n_people, last in session.execute(query).all()
    ]


def cases_naming(session: Session, recruiter_ids: Iterable[int] | None) -> list[tuple[int, int]]:
    """(recruiter id, case id) pairs for the given records (all records if None), by case."""
    query = select(CaseRecruiter.recruiter_id, CaseRecruiter.case_id).order_by(
        col(CaseRecruiter.case_id), col(CaseRecruiter.recruiter_id)
    )
    if recruiter_ids is not None:
        query = query.where(col(CaseRecruiter.recruiter_id).in_(list(recruiter_ids)))
    return [(int(r), int(c)) for r, c in session.execute(query).all()]
