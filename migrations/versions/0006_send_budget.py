"""the send budget: recent sends per chat and Telegram's pauses, shared by every process

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

Telegram's flood limits are kept in the database (models/outbox/budget.py) rather than in each
process's memory, so two bot processes on one database, or one restarted, share one budget:
send_stamp holds the sends of the last minute, send_pause a 429's retry_after per chat (chat 0:
every chat).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.storage.db

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "send_stamp",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("sent_at", models.storage.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_send_stamp")),
    )
    with op.batch_alter_table("send_stamp", schema=None) as batch_op:
        batch_op.create_index("ix_send_stamp_chat_sent", ["chat_id", "sent_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_send_stamp_sent_at"), ["sent_at"], unique=False)
    op.create_table(
        "send_pause",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("until", models.storage.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("chat_id", name=op.f("pk_send_pause")),
    )


def downgrade() -> None:
    op.drop_table("send_pause")
    with op.batch_alter_table("send_stamp", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_send_stamp_sent_at"))
        batch_op.drop_index("ix_send_stamp_chat_sent")
    op.drop_table("send_stamp")
