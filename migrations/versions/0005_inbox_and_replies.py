"""the inbox of updates, per-person queue leases, and replies in the outbox

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

Every update is stored before it is confirmed to Telegram and handled once (inbound_update);
one process at a time handles a person's queue (person_lease). Replies go through the outbox
too, so they are owed until Telegram accepted them: it gains a priority (replies first), the
message to edit or delete, and the file id of an attachment to send again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.storage.db

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inbound_update",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("person_key", sa.BigInteger(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("payload", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("received_at", models.storage.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("done_at", models.storage.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("update_id", name=op.f("pk_inbound_update")),
    )
    with op.batch_alter_table("inbound_update", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_inbound_update_person_key"), ["person_key"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_inbound_update_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_inbound_update_received_at"), ["received_at"], unique=False
        )
    op.create_table(
        "person_lease",
        sa.Column("person_key", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("holder", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("until", models.storage.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("person_key", name=op.f("pk_person_lease")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("priority", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(sa.Column("target_message_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(
            sa.Column("file_ref", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True)
        )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.alter_column("priority", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("file_ref")
        batch_op.drop_column("target_message_id")
        batch_op.drop_column("priority")
    op.drop_table("person_lease")
    with op.batch_alter_table("inbound_update", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inbound_update_received_at"))
        batch_op.drop_index(batch_op.f("ix_inbound_update_status"))
        batch_op.drop_index(batch_op.f("ix_inbound_update_person_key"))
    op.drop_table("inbound_update")
