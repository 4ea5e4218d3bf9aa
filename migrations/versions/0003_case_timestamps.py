"""case follow-up and lifecycle timestamps, work site and story

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.storage.db

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("work_site", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True)
        )
        batch_op.add_column(sa.Column("story", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("assigned_at", models.storage.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "last_activity_at", models.storage.db.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch_op.add_column(
            sa.Column(
                "followup_snoozed_until",
                models.storage.db.UTCDateTime(timezone=True),
                nullable=True,
            )
        )
        batch_op.add_column(
            sa.Column("repatriated_at", models.storage.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("closed_at", models.storage.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(
            batch_op.f("ix_case_file_last_activity_at"), ["last_activity_at"], unique=False
        )
    # Existing cases: their last activity is their last event that was more than a look.
    op.execute(
        "UPDATE case_file SET last_activity_at = (SELECT MAX(e.created_at) FROM case_event e"
        " WHERE e.case_id = case_file.id AND e.kind NOT IN ('access', 'reminder'))"
    )


def downgrade() -> None:
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_file_last_activity_at"))
        batch_op.drop_column("closed_at")
        batch_op.drop_column("repatriated_at")
        batch_op.drop_column("followup_snoozed_until")
        batch_op.drop_column("last_activity_at")
        batch_op.drop_column("assigned_at")
        batch_op.drop_column("story")
        batch_op.drop_column("work_site")
