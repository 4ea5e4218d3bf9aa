"""Scheduled work: follow-up reminders, the daily digest, the weekly and monthly reports,
retention (closed cases erased after RETENTION_DAYS, old drafts deleted, erasure reminders).

APScheduler through PTB's JobQueue, in the bot's event loop, in the TIMEZONE zone. The jobs
hold no state: each run reloads everything from the database and decides from the clock what
is due (models/schedule: followups, digest, reports); what they queue goes out through the
outbox sender.

Misfire policy, explicitly: `misfire_grace_time=None` (a run that starts late still runs),
`coalesce=True` (runs missed while the loop was busy become one), `max_instances=1`. A restart
forgets APScheduler's in-memory schedule, so nothing depends on it remembering: the tick runs
at start and every FOLLOWUP_INTERVAL_MINUTES and finds whatever came due meanwhile (a digest
missed during downtime goes out once, marked late); the daily trigger at DIGEST_TIME only
makes the digest punctual. Two bot processes on one database both run the jobs, and the
outbox keys and `digest_run` rows make sure each message still goes out once.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from telegram.ext import Application

from bot.config import Settings
from handlers.context import BotContext
from models.outbox.queue import forget_delivered
from models.privacy.retention import Retention, run_retention
from models.schedule.departures import run_travel_reminders
from models.schedule.digest import run_daily
from models.schedule.followups import Fired, Policy, run_followups
from models.schedule.reports import MONTHLY, WEEKLY, run_report
from models.storage.db import Database
from views import digest as digest_views
from views import privacy as privacy_views
from views import reports as report_views
from views.renderer import render

START = "start"
TICK = "followups"
DIGEST = "digest"
JOB_KWARGS: dict[str, Any] = {"misfire_grace_time": None, "coalesce": True, "max_instances": 1}


def policy_for(settings: Settings) -> Policy:
    return Policy(
        tz=settings.tz,
        quiet=settings.quiet,
        staff_chat_id=settings.staff_chat_id,
        unassigned_after=timedelta(hours=settings.followup_unassigned_hours),
        unassigned_urgent_after=timedelta(minutes=settings.followup_unassigned_urgent_minutes),
        idle_after=timedelta(days=settings.followup_idle_days),
        referral_after=timedelta(days=settings.followup_referral_days),
        intake_after=timedelta(hours=settings.intake_reminder_hours),
        checkin_after=timedelta(days=settings.checkin_after_days),
        checkin_silence=timedelta(days=settings.checkin_silence_days),
        arrival_ask_after=timedelta(hours=settings.arrival_ask_hours),
        arrival_overdue_after=timedelta(hours=settings.arrival_overdue_hours),
        digest_time=settings.digest_clock,
    )


def retention_for(settings: Settings) -> Retention:
    return Retention(
        closed_case_days=settings.retention_days, draft_days=settings.draft_retention_days
    )


@dataclass(frozen=True)
class TickResult:
    followups: Fired
    digest: bool
    weekly: bool
    monthly: bool

    @property
    def queued(self) -> bool:
        return bool(self.followups.total or self.digest or self.weekly or self.monthly)


def tick(
    db: Database,
    now: datetime,
    policy: Policy,
    *,
    on_schedule: bool = False,
    retention: Retention | None = None,
) -> TickResult:
    """Everything that is due at `now`, each in its own transaction (blocking: run it in a
    worker thread). `on_schedule`: this is the run at DIGEST_TIME. `retention`: also erase
    what is kept too long, and remind the admins of erasure requests due."""
    with db.session() as session:
        fired = run_followups(session, now, policy, renderer=render)
    with db.session() as session:
        travel = run_travel_reminders(session, now, policy, renderer=render)
    fired.counts.update(travel.counts)
    with db.session() as session:
        digest = run_daily(session, now, policy, views=digest_views, on_schedule=on_schedule)
    with db.session() as session:
        weekly = run_report(
            session, WEEKLY, now, policy, views=report_views, on_schedule=on_schedule
        )
    with db.session() as session:
        monthly = run_report(
            session, MONTHLY, now, policy, views=report_views, on_schedule=on_schedule
        )
    with db.session() as session:
        forget_delivered(session, now=now)
    if retention is not None:
        with db.session() as session:
            kept = run_retention(session, now, retention, renderer=privacy_views.erasure_due)
        fired.add("erasure_due", kept.reminders)  # so the sender is woken for them
    return TickResult(fired, digest is not None, weekly is not None, monthly is not None)


async def run_tick(
    application: Application[Any, Any, Any, Any, Any, Any], *, on_schedule: bool = False
) -> TickResult:
    """One tick now (the jobs call this; so can tests, with their own clock)."""
    lock: asyncio.Lock = application.bot_data.setdefault("tick_lock", asyncio.Lock())
    context = BotContext(application)
    policy = context.config.policy
    retention = retention_for(application.bot_data["settings"])
    async with lock:
        result = await asyncio.to_thread(
            tick, context.db, context.now(), policy, on_schedule=on_schedule, retention=retention
        )
    if result.queued:
        context.kick_outbox()
    return result


async def _tick_job(context: BotContext) -> None:
    """Runs the follow-up rules and whatever digest or report is due."""
    await run_tick(context.application)


async def _digest_job(context: BotContext) -> None:
    """The run at DIGEST_TIME: as a tick, and a new installation's first digest too."""
    await run_tick(context.application, on_schedule=True)


def schedule(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Registers the jobs: a tick at start and every few minutes, and one at DIGEST_TIME."""
    settings: Settings = application.bot_data["settings"]
    job_queue = application.job_queue
    if job_queue is None:
        raise RuntimeError("python-telegram-bot was installed without its job-queue extra")
    interval = timedelta(minutes=settings.followup_interval_minutes)
    # At start, once: an interval trigger added before the scheduler runs would skip its first
    # run (its start lies in the past by then), so the start gets a job of its own.
    job_queue.run_once(_tick_job, when=0, name=START, job_kwargs={**JOB_KWARGS, "id": START})
    job_queue.run_repeating(
        _tick_job,
        interval=interval,
        first=interval,
        name=TICK,
        job_kwargs={**JOB_KWARGS, "id": TICK},
    )
    job_queue.run_daily(
        _digest_job,
        time=settings.digest_clock.replace(tzinfo=settings.tz),
        name=DIGEST,
        job_kwargs={**JOB_KWARGS, "id": DIGEST},
    )
