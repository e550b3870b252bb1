"""Every publication of a regulation, numbered, with who, when, a note and the version it
replaced; the versions published before this revision get their rows in the order they were
published.

Revision ID: 0045
Revises: 0040
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from engine.store.types import UTCDateTime

revision = "0045"
down_revision = "0040"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "regulation_publication",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("tag", sa.String(), nullable=False),
        sa.Column("previous", sa.String(), nullable=True),
        sa.Column("published_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("published_by", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=True),
        sa.Column("rollback_of", sa.Integer(), nullable=True),
    )
    op.create_index("ix_regulation_publication_tag", "regulation_publication", ["tag"])
    op.execute(
        "INSERT INTO regulation_publication (tag, published_at, published_by) "
        "SELECT tag, published_at, COALESCE(published_by, '') FROM regulation_version "
        "WHERE published_at IS NOT NULL ORDER BY published_at, id"
    )


def downgrade() -> None:
    op.drop_index("ix_regulation_publication_tag", table_name="regulation_publication")
    op.drop_table("regulation_publication")
