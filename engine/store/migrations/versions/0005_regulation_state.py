"""The regulation in force as one row that every write locks (so publishing and writes never
cross), and API tokens tied to their manager by id (a deleted manager's tokens are deleted with
it, so a new manager with the same login never inherits them).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from engine.store.types import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "regulation_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("tag", sa.String(), nullable=True),
        sa.Column("published_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("published_by", sa.String(), nullable=True),
    )
    op.execute(
        "INSERT INTO regulation_state (id, tag, published_at, published_by) "
        "SELECT 1, tag, published_at, published_by FROM regulation_version "
        "WHERE published_at IS NOT NULL ORDER BY published_at DESC, id DESC LIMIT 1"
    )
    op.execute("INSERT INTO regulation_state (id) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM regulation_state)")
    with op.batch_alter_table("api_token") as batch:
        batch.add_column(sa.Column("manager_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_api_token_manager", "manager", ["manager_id"], ["id"], ondelete="CASCADE"
        )
    op.execute(
        "UPDATE api_token SET manager_id = (SELECT id FROM manager WHERE manager.login = api_token.manager)"
    )


def downgrade() -> None:
    with op.batch_alter_table("api_token") as batch:
        batch.drop_constraint("fk_api_token_manager", type_="foreignkey")
        batch.drop_column("manager_id")
    op.drop_table("regulation_state")
