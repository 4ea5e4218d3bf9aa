"""A reporter's rights in Telegram (/datasaya, /koreksi, /hapusdata), the staff's decisions
on such requests (`pv:` buttons), and the admins' audit log (/audit).

Each handler runs in its update's unit of work (handlers/unit.py): a request, its decision,
the audit entries and what the bot says about them commit together. The domain is
models/privacy and models/audit; what people read is views/privacy.py.
"""

from __future__ import annotations

import html

from sqlmodel import select
from telegram import CallbackQuery, Message, Update

from handlers.context import BotContext, viewer_of
from handlers.render import inline_markup
from handlers.unit import Unit, in_unit
from models.audit import log as audit
from models.cases.lifecycle import NotAllowed
from models.cases.lists import find_by_number
from models.outbox.ports import Rendered
from models.people.access import is_admin
from models.people.staff import staff_members
from models.privacy import erasure, rights
from models.reference.periods import BadRange, day_bounds, read_date
from models.storage.tables import Account, Case, PendingInput, Role
from views import privacy as views
from views.text import t
from views.when import local_datetime

PENDING_KIND = "correction"


def _reporter(update: Update, context: BotContext, unit: Unit) -> tuple[Account, int] | None:
    """The reporter and their chat; anyone else is told these commands are for reporters."""
    chat = update.effective_chat
    assert chat is not None
    account = viewer_of(unit.session, update, context)
    if account.role != Role.REPORTER:
        unit.send(chat.id, t(account.language, "privacy.reporters_only"))
        return None
    return account, chat.id


def _reporter_with_cases(
    update: Update, context: BotContext, unit: Unit
) -> tuple[Account, int, list[Case]] | None:
    """The reporter, their chat and their reports; a reporter with none is told so."""
    found = _reporter(update, context, unit)
    if found is None:
        return None
    account, chat_id = found
    cases = rights.reported_cases(unit.session, account)
    if not cases:
        unit.send(chat_id, t(account.language, "privacy.nothing_stored"))
        return None
    return account, chat_id, cases


@in_unit
def datasaya(update: Update, context: BotContext, unit: Unit) -> None:
    """/datasaya: everything stored about the reporter, as messages and as a JSON file."""
    found = _reporter(update, context, unit)
    if found is None:
        return
    account, chat_id = found
    lang = account.language
    data = rights.my_data(unit.session, account)
    audit.record(unit.session, actor_id=account.id, action="privacy.see", now=context.now())
    if not data.cases:
        unit.send(chat_id, t(lang, "privacy.nothing_stored"))
        return
    for text in views.my_data_messages(data, lang, context.config.tz):
        unit.send(chat_id, text)
    name, blob = views.my_data_file(data, today=context.now().astimezone(context.config.tz))
    unit.send_file(
        chat_id, "document", blob=blob, filename=name,
        caption=t(lang, "privacy.mydata_caption"), account_id=account.id,
    )  # fmt: skip
    unit.send(chat_id, views.rights(lang, context.config.retention_days))


@in_unit
def koreksi(update: Update, context: BotContext, unit: Unit) -> None:
    """/koreksi: asks which field of the newest report is wrong (buttons)."""
    found = _reporter_with_cases(update, context, unit)
    if found is None:
        return
    account, chat_id, cases = found
    lang = account.language
    unit.send(
        chat_id,
        t(lang, "privacy.ask_field", number=cases[0].number),
        reply_markup=inline_markup(views.field_buttons(lang)),
    )


@in_unit
def hapusdata(update: Update, context: BotContext, unit: Unit) -> None:
    """/hapusdata: says what an erasure removes and keeps, and asks to confirm."""
    found = _reporter_with_cases(update, context, unit)
    if found is None:
        return
    account, chat_id, cases = found
    lang = account.language
    if rights.pending_erasure(unit.session, account) is not None:
        unit.send(chat_id, t(lang, "privacy.erasure_pending"))
        return
    unit.send(
        chat_id,
        t(lang, "privacy.erasure_explain", count=len(cases)),
        reply_markup=inline_markup(views.erasure_confirm_buttons(lang)),
    )


@in_unit
def privacy_button(update: Update, context: BotContext, unit: Unit) -> None:
    """A `pv:` button: the reporter's choices, or a staff member's decision."""
    query = update.callback_query
    assert query is not None
    account = viewer_of(unit.session, update, context)
    lang = account.language
    pressed = views.parse(query.data)
    if pressed is None:
        unit.answer(query.id, t(lang, "case.not_allowed"), alert=True)
        return
    try:
        if pressed.what in ("f", "del", "keep"):
            _reporter_choice(unit, context, query, account, pressed)
        else:
            _staff_decision(unit, context, query, account, pressed)
    except NotAllowed as refusal:
        unit.answer(query.id, t(lang, refusal.key, **refusal.params), alert=True)


def _reporter_choice(
    unit: Unit,
    context: BotContext,
    query: CallbackQuery,
    account: Account,
    pressed: views.PrivacyCallback,
) -> None:
    session, lang = unit.session, account.language
    if account.role != Role.REPORTER:
        raise NotAllowed("privacy.reporters_only")
    cases = rights.reported_cases(session, account)
    if not cases:
        raise NotAllowed("privacy.nothing_stored")
    unit.answer(query.id)
    if pressed.what == "f":
        assert pressed.code is not None
        _await_value(unit, context, account, cases[0], pressed.code)
        _replace(
            unit, query, t(lang, "privacy.ask_value", field=views.field_label(lang, pressed.code))
        )
        return
    if pressed.what == "keep":
        _replace(unit, query, t(lang, "privacy.erasure_kept"))
        return
    request = rights.request_erasure(session, account, now=context.now())
    assert request.id is not None and request.due_at is not None
    tz = context.config.tz
    _replace(
        unit, query, t(lang, "privacy.erasure_received", due=local_datetime(request.due_at, tz))
    )
    notice = views.erasure_notice(
        account.id or 0, [c.number for c in cases], request.due_at, request.id, tz
    )
    _tell_staff(unit, context, notice)


def _await_value(
    unit: Unit, context: BotContext, account: Account, case: Case, field_name: str
) -> None:
    """The reporter's next text is the corrected value (handlers/router.py hands it here)."""
    session, chat_id = unit.session, account.telegram_user_id
    existing = session.exec(
        select(PendingInput).where(
            PendingInput.account_id == account.id, PendingInput.chat_id == chat_id
        )
    ).first()
    if existing is not None:
        session.delete(existing)
        session.flush()
    session.add(
        PendingInput(
            account_id=account.id,  # type: ignore[arg-type]
            chat_id=chat_id,
            kind=PENDING_KIND,
            case_id=case.id,
            data={"field": field_name},
            created_at=context.now(),
        )
    )


def on_correction_text(
    update: Update, context: BotContext, unit: Unit, account: Account, pending: PendingInput
) -> None:
    """The corrected value the reporter typed: stored as a request, staff told."""
    message, chat = update.effective_message, update.effective_chat
    assert message is not None and chat is not None
    session, lang = unit.session, account.language
    text = (message.text or "").strip()
    if text.lower() in ("/batal", "/cancel"):
        session.delete(pending)
        unit.send(chat.id, t(lang, "privacy.input_cancelled"))
        return
    case = session.get(Case, pending.case_id) if pending.case_id else None
    field_name = str(pending.data.get("field", ""))
    if case is None:
        session.delete(pending)
        unit.send(chat.id, t(lang, "privacy.nothing_stored"))
        return
    try:
        request = rights.request_correction(
            session, account, case, field_name=field_name, raw=text, now=context.now()
        )
    except NotAllowed as refusal:
        # The question stays open: the next text is tried again.
        unit.send(chat.id, t(lang, refusal.key, **refusal.params))
        return
    session.delete(pending)
    unit.send(
        chat.id, t(lang, "privacy.correction_sent", field=views.field_label(lang, field_name))
    )
    assert request.id is not None and request.value is not None
    _tell_staff(
        unit, context, views.correction_notice(case.number, field_name, request.value, request.id)
    )


def _tell_staff(unit: Unit, context: BotContext, notice: Rendered) -> None:
    """The staff group, or (without one) every staff member and admin in private."""
    staff_chat = context.config.staff_chat_id
    chats = (
        [staff_chat] if staff_chat else [a.telegram_user_id for a in staff_members(unit.session)]
    )
    for chat_id in chats:
        unit.send(chat_id, notice.text, reply_markup=notice.reply_markup)


def _staff_decision(
    unit: Unit,
    context: BotContext,
    query: CallbackQuery,
    account: Account,
    pressed: views.PrivacyCallback,
) -> None:
    session, now = unit.session, context.now()
    office = context.config.office_contact
    name = account.display_name or f"#{account.id}"
    if pressed.what in ("ok", "no"):
        request = rights.open_request(session, pressed.ref, rights.Kind.CORRECTION)
        field_name = request.field or ""
        case = rights.decide_correction(
            session, request, actor=account, apply=pressed.what == "ok", now=now
        )
        reporter = session.get(Account, request.account_id)
        key = (
            "privacy.correction_applied" if pressed.what == "ok" else "privacy.correction_declined"
        )
        if reporter is not None:
            rl = reporter.language
            unit.send(
                reporter.telegram_user_id,
                t(
                    rl,
                    key,
                    field=views.field_label(rl, field_name),
                    number=case.number,
                    office=office,
                ),
                account_id=reporter.id,
            )
        line = "privacy.decided_applied" if pressed.what == "ok" else "privacy.decided_declined"
        _decided(unit, query, t("id", line, name=name))
        return
    request = rights.open_request(session, pressed.ref, rights.Kind.ERASURE)
    reporter = session.get(Account, request.account_id)
    if pressed.what == "er":
        _, erased = erasure.confirm_erasure(session, request.id, actor=account, now=now)
        if reporter is not None:
            unit.send(
                reporter.telegram_user_id,
                t(reporter.language, "privacy.erased", count=erased),
                account_id=reporter.id,
            )
        _decided(unit, query, t("id", "privacy.decided_erased", name=name))
        unit.answer(query.id, t(account.language, "privacy.erasure_done_staff", count=erased))
        return
    assert pressed.code is not None
    rights.decline_erasure(session, request, actor=account, reason=pressed.code, now=now)
    if reporter is not None:
        rl = reporter.language
        unit.send(
            reporter.telegram_user_id,
            t(
                rl,
                "privacy.erasure_declined",
                reason=views.reason_text(rl, pressed.code),
                office=office,
            ),
            account_id=reporter.id,
        )
    _decided(unit, query, t("id", "privacy.decided_reason", name=name,
                             reason=views.reason_text("id", pressed.code)))  # fmt: skip
    unit.answer(query.id, t(account.language, "privacy.declined_staff"))


def _decided(unit: Unit, query: CallbackQuery, line: str) -> None:
    """The request's message shows the decision and loses its buttons."""
    if unit.answer_ is None:
        unit.answer(query.id)
    message = query.message if isinstance(query.message, Message) else None
    if message is not None and message.text_html:
        unit.edit(message.chat.id, message.message_id, f"{message.text_html}\n{line}")


def _replace(unit: Unit, query: CallbackQuery, text: str) -> None:
    message = query.message if isinstance(query.message, Message) else None
    if message is not None:
        unit.edit(message.chat.id, message.message_id, text)
    else:
        unit.send(query.from_user.id, text)


# --- /audit --------------------------------------------------------------------------------


@in_unit
def audit_log(update: Update, context: BotContext, unit: Unit) -> None:
    """/audit [kasus <nomor>] [orang <akun>] [<dari> [<sampai>]]: the latest entries."""
    chat = update.effective_chat
    assert chat is not None
    session = unit.session
    account = viewer_of(session, update, context)
    lang = account.language
    if not is_admin(account):
        unit.send(chat.id, t(lang, "audit.admins_only"))
        return
    args = list(context.args or [])
    filt = audit.AuditFilter()
    shown: list[str] = []
    dates: list[str] = []
    while args:
        word = args.pop(0)
        if word.lower() in ("kasus", "case") and args:
            number = args.pop(0)
            case = find_by_number(session, number)
            if case is None:
                unit.send(chat.id, t(lang, "audit.unknown_case", number=number))
                return
            filt = audit.AuditFilter(actor_id=filt.actor_id, case_id=case.id)
            shown.append(case.number)
        elif word.lower() in ("orang", "person") and args:
            who = args.pop(0)
            actor = audit.find_actor(session, who)
            if actor is None:
                unit.send(chat.id, t(lang, "audit.unknown_person", who=who))
                return
            filt = audit.AuditFilter(actor_id=actor.id, case_id=filt.case_id)
            shown.append(f"#{actor.id}")
        else:
            dates.append(word)
    if dates:
        try:
            if len(dates) > 2:
                raise BadRange("")
            start = read_date(dates[0], end=False)
            end = read_date(dates[-1], end=True)
        except BadRange:
            unit.send(chat.id, t(lang, "audit.usage"))
            return
        since, until = day_bounds(start, end, context.config.tz)
        filt = audit.AuditFilter(
            actor_id=filt.actor_id, case_id=filt.case_id, since=since, until=until
        )
        shown.append(" – ".join(dict.fromkeys(dates)))
    lines = audit.query(session, filt)
    for text in views.audit_messages(
        lines, lang, context.config.tz, html.escape(" · ".join(shown))
    ):
        unit.send(chat.id, text)
