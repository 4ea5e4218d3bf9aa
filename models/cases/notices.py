"""Notices about cases for the team, enqueued in the outbox (never sent directly).

In the staff group chat a notice carries no name, NIK or phone number; the buttons lead to
the full card, which is shown only in a private chat to someone allowed to see it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple

from sqlmodel import Session, col, select

from models.intake.summary import options_label, origin_label
from models.outbox.callbacks import Action, case_data
from models.outbox.queue import enqueue, inline_keyboard
from models.people.staff import accounts_with_role
from models.storage.tables import Case, Role
from models.texts import Msg, msg
from views.text import plain, render


def new_case_text(case: Case) -> Msg:
    """A short notice of a new case: number, urgency, origin, size, needs. No names or NIK."""
    return msg(
        "notify.new_case",
        number=case.number,
        urgent=msg("notify.urgent") if case.urgent else "",
        origin=origin_label(case.origin_province_code, case.origin_regency_code),
        group=case.group_size,
        needs=options_label("needs", case.needs, case.needs_other),
    )


def new_case_buttons(case_id: int, lang: str) -> dict[str, object]:
    return inline_keyboard(
        [
            [
                (plain(lang, msg("btn.case_take")), case_data(case_id, Action.TAKE)),
                (plain(lang, msg("btn.case_open")), case_data(case_id, Action.OPEN)),
            ],
            [(plain(lang, msg("btn.case_verify")), case_data(case_id, Action.VERIFY))],
        ]
    )


class Target(NamedTuple):
    chat_id: int
    account_id: int | None
    language: str


def team_targets(session: Session, staff_chat_id: int | None) -> list[Target]:
    """Where the team hears about a case: the staff group, or with no group every active
    staff member and admin in private."""
    if staff_chat_id is not None:
        return [Target(staff_chat_id, None, "id")]
    return [
        Target(a.telegram_user_id, a.id, a.language)
        for a in accounts_with_role(session, Role.STAFF, Role.ADMIN)
    ]


def enqueue_new_case_notices(
    session: Session, case: Case, *, staff_chat_id: int | None, now: datetime
) -> int:
    """The staff group gets the notice; with no group, every active staff member in private.

    Idempotent (keyed by case and chat), so it is safe to call again after a crash.
    """
    assert case.id is not None
    count = 0
    for chat_id, account_id, lang in team_targets(session, staff_chat_id):
        count += enqueue(
            session,
            key=f"new-case:{case.id}:{chat_id}",
            chat_id=chat_id,
            account_id=account_id,
            case_id=case.id,
            text=render(lang, new_case_text(case)),
            reply_markup=new_case_buttons(case.id, lang),
            urgent=True,
            now=now,
        )
    return count


def reconcile_new_case_notices(
    session: Session, *, staff_chat_id: int | None, now: datetime
) -> int:
    """After a crash between storing a case and queueing its notice: queue what is missing."""
    recent = session.exec(select(Case).where(col(Case.created_at) >= now - timedelta(days=2))).all()
    count = sum(
        enqueue_new_case_notices(session, case, staff_chat_id=staff_chat_id, now=now)
        for case in recent
    )
    session.commit()
    return count
