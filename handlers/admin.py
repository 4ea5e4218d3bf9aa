"""Admins: /undang (one-time invite links for a role), /petugas (the team, role changes,
deactivation), and accepting an invite through /start <code>."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlmodel import Session
from telegram import Update
from telegram.error import BadRequest

from handlers.cases import Buttons, markup
from handlers.commands import publish_for
from handlers.context import BotContext, viewer_of
from models.people.access import is_admin
from models.people.staff import (
    INVITABLE,
    InviteError,
    accept_invite,
    agencies,
    create_invite,
    set_active,
    set_role,
    team,
)
from models.storage.tables import Account, Agency, Role
from models.texts import msg
from views.text import t

logger = logging.getLogger(__name__)

PREFIX = "a"


def _role_label(lang: str, role: str) -> str:
    return t(lang, f"role.{role}")


async def undang(update: Update, context: BotContext) -> None:
    """/undang: choose the role of the person to invite."""
    chat = update.effective_chat
    assert chat is not None
    with context.db.session() as session:
        admin = viewer_of(session, update, context)
        session.commit()
    lang = admin.language
    if not is_admin(admin):
        await context.bot.send_message(chat.id, t(lang, "admin.not_allowed"))
        return
    buttons: Buttons = [[(_role_label(lang, r), f"{PREFIX}:inv:{r}")] for r in INVITABLE]
    await context.bot.send_message(
        chat.id, t(lang, "admin.invite_role"), reply_markup=markup(buttons)
    )


async def petugas(update: Update, context: BotContext) -> None:
    """/petugas: everyone with a role; a button per person to change it."""
    chat = update.effective_chat
    assert chat is not None
    with context.db.session() as session:
        admin = viewer_of(session, update, context)
        session.commit()
        if not is_admin(admin):
            await context.bot.send_message(chat.id, t(admin.language, "admin.not_allowed"))
            return
        text, buttons = _team_view(session, admin.language)
    await context.bot.send_message(chat.id, text, reply_markup=markup(buttons))


def _team_view(session: Session, lang: str) -> tuple[str, Buttons]:
    lines = [t(lang, "admin.team_header")]
    buttons: Buttons = []
    for account, agency in team(session):
        lines.append(
            t(
                lang,
                "admin.team_line",
                name=account.display_name or f"#{account.id}",
                role=msg(f"role.{account.role}"),
                agency=f" · {agency.name}" if agency else "",
                inactive=msg("admin.inactive") if not account.active else "",
            )
        )
        label = f"{account.display_name or '#' + str(account.id)}"[:50]
        buttons.append([(label, f"{PREFIX}:m:{account.id}")])
    return "\n".join(lines), buttons


async def admin_button(update: Update, context: BotContext) -> None:
    """`a:...` buttons, authorised as admin on every press."""
    query = update.callback_query
    assert query is not None
    parts = (query.data or "").split(":")
    now = context.now()
    with context.db.session() as session:
        admin = viewer_of(session, update, context)
        lang = admin.language
        if not is_admin(admin):
            session.commit()
            await query.answer(t(lang, "admin.not_allowed"), show_alert=True)
            return
        changed: Account | None = None
        try:
            text, buttons, changed = _admin_action(session, admin, parts[1:], lang, now, context)
        except (InviteError, ValueError, IndexError) as exc:
            session.rollback()
            key = exc.key if isinstance(exc, InviteError) else "admin.not_allowed"
            await query.answer(t(lang, key), show_alert=True)
            return
        session.commit()
    await query.answer()
    if changed is not None:
        await publish_for(context.application, changed)
    try:
        await query.edit_message_text(text, reply_markup=markup(buttons))
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            raise


def _admin_action(
    session: Session,
    admin: Account,
    parts: list[str],
    lang: str,
    now: datetime,
    context: BotContext,
) -> tuple[str, Buttons, Account | None]:
    kind = parts[0]
    if kind == "inv":
        role = Role(parts[1])
        if role == Role.PARTNER and len(parts) < 3:
            buttons = [[(a.name[:60], f"{PREFIX}:inv:partner:{a.id}")] for a in agencies(session)]
            return t(lang, "admin.invite_agency"), buttons, None
        agency_id = int(parts[2]) if len(parts) > 2 else None
        invite = create_invite(session, creator=admin, role=role, agency_id=agency_id, now=now)
        link = f"https://t.me/{context.bot.username}?start={invite.code}"
        agency = session.get(Agency, agency_id) if agency_id else None
        text = t(
            lang,
            "admin.invite_link",
            role=msg(f"role.{role}"),
            agency=f" ({agency.name})" if agency else "",
            link=link,
            hours=int((invite.expires_at - now).total_seconds() // 3600),
        )
        return text, [], None
    target = session.get(Account, int(parts[1]))
    if target is None:
        raise ValueError("unknown account")
    if kind == "m":
        return _member_view(target, lang)
    if kind == "r":
        role = Role(parts[2])
        agency_id = int(parts[3]) if len(parts) > 3 else None
        if role == Role.PARTNER and agency_id is None and target.agency_id is None:
            buttons = [
                [(a.name[:60], f"{PREFIX}:r:{target.id}:partner:{a.id}")] for a in agencies(session)
            ]
            return t(lang, "admin.invite_agency"), buttons, None
        set_role(session, admin=admin, account=target, role=role, agency_id=agency_id, now=now)
    elif kind == "act":
        set_active(session, admin=admin, account=target, active=parts[2] == "1", now=now)
    else:
        raise ValueError("unknown admin action")
    text, buttons = _team_view(session, lang)
    return t(lang, "admin.saved") + "\n\n" + text, buttons, target


def _member_view(target: Account, lang: str) -> tuple[str, Buttons, None]:
    buttons: Buttons = [
        [(("• " if target.role == r else "") + _role_label(lang, r), f"{PREFIX}:r:{target.id}:{r}")]
        for r in (Role.STAFF, Role.OFFICER, Role.PARTNER, Role.ADMIN, Role.REPORTER)
    ]
    toggle = "0" if target.active else "1"
    key = "admin.deactivate" if target.active else "admin.activate"
    buttons.append([(t(lang, key), f"{PREFIX}:act:{target.id}:{toggle}")])
    text = t(
        lang,
        "admin.member",
        name=target.display_name or f"#{target.id}",
        role=msg(f"role.{target.role}"),
    )
    return text, buttons, None


async def accept(update: Update, context: BotContext, code: str) -> None:
    """/start <code>: the invite's role for the person who opened the link."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    with context.db.session() as session:
        account = viewer_of(session, update, context)
        try:
            invite = accept_invite(
                session, code=code, account=account, display_name=user.full_name, now=context.now()
            )
        except InviteError as exc:
            session.rollback()
            await context.bot.send_message(chat.id, t(account.language, exc.key))
            return
        agency = session.get(Agency, invite.agency_id) if invite.agency_id else None
        session.commit()
    lang = account.language
    await publish_for(context.application, account)
    await context.bot.send_message(
        chat.id,
        t(
            lang,
            "admin.welcome",
            role=msg(f"role.{account.role}"),
            agency=f" ({agency.name})" if agency else "",
        ),
    )
