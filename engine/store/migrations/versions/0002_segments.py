"""ABC-XYZ classes on clients, with their date, and the record of segmentation runs.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from engine.store.types import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("client") as batch:
        batch.add_column(sa.Column("abc", sa.String(), nullable=True))
        batch.add_column(sa.Column("xyz", sa.String(), nullable=True))
        batch.add_column(sa.Column("average_sale", sa.Float(), nullable=True))
        batch.add_column(sa.Column("segment_at", UTCDateTime(timezone=True), nullable=True))
    op.create_table(
        "segmentation_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("regulation", sa.String(), nullable=False),
        sa.Column("first_period", sa.Integer(), nullable=False),
        sa.Column("last_period", sa.Integer(), nullable=False),
        sa.Column("summary", _json(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("segmentation_run")
    with op.batch_alter_table("client") as batch:
        for column in ("segment_at", "average_sale", "xyz", "abc"):
            batch.drop_column(column)
