"""The update pipeline: store every update, then handle each person's updates in order.

1. Receiving (the poller, or the webhook): each update is stored in the inbox
   (models.inbox.store) before Telegram is told it arrived. A redelivered update is stored once.
2. Dispatching: every person has a queue. One person's updates are handled strictly in order
   by one process at a time (a short lease in the database); different people's run
   concurrently, with no barrier between batches: a slow export or a person flooding the bot
   holds up nobody else.
3. Handling: each update runs inside a `Unit` (handlers/unit.py): one transaction for its
   effect, its "done" mark and its replies; the replies go out after the commit.
4. Failures: an update that cannot be parsed is parked at once; one whose handlers fail is
   rolled back and tried again, and parked after `PARK_AFTER` attempts, with an apology to
   the person. Either way the bot goes on, and admins can list parked updates.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import functools
import json
import logging
import uuid
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any, TypeVar

from telegram import Update
from telegram.ext import Application

from handlers import errors
from handlers.unit import Unit, activate, deactivate
from models.inbox import store
from models.outbox.queue import Claimed
from models.storage.db import Database

logger = logging.getLogger(__name__)

# Retrying a failed update: after these pauses (seconds), then it is parked.
RETRY_PAUSES = (0.5, 2.0)
# A person with more updates waiting than this is flooding: told once, and slowed down.
FLOOD_BACKLOG = 20
# Updates handled at once (different people); each holds a thread and a connection meanwhile.
WORKERS = 16
T = TypeVar("T")
FLOOD_PAUSE = 0.5


def describe(error: BaseException) -> str:
    """An error as logged and stored: its class and where it was raised, never its text
    (which may quote what a person wrote)."""
    frame = error.__traceback__
    where = ""
    while frame is not None:
        where = f"{frame.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{frame.tb_lineno}"
        frame = frame.tb_next
    return f"{type(error).__name__} at {where}" if where else type(error).__name__


class Pipeline:
    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        db: Database,
        clock: Callable[[], datetime],
        *,
        deliver: Callable[[list[Claimed]], Awaitable[object]],
        kick_sender: Callable[[], None] = lambda: None,
        workers: int = WORKERS,
        lease: timedelta = store.LEASE,
    ) -> None:
        self.application = application
        self.db = db
        self.clock = clock
        self.deliver = deliver
        # The domain may have queued messages for others (notices) in the same commit.
        self.kick_sender = kick_sender
        self.holder = uuid.uuid4().hex
        self.lease = lease
        self.slots = asyncio.Semaphore(workers)
        # The updates' own threads, one per slot: an update holding SQLite's write lock always
        # finds a thread to commit in, however many others wait for the lock in theirs (in
        # asyncio's default pool, 6 threads on 2 cores, they could take every thread).
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="update")
        self.running: dict[int, asyncio.Task[None]] = {}
        self._kick = asyncio.Event()
        self._flood_told: set[int] = set()

    # -- receiving -------------------------------------------------------------------------

    async def receive(self, raw_updates: list[dict[str, Any]]) -> int:
        """Stores updates as they arrive (before they are confirmed); returns how many."""
        incoming = [item for raw in raw_updates if (item := store.incoming(raw)) is not None]
        if len(incoming) < len(raw_updates):
            logger.warning(
                "%d updates without an update_id ignored", len(raw_updates) - len(incoming)
            )
        new = await asyncio.to_thread(self._store, incoming)
        self._kick.set()
        return new

    def _store(self, incoming: list[store.Incoming]) -> int:
        with self.db.session() as session:
            return store.store(session, incoming, now=self.clock())

    def kick(self) -> None:
        self._kick.set()

    # -- dispatching -----------------------------------------------------------------------

    async def run(self, stop: asyncio.Event) -> None:
        """Starts a worker for every person with updates waiting, until `stop`; then lets the
        updates in flight finish."""
        heartbeat = asyncio.create_task(self._heartbeat(stop))
        try:
            await self._dispatch(stop)
        finally:
            heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await heartbeat
            self.executor.shutdown(wait=False)

    async def _thread(self, function: Callable[..., T], *args: Any) -> T:
        """Runs blocking work of an update in the updates' own threads."""
        call = functools.partial(contextvars.copy_context().run, function, *args)
        return await asyncio.get_running_loop().run_in_executor(self.executor, call)

    async def _heartbeat(self, stop: asyncio.Event) -> None:
        """Renews the leases of the queues this process works on, a few times per lease: a
        long update (an export) keeps its queue, and a dead process loses its queues fast."""
        interval = self.lease.total_seconds() / 3
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), interval)
            if self.running:
                try:
                    await asyncio.to_thread(self._renew, list(self.running))
                except Exception as exc:
                    logger.warning("queue leases not renewed (%s)", describe(exc))

    def _renew(self, person_keys: list[int]) -> None:
        with self.db.session() as session:
            store.renew_people(
                session, person_keys, holder=self.holder, now=self.clock(), lease=self.lease
            )

    async def _dispatch(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self._kick.clear()
            try:
                waiting = await asyncio.to_thread(self._people_waiting)
            except Exception as exc:  # a database hiccup: try again shortly
                logger.warning("inbox not readable (%s); retrying", describe(exc))
                waiting = []
            for person_key in waiting:
                if person_key not in self.running:
                    task = asyncio.create_task(self._work(person_key, stop))
                    self.running[person_key] = task
                    task.add_done_callback(functools.partial(self._finished, person_key))
            kicked = asyncio.ensure_future(self._kick.wait())
            stopping = asyncio.ensure_future(stop.wait())
            await asyncio.wait({kicked, stopping}, timeout=1.0, return_when=asyncio.FIRST_COMPLETED)
            kicked.cancel()
            stopping.cancel()
        if self.running:
            await asyncio.gather(*self.running.values(), return_exceptions=True)

    def _finished(self, person_key: int, _task: asyncio.Task[None]) -> None:
        self.running.pop(person_key, None)
        self._kick.set()

    def _people_waiting(self) -> list[int]:
        with self.db.session() as session:
            return store.people_waiting(
                session, now=self.clock(), holder=self.holder, exclude=set(self.running)
            )

    async def settled(self) -> None:
        """Returns once every stored update has been handled (tests and the command line)."""
        while True:
            pending = await asyncio.to_thread(self._backlog)
            if not pending and not self.running:
                return
            self._kick.set()
            await asyncio.sleep(0.02)

    def _backlog(self) -> int:
        with self.db.session() as session:
            return store.backlog(session)

    async def _work(self, person_key: int, stop: asyncio.Event) -> None:
        """Handles one person's updates in order while this process holds their queue."""
        async with self.slots:
            if not await self._thread(self._claim, person_key):
                return
            try:
                while not stop.is_set():
                    waiting = await self._thread(self._next, person_key)
                    if waiting is None:
                        return
                    await self._handle(person_key, waiting)
                    if not await self._thread(self._claim, person_key):
                        return
            finally:
                with contextlib.suppress(Exception):
                    await self._thread(self._release, person_key)

    def _claim(self, person_key: int) -> bool:
        with self.db.session() as session:
            return store.claim_person(
                session, person_key, holder=self.holder, now=self.clock(), lease=self.lease
            )

    def _release(self, person_key: int) -> None:
        with self.db.session() as session:
            store.release_person(session, person_key, holder=self.holder)

    def _next(self, person_key: int) -> store.Waiting | None:
        with self.db.session() as session:
            return store.next_pending(session, person_key)

    # -- handling --------------------------------------------------------------------------

    async def _handle(self, person_key: int, waiting: store.Waiting) -> None:
        backlog = waiting.backlog
        try:
            update = Update.de_json(json.loads(waiting.payload), self.application.bot)
        except Exception as exc:
            # Telegram (or a self-hosted server of another version) sent what we cannot read:
            # trying again would fail again.
            reason = describe(exc)
            logger.error("update %s cannot be read (%s): parked", waiting.update_id, reason)
            await self._thread(self._park, waiting.update_id, reason)
            return
        if backlog > FLOOD_BACKLOG:
            await self._slow_down(person_key, update)
        elif backlog <= FLOOD_BACKLOG // 2:
            self._flood_told.discard(person_key)
        unit = Unit(self.db, update_id=waiting.update_id, now=self.clock(), executor=self.executor)
        token = activate(unit)
        try:
            await self.application.process_update(update)
        except Exception as exc:  # process_update hands handler errors to on_error; not these
            unit.error = exc
        finally:
            deactivate(token)
        claimed: list[Claimed] = []
        if unit.error is None:
            try:
                claimed = await self._thread(unit.finish)
            except Exception as exc:  # the commit failed (a conflict, the database went away)
                unit.error = exc
        if unit.error is not None:
            await self._thread(unit.abort)
            await self._failed(update, waiting, unit.error)
            return
        await self._answer_button(update, unit)
        self.kick_sender()
        if claimed:
            await self.deliver(claimed)
        for action in unit.after:
            await errors.best_effort(action())

    async def _answer_button(self, update: Update, unit: Unit | None) -> None:
        """Every tapped button is answered (the person's spinner stops), after the commit."""
        query = update.callback_query
        if query is None:
            return
        answer = unit.answer_ if unit is not None else None
        await errors.best_effort(
            self.application.bot.answer_callback_query(
                query.id,
                text=answer.text if answer else None,
                show_alert=answer.show_alert if answer else False,
            )
        )

    async def _failed(self, update: Update, waiting: store.Waiting, error: BaseException) -> None:
        reason = describe(error)
        attempt = waiting.attempts + 1
        parked, claimed = await self._thread(self._record_failure, update, waiting, reason)
        if parked:
            logger.error(
                "update %s failed %d times (%s): parked", waiting.update_id, attempt, reason
            )
            await self._answer_button(update, None)
            await self.deliver(claimed)
            return
        logger.warning("update %s failed (%s); trying again", waiting.update_id, reason)
        await asyncio.sleep(RETRY_PAUSES[min(attempt, len(RETRY_PAUSES)) - 1])

    def _record_failure(
        self, update: Update, waiting: store.Waiting, reason: str
    ) -> tuple[bool, list[Claimed]]:
        """Counts the failure; when the update is given up on, the apology is queued in the
        same transaction (so nobody sees the update handled without it)."""
        now = self.clock()
        with self.db.session() as session:
            parked = store.record_failure(session, waiting.update_id, error=reason, now=now)
            claimed = (
                errors.apologise(session, update, update_id=waiting.update_id, now=now)
                if parked
                else []
            )
            session.commit()
            return parked, claimed

    def _park(self, update_id: int, reason: str) -> None:
        with self.db.session() as session:
            store.park(session, update_id, error=reason, now=self.clock())

    async def _slow_down(self, person_key: int, update: Update) -> None:
        """A person sending far more than anyone can type: told once, handled more slowly,
        while everyone else goes on as usual."""
        if person_key not in self._flood_told:
            self._flood_told.add(person_key)
            claimed = await self._thread(self._tell_flood, person_key, update)
            if claimed:
                await self.deliver(claimed)
        await asyncio.sleep(FLOOD_PAUSE)

    def _tell_flood(self, person_key: int, update: Update) -> list[Claimed]:
        with self.db.session() as session:
            claimed = errors.flood_notice(session, person_key, update=update, now=self.clock())
            session.commit()
            return claimed
