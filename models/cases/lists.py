"""Lists of cases for the team, filtered and paginated in SQL, limited to what the viewer
may see (partners: referred to their agency; officers: their own).

A case in a list or a notice is a `CaseLine`: number, status, urgency, origin and size, never
a name, NIK or phone (a line may be shown in the staff group).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from models.people.access import is_partner, is_staff
from models.storage.tables import CLOSED_STATUSES, Account, Case, CaseStatus, Referral, Role

PAGE_SIZE = 8
NUMBER = re.compile(r"(?i)^\s*(?:kbr\W*)?(\d{4})\W*(\d{1,5})\s*$")


@dataclass(frozen=True)
class CaseLine:
    """A case in one line: what the team may read about it anywhere."""

    case_id: int
    number: str
    status: str
    urgent: bool
    origin_province_code: str | None
    origin_regency_code: str | None
    group_size: int

    @classmethod
    def of(cls, case: Case) -> CaseLine:
        assert case.id is not None
        return cls(
            case.id,
            case.number,
            case.status,
            case.urgent,
            case.origin_province_code,
            case.origin_regency_code,
            case.group_size,
        )


@dataclass(frozen=True)
class Filter:
    """`o` open, `m` mine, `u` unassigned, `x` urgent, `s.<status>`, `p.<province code>`."""

    code: str = "o"

    @property
    def valid(self) -> bool:
        kind, _, arg = self.code.partition(".")
        if kind in ("o", "m", "u", "x"):
            return not arg
        if kind == "s":
            return arg in {s.value for s in CaseStatus}
        return kind == "p" and arg.isascii() and arg.isdigit() and len(arg) == 2


def _visible(viewer: Account) -> Any:
    if is_staff(viewer):
        return True
    if is_partner(viewer):
        referred = select(Referral.case_id).where(Referral.agency_id == viewer.agency_id)
        return col(Case.id).in_(referred)
    if viewer.role == Role.OFFICER and viewer.active:
        return or_(col(Case.reporter_id) == viewer.id, col(Case.assignee_id) == viewer.id)
    return col(Case.reporter_id) == viewer.id


def _condition(viewer: Account, filt: Filter) -> Any:
    kind, _, arg = filt.code.partition(".")
    still_open = col(Case.status).not_in(list(CLOSED_STATUSES))
    if kind == "m":
        return still_open & (Case.assignee_id == viewer.id)
    if kind == "u":
        return still_open & col(Case.assignee_id).is_(None)
    if kind == "x":
        return still_open & col(Case.urgent).is_(True)
    if kind == "s":
        return Case.status == arg
    if kind == "p":
        return still_open & (Case.origin_province_code == arg)
    return still_open


def list_cases(
    session: Session, viewer: Account, filt: Filter, page: int, page_size: int = PAGE_SIZE
) -> tuple[list[Case], int]:
    """A page of cases (urgent first, then oldest first) and the total count."""
    where = _condition(viewer, filt)
    visible = _visible(viewer)
    if visible is not True:
        where = where & visible
    total = session.exec(select(func.count()).select_from(Case).where(where)).one()
    cases = session.exec(
        select(Case)
        .where(where)
        .order_by(col(Case.urgent).desc(), col(Case.created_at), col(Case.id))
        .offset(max(page, 0) * page_size)
        .limit(page_size)
    ).all()
    return list(cases), int(total)


@dataclass(frozen=True)
class CaseListPage:
    """One page of a filtered list, as the viewer may see it."""

    filter: Filter
    page: int  # from 0, within the pages there are
    pages: int
    total: int
    cases: tuple[CaseLine, ...]
    # Origin provinces with the most open cases, for filter buttons; None: no filters offered
    # (partners see only what is referred to them).
    provinces: tuple[tuple[str, int], ...] | None


def case_list(session: Session, viewer: Account, filt: Filter, page: int) -> CaseListPage:
    cases, total = list_cases(session, viewer, filt, page)
    pages = max(1, -(-total // PAGE_SIZE))
    return CaseListPage(
        filter=filt,
        page=min(max(page, 0), pages - 1),
        pages=pages,
        total=total,
        cases=tuple(CaseLine.of(case) for case in cases),
        provinces=None if is_partner(viewer) else tuple(open_by_province(session)),
    )


def open_by_province(session: Session, limit: int = 6) -> list[tuple[str, int]]:
    """Origin provinces with the most open cases, for the filter buttons."""
    rows = session.exec(
        select(Case.origin_province_code, func.count())
        .where(col(Case.status).not_in(list(CLOSED_STATUSES)))
        .where(col(Case.origin_province_code).is_not(None))
        .group_by(Case.origin_province_code)
        .order_by(func.count().desc(), col(Case.origin_province_code))
        .limit(limit)
    ).all()
    return [(code, int(count)) for code, count in rows if code]


def find_by_number(session: Session, text: str) -> Case | None:
    """`KBR-2026-0001`, `kbr 2026 1`, `2026-0001`: case and spacing forgiven."""
    match = NUMBER.match(text)
    if match is None:
        return None
    year, seq = int(match.group(1)), int(match.group(2))
    return session.exec(select(Case).where(Case.year == year, Case.seq == seq)).first()
