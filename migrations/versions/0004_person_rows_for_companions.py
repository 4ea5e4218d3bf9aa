"""a row of their own for every person a reporter counted but did not name

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

Until now a reporter speaking for a group ("we are 3") got one person row, their own, and the
figures guessed the rest from the case's group size. Every person now has a row, so that each
is counted and followed by their own status: the missing companions are added, unnamed, after
the case's last person. A companion of a case already sent home was sent home with it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.storage.db

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

case_file = sa.table(
    "case_file",
    sa.column("id", sa.Integer),
    sa.column("group_size", sa.Integer),
    sa.column("created_at", models.storage.db.UTCDateTime(timezone=True)),
    sa.column("repatriated_at", models.storage.db.UTCDateTime(timezone=True)),
)
person = sa.table(
    "person",
    sa.column("id", sa.Integer),
    sa.column("case_id", sa.Integer),
    sa.column("position", sa.Integer),
    sa.column("is_reporter", sa.Boolean),
    sa.column("full_name", sa.String),
    sa.column("vulnerabilities", sa.JSON),
    sa.column("status", sa.String),
    sa.column("repatriated_at", models.storage.db.UTCDateTime(timezone=True)),
    sa.column("created_at", models.storage.db.UTCDateTime(timezone=True)),
)


def upgrade() -> None:
    rows = sa.func.count(person.c.id)
    short = op.get_bind().execute(
        sa.select(
            case_file.c.id,
            case_file.c.group_size,
            case_file.c.created_at,
            case_file.c.repatriated_at,
            rows,
            sa.func.coalesce(sa.func.max(person.c.position), 0),
        )
        .select_from(case_file.outerjoin(person, person.c.case_id == case_file.c.id))
        .group_by(
            case_file.c.id,
            case_file.c.group_size,
            case_file.c.created_at,
            case_file.c.repatriated_at,
        )
        .having(rows < case_file.c.group_size)
    )
    companions = [
        {
            "case_id": case_id,
            "position": last + n,
            "is_reporter": False,
            "full_name": "",
            "vulnerabilities": [],
            "status": "dipulangkan" if repatriated_at is not None else "menunggu",
            "repatriated_at": repatriated_at,
            "created_at": created_at,
        }
        for case_id, size, created_at, repatriated_at, count, last in short
        for n in range(1, size - count + 1)
    ]
    if companions:
        op.bulk_insert(person, companions)


def downgrade() -> None:
    # Nothing to undo: the rows describe real people, staff may have set their statuses since,
    # and the code before this revision reads a case with a row per person correctly.
    pass
