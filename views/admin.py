"""What admins read and press: /undang (invite a role), /petugas (the team, a member's role and
whether they are active), and the callback data of those buttons.

`a:inv:<role>[:<agency id>]`, `a:m:<account id>`, `a:r:<account id>:<role>[:<agency id>]`,
`a:off:<account id>` (asks to confirm a deactivation), `a:act:<account id>:<0|1>`. Parsed into
a typed value with bounds before anything touches the database; the button carries no
permission (handlers/admin.py checks the admin every time).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from models.people.staff import INVITABLE, TeamMember
from models.storage.tables import Agency, Role
from models.texts import msg
from views.case_buttons import Buttons, View, bounded_number
from views.text import t

LABEL_MAX = 60
MEMBER_LABEL_MAX = 50
# The roles a member can be given, in the order offered.
ROLE_CHOICES = (Role.STAFF, Role.OFFICER, Role.PARTNER, Role.ADMIN, Role.REPORTER)


@dataclass(frozen=True)
class InviteAs:
    role: Role
    agency_id: int | None = None


@dataclass(frozen=True)
class ShowMember:
    account_id: int


@dataclass(frozen=True)
class GiveRole:
    account_id: int
    role: Role
    agency_id: int | None = None


@dataclass(frozen=True)
class AskDeactivate:
    account_id: int


@dataclass(frozen=True)
class SetActive:
    account_id: int
    active: bool


AdminCallback = InviteAs | ShowMember | GiveRole | AskDeactivate | SetActive

_ROLE = "|".join(r.value for r in Role)
_ID = r"([0-9]{1,10})"
_SHAPES = {
    "inv": re.compile(rf"a:inv:({_ROLE})(?::{_ID})?", re.ASCII),
    "m": re.compile(rf"a:m:{_ID}", re.ASCII),
    "r": re.compile(rf"a:r:{_ID}:({_ROLE})(?::{_ID})?", re.ASCII),
    "off": re.compile(rf"a:off:{_ID}", re.ASCII),
    "act": re.compile(rf"a:act:{_ID}:([01])", re.ASCII),
}


class _Malformed(Exception):
    pass


def _number(text: str) -> int:
    value = bounded_number(text)
    if value is None:
        raise _Malformed
    return value


def _optional(text: str | None) -> int | None:
    return None if text is None else _number(text)


def parse_admin_data(data: str | None) -> AdminCallback | None:
    """The admin action a button asks for, or None when the data is malformed."""
    for kind, shape in _SHAPES.items():
        match = shape.fullmatch(data or "")
        if match is not None:
            try:
                return _callback(kind, match.groups())
            except _Malformed:
                return None
    return None


def _callback(kind: str, groups: tuple[str, ...]) -> AdminCallback:
    if kind == "inv":
        return InviteAs(Role(groups[0]), _optional(groups[1]))
    if kind == "m":
        return ShowMember(_number(groups[0]))
    if kind == "r":
        return GiveRole(_number(groups[0]), Role(groups[1]), _optional(groups[2]))
    if kind == "off":
        return AskDeactivate(_number(groups[0]))
    return SetActive(_number(groups[0]), groups[1] == "1")


def invite_data(role: Role, agency_id: int | None = None) -> str:
    return f"a:inv:{role}" + (f":{agency_id}" if agency_id is not None else "")


def member_data(account_id: int) -> str:
    return f"a:m:{account_id}"


def role_data(account_id: int, role: Role, agency_id: int | None = None) -> str:
    return f"a:r:{account_id}:{role}" + (f":{agency_id}" if agency_id is not None else "")


def active_data(account_id: int, active: bool) -> str:
    return f"a:act:{account_id}:{'1' if active else '0'}"


def ask_deactivate_data(account_id: int) -> str:
    return f"a:off:{account_id}"


def role_label(lang: str, role: str) -> str:
    return t(lang, f"role.{role}")


def invite_roles(lang: str) -> View:
    """/undang: which role the invited person gets."""
    buttons: Buttons = [[(role_label(lang, r), invite_data(r))] for r in INVITABLE]
    return View(t(lang, "admin.invite_role"), buttons)


def agency_choice(lang: str, agencies: list[Agency], data_for: Callable[[int], str]) -> View:
    """Which agency a partner belongs to; `data_for` gives an agency's button its data."""
    buttons: Buttons = [
        [(a.name[:LABEL_MAX], data_for(a.id))] for a in agencies if a.id is not None
    ]
    return View(t(lang, "admin.invite_agency"), buttons)


def invite_link(lang: str, role: Role, agency: Agency | None, link: str, hours: int) -> View:
    text = t(
        lang,
        "admin.invite_link",
        role=msg(f"role.{role}"),
        agency=f" ({agency.name})" if agency else "",
        link=link,
        hours=hours,
    )
    return View(text, [])


def team_view(lang: str, members: list[TeamMember], saved: bool = False) -> View:
    """/petugas: everyone with a role, a button per person to change it."""
    lines = [t(lang, "admin.team_header")]
    buttons: Buttons = []
    for member in members:
        lines.append(
            t(
                lang,
                "admin.team_line",
                name=member.name,
                role=msg(f"role.{member.role}"),
                agency=f" · {member.agency}" if member.agency else "",
                inactive=msg("admin.inactive") if not member.active else "",
            )
        )
        buttons.append([(member.name[:MEMBER_LABEL_MAX], member_data(member.account_id))])
    text = "\n".join(lines)
    if saved:
        text = t(lang, "admin.saved") + "\n\n" + text
    return View(text, buttons)


def member_view(
    lang: str, account_id: int, name: str, role: str, active: bool, *, own: bool = False
) -> View:
    """One member: a button per role (theirs marked) and one to (de)activate them; on the
    admin's own entry neither (the staff rules refuse both)."""
    if own:
        text = t(lang, "admin.member_self", name=name, role=msg(f"role.{role}"))
        return View(text, [])
    buttons: Buttons = [
        [(("• " if role == r else "") + role_label(lang, r), role_data(account_id, r))]
        for r in ROLE_CHOICES
    ]
    if active:  # a deactivation is confirmed first (views.confirm_deactivate)
        buttons.append([(t(lang, "admin.deactivate"), ask_deactivate_data(account_id))])
    else:
        buttons.append([(t(lang, "admin.activate"), active_data(account_id, True))])
    text = t(lang, "admin.member", name=name, role=msg(f"role.{role}"))
    return View(text, buttons)


def confirm_deactivate(lang: str, account_id: int, name: str) -> View:
    """Asks once more before a member loses access: "Ya, nonaktifkan" or "Batal"."""
    buttons: Buttons = [
        [
            (t(lang, "admin.deactivate_yes"), active_data(account_id, False)),
            (t(lang, "admin.deactivate_no"), member_data(account_id)),
        ]
    ]
    return View(t(lang, "admin.deactivate_ask", name=name), buttons)
