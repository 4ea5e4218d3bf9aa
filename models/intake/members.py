"""Members of a group, typed by a field officer one per line: `Nama, NIK, umur` and more.

Parts after the name may come in any order: a 16-digit NIK, an age (`34` or `34 th`), a phone
number, the sex (`L`/`P`, `laki-laki`, `perempuan`), an age group (`anak`, `dewasa`,
`lansia`) and vulnerabilities (`sakit`, `hamil`, `disabilitas`...). NIK and age may be left
out; sex and birth date come from a valid NIK. A long number is read as a NIK unless it is
shaped like a phone number, so a NIK typed with a digit missing is reported as a bad NIK.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from models.reference.validation import InvalidNik, InvalidPhone, normalize_phone, parse_nik

MAX_AGE = 120
NIK_DIGITS = 16
# A shorter number is no NIK and no phone number (an age, a count).
NUMBER_MIN = 8
CHILD_UNDER = 18
ELDERLY_FROM = 60

SEX_WORDS = {
    "l": "L", "lk": "L", "laki": "L", "laki-laki": "L", "lakilaki": "L", "pria": "L", "m": "L",
    "p": "P", "pr": "P", "perempuan": "P", "wanita": "P", "f": "P",
}  # fmt: skip
VULNERABILITY_WORDS = {
    "sakit": "sick", "luka": "sick", "terluka": "sick", "dirawat": "sick",
    "hamil": "pregnant",
    "anak": "child", "balita": "child", "bayi": "child",
    "lansia": "elderly", "tua": "elderly",
    "disabilitas": "disabled", "difabel": "disabled", "cacat": "disabled",
}  # fmt: skip
AGE_GROUPS = {
    "anak": "anak",
    "balita": "anak",
    "bayi": "anak",
    "dewasa": "dewasa",
    "lansia": "lansia",
}


@dataclass
class Member:
    full_name: str
    nik: str | None = None
    sex: str | None = None
    birth_date: str | None = None  # ISO date
    age: int | None = None
    age_group: str | None = None
    phone: str | None = None
    vulnerabilities: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class LineProblem:
    """Why a line was not taken: a catalogue key (`members.bad_nik`...) and the line number."""

    line: int
    key: str


def _age_on(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def parse_member(line: str, *, today: date) -> Member | str:
    """One member, or the catalogue key of what is wrong with the line."""
    parts = [p.strip() for p in re.split(r"[,;\t]", line) if p.strip()]
    if not parts or not re.search(r"[^\W\d_]", parts[0]):
        return "members.no_name"
    name = re.sub(r"^\d+[.)]\s*", "", re.sub(r"\s+", " ", parts[0]))  # "1. Budi" -> "Budi"
    if len(name) < 2 or len(name) > 100:
        return "members.no_name"
    member = Member(full_name=name)
    for part in parts[1:]:
        word = part.lower()
        digits = re.sub(r"[\s().\-]", "", part)
        age = re.fullmatch(r"(\d{1,3})\s*(th|thn|tahun|y|yrs)?\.?", word)
        if digits.isdigit() and len(digits) >= NUMBER_MIN and not _looks_like_phone(digits):
            try:
                info = parse_nik(digits, today=today)
            except InvalidNik:
                return "members.bad_nik"
            member.nik, member.sex = info.nik, info.sex
            member.birth_date = info.birth_date.isoformat()
            member.age = member.age if member.age is not None else _age_on(info.birth_date, today)
        elif age is not None:
            years = int(age.group(1))
            if years > MAX_AGE:
                return "members.bad_age"
            member.age = years
        elif re.fullmatch(r"\+?[\d\s().-]{8,}", part):
            try:
                member.phone = normalize_phone(part)
            except InvalidPhone:
                return "members.bad_phone"
        elif word in SEX_WORDS:
            member.sex = member.sex or SEX_WORDS[word]
        elif word in VULNERABILITY_WORDS or word in AGE_GROUPS:
            if word in AGE_GROUPS:
                member.age_group = AGE_GROUPS[word]
            if word in VULNERABILITY_WORDS:
                _add(member, VULNERABILITY_WORDS[word])
        else:
            return "members.unknown_part"
    if member.age is not None:
        if member.age < CHILD_UNDER:
            _add(member, "child")
        elif member.age >= ELDERLY_FROM:
            _add(member, "elderly")
    return member


def _looks_like_phone(digits: str) -> bool:
    """A phone number: 0... (also landlines), or 628... or 8... (the 0 left out) but not 16 digits.

    Any other long number is a NIK, even a mistyped one: a NIK starts with its province code
    (11 to 96; Kalimantan Tengah, where Kobar is, is 62), a mobile number with 08 or 628.
    """
    if digits.startswith("0"):
        return True
    if len(digits) == NIK_DIGITS:
        return False
    return digits.startswith("628") or (digits.startswith("8") and len(digits) <= 13)


def _add(member: Member, vulnerability: str) -> None:
    if vulnerability not in member.vulnerabilities:
        member.vulnerabilities.append(vulnerability)


def parse_members(text: str, *, today: date) -> tuple[list[Member], list[LineProblem]]:
    members: list[Member] = []
    problems: list[LineProblem] = []
    for number, line in enumerate((ln for ln in text.splitlines() if ln.strip()), start=1):
        result = parse_member(line, today=today)
        if isinstance(result, str):
            problems.append(LineProblem(number, result))
        else:
            members.append(result)
    return members, problems
