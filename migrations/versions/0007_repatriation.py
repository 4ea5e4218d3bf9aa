"""repatriation: travel plans, their route legs, and each person's travel status

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

A case's people are sent home on a travel plan (destination, escort, handover point and
receiving office) with one or more legs (ship from Kumai, bus from Pangkalan Bun, ...); each
person has one travel row (planned, booked, ticket issued, departed, handed over, arrived, or
did not travel with a reason). Every change is also a case event of kind "travel".
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.storage.db

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _str(length: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def _ts() -> models.storage.db.UTCDateTime:
    return models.storage.db.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "travel_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("destination_province_code", _str(2), nullable=False),
        sa.Column("destination_regency_code", _str(5), nullable=False),
        sa.Column("escort_id", sa.Integer(), nullable=True),
        sa.Column("handover_point", _str(200), nullable=True),
        sa.Column("receiving_office", _str(200), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", _ts(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_travel_plan_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["account.id"], name=op.f("fk_travel_plan_created_by_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["escort_id"], ["account.id"], name=op.f("fk_travel_plan_escort_id_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_travel_plan")),
    )
    with op.batch_alter_table("travel_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_travel_plan_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_travel_plan_destination_regency_code"),
            ["destination_regency_code"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_travel_plan_escort_id"), ["escort_id"], unique=False)
    op.create_table(
        "travel_leg",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("mode", _str(10), nullable=False),
        sa.Column("from_place", _str(120), nullable=False),
        sa.Column("to_place", _str(120), nullable=False),
        sa.Column("carrier", _str(120), nullable=True),
        sa.Column("departs_at", _ts(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["travel_plan.id"], name=op.f("fk_travel_leg_plan_id_travel_plan")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_travel_leg")),
    )
    with op.batch_alter_table("travel_leg", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_travel_leg_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_travel_leg_departs_at"), ["departs_at"], unique=False)
    op.create_table(
        "travel",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("status", _str(16), nullable=False),
        sa.Column("booking_code", _str(40), nullable=True),
        sa.Column("ticket_number", _str(60), nullable=True),
        sa.Column("fare", sa.BigInteger(), nullable=True),
        sa.Column("handed_to", _str(200), nullable=True),
        sa.Column("arrival_method", _str(10), nullable=True),
        sa.Column("reason", _str(12), nullable=True),
        sa.Column("departed_at", _ts(), nullable=True),
        sa.Column("arrived_at", _ts(), nullable=True),
        sa.Column("arrival_asked_at", _ts(), nullable=True),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", _ts(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["case_file.id"], name=op.f("fk_travel_case_id_case_file")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_travel_person_id_person")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["travel_plan.id"], name=op.f("fk_travel_plan_id_travel_plan")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["account.id"], name=op.f("fk_travel_updated_by_id_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_travel")),
        sa.UniqueConstraint("person_id", name=op.f("uq_travel_person_id")),
    )
    with op.batch_alter_table("travel", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_travel_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_travel_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_travel_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("travel", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_travel_status"))
        batch_op.drop_index(batch_op.f("ix_travel_plan_id"))
        batch_op.drop_index(batch_op.f("ix_travel_case_id"))
    op.drop_table("travel")
    with op.batch_alter_table("travel_leg", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_travel_leg_departs_at"))
        batch_op.drop_index(batch_op.f("ix_travel_leg_plan_id"))
    op.drop_table("travel_leg")
    with op.batch_alter_table("travel_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_travel_plan_escort_id"))
        batch_op.drop_index(batch_op.f("ix_travel_plan_destination_regency_code"))
        batch_op.drop_index(batch_op.f("ix_travel_plan_case_id"))
    op.drop_table("travel_plan")
