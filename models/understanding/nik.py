"""What a NIK says about its holder: where it was issued, sex and birth date.

The first six digits are the district (kecamatan) where the NIK was registered, so its first
four name the regency or city and its first two the province: for a stranded worker, the
origin. Digits 7 to 12 are the birth date as DDMMYY, with 40 added to the day for women. The
two-digit year is read in the century that puts the birth not after ``today``, so nobody is in
the future and nobody is more than a hundred years old.

Refuses (``None``): anything :func:`models.reference.validation.parse_nik` rejects, including
NIKs issued under district codes that were renumbered since (the region list of 2025 does not
know them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.reference import regions
from models.reference.regions import Region
from models.reference.validation import InvalidNik, Sex, parse_nik


@dataclass(frozen=True, slots=True)
class NikFacts:
    """The facts a valid NIK encodes; codes are dotted like the region codes (``52.03.01``)."""

    province: Region
    regency: Region  # regency (kabupaten) or city (kota)
    district: Region
    sex: Sex  # "L" (laki-laki) or "P" (perempuan)
    birth_date: date
    age: int  # in whole years on the ``today`` the NIK was read

    @property
    def regency_code(self) -> str:
        return self.regency.code

    @property
    def district_code(self) -> str:
        return self.district.code


def nik_facts(nik: str, *, today: date) -> NikFacts | None:
    """The facts in ``nik`` (separators allowed, as :func:`parse_nik` takes it), or ``None``."""
    try:
        info = parse_nik(nik, today=today)
    except InvalidNik:
        return None
    district = regions.get(info.district_code)
    regency = regions.get(info.district_code[:5])
    province = regions.get(info.district_code[:2])
    if district is None or regency is None or province is None:
        return None
    age = age_on(info.birth_date, today)
    return NikFacts(province, regency, district, info.sex, info.birth_date, age)


def age_on(born: date, today: date) -> int:
    """Whole years from ``born`` to ``today``."""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
