"""Questions owed since the bot stopped: queued once at start, sent under the one send budget.

A question is owed when its dialog says `prompt_pending` (stored, maybe never delivered). Every
reply of a running bot is an outbox row committed with the answer, so this is the fallback for
dialogs left by an older version or written by hand; it goes through the outbox like everything
else, so the rate budget, retries and "blocked" handling apply, and it is queued exactly once:
the rows and the dialog's mark commit together.
"""

from __future__ import annotations

from datetime import datetime

from handlers.render import question_markup
from handlers.unit import markup_json
from models.intake import flow
from models.outbox.queue import REPLY_PRIORITY, Message, enqueue_many
from models.storage.db import Database
from views.intake import question_view, resume_note


def queue_owed_questions(db: Database, now: datetime, *, office: str) -> int:
    """Queues each owed question after a word of apology; returns how many were owed."""
    with db.session() as session:
        owed = flow.pending_prompts(session, now)
        messages: list[Message] = []
        for prompt in owed:
            view = question_view(prompt.language, prompt.question, office=office, flow=prompt.flow)
            key = f"owed:{prompt.dialog_id}:{now.isoformat()}"
            chat, first = prompt.chat_id, REPLY_PRIORITY
            note = resume_note(prompt.language)
            messages.append(Message(key=f"{key}:0", chat_id=chat, text=note, priority=first))
            messages.append(
                Message(
                    key=f"{key}:1",
                    chat_id=chat,
                    text=view.text,
                    reply_markup=markup_json(question_markup(view)),
                    priority=first,
                )
            )
            flow.mark_prompt_delivered(session, prompt.dialog_id)
        enqueue_many(session, messages, now=now)
        session.commit()
    return len(owed)
