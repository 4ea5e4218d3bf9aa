"""/digest, /langganan and /ekspor: the digest on demand, turning it off and on, exports.

Each checks the person's role itself, every time, and runs in its update's unit of work
(handlers/unit.py), in a worker thread, so drawing the digest's chart or building an export
keeps the event loop free. The export's summary and its two files are the update's replies,
committed with its access events and sent in order after the commit; the digest is queued
through the outbox as the daily one is (several messages, a chart and maybe a file), so a
restart loses none of them.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType

from handlers.context import BotContext, viewer_of
from handlers.unit import Unit, in_unit
from models.insights.export import export_cases
from models.people.access import is_staff
from models.reference.periods import BadRange, parse_range
from models.schedule.digest import Reader, send_now, set_subscription
from models.storage.tables import Account
from views import digest as digest_views
from views.exports import FORMATS, file_bytes, summary
from views.text import t

logger = logging.getLogger(__name__)


def _staff(update: Update, context: BotContext, unit: Unit) -> Account | None:
    """The person acting if they are staff; otherwise None, and they are told so."""
    chat = update.effective_chat
    assert chat is not None
    account = viewer_of(unit.session, update, context)
    if is_staff(account):
        return account
    unit.send(chat.id, t(account.language, "digest.staff_only"))
    return None


@in_unit
def digest(update: Update, context: BotContext, unit: Unit) -> None:
    """/digest: the digest now, to the staff member asking."""
    chat = update.effective_chat
    assert chat is not None
    account = _staff(update, context, unit)
    if account is None:
        return
    unit.send(chat.id, t(account.language, "digest.queued"))
    reader = Reader(chat.id, account.id, account.language, masked=chat.type != ChatType.PRIVATE)
    send_now(unit.session, context.now(), context.config.policy, views=digest_views, to=[reader])


@in_unit
def langganan(update: Update, context: BotContext, unit: Unit) -> None:
    """/langganan: turns the daily digest off, or on again."""
    chat = update.effective_chat
    assert chat is not None
    account = _staff(update, context, unit)
    if account is None:
        return
    enabled = not account.digest_enabled
    set_subscription(unit.session, account, enabled, context.now())
    if enabled:
        text = t(account.language, "sub.on", time=context.config.digest_time)
    else:
        text = t(account.language, "sub.off")
    unit.send(chat.id, text)


@in_unit
def ekspor(update: Update, context: BotContext, unit: Unit) -> None:
    """/ekspor [from] [to]: the cases reported in that range as XLSX and CSV (private only)."""
    chat = update.effective_chat
    assert chat is not None
    account = _staff(update, context, unit)
    if account is None:
        return
    lang = account.language
    if chat.type != ChatType.PRIVATE:
        unit.send(chat.id, t(lang, "ekspor.private_only"))
        return
    tz = context.config.tz
    now = context.now()
    today = now.astimezone(tz).date()
    try:
        start, end = parse_range(
            list(context.args or []), today=today, default_start=today.replace(day=1)
        )
    except BadRange:
        unit.send(chat.id, t(lang, "ekspor.bad_range"))
        return
    export = export_cases(
        unit.session,
        start=start,
        end=end,
        tz=tz,
        formats=FORMATS,
        actor_id=account.id,
        via="telegram",
        now=now,
    )
    # The summary, then the files, in that order.
    unit.send(chat.id, summary(export, lang))
    for filename, content in (file_bytes(export, fmt) for fmt in FORMATS):
        fmt = filename.rsplit(".", 1)[-1]
        unit.send_file(
            chat.id,
            "document",
            blob=content,
            filename=filename,
            caption=t(lang, f"ekspor.{fmt}_caption"),
            account_id=account.id,
        )
    logger.info("export %s..%s for account %s built", start, end, account.id)
