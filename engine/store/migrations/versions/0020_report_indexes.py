"""Indexes for the head's reports (#15): history, contacts and sales read by period, and a
client's stage entries found in the index alone (where a client went after an entry).

Revision ID: 0020
Revises: 0010
Create Date: 2026-11-29
"""

from __future__ import annotations

from alembic import op

revision = "0020"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_history_at", "history", ["at"])
    op.create_index("ix_history_client_stage", "history", ["client_id", "to_stage", "id"])
    op.create_index("ix_contact_at", "contact", ["at"])
    op.create_index("ix_sale_day", "sale", ["day"])


def downgrade() -> None:
    op.drop_index("ix_sale_day", table_name="sale")
    op.drop_index("ix_contact_at", table_name="contact")
    op.drop_index("ix_history_client_stage", table_name="history")
    op.drop_index("ix_history_at", table_name="history")
