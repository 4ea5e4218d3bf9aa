"""Where a private message goes: a text a team member was asked for, an intake in
progress, a reporter writing to the office, or the menu."""

from __future__ import annotations

from sqlmodel import select
from telegram import Update

from handlers import case_inputs, intake, privacy, repatriation
from handlers.context import BotContext, viewer_of
from handlers.inputs import command_of
from handlers.render import menu_markup
from handlers.unit import Unit, in_unit
from models.cases.relay import latest_open_case, message_from_reporter
from models.people.access import is_partner, is_team
from models.storage.tables import Dialog, PendingInput, Role
from views.renderer import render
from views.text import t


@in_unit
def on_private(update: Update, context: BotContext, unit: Unit) -> None:
    """Routes any private message; the intake answers everything nobody else takes."""
    message, chat = update.message, update.effective_chat
    assert chat is not None
    session = unit.session
    account = viewer_of(session, update, context)
    pending = session.exec(
        select(PendingInput).where(
            PendingInput.account_id == account.id, PendingInput.chat_id == chat.id
        )
    ).first()
    if pending is not None and message is not None and message.text is not None:
        if pending.kind == privacy.PENDING_KIND:  # a reporter's corrected value (/koreksi)
            privacy.on_correction_text(update, context, unit, account, pending)
        elif pending.kind in repatriation.KINDS:
            repatriation.on_text(update, context, unit, account, pending)
        else:
            case_inputs.on_pending_text(update, context, unit, account, pending)
        return
    in_dialog = (
        session.exec(
            select(Dialog.id).where(Dialog.account_id == account.id, Dialog.chat_id == chat.id)
        ).first()
        is not None
    )
    command = command_of(message) if message is not None else None
    if not in_dialog and message is not None and command is None:
        if account.role == Role.REPORTER and message.text:
            # "sudah sampai" to the question "have you arrived?" is an answer, not a message.
            if repatriation.typed_arrival(update, context, unit, account):
                return
            case = latest_open_case(session, account)
            if case is not None:
                message_from_reporter(
                    session, case, reporter=account, text=message.text, now=context.now(),
                    staff_chat_id=context.config.staff_chat_id, renderer=render,
                )  # fmt: skip
                unit.send(
                    chat.id,
                    t(account.language, "relay.forwarded", number=case.number),
                    reply_markup=menu_markup(account.language),
                )
                return
        if is_team(account) or is_partner(account):
            unit.send(chat.id, t(account.language, f"help.{account.role}"))
            return
    intake.answer_in(update, context, unit)
