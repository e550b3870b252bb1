"""Idempotency keys belong to whoever sent them: the key of one API client or CLI user no longer
collides with the same key of another.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from __future__ import annotations

import warnings

from alembic import op
from sqlalchemy.exc import SAWarning

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Batch mode rebuilds the table on SQLite (which cannot alter a primary key) and alters it
    # in place on PostgreSQL; the stored keys and responses are kept.
    _primary_key(["key", "actor"])


def downgrade() -> None:
    op.execute(
        "DELETE FROM command WHERE EXISTS (SELECT 1 FROM command AS newer "
        "WHERE newer.key = command.key AND newer.created_at > command.created_at)"
    )
    _primary_key(["key"])


def _primary_key(columns: list[str]) -> None:
    with warnings.catch_warnings():  # SQLite's rebuild warns that the primary key changes: it does
        warnings.simplefilter("ignore", SAWarning)
        with op.batch_alter_table("command", recreate="auto") as batch:
            if op.get_context().dialect.name == "postgresql":
                batch.drop_constraint("command_pkey", type_="primary")
            batch.create_primary_key("command_pkey", columns)
