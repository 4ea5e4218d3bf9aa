"""Texts about cases for staff (as catalogue messages; no personal data in group chats)."""

from __future__ import annotations

from sqlmodel import Session

from i18n import Msg, msg
from models.intake.summary import options_label, origin_label
from models.tables import Case


def new_case_notice(session: Session, case_id: int) -> Msg | None:
    """A short notice of a new case: number, urgency, origin, size, needs. No names or NIK."""
    case = session.get(Case, case_id)
    if case is None:
        return None
    return msg(
        "notify.new_case",
        number=case.number,
        urgent=msg("notify.urgent") if case.urgent else "",
        origin=origin_label(case.origin_province_code, case.origin_regency_code),
        group=case.group_size,
        needs=options_label("needs", case.needs, case.needs_other),
    )
