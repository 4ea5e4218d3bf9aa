"""/gagal: the admins' list of updates the pipeline parked (it could not handle them)."""

from __future__ import annotations

from telegram import Update

from handlers.context import BotContext, viewer_of
from handlers.unit import Unit, in_unit
from models.inbox.store import parked_updates
from models.people.access import is_admin
from views.ops import parked_text
from views.text import t


@in_unit
def gagal(update: Update, context: BotContext, unit: Unit) -> None:
    """Lists the newest parked updates, for admins only."""
    chat = update.effective_chat
    assert chat is not None
    account = viewer_of(unit.session, update, context)
    if not is_admin(account):
        unit.send(chat.id, t(account.language, "case.not_allowed"))
        return
    parked = parked_updates(unit.session, limit=20)
    unit.send(chat.id, parked_text(account.language, parked, context.config.tz))
