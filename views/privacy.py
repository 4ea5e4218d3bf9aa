"""What a reporter reads about their own data (/datasaya, /koreksi, /hapusdata), what staff
read to decide such a request, and the audit log (/audit, and its CSV for the CLI).

Callback data of the privacy buttons, `pv:<what>[:<id>[:<code>]]`, is built and parsed here:
  pv:f:<field>          the reporter picks the field to correct
  pv:ok:<id> / pv:no:<id>  staff apply or decline a correction
  pv:del / pv:keep      the reporter confirms or withdraws an erasure request
  pv:er:<id>            staff erase now
  pv:rj:<id>:<reason>   staff decline an erasure with a legal reason
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from models.audit.log import AuditLine
from models.outbox.ports import Rendered
from models.privacy.retention import ErasureDue
from models.privacy.rights import CORRECTABLE, LEGAL_REASONS, MyData
from models.reference.validation import mask_nik, mask_phone
from views.case_buttons import Buttons, bounded_number, keyboard
from views.splitting import split_message
from views.text import Raw, plain, t
from views.when import duration, local_date, local_datetime

PREFIX = "pv"
MASKED = {"nik": mask_nik, "phone": mask_phone}


@dataclass(frozen=True)
class PrivacyCallback:
    what: str  # "f", "ok", "no", "del", "keep", "er", "rj"
    ref: int | None = None
    code: str | None = None


def data(what: str, ref: int | None = None, code: str | None = None) -> str:
    parts = [PREFIX, what] + ([str(ref)] if ref is not None else []) + ([code] if code else [])
    return ":".join(parts)


def parse(raw: str | None) -> PrivacyCallback | None:
    """A privacy button's data, or None for anything malformed."""
    parts = (raw or "").split(":")
    if len(parts) < 2 or parts[0] != PREFIX:
        return None
    what, rest = parts[1], parts[2:]
    if what == "f" and len(rest) == 1 and rest[0] in CORRECTABLE:
        return PrivacyCallback(what, code=rest[0])
    if what in ("del", "keep") and not rest:
        return PrivacyCallback(what)
    ref = bounded_number(rest[0]) if rest else None
    if ref is None:
        return None
    if what in ("ok", "no", "er") and len(rest) == 1:
        return PrivacyCallback(what, ref)
    if what == "rj" and len(rest) == 2 and rest[1] in LEGAL_REASONS:
        return PrivacyCallback(what, ref, rest[1])
    return None


def field_label(lang: str, name: str) -> str:
    return t(lang, f"pfield.{name}")


def rights(lang: str, days: int) -> str:
    return t(lang, "privacy.rights", days=days)


# --- /datasaya -----------------------------------------------------------------------------


def _value(lang: str, value: Any) -> str | None:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, bool):
        return t(lang, "privacy.yes" if value else "privacy.no")
    if isinstance(value, date):
        return f"{value:%d-%m-%Y}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _fields(lang: str, fields: dict[str, Any]) -> list[str]:
    lines = []
    for name, value in fields.items():
        shown = _value(lang, value)
        if shown is not None:
            lines.append(
                t(lang, "privacy.mydata_field", label=field_label(lang, name), value=shown)
            )
    return lines


def my_data_messages(data: MyData, lang: str, tz: tzinfo) -> list[str]:
    """Everything stored about the reporter, readable, in as many messages as it takes."""
    lines = [
        t(lang, "privacy.mydata_title"),
        t(
            lang, "privacy.mydata_account", id=data.account_id, language=data.language,
            date=local_date(data.created_at, tz),
        ),
    ]  # fmt: skip
    for consent in data.consents:
        answer = "privacy.consent_yes" if consent["granted"] else "privacy.consent_no"
        lines.append(
            t(
                lang, "privacy.mydata_consent", answer=Raw(t(lang, answer)),
                date=local_date(consent["at"], tz), version=consent["text_version"],
            )
        )  # fmt: skip
    for case in data.cases:
        lines.append(
            t(
                lang, "privacy.mydata_case", number=case.number,
                date=local_date(case.created_at, tz), status=Raw(t(lang, f"status.{case.status}")),
            )
        )  # fmt: skip
        lines.extend(_fields(lang, case.fields))
        for person in case.people:
            details = "; ".join(
                f"{field_label(lang, name)}: {shown}"
                for name, value in person.items()
                if name != "position" and (shown := _value(lang, value)) is not None
            )
            lines.append(
                t(lang, "privacy.mydata_person", position=person["position"], details=details)
            )
        lines.append(t(lang, "privacy.mydata_files", count=len(case.files)))
        lines.append(t(lang, "privacy.mydata_messages", count=len(case.messages)))
    if data.requests:
        lines.append(t(lang, "privacy.mydata_requests", count=len(data.requests)))
    return split_message(lines)


def my_data_file(data: MyData, *, today: date) -> tuple[str, bytes]:
    """The same, complete (with message texts), as a JSON file."""
    content = json.dumps(data.as_json(), ensure_ascii=False, indent=2)
    return f"data-saya-{today:%Y%m%d}.json", content.encode("utf-8")


# --- /koreksi ------------------------------------------------------------------------------


def field_buttons(lang: str) -> Buttons:
    names = list(CORRECTABLE)
    return [
        [(plain(lang, field_label(lang, n)), data("f", code=n)) for n in names[i : i + 2]]
        for i in range(0, len(names), 2)
    ]


def correction_notice(number: str, field: str, value: str, request_id: int) -> Rendered:
    """For the staff group (Indonesian): a NIK or phone number is masked there."""
    shown = MASKED[field](value) if field in MASKED else value
    text = t("id", "privacy.notice_correction", number=number, field=field_label("id", field),
             value=shown)  # fmt: skip
    buttons: Buttons = [
        [
            (plain("id", t("id", "btn.privacy_apply")), data("ok", request_id)),
            (plain("id", t("id", "btn.privacy_decline")), data("no", request_id)),
        ]
    ]
    return Rendered(text, keyboard(buttons))


# --- /hapusdata ----------------------------------------------------------------------------


def erasure_confirm_buttons(lang: str) -> Buttons:
    return [
        [(plain(lang, t(lang, "btn.erase_confirm")), data("del"))],
        [(plain(lang, t(lang, "btn.erase_keep")), data("keep"))],
    ]


def erasure_notice(
    account_id: int, numbers: Sequence[str], due: datetime, request_id: int, tz: tzinfo
) -> Rendered:
    """For the staff group (Indonesian): who asked (an account number only) and the cases."""
    text = t(
        "id", "privacy.notice_erasure", account=account_id, count=len(numbers),
        numbers=", ".join(numbers), due=local_datetime(due, tz),
    )  # fmt: skip
    buttons: Buttons = [[(plain("id", t("id", "btn.erase_do")), data("er", request_id))]] + [
        [(plain("id", t("id", f"btn.reason.{code}")), data("rj", request_id, code))]
        for code in LEGAL_REASONS
    ]
    return Rendered(text, keyboard(buttons))


def reason_text(lang: str, code: str) -> str:
    return t(lang, f"reason.{code}")


def erasure_due(message: object, lang: str) -> Rendered:
    """The admins' reminder of an undecided erasure request (the Renderer port)."""
    assert isinstance(message, ErasureDue)
    left = t(lang, "privacy.erasure_due", id=message.request_id, count=message.cases,
             left=duration(message.left))  # fmt: skip
    return Rendered(left)


# --- /audit --------------------------------------------------------------------------------


def audit_messages(lines: Sequence[AuditLine], lang: str, tz: tzinfo, filters: str) -> list[str]:
    if not lines:
        return [t(lang, "audit.none")]
    head = t(lang, "audit.title", count=len(lines), filters=f" · {filters}" if filters else "")
    body = [
        t(
            lang,
            "audit.line",
            when=local_datetime(line.at, tz),
            who=_who(lang, line),
            action=line.action,
            case=f" · {line.case_number}" if line.case_number else "",
            detail=f" · {line.detail}" if line.detail else "",
            chat=f" · chat {line.chat_id}" if line.chat_id is not None else "",
        )
        for line in lines
    ]
    return split_message([head, *body])


def _who(lang: str, line: AuditLine) -> str:
    if line.actor_id is None:
        return t(lang, "audit.by_system")
    return f"#{line.actor_id} {line.actor_name}" if line.actor_name else f"#{line.actor_id}"


CSV_COLUMNS = (
    "id", "time_utc", "actor_account_id", "actor_name", "action", "case_number", "chat_id",
    "target_account_id", "detail",
)  # fmt: skip


def audit_csv(lines: Sequence[AuditLine]) -> str:
    """The log as CSV (UTC times; ids and codes, and the staff member's display name)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for line in lines:
        writer.writerow(
            [
                line.id, line.at.isoformat(), _blank(line.actor_id), _safe(line.actor_name),
                line.action, _safe(line.case_number), _blank(line.chat_id),
                _blank(line.target_account_id), _safe(line.detail),
            ]
        )  # fmt: skip
    return out.getvalue()


def _blank(value: int | None) -> str:
    return "" if value is None else str(value)


def _safe(text: str | None) -> str:
    """A cell a spreadsheet would read as a formula is kept as text."""
    if not text:
        return ""
    return "'" + text if text[0] in "=+-@" else text
