"""privacy and audit: the audit log, reporters' requests about their data, erased cases

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01

`audit_entry` records who did what, when and from which chat (ids and a code only, so it
outlives an erasure); `privacy_request` holds a reporter's correction or erasure request and
its decision; `case_erasure` marks a case whose personal data is gone (on request, or after
RETENTION_DAYS), so the retention job erases each case once.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.storage.db

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _str(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def _ts() -> models.storage.db.UTCDateTime:
    return models.storage.db.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", _str(32), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("target_account_id", sa.Integer(), nullable=True),
        sa.Column("detail", _str(80), nullable=True),
        sa.Column("created_at", _ts(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["account.id"], name=op.f("fk_audit_entry_actor_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_audit_entry_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["target_account_id"],
            ["account.id"],
            name=op.f("fk_audit_entry_target_account_id_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entry_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_action"), ["action"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_created_at"), ["created_at"], unique=False)
    op.create_table(
        "privacy_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("kind", _str(12), nullable=False),
        sa.Column("field", _str(20), nullable=True),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("status", _str(10), nullable=False),
        sa.Column("reason", _str(20), nullable=True),
        sa.Column("created_at", _ts(), nullable=False),
        sa.Column("due_at", _ts(), nullable=True),
        sa.Column("reminded_at", _ts(), nullable=True),
        sa.Column("decided_at", _ts(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_privacy_request_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_privacy_request_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["account.id"],
            name=op.f("fk_privacy_request_decided_by_id_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_privacy_request")),
    )
    with op.batch_alter_table("privacy_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_privacy_request_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_privacy_request_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_privacy_request_status"), ["status"], unique=False)
    op.create_table(
        "case_erasure",
        sa.Column("case_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("cause", _str(10), nullable=False),
        sa.Column("erased_at", _ts(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_case_erasure_case_id_case_file")
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_case_erasure")),
    )


def downgrade() -> None:
    op.drop_table("case_erasure")
    with op.batch_alter_table("privacy_request", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_privacy_request_status"))
        batch_op.drop_index(batch_op.f("ix_privacy_request_case_id"))
        batch_op.drop_index(batch_op.f("ix_privacy_request_account_id"))
    op.drop_table("privacy_request")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entry_created_at"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_case_id"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_action"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_actor_id"))
    op.drop_table("audit_entry")
