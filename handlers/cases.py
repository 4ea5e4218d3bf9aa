"""Case work in Telegram: /kasus and the case list, the case card and its buttons (the texts
those buttons ask for are handled in handlers/case_inputs.py).

Every button press is authorised for the person pressing it, every time; `callback_data`
carries only the case id and the action, and is parsed (views/case_buttons.py) before anything
touches the database. Domain work is in models/cases (lifecycle, card); what people read is
rendered by views/case_card.py and views/case_lists.py. Each handler runs in its update's unit
of work (handlers/unit.py): what a press changes and what the bot says commit together.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from sqlmodel import Session, select
from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType

from handlers.context import BotContext, viewer_of
from handlers.unit import Unit, in_unit
from models.audit import log as audit
from models.cases import card as casecard
from models.cases import lifecycle
from models.cases.lifecycle import NotAllowed
from models.cases.lists import Filter, case_list, find_by_number
from models.people.access import (
    can_handle_case,
    can_view_case,
    is_admin,
    is_partner,
    is_staff,
    is_team,
)
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
from views import case_card, case_lists
from views.case_buttons import (
    Action,
    Buttons,
    CaseCallback,
    View,
    parse_case_data,
    parse_list_data,
)
from views.renderer import render
from views.text import t

StatusT = TypeVar("StatusT", CaseStatus, PersonStatus)


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
    pressed: CaseCallback
    private: bool
    lang: str
    context: BotContext


@dataclass
class Response:
    toast: str | None = None
    alert: bool = False
    view: View | None = None  # replaces the pressed message
    to_private: View | None = None  # sent to the presser's private chat
    prompt: str | None = None  # asks the presser to type something
    notice_line: str | None = None  # appended to a group notice
    resend_files: list[Attachment] = field(default_factory=list)


def _card(a: Act, private_chat: bool) -> View:
    shown = casecard.case_card(a.session, a.case, a.viewer, private_chat=private_chat)
    return case_card.card(shown, a.lang, a.context.config.tz)


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


def act_open(a: Act) -> Response:
    lifecycle.record_event(a.session, a.case, EventKind.ACCESS, actor=a.viewer, now=a.context.now())
    view = _card(a, True)  # the card goes to the presser's private chat
    if a.private:
        return Response(view=view)
    return Response(to_private=view, toast=t(a.lang, "case.card_sent_private"))


def act_take(a: Act) -> Response:
    lifecycle.take(a.session, a.case, actor=a.viewer, now=a.context.now())
    toast = t(a.lang, "case.taken", number=a.case.number)
    if a.private:
        return Response(toast=toast, view=_card(a, a.private))
    line = t("id", "case.notice_taken", name=a.viewer.display_name or "")
    return Response(toast=toast, notice_line=line)


def act_verify(a: Act) -> Response:
    lifecycle.change_status(
        a.session, a.case, CaseStatus.DIVERIFIKASI, actor=a.viewer, now=a.context.now()
    )
    if a.private:
        return Response(view=_card(a, a.private))
    line = t("id", "case.notice_verified", name=a.viewer.display_name or "")
    return Response(toast=t(a.lang, "case.verified"), notice_line=line)


def act_status(a: Act) -> Response:
    target = _member_of(CaseStatus, a.pressed.code)
    try:
        lifecycle.change_status(a.session, a.case, target, actor=a.viewer, now=a.context.now())
    except NotAllowed as refusal:
        if refusal.key == "case.checklist_open" and is_admin(a.viewer):
            _pending(a, "override", status=target.value)
            text = t(a.lang, refusal.key, **refusal.params)
            return Response(prompt=text + "\n\n" + t(a.lang, "case.ask_override"))
        raise
    return Response(view=_card(a, a.private), toast=t(a.lang, "case.status_changed"))


def act_checklist(a: Act) -> Response:
    code = a.pressed.code
    if code:
        lifecycle.toggle_checklist(a.session, a.case, code, actor=a.viewer, now=a.context.now())
    elif not can_handle_case(a.viewer, a.case):
        raise NotAllowed("case.not_allowed")
    checklist = casecard.case_checklist(a.session, a.case)
    return Response(view=case_card.checklist(checklist, a.lang))


def act_refer(a: Act) -> Response:
    if not can_handle_case(a.viewer, a.case):
        raise NotAllowed("case.not_allowed")
    if a.pressed.ref is None:
        choices = casecard.refer_choices(a.session, a.case)
        return Response(view=case_card.refer(choices, a.lang))
    agency = a.session.get(Agency, a.pressed.ref)
    if agency is None:
        raise NotAllowed("case.not_allowed")
    _pending(a, "refer", agency_id=agency.id)
    return Response(prompt=t(a.lang, "case.ask_referral_note", agency=agency.name))


def act_referral_done(a: Act) -> Response:
    referral = a.session.get(Referral, a.pressed.ref) if a.pressed.ref is not None else None
    if referral is None or referral.case_id != a.case.id:
        raise NotAllowed("case.not_allowed")
    lifecycle.referral_done(
        a.session, referral, a.case, actor=a.viewer, now=a.context.now(), renderer=render
    )
    return Response(view=_card(a, a.private), toast=t(a.lang, "case.referral_marked_done"))


def act_note(a: Act) -> Response:
    if not (can_handle_case(a.viewer, a.case) or is_partner(a.viewer)):
        raise NotAllowed("case.not_allowed")
    _pending(a, "note")
    return Response(prompt=t(a.lang, "case.ask_note", number=a.case.number))


def act_message(a: Act) -> Response:
    if not can_handle_case(a.viewer, a.case):
        raise NotAllowed("case.not_allowed")
    _pending(a, "relay")
    return Response(prompt=t(a.lang, "case.ask_message", number=a.case.number))


def act_reopen(a: Act) -> Response:
    if not can_handle_case(a.viewer, a.case):
        raise NotAllowed("case.not_allowed")
    _pending(a, "reopen")
    return Response(prompt=t(a.lang, "case.ask_reopen", number=a.case.number))


def act_assign(a: Act) -> Response:
    if a.pressed.ref is None:
        if not is_staff(a.viewer):
            raise NotAllowed("case.not_allowed")
        choices = casecard.assign_choices(a.session, a.case)
        return Response(view=case_card.assign(choices, a.lang))
    assignee = a.session.get(Account, a.pressed.ref)
    if assignee is None:
        raise NotAllowed("case.bad_assignee")
    lifecycle.assign(
        a.session, a.case, assignee=assignee, actor=a.viewer, now=a.context.now(), renderer=render
    )
    return Response(view=_card(a, a.private), toast=t(a.lang, "case.assigned"))


def _member_of(kind: type[StatusT], code: str | None) -> StatusT:
    """The status a button names; one the lifecycle does not know is refused."""
    try:
        return kind(code or "")
    except ValueError:
        raise NotAllowed("case.not_allowed") from None


def _people(a: Act, page: int = 0) -> View:
    return case_card.people(casecard.people_page(a.session, a.case, a.viewer, page), a.lang)


def _audited(a: Act, action: str) -> None:
    """A view of the case's people or history is an access too (the audit log)."""
    now = a.context.now()
    audit.record(a.session, actor_id=a.viewer.id, action=action, now=now, case_id=a.case.id)


def act_people(a: Act) -> Response:
    _audited(a, "case.people")
    return Response(view=_people(a, a.pressed.ref or 0))


def _person(a: Act) -> Person:
    person = a.session.get(Person, a.pressed.ref) if a.pressed.ref is not None else None
    if person is None or person.case_id != a.case.id:
        raise NotAllowed("case.not_allowed")
    return person


def act_person(a: Act) -> Response:
    if not can_handle_case(a.viewer, a.case):
        raise NotAllowed("case.not_allowed")
    person = _person(a)
    assert a.case.id is not None and person.id is not None
    _audited(a, "case.person")
    return Response(view=case_card.person(a.case.id, person.id, person.full_name, a.lang))


def act_person_status(a: Act) -> Response:
    person = _person(a)
    target = _member_of(PersonStatus, a.pressed.code)
    lifecycle.set_person_status(
        a.session, a.case, person, target, actor=a.viewer, now=a.context.now()
    )
    return Response(view=_people(a))


def act_photos(a: Act) -> Response:
    files = list(a.session.exec(select(Attachment).where(Attachment.case_id == a.case.id)))
    if not files:
        return Response(toast=t(a.lang, "case.no_files"))
    lifecycle.record_event(
        a.session, a.case, EventKind.ACCESS, actor=a.viewer, now=a.context.now(),
        data={"files": len(files)},
    )  # fmt: skip
    return Response(resend_files=files, toast=t(a.lang, "case.files_sent"))


def act_history(a: Act) -> Response:
    history = casecard.case_history(a.session, a.case)
    _audited(a, "case.history")
    return Response(view=case_card.history(history, a.lang, a.context.config.tz))


ACTIONS: dict[Action, Callable[[Act], Response]] = {
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
# How much of a typed case number a "not found" repeats (a message holds 4096 characters).
ECHO_MAX = 40
# Actions that make sense from a group notice; everything else only in a private chat.
GROUP_ACTIONS = {Action.OPEN, Action.TAKE, Action.VERIFY}


@in_unit
def case_button(update: Update, context: BotContext, unit: Unit) -> None:
    """A `c:<case>:<action>` button: authorised for the presser, then done."""
    query, chat = update.callback_query, update.effective_chat
    assert query is not None and chat is not None
    pressed = parse_case_data(query.data)
    private = chat.type == ChatType.PRIVATE
    session = unit.session
    viewer = viewer_of(session, update, context)
    lang = viewer.language
    action = ACTIONS.get(pressed.action) if pressed else None
    # The role and the button's shape first: a forged button looks nothing up.
    # Reporters follow their own case with /status, never through the staff card.
    may_press = (
        pressed is not None
        and action is not None
        and (private or pressed.action in GROUP_ACTIONS)
        and (is_team(viewer) or is_partner(viewer))
    )
    case = session.get(Case, pressed.case_id) if may_press and pressed else None
    allowed = may_press and case is not None and can_view_case(session, viewer, case)
    if not allowed:
        unit.answer(query.id, t(lang, "case.not_allowed"), alert=True)
        return
    assert pressed is not None and case is not None and action is not None
    act = Act(session, case, viewer, pressed, private, lang, context)
    try:
        # The lifecycle refuses before it writes anything, so a refusal leaves nothing behind.
        response = action(act)
    except NotAllowed as refusal:
        unit.answer(query.id, t(lang, refusal.key, **refusal.params), alert=True)
        return
    _respond(unit, query, response, viewer)


def _respond(unit: Unit, query: CallbackQuery, response: Response, viewer: Account) -> None:
    unit.answer(query.id, response.toast, alert=response.alert)
    # An inaccessible message (deleted, or too old for Telegram to hand back) cannot be
    # edited: the answer then comes as a new message.
    pressed = query.message if isinstance(query.message, Message) else None
    private_chat = viewer.telegram_user_id
    if response.view is not None:
        if pressed is not None:
            _replace(unit, pressed, response.view)
        else:
            response.to_private = response.to_private or response.view
    if response.notice_line and pressed is not None and pressed.text_html:
        unit.edit(
            pressed.chat.id,
            pressed.message_id,
            f"{pressed.text_html}\n{html.escape(response.notice_line, quote=False)}",
            reply_markup=_without_take(pressed.reply_markup),
        )
    # A team member who never opened a private chat with the bot: the sender gives these up.
    if response.to_private is not None:
        unit.send(
            private_chat,
            response.to_private.text,
            reply_markup=markup(response.to_private.buttons),
        )
    if response.prompt is not None:
        unit.send(private_chat, response.prompt)
    for item in response.resend_files:
        kind = item.kind if item.kind in ("photo", "voice") else "document"
        unit.send_file(private_chat, kind, file_ref=item.telegram_file_id)


def _replace(unit: Unit, message: Message, view: View) -> None:
    unit.edit(message.chat.id, message.message_id, view.text, reply_markup=markup(view.buttons))


def _without_take(current: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup | None:
    """A taken case's notice keeps its other buttons; handing it over is done on the card."""
    if current is None:
        return None
    rows = [[b for b in row if not _is_take(b)] for row in current.inline_keyboard]
    return InlineKeyboardMarkup([row for row in rows if row])


def _is_take(button: InlineKeyboardButton) -> bool:
    data = button.callback_data
    pressed = parse_case_data(data) if isinstance(data, str) else None
    return pressed is not None and pressed.action == Action.TAKE


def list_view(session: Session, viewer: Account, filt: Filter, page: int) -> View:
    return case_lists.case_list(case_list(session, viewer, filt, page), viewer.language)


@in_unit
def kasus(update: Update, context: BotContext, unit: Unit) -> None:
    """/kasus: open cases (with filters), or /kasus KBR-2026-0001 for one card."""
    chat = update.effective_chat
    assert chat is not None
    arg = " ".join(context.args or [])
    session = unit.session
    viewer = viewer_of(session, update, context)
    lang = viewer.language
    if not (is_team(viewer) or is_partner(viewer)):
        unit.send(chat.id, t(lang, "case.team_only"))
        return
    if arg:
        case = find_by_number(session, arg)
        if case is None or not can_view_case(session, viewer, case):
            # What was typed is echoed, cut short: a case number is 13 characters.
            unit.send(chat.id, t(lang, "case.not_found", number=arg[:ECHO_MAX]))
            return
        lifecycle.record_event(session, case, EventKind.ACCESS, actor=viewer, now=context.now())
        shown = casecard.case_card(session, case, viewer, private_chat=True)
        view = case_card.card(shown, lang, context.config.tz)
    else:
        view = list_view(session, viewer, Filter(), 0)
    unit.send(chat.id, view.text, reply_markup=markup(view.buttons))


@in_unit
def list_button(update: Update, context: BotContext, unit: Unit) -> None:
    """`l:<filter>:<page>`: another page or filter of the case list."""
    query = update.callback_query
    assert query is not None
    pressed = parse_list_data(query.data)
    viewer = viewer_of(unit.session, update, context)
    if not (is_team(viewer) or is_partner(viewer)) or pressed is None:
        unit.answer(query.id, t(viewer.language, "case.not_allowed"), alert=True)
        return
    view = list_view(unit.session, viewer, pressed.filter, pressed.page)
    unit.answer(query.id)
    show_in_place(unit, query, view)


def show_in_place(unit: Unit, query: CallbackQuery, view: View) -> None:
    """Redraws the tapped message; one Telegram no longer hands back comes as a new message."""
    message = query.message
    if isinstance(message, Message):
        _replace(unit, message, view)
    else:
        unit.send(query.from_user.id, view.text, reply_markup=markup(view.buttons))
