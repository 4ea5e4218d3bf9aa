"""/digest, /langganan and /ekspor: the digest on demand, turning it off and on, exports.

Each checks the person's role itself, every time. What they produce goes out through the
outbox (a digest is several messages, a chart and maybe a file; an export two files), so a
person's messages arrive in order and a restart loses none of them.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from sqlmodel import Session
from telegram import Update
from telegram.constants import ChatType

from handlers.context import BotContext, viewer_of
from models.insights.export import Export, export_cases
from models.outbox.queue import enqueue
from models.people.access import is_staff
from models.reference.periods import BadRange, parse_range
from models.schedule.digest import Reader, send_now, set_subscription
from models.storage.tables import Account
from views import digest as digest_views
from views.exports import FORMATS, file_bytes, summary
from views.text import t

logger = logging.getLogger(__name__)


def _account(update: Update, context: BotContext) -> Account:
    with context.db.session() as session:
        account = viewer_of(session, update, context)
        session.commit()
    return account


async def _refuse_unless_staff(update: Update, context: BotContext, account: Account) -> bool:
    if is_staff(account):
        return False
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, t(account.language, "digest.staff_only"))
    return True


async def digest(update: Update, context: BotContext) -> None:
    """/digest: the digest now, to the staff member asking."""
    chat = update.effective_chat
    assert chat is not None
    account = _account(update, context)
    if await _refuse_unless_staff(update, context, account):
        return
    await context.bot.send_message(chat.id, t(account.language, "digest.queued"))
    reader = Reader(chat.id, account.id, account.language, masked=chat.type != ChatType.PRIVATE)
    policy = context.config.policy
    now = context.now()

    def queue() -> int:
        with context.db.session() as session:
            return send_now(session, now, policy, views=digest_views, to=[reader])

    # Drawing the chart takes a moment: not in the event loop.
    await asyncio.to_thread(queue)
    context.kick_outbox()


async def langganan(update: Update, context: BotContext) -> None:
    """/langganan: turns the daily digest off, or on again."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    account = _account(update, context)
    if await _refuse_unless_staff(update, context, account):
        return
    with context.db.session() as session:
        fresh = session.get(Account, account.id)
        assert fresh is not None
        enabled = not fresh.digest_enabled
        set_subscription(session, fresh, enabled, context.now())
        session.commit()
    if enabled:
        text = t(account.language, "sub.on", time=context.config.digest_time)
    else:
        text = t(account.language, "sub.off")
    await context.bot.send_message(chat.id, text)


async def ekspor(update: Update, context: BotContext) -> None:
    """/ekspor [from] [to]: the cases reported in that range as XLSX and CSV (private only)."""
    chat = update.effective_chat
    assert chat is not None
    account = _account(update, context)
    if await _refuse_unless_staff(update, context, account):
        return
    lang = account.language
    if chat.type != ChatType.PRIVATE:
        await context.bot.send_message(chat.id, t(lang, "ekspor.private_only"))
        return
    tz = context.config.tz
    now = context.now()
    today = now.astimezone(tz).date()
    try:
        start, end = parse_range(
            list(context.args or []), today=today, default_start=today.replace(day=1)
        )
    except BadRange:
        await context.bot.send_message(chat.id, t(lang, "ekspor.bad_range"))
        return

    def build() -> None:
        with context.db.session() as session:
            export = export_cases(
                session,
                start=start,
                end=end,
                tz=tz,
                formats=FORMATS,
                actor_id=account.id,
                via="telegram",
                now=now,
            )
            files = [file_bytes(export, fmt) for fmt in FORMATS]
            _queue_files(session, chat.id, account, export, files, now)
            session.commit()

    await asyncio.to_thread(build)
    context.kick_outbox()
    logger.info("export %s..%s for account %s queued", start, end, account.id)


def _queue_files(
    session: Session,
    chat_id: int,
    account: Account,
    export: Export,
    files: list[tuple[str, bytes]],
    now: datetime,
) -> None:
    """The summary, then the files, in that order (asked for now: no quiet hours)."""
    lang = account.language
    key = f"export:{account.id}:{now.timestamp():.0f}"
    enqueue(
        session,
        key=f"{key}:summary",
        chat_id=chat_id,
        account_id=account.id,
        text=summary(export, lang),
        urgent=True,
        now=now,
    )
    for filename, content in files:
        fmt = filename.rsplit(".", 1)[-1]
        enqueue(
            session,
            key=f"{key}:{fmt}",
            chat_id=chat_id,
            account_id=account.id,
            kind="document",
            filename=filename,
            blob=content,
            text=t(lang, f"ekspor.{fmt}_caption"),
            urgent=True,
            now=now,
        )
