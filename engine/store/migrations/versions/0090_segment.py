"""ABC-XYZ rewrites its classes in place (#18): on PostgreSQL the client table keeps half of
each page free (``fillfactor``), so a run's ``UPDATE`` of every classified client puts each new
row version on its own page — a heap-only update, none of the client indexes touched (the
classes are in none of them). The table is rewritten once so that existing pages get the room
too. SQLite rewrites rows in place anyway: nothing to do there.

Revision ID: 0090
Revises: 0080
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0090"
down_revision = "0080"
branch_labels = None
depends_on = None

FILL = 50
"""Percent of a page filled by inserts: room for a new version of every row on it."""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER TABLE client SET (fillfactor = {FILL})")
        op.execute("CLUSTER client USING client_pkey")  # the rewrite (VACUUM FULL needs no transaction)
        op.execute("ALTER TABLE client SET WITHOUT CLUSTER")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE client RESET (fillfactor)")
