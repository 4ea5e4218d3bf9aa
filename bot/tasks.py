"""Command-line tasks: `python -m bot digest [--now]`, `python -m bot export ...` and
`python -m bot audit ...`.

They work beside a running bot: the digest is queued in the outbox and this process sends
what is due itself (claims are exclusive, so the bot and this process never send the same
message twice).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.config import Settings
from bot.scheduler import policy_for
from bot.sender import OutboxSender, sender_bot
from models.audit import log as audit
from models.insights.export import export_cases
from models.reference.periods import day_bounds
from models.schedule.digest import run_daily, send_now
from models.storage.db import Database, utcnow
from models.storage.migrate import upgrade
from views import digest as digest_views
from views import privacy as privacy_views
from views.exports import file_bytes


async def digest(settings: Settings, *, now_flag: bool) -> str:
    """Queues the digest (now, or today's if it is due and not sent) and sends the outbox."""
    settings.require_token()
    db = Database.from_url(settings.database_url, settings.data_crypto())
    try:
        upgrade(db.engine)
        policy = policy_for(settings)
        moment = utcnow()
        with db.session() as session:
            if now_flag:
                queued = send_now(session, moment, policy, views=digest_views)
            else:
                due = run_daily(session, moment, policy, views=digest_views, on_schedule=True)
                queued = 1 if due else 0
        if not queued:
            return "no digest due (today's was sent already, or its time has not come)"
        async with sender_bot(settings) as bot:
            sender = OutboxSender(bot, db, utcnow, staff_chat_id=settings.staff_chat_id)
            sent = await sender.drain()
        return f"digest queued; {sent} message(s) sent"
    finally:
        db.dispose()


def export(settings: Settings, *, start: date, end: date, fmt: str, output: Path) -> str:
    """Writes the export file and records the access on every case in it."""
    db = Database.from_url(settings.database_url, settings.data_crypto())
    try:
        upgrade(db.engine)
        with db.session() as session:
            result = export_cases(
                session,
                start=start,
                end=end,
                tz=settings.tz,
                formats=(fmt,),
                actor_id=None,
                via="cli",
                now=utcnow(),
            )
            (_, content) = file_bytes(result, fmt)
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_bytes(content)
            session.commit()
        return (
            f"{output}: {result.counted.cases} cases, {result.counted.people} people "
            f"({start:%Y-%m-%d} to {end:%Y-%m-%d}, {fmt})"
        )
    finally:
        db.dispose()


def audit_csv(settings: Settings, *, start: date, end: date) -> str:
    """The audit log of the local days `start` to `end` (both included), oldest first, as CSV."""
    db = Database.from_url(settings.database_url)
    try:
        upgrade(db.engine)
        since, until = day_bounds(start, end, settings.tz)
        with db.session() as session:
            lines = audit.query(
                session, audit.AuditFilter(since=since, until=until), limit=None,
                newest_first=False,
            )  # fmt: skip
        return privacy_views.audit_csv(lines)
    finally:
        db.dispose()
