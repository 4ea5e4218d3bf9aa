"""Case work in Telegram: /kasus, the case card and its buttons, texts typed for a case.

Every button press is authorised for the person pressing it, every time; `callback_data`
carries only the case id and the action. Domain work is in models/cases (lifecycle, card).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden

from handlers.context import BotContext, viewer_of
from models.cases import card as casecard
from models.cases import lifecycle
from models.cases.lifecycle import NotAllowed
from models.cases.lists import PAGE_SIZE, Filter, find_by_number, list_cases, open_by_province
from models.outbox.callbacks import Action, case_data, parse_case_data
from models.people.access import (
    can_handle_case,
    can_view_case,
    is_admin,
    is_partner,
    is_staff,
    is_team,
)
from models.reference import regions
from models.storage.tables import (
    Account,
    Agency,
    Attachment,
    Case,
    CaseStatus,
    EventKind,
    PendingInput,
    Person,
    PersonStatus,
    Referral,
)
from models.texts import msg
from views.text import t

logger = logging.getLogger(__name__)

LIST_PREFIX = "l"
Buttons = list[list[tuple[str, str]]]


def markup(buttons: Buttons) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(label, callback_data=data) for label, data in row]
            for row in buttons
        ]
    )


@dataclass
class Act:
    """One button press on a case, with everything an action needs."""

    session: Session
    case: Case
    viewer: Account
    arg: str
    private: bool
    lang: str
    context: BotContext


@dataclass
class Response:
    toast: str | None = None
    alert: bool = False
    view: casecard.View | None = None  # replaces the pressed message
    to_private: casecard.View | None = None  # sent to the presser's private chat
    prompt: str | None = None  # asks the presser to type something
    notice_line: str | None = None  # appended to a group notice
    resend_files: list[Attachment] = field(default_factory=list)


def _card(a: Act) -> casecard.View:
    return casecard.card(
        a.session, a.case, a.viewer, private_chat=a.private, lang=a.lang, tz=a.context.config.tz
    )


def _pending(a: Act, kind: str, **data: object) -> None:
    chat_id = a.viewer.telegram_user_id
    existing = a.session.exec(
        select(PendingInput).where(
            PendingInput.account_id == a.viewer.id, PendingInput.chat_id == chat_id
        )
    ).first()
    if existing is not None:
        a.session.delete(existing)
        a.session.flush()
    a.session.add(
        PendingInput(
            account_id=a.viewer.id,  # type: ignore[arg-type]
            chat_id=chat_id,
            kind=kind,
            case_id=a.case.id,
            data=dict(data),
            created_at=a.context.now(),
        )
    )


async def act_open(a: Act) -> Response:
    lifecycle.record_event(a.session, a.case, EventKind.ACCESS, actor=a.viewer, now=a.context.now())
    view = casecard.card(
        a.session, a.case, a.viewer, private_chat=True, lang=a.lang, tz=a.context.config.tz
    )
    if a.private:
        return Response(view=view)
    return Response(to_private=view, toast=t(a.lang, "case.card_sent_private"))


async def act_take(a: Act) -> Response:
    lifecycle.take(a.session, a.case, actor=a.viewer, now=a.context.now())
    toast = t(a.lang, "case.taken", number=a.case.number)
    if a.private:
        return Response(toast=toast, view=_card(a))
    line = t("id", "case.notice_taken", name=a.viewer.display_name or "")
    return Response(toast=toast, notice_line=line)


async def act_verify(a: Act) -> Response:
    lifecycle.change_status(
        a.session, a.case, CaseStatus.DIVERIFIKASI, actor=a.viewer, now=a.context.now()
    )
    if a.private:
        return Response(view=_card(a))
    line = t("id", "case.notice_verified", name=a.viewer.display_name or "")
    return Response(toast=t(a.lang, "case.verified"), notice_line=line)


async def act_status(a: Act) -> Response:
    try:
        target = CaseStatus(a.arg)
    except ValueError:
        raise NotAllowed("case.not_allowed") from None
    try:
        lifecycle.change_status(a.session, a.case, target, actor=a.viewer, now=a.context.now())
    except NotAllowed as refusal:
        if refusal.key == "case.checklist_open" and is_admin(a.viewer):
            _pending(a, "override", status=target.value)
            text = t(a.lang, refusal.key, **refusal.params)
            return Response(prompt=text + "\n\n" + t(a.lang, "case.ask_override"))
        raise
    return Response(view=_card(a), toast=t(a.lang, "case.status_changed"))


async def act_checklist(a: Act) -> Response:
    if a.arg:
        lifecycle.toggle_checklist(a.session, a.case, a.arg, actor=a.viewer, now=a.context.now())
    elif not can_handle_case(a.viewer, a.case):
        raise NotAllowed("case.not_allowed")
    return Response(view=casecard.checklist_view(a.session, a.case, a.lang))


async def act_refer(a: Act) -> Response:
    if not can_handle_case(a.viewer, a.case):
        raise NotAllowed("case.not_allowed")
    if not a.arg:
        return Response(view=casecard.refer_view(a.session, a.case, a.lang))
    agency = a.session.get(Agency, int(a.arg)) if a.arg.isdigit() else None
    if agency is None:
        raise NotAllowed("case.not_allowed")
    _pending(a, "refer", agency_id=agency.id)
    return Response(prompt=t(a.lang, "case.ask_referral_note", agency=agency.name))


async def act_referral_done(a: Act) -> Response:
    referral = a.session.get(Referral, int(a.arg)) if a.arg.isdigit() else None
    if referral is None or referral.case_id != a.case.id:
        raise NotAllowed("case.not_allowed")
    lifecycle.referral_done(a.session, referral, a.case, actor=a.viewer, now=a.context.now())
    return Response(view=_card(a), toast=t(a.lang, "case.referral_marked_done"))


async def act_note(a: Act) -> Response:
    if not (can_handle_case(a.viewer, a.case) or is_partner(a.viewer)):
        raise NotAllowed("case.not_allowed")
    _pending(a, "note")
    return Response(prompt=t(a.lang, "case.ask_note", number=a.case.number))


async def act_message(a: Act) -> Response:
    if not can_handle_case(a.viewer, a.case):
        raise NotAllowed("case.not_allowed")
    _pending(a, "relay")
    return Response(prompt=t(a.lang, "case.ask_message", number=a.case.number))


async def act_reopen(a: Act) -> Response:
    if not can_handle_case(a.viewer, a.case):
        raise NotAllowed("case.not_allowed")
    _pending(a, "reopen")
    return Response(prompt=t(a.lang, "case.ask_reopen", number=a.case.number))


async def act_assign(a: Act) -> Response:
    if not a.arg:
        if not is_staff(a.viewer):
            raise NotAllowed("case.not_allowed")
        return Response(view=casecard.assign_view(a.session, a.case, a.lang))
    assignee = a.session.get(Account, int(a.arg)) if a.arg.isdigit() else None
    if assignee is None:
        raise NotAllowed("case.bad_assignee")
    lifecycle.assign(a.session, a.case, assignee=assignee, actor=a.viewer, now=a.context.now())
    return Response(view=_card(a), toast=t(a.lang, "case.assigned"))


async def act_people(a: Act) -> Response:
    page = int(a.arg) if a.arg.isdigit() else 0
    return Response(view=casecard.people_view(a.session, a.case, a.viewer, a.lang, page))


def _person(a: Act, person_id: str) -> Person:
    person = a.session.get(Person, int(person_id)) if person_id.isdigit() else None
    if person is None or person.case_id != a.case.id:
        raise NotAllowed("case.not_allowed")
    return person


async def act_person(a: Act) -> Response:
    if not can_handle_case(a.viewer, a.case):
        raise NotAllowed("case.not_allowed")
    person = _person(a, a.arg)
    return Response(view=casecard.person_view(a.case, person.id, person.full_name, a.lang))  # type: ignore[arg-type]


async def act_person_status(a: Act) -> Response:
    person_id, _, status = a.arg.partition(".")
    person = _person(a, person_id)
    try:
        target = PersonStatus(status)
    except ValueError:
        raise NotAllowed("case.not_allowed") from None
    lifecycle.set_person_status(
        a.session, a.case, person, target, actor=a.viewer, now=a.context.now()
    )
    return Response(view=casecard.people_view(a.session, a.case, a.viewer, a.lang))


async def act_photos(a: Act) -> Response:
    files = list(a.session.exec(select(Attachment).where(Attachment.case_id == a.case.id)))
    if not files:
        return Response(toast=t(a.lang, "case.no_files"))
    lifecycle.record_event(
        a.session, a.case, EventKind.ACCESS, actor=a.viewer, now=a.context.now(),
        data={"files": len(files)},
    )  # fmt: skip
    return Response(resend_files=files, toast=t(a.lang, "case.files_sent"))


async def act_history(a: Act) -> Response:
    return Response(view=casecard.history_view(a.session, a.case, a.lang, a.context.config.tz))


ACTIONS: dict[str, Callable[[Act], Awaitable[Response]]] = {
    Action.OPEN: act_open,
    Action.TAKE: act_take,
    Action.VERIFY: act_verify,
    Action.STATUS: act_status,
    Action.CHECK: act_checklist,
    Action.REFER: act_refer,
    Action.REFERRAL_DONE: act_referral_done,
    Action.NOTE: act_note,
    Action.MESSAGE: act_message,
    Action.REOPEN: act_reopen,
    Action.ASSIGN: act_assign,
    Action.PEOPLE: act_people,
    Action.PERSON: act_person,
    Action.PERSON_STATUS: act_person_status,
    Action.PHOTOS: act_photos,
    Action.HISTORY: act_history,
}
# Actions that make sense from a group notice; everything else only in a private chat.
GROUP_ACTIONS = {Action.OPEN, Action.TAKE, Action.VERIFY}


async def case_button(update: Update, context: BotContext) -> None:
    """A `c:<case>:<action>` button: authorised for the presser, then done."""
    query, chat = update.callback_query, update.effective_chat
    assert query is not None and chat is not None
    pressed = parse_case_data(query.data)
    private = chat.type == ChatType.PRIVATE
    with context.db.session() as session:
        viewer = viewer_of(session, update, context)
        lang = viewer.language
        case = session.get(Case, pressed.case_id) if pressed else None
        action = ACTIONS.get(pressed.action) if pressed else None
        allowed = (
            pressed is not None
            and case is not None
            and action is not None
            and (private or pressed.action in GROUP_ACTIONS)
            # Reporters follow their own case with /status, never through the staff card.
            and (is_team(viewer) or is_partner(viewer))
            and can_view_case(session, viewer, case)
        )
        if not allowed:
            session.commit()
            await query.answer(t(lang, "case.not_allowed"), show_alert=True)
            return
        assert pressed is not None and case is not None and action is not None
        act = Act(session, case, viewer, pressed.arg, private, lang, context)
        try:
            response = await action(act)
        except NotAllowed as refusal:
            session.rollback()
            await query.answer(t(lang, refusal.key, **refusal.params), show_alert=True)
            return
        session.commit()
    context.kick_outbox()
    await _respond(update, context, response, viewer)


async def _respond(
    update: Update, context: BotContext, response: Response, viewer: Account
) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer(response.toast, show_alert=response.alert)
    message = query.message
    if response.view is not None and message is not None:
        try:
            await message.edit_text(  # type: ignore[union-attr]
                response.view.text, reply_markup=markup(response.view.buttons)
            )
        except BadRequest as exc:
            if "not modified" not in exc.message.lower():
                raise
    if response.notice_line and message is not None and getattr(message, "text_html", None):
        await message.edit_text(  # type: ignore[union-attr]
            f"{message.text_html}\n{html.escape(response.notice_line, quote=False)}",  # type: ignore[union-attr]
            reply_markup=_without_take(message.reply_markup),  # type: ignore[union-attr]
        )
    private_chat = viewer.telegram_user_id
    try:
        if response.to_private is not None:
            await context.bot.send_message(
                private_chat,
                response.to_private.text,
                reply_markup=markup(response.to_private.buttons),
            )
        if response.prompt is not None:
            await context.bot.send_message(private_chat, response.prompt)
        for item in response.resend_files:
            if item.kind == "photo":
                await context.bot.send_photo(private_chat, item.telegram_file_id)
            elif item.kind == "voice":
                await context.bot.send_voice(private_chat, item.telegram_file_id)
            else:
                await context.bot.send_document(private_chat, item.telegram_file_id)
    except Forbidden:
        logger.info("a team member has not started a private chat with the bot")


def _without_take(current: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup | None:
    """A taken case's notice keeps its other buttons; handing it over is done on the card."""
    if current is None:
        return None
    rows = [
        [b for b in row if not (b.callback_data or "").endswith(f":{Action.TAKE}")]
        for row in current.inline_keyboard
    ]
    return InlineKeyboardMarkup([row for row in rows if row])


async def on_pending_text(
    update: Update, context: BotContext, session: Session, viewer: Account, pending: PendingInput
) -> None:
    """The text a staff member was asked for: a note, a message, a reason."""
    message, chat = update.effective_message, update.effective_chat
    assert message is not None and chat is not None
    lang = viewer.language
    text = (message.text or "").strip()
    if text.lower() in ("/batal", "/cancel"):
        session.delete(pending)
        session.commit()
        await context.bot.send_message(chat.id, t(lang, "case.input_cancelled"))
        return
    if not text or text.startswith("/"):
        await context.bot.send_message(chat.id, t(lang, "case.input_needed"))
        return
    if len(text) > lifecycle.RELAYED_TEXT_MAX:
        await context.bot.send_message(
            chat.id, t(lang, "case.input_too_long", limit=lifecycle.RELAYED_TEXT_MAX)
        )
        return
    case = session.get(Case, pending.case_id) if pending.case_id else None
    session.delete(pending)
    if case is None or not can_view_case(session, viewer, case):
        session.commit()
        await context.bot.send_message(chat.id, t(lang, "case.not_allowed"))
        return
    now = context.now()
    try:
        done_key = _apply_pending(session, pending, case, viewer, text, now)
    except NotAllowed as refusal:
        session.rollback()
        await context.bot.send_message(chat.id, t(lang, refusal.key, **refusal.params))
        return
    session.commit()
    context.kick_outbox()
    view = casecard.card(session, case, viewer, private_chat=True, lang=lang, tz=context.config.tz)
    await context.bot.send_message(chat.id, t(lang, done_key, number=case.number))
    await context.bot.send_message(chat.id, view.text, reply_markup=markup(view.buttons))


def _apply_pending(
    session: Session,
    pending: PendingInput,
    case: Case,
    viewer: Account,
    text: str,
    now: datetime,
) -> str:
    if pending.kind == "note":
        lifecycle.add_note(session, case, actor=viewer, text=text, now=now)
        return "case.note_saved"
    if pending.kind == "relay":
        lifecycle.message_reporter(session, case, actor=viewer, text=text, now=now)
        return "case.message_sent"
    if pending.kind == "reopen":
        lifecycle.reopen(session, case, actor=viewer, now=now, reason=text)
        return "case.reopened"
    if pending.kind == "refer":
        agency = session.get(Agency, pending.data.get("agency_id"))
        if agency is None:
            raise NotAllowed("case.not_allowed")
        note = None if text == "-" else text
        lifecycle.refer(session, case, agency, actor=viewer, now=now, note=note)
        return "case.referred"
    if pending.kind == "override":
        lifecycle.change_status(
            session, case, CaseStatus(pending.data["status"]), actor=viewer, now=now,
            override_reason=text,
        )  # fmt: skip
        return "case.status_changed_override"
    raise NotAllowed("case.not_allowed")


def _filter_rows(session: Session, lang: str, current: str) -> Buttons:
    def label(code: str, key: str, **p: object) -> tuple[str, str]:
        mark = "• " if code == current else ""
        return (mark + t(lang, key, **p), f"{LIST_PREFIX}:{code}:0")

    statuses = [
        label(f"s.{s}", "list.f_status", status=msg(f"status.{s}"))
        for s in ("baru", "diverifikasi", "ditangani", "dirujuk", "dipulangkan")
    ]
    rows: Buttons = [
        [label("o", "list.f_open"), label("m", "list.f_mine"), label("u", "list.f_unassigned")],
        [label("x", "list.f_urgent"), *statuses[:2]],
        statuses[2:],
    ]
    provinces = [
        label(f"p.{code}", "list.f_province", name=regions.get(code).short_name, n=n)  # type: ignore[union-attr]
        for code, n in open_by_province(session)
    ]
    rows += [provinces[i : i + 3] for i in range(0, len(provinces), 3)]
    return rows


def list_view(session: Session, viewer: Account, filt: Filter, page: int) -> casecard.View:
    lang = viewer.language
    cases, total = list_cases(session, viewer, filt, page)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    lines = [casecard.case_list_line(case, lang) for case in cases]
    text = t(lang, "list.header", total=total, page=page + 1, pages=pages)
    if lines:
        text += "\n\n" + "\n".join(lines)
    else:
        text += "\n\n" + t(lang, "list.empty")
    buttons: Buttons = [
        [(case.number, case_data(case.id, Action.OPEN))]  # type: ignore[arg-type]
        for case in cases
    ]
    nav = []
    if page > 0:
        nav.append(("◀", f"{LIST_PREFIX}:{filt.code}:{page - 1}"))
    if page + 1 < pages:
        nav.append(("▶", f"{LIST_PREFIX}:{filt.code}:{page + 1}"))
    if nav:
        buttons.append(nav)
    if not is_partner(viewer):
        buttons += _filter_rows(session, lang, filt.code)
    return casecard.View(text, buttons)


async def kasus(update: Update, context: BotContext) -> None:
    """/kasus: open cases (with filters), or /kasus KBR-2026-0001 for one card."""
    chat = update.effective_chat
    assert chat is not None
    arg = " ".join(context.args or [])
    with context.db.session() as session:
        viewer = viewer_of(session, update, context)
        lang = viewer.language
        if not (is_team(viewer) or is_partner(viewer)):
            session.commit()
            await context.bot.send_message(chat.id, t(lang, "case.team_only"))
            return
        if arg:
            case = find_by_number(session, arg)
            if case is None or not can_view_case(session, viewer, case):
                session.commit()
                await context.bot.send_message(chat.id, t(lang, "case.not_found", number=arg))
                return
            lifecycle.record_event(session, case, EventKind.ACCESS, actor=viewer, now=context.now())
            view = casecard.card(
                session, case, viewer, private_chat=True, lang=lang, tz=context.config.tz
            )
        else:
            view = list_view(session, viewer, Filter(), 0)
        session.commit()
    await context.bot.send_message(chat.id, view.text, reply_markup=markup(view.buttons))


async def list_button(update: Update, context: BotContext) -> None:
    """`l:<filter>:<page>`: another page or filter of the case list."""
    query = update.callback_query
    assert query is not None
    _, code, page = (query.data or "l:o:0").split(":", 2)
    filt = Filter(code)
    with context.db.session() as session:
        viewer = viewer_of(session, update, context)
        session.commit()
        if not (is_team(viewer) or is_partner(viewer)) or not filt.valid or not page.isdigit():
            await query.answer(t(viewer.language, "case.not_allowed"), show_alert=True)
            return
        view = list_view(session, viewer, filt, int(page))
    await query.answer()
    try:
        await query.edit_message_text(view.text, reply_markup=markup(view.buttons))
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            raise
