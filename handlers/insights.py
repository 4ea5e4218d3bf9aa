"""Patterns across cases in Telegram: /cari (search), /perekrut (recruiters), /statistik.

Each command and button checks the person's role on the server, every time. In a group chat
NIK and phone numbers are masked; the recruiter export always goes to the presser's private
chat. What people read is laid out by views/search.py, views/recruiters.py and views/stats.py.
Each runs in its update's unit of work (handlers/unit.py): what it says goes out after the
commit, the export's access events and its file together.
"""

from __future__ import annotations

import logging
from datetime import date

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType

from handlers.context import BotContext, viewer_of
from handlers.render import inline_markup, menu_markup
from handlers.unit import Unit, in_unit
from models.audit import log as audit
from models.cases.recruiters import ranking
from models.cases.search import SearchPage, clean_query, may_search, search
from models.insights.recruiter_export import recruiter_cases
from models.insights.stats import compute
from models.people.access import can_see_identity, is_staff
from models.reference.periods import BadRange, parse_range
from models.storage.tables import Account
from views.case_buttons import Buttons
from views.recruiter_export import recruiter_workbook
from views.recruiters import parse_export_data, ranking_view
from views.search import PAGE_SIZE, parse_search_data, results_view
from views.stats import report
from views.text import render, t

logger = logging.getLogger(__name__)


def _markup(buttons: Buttons) -> InlineKeyboardMarkup | None:
    return inline_markup(buttons) if buttons else None


def _viewer(update: Update, context: BotContext, unit: Unit) -> tuple[Account, bool]:
    """The person acting and whether this is their private chat."""
    chat = update.effective_chat
    assert chat is not None
    return viewer_of(unit.session, update, context), chat.type == ChatType.PRIVATE


def _refuse(unit: Unit, chat_id: int, account: Account, private: bool) -> None:
    """A polite no; in a private chat with the usual menu."""
    lang = account.language
    unit.send(
        chat_id,
        t(lang, "insights.not_allowed"),
        reply_markup=menu_markup(lang) if private else None,
    )


# --- /cari ---------------------------------------------------------------------------------


def _audit_shown(unit: Unit, account: Account, result: SearchPage) -> None:
    """Search results show cases: one audit entry for each case shown."""
    audit.record_cases(
        unit.session, [hit.case_id for hit in result.hits], actor_id=account.id,
        action="case.search", now=unit.now,
    )  # fmt: skip


@in_unit
def cari(update: Update, context: BotContext, unit: Unit) -> None:
    """/cari <teks>: the first page of matching cases the person may see."""
    chat = update.effective_chat
    assert chat is not None
    account, private = _viewer(update, context, unit)
    if not may_search(account):
        _refuse(unit, chat.id, account, private)
        return
    lang = account.language
    query = clean_query(" ".join(context.args or []))
    if not query:
        unit.send(chat.id, t(lang, "search.usage"))
        return
    result = search(unit.session, account, query, page=0, page_size=PAGE_SIZE)
    _audit_shown(unit, account, result)
    view = results_view(
        result,
        query,
        lang,
        full_identity=can_see_identity(account, private_chat=private),
        tz=context.config.tz,
    )
    unit.send(chat.id, view.text, reply_markup=_markup(view.buttons))


@in_unit
def search_page_tapped(update: Update, context: BotContext, unit: Unit) -> None:
    """`s:<page>:<hash>`: another page of the search shown in this message."""
    query = update.callback_query
    assert query is not None
    account, private = _viewer(update, context, unit)
    lang = account.language
    if not may_search(account):
        unit.answer(query.id, t(lang, "insights.not_allowed"), alert=True)
        return
    # A message too old for the bot to read can no longer be paged: it says so.
    message = query.message if isinstance(query.message, Message) else None
    wanted = parse_search_data(query.data, message.text if message is not None else None)
    if message is None or wanted is None:
        unit.answer(query.id, t(lang, "search.expired"), alert=True)
        return
    page, words = wanted
    result = search(unit.session, account, words, page=page, page_size=PAGE_SIZE)
    _audit_shown(unit, account, result)
    view = results_view(
        result,
        words,
        lang,
        full_identity=can_see_identity(account, private_chat=private),
        tz=context.config.tz,
    )
    unit.answer(query.id)
    unit.edit(message.chat.id, message.message_id, view.text, reply_markup=_markup(view.buttons))


# --- /perekrut -----------------------------------------------------------------------------


@in_unit
def perekrut(update: Update, context: BotContext, unit: Unit) -> None:
    """/perekrut: recruiters and employers by people affected, with export buttons."""
    chat = update.effective_chat
    assert chat is not None
    account, private = _viewer(update, context, unit)
    if not is_staff(account):
        _refuse(unit, chat.id, account, private)
        return
    view = ranking_view(
        ranking(unit.session),
        account.language,
        full_identity=can_see_identity(account, private_chat=private),
    )
    unit.send(chat.id, view.text, reply_markup=_markup(view.buttons))


@in_unit
def export_tapped(update: Update, context: BotContext, unit: Unit) -> None:
    """`rx:<recruiter id|all>`: the spreadsheet of cases naming it, to the presser's private
    chat, recorded as an access on every exported case."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    account, _ = _viewer(update, context, unit)
    lang = account.language
    target = parse_export_data(query.data)
    if not is_staff(account) or target is None:
        unit.answer(query.id, t(lang, "insights.not_allowed"), alert=True)
        return
    found = recruiter_cases(
        unit.session, actor=account, recruiter_id=target.recruiter_id, now=context.now()
    )
    # No case found: no access event was written either.
    export = recruiter_workbook(found, lang=lang, tz=context.config.tz)
    if not export.cases:
        unit.answer(query.id, t(lang, "rec.export.none"), alert=True)
        return
    unit.send_file(
        user.id,
        "document",
        blob=export.content,
        filename=export.filename,
        caption=t(lang, "rec.export.caption", cases=export.cases),
        account_id=account.id,
    )
    logger.info("recruiter export of %d cases by account %s", export.cases, account.id)
    unit.answer(query.id, t(lang, "rec.export.sent"))


# --- /statistik ----------------------------------------------------------------------------


@in_unit
def statistik(update: Update, context: BotContext, unit: Unit) -> None:
    """/statistik [from] [to]: the office's figures for cases reported in the range."""
    chat = update.effective_chat
    assert chat is not None
    account, private = _viewer(update, context, unit)
    if not is_staff(account):
        _refuse(unit, chat.id, account, private)
        return
    lang, tz = account.language, context.config.tz
    today = context.now().astimezone(tz).date()
    try:
        start, end = parse_range(
            list(context.args or []), today=today, default_start=date(today.year, 1, 1)
        )
    except BadRange as exc:
        unit.send(chat.id, t(lang, exc.key))
        return
    stats = compute(unit.session, start=start, end=end, tz=tz)
    unit.send(chat.id, render(lang, report(stats)))
