"""Sending people home in Telegram: the "Pemulangan" board of a case, a travel plan put
together step by step, each person's next travel step, and a reporter's typed "arrived".

Buttons are `rp:<case>:<action>[:<argument>]` (views/case_buttons.py parses them into bounded
values). The presser's role is checked before anything is looked up, and the case is then
authorised for them every time: whoever runs the case, or the escort of one of its plans
(officers mark departure for the people they see off). A plan being put together, and a
step waiting for a typed detail (booking code, ticket and fare, to whom), are kept in the
staff member's PendingInput row, so a restart continues where they were. Each handler runs
in its update's unit of work (handlers/unit.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlmodel import Session, select
from telegram import Message, Update
from telegram.constants import ChatType

from handlers.cases import markup
from handlers.context import BotContext, viewer_of
from handlers.unit import Unit, in_unit
from models.cases.lifecycle import NotAllowed, people_of, record_event
from models.people.access import can_handle_case, is_team
from models.people.staff import accounts_with_role
from models.repatriation import draft as drafts
from models.repatriation.arrival import awaiting_answer
from models.repatriation.board import board
from models.repatriation.draft import PENDING_KIND, Draft
from models.repatriation.travel import (
    Move,
    move,
    not_travelling,
    plan_travel,
    plannable,
    travels_of,
)
from models.repatriation.typed import parse_ticket
from models.schedule.followups import checkin_key
from models.schedule.responses import record_checkin
from models.storage.tables import (
    Account,
    ArrivalMethod,
    Case,
    EventKind,
    PendingInput,
    Person,
    Role,
    TravelMode,
    TravelPlan,
    TravelReason,
    TravelStatus,
)
from models.understanding.yes_no import YesNo, answer_yes_no
from views import case_buttons, renderer
from views import repatriation as views
from views.case_buttons import TravelAction, TravelCallback, View, parse_travel_data
from views.reminders import checkin_answer
from views.text import plain, t

E = TypeVar("E", TravelStatus, TravelReason, ArrivalMethod, TravelMode)
# bot/app.py routes these buttons here.
TRAVEL_PATTERN = case_buttons.TRAVEL_PATTERN
DETAIL_KIND = "rp_detail"
KINDS = frozenset({PENDING_KIND, DETAIL_KIND})
CANCEL = ("/batal", "/cancel")
BACK = ("/kembali", "/back")
# Plan actions: only whoever runs the case puts a plan together.
PLANNING = frozenset(
    {
        TravelAction.NEW,
        TravelAction.PICK,
        TravelAction.ALL,
        TravelAction.NEXT,
        TravelAction.DEST,
        TravelAction.MODE,
        TravelAction.DONE,
        TravelAction.ESCORT,
        TravelAction.SAVE,
        TravelAction.BACK,
        TravelAction.STOP,
    }
)


@dataclass
class Press:
    """One button press on a case's travel, with what every action needs."""

    session: Session
    case: Case
    viewer: Account
    pressed: TravelCallback
    context: BotContext

    @property
    def lang(self) -> str:
        return self.viewer.language

    def now(self) -> datetime:
        return self.context.now()


@dataclass
class Shown:
    view: View | None = None
    toast: str | None = None
    prompt: str | None = None  # sent as a new message: the presser types the answer


def escorts(session: Session, case: Case, viewer: Account) -> bool:
    """Whether the viewer escorts one of the case's plans."""
    found = session.exec(
        select(TravelPlan.id).where(
            TravelPlan.case_id == case.id, TravelPlan.escort_id == viewer.id
        )
    ).first()
    return found is not None


@in_unit
def travel_button(update: Update, context: BotContext, unit: Unit) -> None:
    """An `rp:` button: the role first, then the case, then the action."""
    query, chat = update.callback_query, update.effective_chat
    assert query is not None and chat is not None
    session = unit.session
    viewer = viewer_of(session, update, context)
    lang = viewer.language
    pressed = parse_travel_data(query.data)
    # Only the team works on travel, and only in a private chat: nothing is looked up before.
    if pressed is None or not is_team(viewer) or chat.type != ChatType.PRIVATE:
        unit.answer(query.id, t(lang, "case.not_allowed"), alert=True)
        return
    case = session.get(Case, pressed.case_id)
    runs = case is not None and can_handle_case(viewer, case)
    allowed = case is not None and (
        runs or (pressed.action not in PLANNING and escorts(session, case, viewer))
    )
    if not allowed:
        unit.answer(query.id, t(lang, "case.not_allowed"), alert=True)
        return
    assert case is not None
    press = Press(session, case, viewer, pressed, context)
    try:
        shown = ACTIONS[pressed.action](press)
    except NotAllowed as refusal:
        unit.answer(query.id, plain(lang, _refusal(refusal, lang)), alert=True)
        return
    unit.answer(query.id, shown.toast)
    message = query.message if isinstance(query.message, Message) else None
    if shown.view is not None:
        if message is not None:
            unit.edit(
                message.chat.id,
                message.message_id,
                shown.view.text,
                reply_markup=markup(shown.view.buttons),
            )
        else:
            unit.send(
                viewer.telegram_user_id, shown.view.text, reply_markup=markup(shown.view.buttons)
            )
    if shown.prompt is not None:
        unit.send(viewer.telegram_user_id, shown.prompt)


def _refusal(refusal: NotAllowed, lang: str) -> str:
    return t(lang, refusal.key, **refusal.params)


# -- The board and each person's steps -------------------------------------------------------


def board_view(session: Session, case: Case, viewer: Account, context: BotContext) -> View:
    return views.board(board(session, case, viewer), viewer.language, context.config.tz)


def act_open(p: Press) -> Shown:
    """The board; a plan this person was putting together for the case goes on instead."""
    record_event(p.session, p.case, EventKind.ACCESS, actor=p.viewer, now=p.now())
    row = _pending_row(p.session, p.viewer)
    if row is not None and row.kind == PENDING_KIND and row.case_id == p.case.id:
        return _redraw(p, Draft.from_data(row.data))
    _drop_pending(p.session, p.viewer, kinds=frozenset({DETAIL_KIND}))
    return Shown(board_view(p.session, p.case, p.viewer, p.context))


def _line(p: Press, person_id: int | None) -> tuple[int, views.TravelLine]:
    for position, line in enumerate(board(p.session, p.case, p.viewer).people, start=1):
        if line.person_id == person_id:
            return position, line
    raise NotAllowed("case.not_allowed")


def act_person(p: Press) -> Shown:
    position, line = _line(p, p.pressed.ref)
    if not line.next:
        raise NotAllowed("rp.bad_move")
    return Shown(views.person_steps(p.case.id, position, line, p.lang))  # type: ignore[arg-type]


def _move(p: Press, step: Move) -> Shown:
    travel = travels_of(p.session, p.case.id).get(p.pressed.ref or 0)  # type: ignore[arg-type]
    if travel is None:
        raise NotAllowed("case.not_allowed")
    move(p.session, p.case, travel, step, actor=p.viewer, now=p.now())
    return Shown(board_view(p.session, p.case, p.viewer, p.context), t(p.lang, "rp.step_saved"))


def act_step(p: Press) -> Shown:
    step = _member(TravelStatus, p.pressed.code)
    if step not in views.DETAILED:
        return _move(p, Move(step))
    position, line = _line(p, p.pressed.ref)
    if step not in line.next:
        raise NotAllowed("rp.bad_move")
    _pending(
        p.session,
        p.viewer,
        p.case,
        DETAIL_KIND,
        {"person": line.person_id, "to": step.value},
        p.now(),
    )
    who = views.person_label(position, line.name, p.lang)
    return Shown(prompt=views.detail_prompt(step, who, p.lang))


def act_reason(p: Press) -> Shown:
    reason = _member(TravelReason, p.pressed.code)
    if (p.pressed.ref or 0) in travels_of(p.session, p.case.id):  # type: ignore[arg-type]
        return _move(p, Move(TravelStatus.TIDAK_BERANGKAT, reason=reason))
    person = p.session.get(Person, p.pressed.ref or 0)
    if person is None:
        raise NotAllowed("case.not_allowed")
    not_travelling(p.session, p.case, person, reason, actor=p.viewer, now=p.now())
    return Shown(board_view(p.session, p.case, p.viewer, p.context), t(p.lang, "rp.step_saved"))


def act_arrived(p: Press) -> Shown:
    method = _member(ArrivalMethod, p.pressed.code)
    if method == ArrivalMethod.PERSON:  # only the person, through the bot
        raise NotAllowed("case.not_allowed")
    return _move(p, Move(TravelStatus.TIBA, method=method))


def _member(kind: type[E], code: str | None) -> E:
    """The value a button names; one we do not know is refused."""
    try:
        return kind(code or "")
    except ValueError:
        raise NotAllowed("case.not_allowed") from None


# -- A plan being put together --------------------------------------------------------------


def _pending_row(session: Session, viewer: Account) -> PendingInput | None:
    return session.exec(
        select(PendingInput).where(
            PendingInput.account_id == viewer.id,
            PendingInput.chat_id == viewer.telegram_user_id,
        )
    ).first()


def _drop_pending(session: Session, viewer: Account, *, kinds: frozenset[str]) -> None:
    row = _pending_row(session, viewer)
    if row is not None and row.kind in kinds:
        session.delete(row)
        session.flush()


def _pending(
    session: Session, viewer: Account, case: Case, kind: str, data: dict[str, object], now: datetime
) -> None:
    """What the staff member's next text (or button) is for; one per person and chat."""
    row = _pending_row(session, viewer)
    if row is None:
        row = PendingInput(account_id=viewer.id, chat_id=viewer.telegram_user_id, kind=kind)  # type: ignore[arg-type]
    row.kind, row.case_id, row.data, row.created_at = kind, case.id, data, now
    session.add(row)


def _draft(p: Press) -> Draft:
    row = _pending_row(p.session, p.viewer)
    if row is None or row.kind != PENDING_KIND or row.case_id != p.case.id:
        raise NotAllowed("rp.stale")
    return Draft.from_data(row.data)


def _team(session: Session) -> list[Account]:
    return accounts_with_role(session, Role.STAFF, Role.ADMIN, Role.OFFICER)


def draft_screen(session: Session, case: Case, d: Draft) -> views.DraftScreen:
    assert case.id is not None
    team = _team(session)
    escort = next((a for a in team if a.id == d.escort), None)
    return views.DraftScreen(
        case.id,
        case.number,
        [(person.id, person.position, person.full_name) for person in plannable(session, case)],  # type: ignore[misc]
        [(a.id, a.display_name or "") for a in team],  # type: ignore[misc]
        escort.display_name if escort else None,
    )


def _show_draft(
    session: Session, case: Case, viewer: Account, d: Draft, context: BotContext
) -> View:
    _pending(session, viewer, case, PENDING_KIND, d.to_data(), context.now())
    return views.draft_view(d, draft_screen(session, case, d), viewer.language, context.config.tz)


def _plannable_ids(p: Press) -> set[int]:
    return {person.id for person in plannable(p.session, p.case) if person.id is not None}


def act_new(p: Press) -> Shown:
    if not _plannable_ids(p):
        raise NotAllowed("rp.already_travelling")
    return Shown(_show_draft(p.session, p.case, p.viewer, drafts.start(p.case), p.context))


def _redraw(p: Press, d: Draft) -> Shown:
    return Shown(_show_draft(p.session, p.case, p.viewer, d, p.context))


def act_pick(p: Press) -> Shown:
    return _redraw(p, drafts.toggle(_draft(p), p.pressed.ref or 0, _plannable_ids(p)))


def act_all(p: Press) -> Shown:
    return _redraw(p, drafts.everyone(_draft(p), _plannable_ids(p)))


def act_next(p: Press) -> Shown:
    return _redraw(p, drafts.accept(_draft(p), _plannable_ids(p)))


def act_dest(p: Press) -> Shown:
    code = views.destination_code(p.pressed.ref or 0)
    if code is None:
        raise NotAllowed("rp.bad_destination")
    return _redraw(p, drafts.choose_destination(_draft(p), code))


def act_mode(p: Press) -> Shown:
    return _redraw(p, drafts.choose_mode(_draft(p), _member(TravelMode, p.pressed.code)))


def act_done(p: Press) -> Shown:
    return _redraw(p, drafts.legs_done(_draft(p)))


def act_escort(p: Press) -> Shown:
    team = {a.id for a in _team(p.session) if a.id is not None}
    escort = p.pressed.ref or None
    return _redraw(p, drafts.choose_escort(_draft(p), escort, team))


def act_back(p: Press) -> Shown:
    return _redraw(p, drafts.back(_draft(p)))


def act_stop(p: Press) -> Shown:
    _drop_pending(p.session, p.viewer, kinds=frozenset({PENDING_KIND}))
    return Shown(board_view(p.session, p.case, p.viewer, p.context), t(p.lang, "rp.cancelled"))


def act_save(p: Press) -> Shown:
    d = _draft(p)
    destination = d.destination
    if d.step != drafts.PlanStep.CONFIRM or destination is None:
        raise NotAllowed("rp.stale")
    chosen = set(d.people)
    people = [person for person in people_of(p.session, p.case.id) if person.id in chosen]  # type: ignore[arg-type]
    escort = p.session.get(Account, d.escort) if d.escort else None
    plan_travel(
        p.session, p.case, people=people, destination=destination, legs=d.legs, escort=escort,
        handover_point=d.handover, receiving_office=d.office, actor=p.viewer, now=p.now(),
    )  # fmt: skip
    _drop_pending(p.session, p.viewer, kinds=frozenset({PENDING_KIND}))
    view = board_view(p.session, p.case, p.viewer, p.context)
    return Shown(view, t(p.lang, "rp.saved", number=p.case.number))


ACTIONS = {
    TravelAction.OPEN: act_open,
    TravelAction.PERSON: act_person,
    TravelAction.STEP: act_step,
    TravelAction.REASON: act_reason,
    TravelAction.ARRIVED: act_arrived,
    TravelAction.NEW: act_new,
    TravelAction.PICK: act_pick,
    TravelAction.ALL: act_all,
    TravelAction.NEXT: act_next,
    TravelAction.DEST: act_dest,
    TravelAction.MODE: act_mode,
    TravelAction.DONE: act_done,
    TravelAction.ESCORT: act_escort,
    TravelAction.BACK: act_back,
    TravelAction.STOP: act_stop,
    TravelAction.SAVE: act_save,
}


# -- Typed answers ----------------------------------------------------------------------------


def on_text(
    update: Update, context: BotContext, unit: Unit, viewer: Account, pending: PendingInput
) -> None:
    """The text a plan's step, or a travel step's detail, asked for (handlers/router.py)."""
    message = update.effective_message
    assert message is not None
    session, lang, chat_id = unit.session, viewer.language, viewer.telegram_user_id
    text = (message.text or "").strip()
    case = session.get(Case, pending.case_id) if pending.case_id else None
    if case is None or not (can_handle_case(viewer, case) or escorts(session, case, viewer)):
        session.delete(pending)
        unit.send(chat_id, t(lang, "case.not_allowed"))
        return
    if text.lower() in CANCEL:
        session.delete(pending)
        key = "rp.cancelled" if pending.kind == PENDING_KIND else "case.input_cancelled"
        view = board_view(session, case, viewer, context)
        unit.send(chat_id, t(lang, key))
        unit.send(chat_id, view.text, reply_markup=markup(view.buttons))
        return
    try:
        if pending.kind == PENDING_KIND:
            _typed_plan(session, case, viewer, pending, text, context, unit)
        else:
            _typed_detail(session, case, viewer, pending, text, context, unit)
    except NotAllowed as refusal:
        unit.send(chat_id, _refusal(refusal, lang))
        if pending.kind == PENDING_KIND:  # and the question again
            d = Draft.from_data(pending.data)
            view = views.draft_view(d, draft_screen(session, case, d), lang, context.config.tz)
            unit.send(chat_id, view.text, reply_markup=markup(view.buttons))


def _typed_plan(
    session: Session, case: Case, viewer: Account, pending: PendingInput, text: str,
    context: BotContext, unit: Unit,
) -> None:  # fmt: skip
    d = Draft.from_data(pending.data)
    if text.lower() in BACK:
        d = drafts.back(d)
    elif text.startswith("/") or d.step not in drafts.TYPED:
        raise NotAllowed("rp.use_buttons")
    else:
        d = drafts.typed(d, text, now=context.now(), tz=context.config.tz)
    view = _show_draft(session, case, viewer, d, context)
    unit.send(viewer.telegram_user_id, view.text, reply_markup=markup(view.buttons))


def _typed_detail(
    session: Session, case: Case, viewer: Account, pending: PendingInput, text: str,
    context: BotContext, unit: Unit,
) -> None:  # fmt: skip
    if not text or text.startswith("/"):
        raise NotAllowed("case.input_needed")
    to = TravelStatus(pending.data["to"])
    if to == TravelStatus.DIPESAN:
        step = Move(to, booking_code=text)
    elif to == TravelStatus.TERBIT:
        ticket = parse_ticket(text)
        if ticket is None:
            raise NotAllowed("rp.need_ticket")
        step = Move(to, ticket_number=ticket[0], fare=ticket[1])
    else:
        step = Move(to, handed_to=text)
    travel = travels_of(session, case.id).get(int(pending.data["person"]))  # type: ignore[arg-type]
    if travel is None:
        raise NotAllowed("case.not_allowed")
    move(session, case, travel, step, actor=viewer, now=context.now())
    session.delete(pending)
    view = board_view(session, case, viewer, context)
    unit.send(viewer.telegram_user_id, t(viewer.language, "rp.step_saved"))
    unit.send(viewer.telegram_user_id, view.text, reply_markup=markup(view.buttons))


def typed_arrival(update: Update, context: BotContext, unit: Unit, reporter: Account) -> bool:
    """A reporter asked "have you arrived?" types yes or no: stored as their check-in
    answer (a yes marks them arrived). False when the text is no such answer."""
    message = update.effective_message
    if message is None or not message.text:
        return False
    answer = answer_yes_no(message.text)
    if answer == YesNo.UNCLEAR:
        return False
    case = awaiting_answer(unit.session, reporter, checkin_key)
    if case is None:
        return False
    arrived = answer == YesNo.YES
    record_checkin(
        unit.session, case, reporter=reporter, arrived=arrived, now=context.now(),
        policy=context.config.policy, renderer=renderer.render,
        note=plain("id", checkin_answer(arrived)),
    )  # fmt: skip
    key = "checkin.thanks_yes" if arrived else "checkin.thanks_no"
    unit.send(reporter.telegram_user_id, t(reporter.language, key))
    return True
