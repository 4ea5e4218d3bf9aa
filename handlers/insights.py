"""Patterns across cases in Telegram: /cari (search), /perekrut (recruiters), /statistik.

Each command and button checks the person's role on the server, every time. In a group chat
NIK and phone numbers are masked; the recruiter export always goes to the presser's private
chat.

Search pages: the button carries the page and a short hash of the query (`s:<page>:<hash>`);
the query itself is read back from the first line of the message the button belongs to
("🔎 <query>") and must match the hash. Nothing is kept in memory, so paging survives a
restart, and a button cannot be used to run a search its message does not show.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest

from handlers.context import BotContext, viewer_of
from handlers.render import menu_markup
from models.cases.recruiters import EMPLOYER, RECRUITER, RankedRecruiter, ranking
from models.cases.search import CaseHit, SearchPage, clean_query, may_search, search
from models.insights.recruiter_export import recruiter_cases
from models.insights.stats import compute
from models.outbox.queue import enqueue
from models.people.access import can_see_identity, is_staff
from models.reference import regions
from models.reference.periods import BadRange, parse_range
from models.reference.validation import mask_nik, mask_phone
from models.storage.tables import Account
from models.texts import msg
from views.case_buttons import Action, case_data
from views.recruiter_export import recruiter_workbook
from views.stats import report
from views.text import Raw, plain, render, t

logger = logging.getLogger(__name__)

SEARCH_PREFIX = "s"
EXPORT_PREFIX = "rx"
SEARCH_MARK = "🔎 "
PAGE_SIZE = 8
RANKING_ROWS = 15
EXPORT_BUTTONS = 5


@dataclass(frozen=True)
class View:
    text: str
    markup: InlineKeyboardMarkup | None


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


def query_hash(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()[:16]


def search_data(page: int, query: str) -> str:
    return f"{SEARCH_PREFIX}:{page}:{query_hash(query)}"


def _hit_text(hit: CaseHit, lang: str, *, full_identity: bool, context: BotContext) -> str:
    person = hit.person
    nik = phone = "-"
    if person is not None and person.nik:
        nik = person.nik if full_identity else mask_nik(person.nik)
    if person is not None and person.phone:
        phone = person.phone if full_identity else mask_phone(person.phone)
    region = regions.get(hit.origin_regency_code or hit.origin_province_code or "")
    others = max(hit.people, hit.group_size) - 1
    text = t(
        lang,
        "search.hit",
        number=hit.number,
        status=msg(f"status.{hit.status}"),
        date=hit.created_at.astimezone(context.config.tz).strftime("%d-%m-%Y"),
        name=person.full_name if person is not None else msg("search.no_person"),
        more=msg("search.more", count=others) if others > 0 else "",
        origin=region.short_name if region is not None else msg("stats.unknown_origin"),
    )
    if nik != "-" or phone != "-":
        text += t(lang, "search.identity", nik=nik, phone=phone)
    return text


def results_view(
    result: SearchPage, query: str, lang: str, *, full_identity: bool, context: BotContext
) -> View:
    if not result.total:
        return View(t(lang, "search.none", query=query), None)
    header = t(
        lang,
        "search.header",
        query=query,
        total=result.total,
        page=result.page + 1,
        pages=result.pages,
    )
    first = result.page * PAGE_SIZE
    lines = [
        f"{first + n}. " + _hit_text(hit, lang, full_identity=full_identity, context=context)
        for n, hit in enumerate(result.hits, start=1)
    ]
    buttons = [
        InlineKeyboardButton(f"📂 {hit.number}", callback_data=case_data(hit.case_id, Action.OPEN))
        for hit in result.hits
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    nav = []
    if result.page > 0:
        nav.append(
            InlineKeyboardButton(
                t(lang, "btn.search_prev"), callback_data=search_data(result.page - 1, query)
            )
        )
    if result.page < result.pages - 1:
        nav.append(
            InlineKeyboardButton(
                t(lang, "btn.search_next"), callback_data=search_data(result.page + 1, query)
            )
        )
    if nav:
        rows.append(nav)
    return View("\n\n".join([header, *lines]), InlineKeyboardMarkup(rows))


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
        context=context,
    )
    await context.bot.send_message(chat.id, view.text, reply_markup=view.markup)


def _query_of_message(text: str | None, wanted_hash: str) -> str | None:
    first_line = (text or "").split("\n", 1)[0]
    if not first_line.startswith(SEARCH_MARK):
        return None
    query = clean_query(first_line.removeprefix(SEARCH_MARK))
    return query if query and query_hash(query) == wanted_hash else None


async def search_page_tapped(update: Update, context: BotContext) -> None:
    """`s:<page>:<hash>`: another page of the search shown in this message."""
    query = update.callback_query
    assert query is not None
    account, private = _viewer(update, context)
    lang = account.language
    if not may_search(account):
        await query.answer(t(lang, "insights.not_allowed"), show_alert=True)
        return
    parts = (query.data or "").split(":")
    # A message too old for the bot to read can no longer be paged: it says so.
    text = query.message.text if isinstance(query.message, Message) else None
    wanted = _query_of_message(text, parts[2]) if len(parts) == 3 and parts[1].isdigit() else None
    if wanted is None:
        await query.answer(t(lang, "search.expired"), show_alert=True)
        return
    with context.db.session() as session:
        result = search(session, account, wanted, page=int(parts[1]), page_size=PAGE_SIZE)
    view = results_view(
        result,
        wanted,
        lang,
        full_identity=can_see_identity(account, private_chat=private),
        context=context,
    )
    await query.answer()
    try:
        await query.edit_message_text(view.text, reply_markup=view.markup)
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            raise


# --- /perekrut -----------------------------------------------------------------------------


def _ranking_lines(rows: list[RankedRecruiter], lang: str, *, full_identity: bool) -> list[str]:
    lines = []
    for rank, r in enumerate(rows[:RANKING_ROWS], start=1):
        phone = ""
        if r.phone:
            shown = r.phone if full_identity else mask_phone(r.phone)
            phone = t(lang, "rec.ranking.phone", phone=shown)
        line = t(lang, "rec.ranking.row", rank=rank, name=r.name, phone=Raw(phone),
                 people=r.people, cases=r.cases)  # fmt: skip
        if r.aliases:
            line += t(lang, "rec.ranking.aliases", aliases=", ".join(r.aliases))
        lines.append(line)
    if len(rows) > RANKING_ROWS:
        lines.append(t(lang, "rec.ranking.more", count=len(rows) - RANKING_ROWS))
    return lines or [t(lang, "rec.ranking.empty")]


def export_data(recruiter_id: int | None) -> str:
    return f"{EXPORT_PREFIX}:{'all' if recruiter_id is None else recruiter_id}"


def ranking_view(rows: list[RankedRecruiter], lang: str, *, full_identity: bool) -> View:
    recruiters = [r for r in rows if r.kind == RECRUITER]
    employers = [r for r in rows if r.kind == EMPLOYER]
    text = "\n\n".join(
        [
            t(lang, "rec.ranking.header"),
            "\n".join([t(lang, "rec.ranking.recruiters"),
                       *_ranking_lines(recruiters, lang, full_identity=full_identity)]),
            "\n".join([t(lang, "rec.ranking.employers"),
                       *_ranking_lines(employers, lang, full_identity=full_identity)]),
        ]
    )  # fmt: skip
    if not rows:
        return View(text, None)
    buttons = [
        [InlineKeyboardButton(t(lang, "btn.rec_export_all"), callback_data=export_data(None))]
    ]
    for rank, r in enumerate(recruiters[:EXPORT_BUTTONS], start=1):
        label = plain(lang, msg("btn.rec_export_one", rank=rank, name=r.name))[:64]
        buttons.append([InlineKeyboardButton(label, callback_data=export_data(r.recruiter_id))])
    return View(text, InlineKeyboardMarkup(buttons))


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
    await context.bot.send_message(chat.id, view.text, reply_markup=view.markup)


async def export_tapped(update: Update, context: BotContext) -> None:
    """`rx:<recruiter id|all>`: the spreadsheet of cases naming it, to the presser's private
    chat (through the outbox), recorded as an access on every exported case."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    account, _ = _viewer(update, context)
    lang = account.language
    target = (query.data or "").removeprefix(f"{EXPORT_PREFIX}:")
    if not is_staff(account) or not (target == "all" or target.isdigit()):
        await query.answer(t(lang, "insights.not_allowed"), show_alert=True)
        return
    now = context.now()
    with context.db.session() as session:
        found = recruiter_cases(
            session, actor=account, recruiter_id=None if target == "all" else int(target), now=now
        )
        export = recruiter_workbook(found, lang=lang, tz=context.config.tz)
        if not export.cases:
            session.rollback()
            await query.answer(t(lang, "rec.export.none"), show_alert=True)
            return
        enqueue(
            session,
            key=f"export:{account.id}:{target}:{now.isoformat()}",
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
