"""The call queue asks the database which time zones its clients live in (#18): each zone's wall
clock and working hours at the moment become a look-up in the queue's SQL, so the distinct zones
are read from an index instead of every client row.

Revision ID: 0080
Revises: 0070
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0080"
down_revision = "0070"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_client_timezone", "client", ["timezone"])


def downgrade() -> None:
    op.drop_index("ix_client_timezone", table_name="client")
