"""One unit of work per update: one database transaction, and what the bot says queued in it.

The pipeline (bot/pipeline.py) opens a `Unit` for each update and makes it current while the
handlers run. A handler does its database work through `unit.session` and says things with
`unit.send` / `unit.edit` / `unit.delete` / `unit.send_file`: those become outbox rows in the
same transaction, already claimed by this process. The pipeline commits once (the update's
effect, its "done" mark and the replies together) and only then sends the replies; if the
process dies before they are sent, the outbox's lease hands them to the next sender. So the
answer is stored before the reply goes out, the reply is owed until Telegram accepted it,
and no handler awaits Telegram while a transaction is open.

Handlers are written as plain functions run in a worker thread (`@in_unit`), so the
synchronous database work stays off the event loop. Domain code may call `session.commit()`
as it always has: inside a unit that only flushes; the unit's own commit is the one that
counts.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import uuid
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.engine import Connection
from sqlmodel import Session
from telegram import Update

from models.inbox.store import mark_done
from models.outbox.queue import REPLY_PRIORITY, Claimed, Message, enqueue_claimed
from models.storage.db import Database

_CURRENT: contextvars.ContextVar[Unit | None] = contextvars.ContextVar("unit", default=None)

T = TypeVar("T")
Markup = Any  # a telegram ReplyMarkup (inline keyboard, reply keyboard, removal) or its JSON


def markup_json(markup: Markup) -> dict[str, Any] | None:
    if markup is None:
        return None
    if isinstance(markup, dict):
        return markup
    return dict(markup.to_dict())


@dataclass
class CallbackAnswer:
    callback_query_id: str
    text: str | None = None
    show_alert: bool = False


class Unit:
    """The transaction and the outgoing messages of one update."""

    def __init__(
        self,
        db: Database,
        *,
        update_id: int,
        now: datetime,
        executor: Executor | None = None,
    ) -> None:
        self.db = db
        self.update_id = update_id
        self.now = now
        # The threads the update's work runs in (the pipeline's own; None: asyncio's default).
        self.executor = executor
        self.token = uuid.uuid4().hex
        self.error: BaseException | None = None
        self.answer_: CallbackAnswer | None = None
        self._after: list[Callable[[], Awaitable[None]]] = []
        self._messages: list[Message] = []
        self._connection: Connection | None = None
        self._session: Session | None = None

    # -- the transaction -------------------------------------------------------------------

    @property
    def session(self) -> Session:
        """The update's one session; `commit()` inside it only flushes."""
        if self._session is None:
            self._connection = self.db.engine.connect()
            self._connection.begin()
            self._session = Session(
                bind=self._connection,
                join_transaction_mode="rollback_only",
                expire_on_commit=False,
            )
        return self._session

    def finish(self) -> list[Claimed]:
        """Marks the update done and commits it with its effect and its replies (blocking)."""
        session = self.session
        mark_done(session, self.update_id, now=self.now)
        claimed = enqueue_claimed(session, self._messages, token=self.token, now=self.now)
        session.flush()
        assert self._connection is not None
        self._connection.commit()
        self._close()
        return claimed

    def abort(self) -> None:
        """Forgets everything the update did (blocking)."""
        if self._connection is not None and self._connection.in_transaction():
            self._connection.rollback()
        self._close()

    def _close(self) -> None:
        if self._session is not None:
            self._session.close()
        if self._connection is not None:
            self._connection.close()
        self._session = None
        self._connection = None

    # -- what the bot says -----------------------------------------------------------------

    def _queue(self, chat_id: int, kind: str, text: str = "", **fields: Any) -> None:
        self._messages.append(
            Message(
                key=f"u:{self.update_id}:{len(self._messages)}",
                chat_id=chat_id,
                text=text,
                kind=kind,
                priority=REPLY_PRIORITY,
                **fields,
            )
        )

    def send(
        self,
        chat_id: int,
        text: str,
        *,
        reply_markup: Markup = None,
        account_id: int | None = None,
        case_id: int | None = None,
    ) -> None:
        self._queue(
            chat_id,
            "message",
            text,
            reply_markup=markup_json(reply_markup),
            account_id=account_id,
            case_id=case_id,
        )

    def edit(
        self, chat_id: int, message_id: int, text: str, *, reply_markup: Markup = None
    ) -> None:
        self._queue(
            chat_id,
            "edit",
            text,
            reply_markup=markup_json(reply_markup),
            target_message_id=message_id,
        )

    def delete(self, chat_id: int, message_id: int) -> None:
        self._queue(chat_id, "delete", target_message_id=message_id)

    def send_file(
        self,
        chat_id: int,
        kind: str,
        *,
        file_ref: str | None = None,
        blob: bytes | None = None,
        filename: str | None = None,
        caption: str = "",
        reply_markup: Markup = None,
        account_id: int | None = None,
    ) -> None:
        """A photo, document or voice note: by Telegram file id, or bytes (with a filename).
        `account_id`: whose chat it is, so a 403 marks them unreachable."""
        self._queue(
            chat_id,
            kind,
            caption,
            file_ref=file_ref,
            blob=blob,
            filename=filename,
            reply_markup=markup_json(reply_markup),
            account_id=account_id,
        )

    def answer(
        self, callback_query_id: str, text: str | None = None, *, alert: bool = False
    ) -> None:
        """Answers the tapped button after the commit (best effort: it is no message)."""
        self.answer_ = CallbackAnswer(callback_query_id, text, alert)

    def after_commit(self, action: Callable[[], Awaitable[None]]) -> None:
        """Telegram calls that change no chat (the command menu, leaving a group): after the
        commit, best effort."""
        self._after.append(action)

    @property
    def after(self) -> list[Callable[[], Awaitable[None]]]:
        return list(self._after)


def current() -> Unit:
    unit = _CURRENT.get()
    if unit is None:
        raise RuntimeError("no unit of work: handlers run inside the update pipeline")
    return unit


def current_or_none() -> Unit | None:
    return _CURRENT.get()


def activate(unit: Unit) -> contextvars.Token[Unit | None]:
    return _CURRENT.set(unit)


def deactivate(token: contextvars.Token[Unit | None]) -> None:
    _CURRENT.reset(token)


Handler = Callable[[Update, Any, Unit], None]


async def run_in_unit(function: Handler, update: Update, context: Any) -> None:
    """Runs a synchronous handler in a worker thread, inside the update's unit of work."""
    await in_thread(current(), _guarded, function, update, context, current())


async def in_thread(unit: Unit, function: Callable[..., T], *args: Any) -> T:
    """`asyncio.to_thread` on the unit's executor (the context, and so the unit, goes along)."""
    call = functools.partial(contextvars.copy_context().run, function, *args)
    return await asyncio.get_running_loop().run_in_executor(unit.executor, call)


def _guarded(function: Handler, update: Update, context: Any, unit: Unit) -> None:
    try:
        function(update, context, unit)
    except StopIteration as exc:
        # A StopIteration cannot cross into an asyncio future (the await would never end).
        raise RuntimeError("StopIteration in a handler") from exc


def in_unit(function: Handler) -> Callable[[Update, Any], Coroutine[Any, Any, None]]:
    """Runs a synchronous handler in a worker thread, inside the update's unit of work."""

    @functools.wraps(function)
    async def callback(update: Update, context: Any) -> None:
        await run_in_unit(function, update, context)

    return callback
