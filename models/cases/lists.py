"""Lists of cases for the team, filtered and paginated in SQL, limited to what the viewer
may see (partners: referred to their agency; officers: their own)."""

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
        return kind == "p" and arg.isdigit() and len(arg) == 2


def _visible(viewer: Account) -> Any:
    if is_staff(viewer):
        return True
    if is_partner(viewer):
        referred = select(Referral.case_id).where(Referral.agency_id == viewer.agency_id)
        return col(Case.id).in_(referred)
    if viewer.role == Role.OFFICER and viewer.active:
        return or_(Case.reporter_id == viewer.id, Case.assignee_id == viewer.id)
    return Case.reporter_id == viewer.id


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


def open_by_province(session: Session, limit: int = 6) -> list[tuple[str, int]]:
    """Origin provinces with the most open cases, for the filter buttons."""
    rows = session.exec(
        select(Case.origin_province_code, func.count())
        .where(col(Case.status).not_in(list(CLOSED_STATUSES)))
        .where(col(Case.origin_province_code).is_not(None))
        .group_by(Case.origin_province_code)
        .order_by(func.count().desc(), Case.origin_province_code)
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
