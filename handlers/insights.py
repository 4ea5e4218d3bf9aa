"""Patterns across cases in Telegram: /cari (search), /perekrut (recruiters), /statistik.

Each command and button checks the person's role on the server, every time. In a group chat
NIK and phone numbers are masked; the recruiter export always goes to the presser's private
chat. What people read is laid out by views/search.py, views/recruiters.py and views/stats.py.
"""

from __future__ import annotations

import logging
from datetime import date

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest

from handlers.context import BotContext, viewer_of
from handlers.render import inline_markup, menu_markup
from models.cases.recruiters import ranking
from models.cases.search import clean_query, may_search, search
from models.insights.recruiter_export import recruiter_cases
from models.insights.stats import compute
from models.outbox.queue import enqueue
from models.people.access import can_see_identity, is_staff
from models.reference.periods import BadRange, parse_range
from models.storage.tables import Account
from views.case_buttons import Buttons
from views.recruiter_export import recruiter_workbook
from views.recruiters import export_data, parse_export_data, ranking_view
from views.search import PAGE_SIZE, parse_search_data, results_view
from views.stats import report
from views.text import render, t

logger = logging.getLogger(__name__)


def _markup(buttons: Buttons) -> InlineKeyboardMarkup | None:
    return inline_markup(buttons) if buttons else None


def _viewer(update: Update, context: BotContext) -> tuple[Account, bool]:
    """The person acting (committed) and whether this is their private chat."""
    chat = update.effective_chat
    assert chat is not None
    with context.db.session() as session:
        account = viewer_of(session, update, context)
        session.commit()
    return account, chat.type == ChatType.PRIVATE


async def _refuse(update: Update, context: BotContext, account: Account, private: bool) -> None:
    """A polite no; in a private chat with the usual menu."""
    chat = update.effective_chat
    assert chat is not None
    lang = account.language
    await context.bot.send_message(
        chat.id,
        t(lang, "insights.not_allowed"),
        reply_markup=menu_markup(lang) if private else None,
    )


# --- /cari ---------------------------------------------------------------------------------


async def cari(update: Update, context: BotContext) -> None:
    """/cari <teks>: the first page of matching cases the person may see."""
    chat = update.effective_chat
    assert chat is not None
    account, private = _viewer(update, context)
    if not may_search(account):
        await _refuse(update, context, account, private)
        return
    lang = account.language
    query = clean_query(" ".join(context.args or []))
    if not query:
        await context.bot.send_message(chat.id, t(lang, "search.usage"))
        return
    with context.db.session() as session:
        result = search(session, account, query, page=0, page_size=PAGE_SIZE)
    view = results_view(
        result,
        query,
        lang,
        full_identity=can_see_identity(account, private_chat=private),
        tz=context.config.tz,
    )
    await context.bot.send_message(chat.id, view.text, reply_markup=_markup(view.buttons))


async def search_page_tapped(update: Update, context: BotContext) -> None:
    """`s:<page>:<hash>`: another page of the search shown in this message."""
    query = update.callback_query
    assert query is not None
    account, private = _viewer(update, context)
    lang = account.language
    if not may_search(account):
        await query.answer(t(lang, "insights.not_allowed"), show_alert=True)
        return
    # A message too old for the bot to read can no longer be paged: it says so.
    text = query.message.text if isinstance(query.message, Message) else None
    wanted = parse_search_data(query.data, text)
    if wanted is None:
        await query.answer(t(lang, "search.expired"), show_alert=True)
        return
    page, words = wanted
    with context.db.session() as session:
        result = search(session, account, words, page=page, page_size=PAGE_SIZE)
    view = results_view(
        result,
        words,
        lang,
        full_identity=can_see_identity(account, private_chat=private),
        tz=context.config.tz,
    )
    await query.answer()
    try:
        await query.edit_message_text(view.text, reply_markup=_markup(view.buttons))
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            raise


# --- /perekrut -----------------------------------------------------------------------------


async def perekrut(update: Update, context: BotContext) -> None:
    """/perekrut: recruiters and employers by people affected, with export buttons."""
    chat = update.effective_chat
    assert chat is not None
    account, private = _viewer(update, context)
    if not is_staff(account):
        await _refuse(update, context, account, private)
        return
    with context.db.session() as session:
        rows = ranking(session)
    view = ranking_view(
        rows, account.language, full_identity=can_see_identity(account, private_chat=private)
    )
    await context.bot.send_message(chat.id, view.text, reply_markup=_markup(view.buttons))


async def export_tapped(update: Update, context: BotContext) -> None:
    """`rx:<recruiter id|all>`: the spreadsheet of cases naming it, to the presser's private
    chat (through the outbox), recorded as an access on every exported case."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    account, _ = _viewer(update, context)
    lang = account.language
    target = parse_export_data(query.data)
    if not is_staff(account) or target is None:
        await query.answer(t(lang, "insights.not_allowed"), show_alert=True)
        return
    now = context.now()
    with context.db.session() as session:
        found = recruiter_cases(session, actor=account, recruiter_id=target.recruiter_id, now=now)
        export = recruiter_workbook(found, lang=lang, tz=context.config.tz)
        if not export.cases:
            session.rollback()
            await query.answer(t(lang, "rec.export.none"), show_alert=True)
            return
        enqueue(
            session,
            key=f"export:{account.id}:{export_data(target.recruiter_id)}:{now.isoformat()}",
            chat_id=user.id,
            account_id=account.id,
            text=t(lang, "rec.export.caption", cases=export.cases),
            kind="document",
            filename=export.filename,
            blob=export.content,
            now=now,
        )
        session.commit()
    logger.info("recruiter export of %d cases by account %s", export.cases, account.id)
    context.kick_outbox()
    await query.answer(t(lang, "rec.export.sent"))


# --- /statistik ----------------------------------------------------------------------------


async def statistik(update: Update, context: BotContext) -> None:
    """/statistik [from] [to]: the office's figures for cases reported in the range."""
    chat = update.effective_chat
    assert chat is not None
    account, private = _viewer(update, context)
    if not is_staff(account):
        await _refuse(update, context, account, private)
        return
    lang, tz = account.language, context.config.tz
    today = context.now().astimezone(tz).date()
    try:
        start, end = parse_range(
            list(context.args or []), today=today, default_start=date(today.year, 1, 1)
        )
    except BadRange as exc:
        await context.bot.send_message(chat.id, t(lang, exc.key))
        return
    with context.db.session() as session:
        stats = compute(session, start=start, end=end, tz=tz)
    await context.bot.send_message(chat.id, render(lang, report(stats)))
