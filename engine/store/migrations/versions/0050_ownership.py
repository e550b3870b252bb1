"""Ownership: managers become data (active, away, region), each role's assignment turn, the
hand-over log and the client's last hand-over moment.

Revision ID: 0050
Revises: 0045
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from engine.store.types import UTCDateTime

revision = "0050"
down_revision = "0045"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("manager") as batch:
        batch.add_column(sa.Column("active", sa.Boolean(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("deactivated_at", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("away_from", sa.Date(), nullable=True))
        batch.add_column(sa.Column("away_until", sa.Date(), nullable=True))
        batch.add_column(sa.Column("region", sa.String(), nullable=True))
    op.add_column("client", sa.Column("handed_over_at", UTCDateTime(), nullable=True))
    op.create_index("ix_client_owner_stage", "client", ["owner_id", "stage"])  # managers' loads
    op.create_table(
        "assignment_turn",
        sa.Column("role", sa.String(), primary_key=True),
        sa.Column("last_manager_id", sa.Integer(), nullable=True),
        sa.Column("dealt", sa.Integer(), nullable=False),
    )
    op.create_table(
        "handover",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("client_id", sa.Integer(), sa.ForeignKey("client.id"), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("from_manager", sa.String(), nullable=True),
        sa.Column("from_role", sa.String(), nullable=True),
        sa.Column("to_manager", sa.String(), nullable=False),
        sa.Column("to_role", sa.String(), nullable=False),
        sa.Column("rule", sa.String(), nullable=False),
        sa.Column("stage", sa.String(), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
    )
    op.create_index("ix_handover_client_id", "handover", ["client_id"])
    op.create_index("ix_handover_at", "handover", ["at"])


def downgrade() -> None:
    op.drop_table("handover")
    op.drop_table("assignment_turn")
    op.drop_index("ix_client_owner_stage", "client")
    op.drop_column("client", "handed_over_at")
    with op.batch_alter_table("manager") as batch:
        for column in ("region", "away_until", "away_from", "deactivated_at", "active"):
            batch.drop_column(column)
