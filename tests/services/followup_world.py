"""A small office for the follow-up, digest, report and export tests: a team and cases made
through the domain functions, with the times the tests need."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from models.cases.records import NewCase, create_case
from models.people.accounts import get_or_create_account
from models.schedule.followups import Policy
from models.schedule.quiet import QuietHours
from models.storage.db import Database
from models.storage.tables import (
    Account,
    Agency,
    Case,
    CaseSource,
    Dialog,
    Outbox,
    Person,
    PersonStatus,
    Referral,
    Role,
)

WIB = ZoneInfo("Asia/Jakarta")
STAFF_CHAT = -1001000000001
# Monday 30 November 2026, 09:00 WIB: inside office hours, outside quiet hours.
T0 = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
NIK = "5203011508900001"
PHONE = "+6281234567890"


def policy(**overrides: Any) -> Policy:
    values: dict[str, Any] = {
        "tz": WIB,
        "quiet": QuietHours.parse("21:00-06:00"),
        "staff_chat_id": STAFF_CHAT,
    }
    values.update(overrides)
    return Policy(**values)


@dataclass
class World:
    db: Database
    next_telegram_id: int = 5000
    accounts: dict[str, int] = field(default_factory=dict)

    def member(
        self, name: str, role: Role, *, agency: str | None = None, lang: str = "id"
    ) -> Account:
        with self.db.session() as session:
            self.next_telegram_id += 1
            account = get_or_create_account(
                session, telegram_user_id=self.next_telegram_id, language_code=lang, now=T0
            )
            account.role = role
            account.display_name = name if role != Role.REPORTER else None
            if agency is not None:
                account.agency_id = session.exec(
                    select(Agency.id).where(Agency.code == agency)
                ).one()
            session.add(account)
            session.commit()
            self.accounts[name] = account.id  # type: ignore[assignment]
            return account

    def case(
        self,
        *,
        at: datetime = T0,
        name: str = "Siti Aminah",
        urgent: bool = False,
        assignee: Account | None = None,
        status: str | None = None,
        source: CaseSource = CaseSource.SELF,
        group_size: int = 1,
        province: str = "52",
        regency: str = "52.03",
        reporter: Account | None = None,
        **answers: Any,
    ) -> Case:
        reporter = reporter or self.member(f"pelapor {name}", Role.REPORTER)
        with self.db.session() as session:
            case = create_case(
                session,
                NewCase(
                    reporter=reporter,
                    answers={
                        "full_name": name,
                        "nik": NIK,
                        "phone": PHONE,
                        "origin_province": province,
                        "origin_regency": regency,
                        "group_size": group_size,
                        "vulnerabilities": ["pregnant"] if urgent else [],
                        **answers,
                    },
                    consent_id=None,
                    source=source,
                ),
                now=at,
                year=at.year,
            )
            if assignee is not None:
                case.assignee_id = assignee.id
                case.assigned_at = at
            if status is not None:
                case.status = status
            case.last_activity_at = at
            session.add(case)
            session.commit()
            return case

    def touch(self, case: Case, at: datetime) -> None:
        """Something happened on the case (as models.cases.lifecycle records it)."""
        with self.db.session() as session:
            fresh = session.get(Case, case.id)
            assert fresh is not None
            fresh.last_activity_at = at
            session.add(fresh)
            session.commit()

    def refer(self, case: Case, agency: str, *, at: datetime, by: Account) -> Referral:
        with self.db.session() as session:
            agency_id = session.exec(select(Agency.id).where(Agency.code == agency)).one()
            referral = Referral(
                case_id=case.id,  # type: ignore[arg-type]
                agency_id=agency_id,
                created_by_id=by.id,  # type: ignore[arg-type]
                created_at=at,
            )
            session.add(referral)
            session.commit()
            return referral

    def repatriate(self, case: Case, at: datetime) -> None:
        with self.db.session() as session:
            fresh = session.get(Case, case.id)
            assert fresh is not None
            fresh.status = "dipulangkan"
            fresh.repatriated_at = at
            session.add(fresh)
            for person in session.exec(select(Person).where(Person.case_id == case.id)):
                person.status = PersonStatus.DIPULANGKAN
                person.repatriated_at = at
                session.add(person)
            session.commit()

    def dialog(self, reporter: Account, *, at: datetime, step: str = "nik") -> Dialog:
        with self.db.session() as session:
            dialog = Dialog(
                account_id=reporter.id,  # type: ignore[arg-type]
                chat_id=reporter.telegram_user_id,
                step=step,
                data={"full_name": "Siti Aminah"},
                started_at=at,
                updated_at=at,
            )
            session.add(dialog)
            session.commit()
            return dialog

    def outbox(self, prefix: str = "") -> list[Outbox]:
        with self.db.session() as session:
            return list(
                session.exec(
                    select(Outbox)
                    .where(col(Outbox.key).startswith(prefix))
                    .order_by(col(Outbox.id))
                )
            )


def later(**delta: float) -> datetime:
    return T0 + timedelta(**delta)
