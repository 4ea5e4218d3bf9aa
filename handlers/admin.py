"""Admins: /undang (one-time invite links for a role), /petugas (the team, role changes,
deactivation), and accepting an invite through /start <code>; each inside its update's unit
of work (handlers/unit.py)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session
from telegram import Update

from handlers.cases import markup, show_in_place
from handlers.commands import publish_for
from handlers.context import BotContext, viewer_of
from handlers.unit import Unit, in_unit
from models.people.access import is_admin
from models.people.staff import (
    InviteError,
    accept_invite,
    agencies,
    create_invite,
    member_name,
    set_active,
    set_role,
    team,
)
from models.storage.tables import Account, Agency, Role
from models.texts import msg
from views import admin as views
from views.admin import (
    AdminCallback,
    AskDeactivate,
    GiveRole,
    InviteAs,
    ShowMember,
    parse_admin_data,
)
from views.case_buttons import View
from views.text import t


@in_unit
def undang(update: Update, context: BotContext, unit: Unit) -> None:
    """/undang: choose the role of the person to invite."""
    chat = update.effective_chat
    assert chat is not None
    admin = viewer_of(unit.session, update, context)
    lang = admin.language
    if not is_admin(admin):
        unit.send(chat.id, t(lang, "admin.not_allowed"))
        return
    view = views.invite_roles(lang)
    unit.send(chat.id, view.text, reply_markup=markup(view.buttons))


@in_unit
def petugas(update: Update, context: BotContext, unit: Unit) -> None:
    """/petugas: everyone with a role; a button per person to change it."""
    chat = update.effective_chat
    assert chat is not None
    admin = viewer_of(unit.session, update, context)
    if not is_admin(admin):
        unit.send(chat.id, t(admin.language, "admin.not_allowed"))
        return
    view = views.team_view(admin.language, team(unit.session))
    unit.send(chat.id, view.text, reply_markup=markup(view.buttons))


@in_unit
def admin_button(update: Update, context: BotContext, unit: Unit) -> None:
    """`a:...` buttons, authorised as admin on every press."""
    query = update.callback_query
    assert query is not None
    pressed = parse_admin_data(query.data)
    admin = viewer_of(unit.session, update, context)
    lang = admin.language
    if not is_admin(admin) or pressed is None:
        unit.answer(query.id, t(lang, "admin.not_allowed"), alert=True)
        return
    try:
        # The staff rules refuse before they write, so a refusal leaves nothing behind.
        view, changed = _admin_action(unit.session, admin, pressed, context.now(), context)
    except (InviteError, LookupError) as exc:
        key = exc.key if isinstance(exc, InviteError) else "admin.not_allowed"
        unit.answer(query.id, t(lang, key), alert=True)
        return
    unit.answer(query.id)
    if changed is not None:
        _publish_menu(unit, context, changed)
    show_in_place(unit, query, view)


def _publish_menu(unit: Unit, context: BotContext, account: Account) -> None:
    """The person's command menu follows their new role, once the role is committed."""
    application = context.application
    unit.after_commit(lambda: publish_for(application, account))


def _admin_action(
    session: Session,
    admin: Account,
    pressed: AdminCallback,
    now: datetime,
    context: BotContext,
) -> tuple[View, Account | None]:
    """Does what the button asks; returns what to show and whose role changed (if anyone's).
    Raises LookupError for an account that does not exist."""
    lang = admin.language
    if isinstance(pressed, InviteAs):
        return _invite(session, admin, pressed, now, context), None
    target = session.get(Account, pressed.account_id)
    if target is None:
        raise LookupError("unknown account")
    name = member_name(target)
    if isinstance(pressed, ShowMember):
        own = target.id == admin.id
        view = views.member_view(
            lang, pressed.account_id, name, target.role, target.active, own=own
        )
        return view, None
    if isinstance(pressed, AskDeactivate):
        if target.id == admin.id:
            raise InviteError("admin.not_yourself")
        return views.confirm_deactivate(lang, pressed.account_id, name), None
    if isinstance(pressed, GiveRole):
        role, agency_id = pressed.role, pressed.agency_id
        if role == Role.PARTNER and agency_id is None and target.agency_id is None:
            account_id = pressed.account_id
            choice = views.agency_choice(
                lang, agencies(session), lambda a: views.role_data(account_id, Role.PARTNER, a)
            )
            return choice, None
        set_role(session, admin=admin, account=target, role=role, agency_id=agency_id, now=now)
    else:
        set_active(session, admin=admin, account=target, active=pressed.active, now=now)
    return views.team_view(lang, team(session), saved=True), target


def _invite(
    session: Session, admin: Account, pressed: InviteAs, now: datetime, context: BotContext
) -> View:
    lang = admin.language
    if pressed.role == Role.PARTNER and pressed.agency_id is None:
        return views.agency_choice(
            lang, agencies(session), lambda a: views.invite_data(Role.PARTNER, a)
        )
    invite = create_invite(
        session, creator=admin, role=pressed.role, agency_id=pressed.agency_id, now=now
    )
    link = f"https://t.me/{context.bot.username}?start={invite.code}"
    agency = session.get(Agency, pressed.agency_id) if pressed.agency_id else None
    hours = int((invite.expires_at - now).total_seconds() // 3600)
    return views.invite_link(lang, pressed.role, agency, link, hours)


def accept(update: Update, context: BotContext, unit: Unit, code: str) -> None:
    """/start <code>: the invite's role for the person who opened the link."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    session = unit.session
    account = viewer_of(session, update, context)
    try:
        invite = accept_invite(
            session, code=code, account=account, display_name=user.full_name, now=context.now()
        )
    except InviteError as exc:
        unit.send(chat.id, t(account.language, exc.key))
        return
    agency = session.get(Agency, invite.agency_id) if invite.agency_id else None
    _publish_menu(unit, context, account)
    unit.send(
        chat.id,
        t(
            account.language,
            "admin.welcome",
            role=msg(f"role.{account.role}"),
            agency=f" ({agency.name})" if agency else "",
        ),
    )
