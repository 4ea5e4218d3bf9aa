"""Applies one input to a person's draft and says what to show next.

Every answer is committed (with the step it leads to) before the caller replies, so a crash
between the two loses nothing: `pending_prompts` finds the question still owed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session, col, select

from models.cases.records import NewCase, case_created, create_case, open_case_of_reporter
from models.intake.io import (
    HINTED_KINDS,
    ChoiceIn,
    CommandIn,
    ContactIn,
    FileIn,
    Input,
    LocationIn,
    OtherIn,
    Outcome,
    Question,
    Recap,
    TextIn,
    keep_file,
)
from models.intake.ports import IntakeTexts
from models.intake.steps import (
    FLOWS,
    STEPS,
    Advance,
    Ctx,
    Finish,
    MultiStep,
    Result,
    Retry,
    Stay,
    Step,
)
from models.intake.typed import match_typed
from models.outbox.ports import Renderer
from models.people.accounts import get_or_create_account
from models.storage.tables import Account, CaseSource, Consent, Dialog
from models.texts import Msg, msg


@dataclass(frozen=True)
class UserRef:
    telegram_user_id: int
    language_code: str | None


def _dialog(session: Session, account: Account, chat_id: int) -> Dialog | None:
    return session.exec(
        select(Dialog).where(Dialog.account_id == account.id, Dialog.chat_id == chat_id)
    ).first()


def _ctx(session: Session, account: Account, dialog: Dialog, now: datetime) -> Ctx:
    return Ctx(session=session, account=account, dialog=dialog, lang=account.language, now=now)


def current_question(session: Session, account: Account, dialog: Dialog, now: datetime) -> Question:
    return STEPS[Step(dialog.step)].ask(_ctx(session, account, dialog, now))


def start(
    session: Session,
    *,
    user: UserRef,
    chat_id: int,
    update_id: int,
    now: datetime,
    flow: str = "intake",
    open_case_first: bool = False,
) -> Outcome:
    """Begins an intake (consent first) or, mid-way, asks the current question again.

    `flow` is "intake" (a person reporting for themselves) or "officer" (a field officer
    registering someone else, often a group); an intake already in progress continues.
    With `open_case_first` (/start), a person with an open report of their own is told so
    and offered a new report or their reports, instead of the whole intake again.
    """
    account = get_or_create_account(
        session, telegram_user_id=user.telegram_user_id, language_code=user.language_code, now=now
    )
    dialog = _dialog(session, account, chat_id)
    notices: list[Msg] = []
    if dialog is None and open_case_first and flow == "intake":
        case = open_case_of_reporter(session, account)
        if case is not None:
            session.commit()
            return Outcome(
                closing=msg(
                    "start.open_case", number=case.number, status=msg(f"rstatus.{case.status}")
                ),
                offer_open_case_menu=True,
                language=account.language,
            )
    if dialog is None:
        dialog = Dialog(
            account_id=account.id,  # type: ignore[arg-type]  # a stored account has its id
            chat_id=chat_id,
            flow=flow,
            step=FLOWS[flow].first,
            started_at=now,
            updated_at=now,
        )
    elif update_id > dialog.last_update_id:
        notices.append(msg("note.resume"))
    dialog.last_update_id = max(dialog.last_update_id, update_id)
    dialog.prompt_pending = True
    session.add(dialog)
    session.commit()
    question = current_question(session, account, dialog, now)
    return Outcome(
        notices=notices,
        question=question,
        dialog_id=dialog.id,
        flow=dialog.flow,
        language=account.language,
    )


@dataclass(frozen=True)
class Team:
    """Where the team hears about new cases, and the views that render the notices."""

    staff_chat_id: int | None
    renderer: Renderer


def handle(
    session: Session,
    *,
    user: UserRef,
    chat_id: int,
    update_id: int,
    inp: Input,
    now: datetime,
    texts: IntakeTexts,
    team: Team,
) -> Outcome:
    """Stores one answer (or command) and returns what to show next.

    `texts` (views/intake.py) reads button labels in every language, for typed answers, and
    names the version of the privacy notice a consent is stored with.
    """
    account = get_or_create_account(
        session, telegram_user_id=user.telegram_user_id, language_code=user.language_code, now=now
    )
    dialog = _dialog(session, account, chat_id)
    if dialog is None:
        session.commit()
        if isinstance(inp, CommandIn) and inp.name in ("batal", "kembali"):
            return Outcome(closing=msg("menu.no_draft"), offer_menu=True, language=account.language)
        return Outcome(closing=msg("menu.idle"), offer_menu=True, language=account.language)

    c = _ctx(session, account, dialog, now)
    step = STEPS[Step(dialog.step)]
    if update_id <= dialog.last_update_id:
        # Delivered again after a restart: already applied. Only a question not yet
        # delivered is owed; otherwise stay silent rather than repeat ourselves.
        question = step.ask(c) if dialog.prompt_pending else None
        return Outcome(
            question=question, dialog_id=dialog.id, flow=dialog.flow, language=account.language
        )
    dialog.last_update_id = update_id

    outcome = Outcome(dialog_id=dialog.id, flow=dialog.flow, language=account.language)
    asked = step.ask(c)  # the question this input answers
    result = _apply(c, asked, inp, outcome, texts)
    if result is not None:
        _follow(c, step.step, result, outcome, team, texts.consent_version)
    outcome.remove_keyboard = asked.request is not None and (
        outcome.question is None or outcome.question.request is None
    )
    if outcome.remove_keyboard:
        shared = {key: c.data.get(key) for key in ("phone", "latitude", "location_text")}
        outcome.keyboard_gone = Recap("received", {"step": asked.step, **shared})

    dialog.updated_at = now
    if dialog not in session.deleted:
        flag_modified(dialog, "data")
        flag_modified(dialog, "history")
        dialog.prompt_pending = outcome.question is not None
        session.add(dialog)
    session.commit()
    return outcome


def _apply(
    c: Ctx, asked: Question, inp: Input, outcome: Outcome, texts: IntakeTexts
) -> Result | None:
    """Turns an input into a step Result (or handles a command directly and returns None)."""
    step = Step(asked.step)
    definition = STEPS[step]
    match inp:
        case CommandIn(name="batal"):
            if step != Step.CANCEL:
                c.data["_cancel_from"] = step.value
                c.dialog.step = Step.CANCEL
            outcome.question = STEPS[Step(c.dialog.step)].ask(c)
            return None
        case CommandIn(name="kembali"):
            _go_back(c, outcome)
            return None
        case CommandIn():
            return Retry(msg("hint.command"), ask_again=True)
        case ChoiceIn(step=tapped_step, value=value):
            if tapped_step != step:
                # One message: what to do, then the current question with its buttons.
                outcome.stale = True
                outcome.question = _asked_again(definition.ask(c), msg("hint.stale_button"))
                return None
            outcome.choice_accepted = True
            result = definition.on_choice(c, value)
            closed = value in ("done", "none") and isinstance(result, Advance)
            if isinstance(definition, MultiStep) and closed:
                # The tapped list loses its buttons: what was chosen stays under it.
                outcome.answered = definition.chosen(c)
            return result
        case TextIn(text=text):
            return answer_typed(c, asked, text, texts)
        case ContactIn(phone=phone, own=own):
            return definition.on_contact(c, phone, own)
        case LocationIn(latitude=lat, longitude=lon):
            return definition.on_location(c, lat, lon)
        case FileIn(kind="voice"):
            # Kept at any step for staff to hear; the question stays, in words that fit it.
            keep_file(c.data, inp, purpose=step.value)
            return Stay([_voice_kept(asked)])
        case FileIn(kind=file_kind) if step != Step.PHOTOS:
            # A photo sent before its question is kept for it, not refused.
            early = step not in _AFTER_PHOTOS
            keep_file(c.data, inp, purpose=None, early=early)
            return Stay([msg(f"note.{file_kind}_kept" + ("_for_later" if early else ""))])
        case FileIn(kind=file_kind, file_id=file_id, unique_id=unique_id):
            return definition.on_file(c, file_kind, file_id, unique_id)
        case OtherIn(kind=other_kind):
            hinted = other_kind in HINTED_KINDS
            key = f"hint.unexpected_{other_kind}" if hinted else "hint.unexpected"
            return Retry(msg(key), ask_again=True)
    raise TypeError(f"unknown input {type(inp).__name__}")


# Steps after the photo step: a photo sent there is simply one more.
_AFTER_PHOTOS = frozenset({Step.SUMMARY, Step.O_SUMMARY})


def _voice_kept(asked: Question) -> Msg:
    """What to say for a voice note kept at the question `asked`: what to do next there."""
    step = Step(asked.step)
    if step == Step.PHOTOS or step in _AFTER_PHOTOS:
        return msg(f"note.voice_kept_{step.value}")
    buttons = bool(asked.rows or asked.reply_buttons or asked.request)
    return msg("note.voice_kept_choice" if buttons else "note.voice_kept")


def answer_typed(c: Ctx, asked: Question, text: str, texts: IntakeTexts) -> Result:
    """A typed answer: a button's label or alias counts as its tap, the rest the step reads.

    An option of a list typed by its label ("Makan") ticks it and closes the list, as any
    typed answer to a list does: a person who types does not tap "Selesai" afterwards.
    """
    definition = STEPS[Step(asked.step)]
    value = match_typed(asked, text, texts)
    if value is None:
        return definition.on_text(c, text)
    kind, _, option = value.partition(":")
    if isinstance(definition, MultiStep) and kind == "t":
        return definition.on_typed_option(c, option)
    return definition.on_choice(c, value)


def _asked_again(question: Question, hint: Msg) -> Question:
    """The question with a hint before it, in the same message (a summary: the hint alone)."""
    if isinstance(question.text, Msg):
        return replace(question, text=msg("hint.and_question", hint=hint, question=question.text))
    return replace(question, text=hint)


def _go_back(c: Ctx, outcome: Outcome) -> None:
    history = c.dialog.history
    spec = FLOWS[c.dialog.flow]
    if c.dialog.step == Step.CANCEL:
        c.dialog.step = c.data.pop("_cancel_from", spec.first)
    elif history:
        c.dialog.step = history.pop()
    else:
        outcome.notices.append(msg("note.at_first_question"))
    if c.dialog.step == spec.summary:
        c.data.pop("_edit", None)
    outcome.question = STEPS[Step(c.dialog.step)].ask(c)


def _follow(
    c: Ctx, step: Step, result: Result, outcome: Outcome, team: Team, consent_version: str
) -> None:
    match result:
        case Retry(error=error, ask_again=again):
            # One message: the error with the question's buttons (the question too, if asked).
            outcome.choice_accepted = False
            question = STEPS[step].ask(c)
            outcome.question = (
                _asked_again(question, error) if again else replace(question, text=error)
            )
        case Stay(notices=notices, edit_in_place=edit):
            outcome.choice_accepted = False
            outcome.notices.extend(notices)
            outcome.edit_in_place = edit and not notices
            outcome.question = STEPS[step].ask(c)
        case Advance(to=to, notices=notices):
            spec = FLOWS[c.dialog.flow]
            if step == spec.first:
                _record_consent(c, granted=True, version=consent_version)
            target = to or (spec.summary if c.data.get("_edit") else spec.next[step])
            if target == spec.summary:
                c.data.pop("_edit", None)
            c.dialog.history.append(step.value)
            c.dialog.step = target
            outcome.notices.extend(notices)
            outcome.question = STEPS[target].ask(c)
        case Finish(how="resume"):
            c.dialog.step = c.data.pop("_cancel_from", FLOWS[c.dialog.flow].first)
            outcome.question = STEPS[Step(c.dialog.step)].ask(c)
        case Finish(how="declined"):
            _record_consent(c, granted=False, version=consent_version)
            c.session.delete(c.dialog)
            outcome.closing = msg(f"closing.declined_{c.dialog.flow}")
        case Finish(how="discard"):
            c.session.delete(c.dialog)
            outcome.closing = msg("closing.cancelled")
        case Finish(how="submit"):
            by_officer = c.dialog.flow == "officer"
            case = create_case(
                c.session,
                NewCase(
                    reporter=c.account,
                    answers=c.data,
                    consent_id=c.dialog.consent_id,
                    source=CaseSource.OFFICER if by_officer else CaseSource.SELF,
                ),
                now=c.now,
                year=c.now.year,
            )
            case_created(
                c.session,
                case,
                staff_chat_id=team.staff_chat_id,
                now=c.now,
                renderer=team.renderer,
            )
            c.session.delete(c.dialog)
            outcome.closing = msg(f"closing.submitted_{c.dialog.flow}", number=case.number)
            outcome.submitted_case_id = case.id


def _record_consent(c: Ctx, *, granted: bool, version: str) -> None:
    consent = Consent(
        account_id=c.account.id,  # type: ignore[arg-type]  # a stored account has its id
        granted=granted,
        text_version=version,
        language=c.lang,
        method=FLOWS[c.dialog.flow].consent_method,
        created_at=c.now,
    )
    c.session.add(consent)
    c.session.flush()
    c.dialog.consent_id = consent.id


def mark_prompt_delivered(session: Session, dialog_id: int) -> None:
    dialog = session.get(Dialog, dialog_id)
    """No commit: the caller's transaction holds the queued question too."""
    if dialog is not None and dialog.prompt_pending:
        dialog.prompt_pending = False
        session.add(dialog)


@dataclass(frozen=True)
class PendingPrompt:
    dialog_id: int
    chat_id: int
    language: str
    question: Question
    flow: str


def pending_prompts(session: Session, now: datetime) -> list[PendingPrompt]:
    """Questions stored but maybe never delivered (the process died in between)."""
    rows = session.exec(
        select(Dialog, Account)
        .join(Account, col(Account.id) == Dialog.account_id)
        .where(col(Dialog.prompt_pending).is_(True))
    ).all()
    return [
        PendingPrompt(
            dialog_id=dialog.id,  # type: ignore[arg-type]  # a stored dialog has its id
            chat_id=dialog.chat_id,
            language=account.language,
            question=current_question(session, account, dialog, now),
            flow=dialog.flow,
        )
        for dialog, account in rows
    ]
