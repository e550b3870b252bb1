"""ABC-XYZ reads its sums from an index alone (#18): the sales index by client and month also
holds the amount, so ``GROUP BY client, month`` walks it in order without touching the table;
it replaces the narrower one, which it covers.

Revision ID: 0060
Revises: 0050
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0060"
down_revision = "0050"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_sale_segment", "sale", ["client_id", "month", "amount"])
    op.drop_index("ix_sale_client_month", table_name="sale")


def downgrade() -> None:
    op.create_index("ix_sale_client_month", "sale", ["client_id", "month"])
    op.drop_index("ix_sale_segment", table_name="sale")
