"""seed the partner agencies of Kotawaringin Barat

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AGENCIES = [
    ("dinkes", "Dinas Kesehatan Kabupaten Kotawaringin Barat"),
    ("polres", "Polres Kotawaringin Barat"),
    ("disnakertrans", "Dinas Tenaga Kerja dan Transmigrasi Kotawaringin Barat"),
    ("dinsos_asal", "Dinas Sosial daerah asal"),
]

agency = sa.table(
    "agency",
    sa.column("code", sa.String),
    sa.column("name", sa.String),
    sa.column("active", sa.Boolean),
)


def upgrade() -> None:
    op.bulk_insert(agency, [{"code": c, "name": n, "active": True} for c, n in AGENCIES])


def downgrade() -> None:
    op.execute(agency.delete().where(agency.c.code.in_([c for c, _ in AGENCIES])))
