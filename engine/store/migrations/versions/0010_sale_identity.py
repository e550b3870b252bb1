"""Sales lines get an identity, so importing the same lines again adds nothing.

``line_key`` is a 64-bit hash of the document line (day, document, line number) where the file
has them, else of the line's day, product, quantity and amount; ``line_seq`` counts identical
lines of one client (0, 1, …); ``line_no`` is the line number within its document. Lines stored
before get their keys here, so a re-import of a file imported earlier finds them.

Revision ID: 0010
Revises: 0005
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from engine.store.sales import line_key

revision = "0010"
down_revision = "0005"
branch_labels = None
depends_on = None

BATCH = 20_000


def upgrade() -> None:
    op.add_column("sale", sa.Column("line_no", sa.Integer(), nullable=True))
    op.add_column("sale", sa.Column("line_key", sa.BigInteger(), nullable=True))
    op.add_column("sale", sa.Column("line_seq", sa.Integer(), nullable=False, server_default="0"))
    _key_stored_lines()
    op.create_index("ix_sale_identity", "sale", ["client_id", "line_key", "line_seq"], unique=True)


def _key_stored_lines() -> None:
    conn = op.get_bind()
    last = 0
    while True:
        rows = conn.execute(
            sa.text(
                "SELECT id, day, document, product, quantity, amount FROM sale WHERE id > :last "
                "ORDER BY id LIMIT :n"
            ),
            {"last": last, "n": BATCH},
        ).all()
        if not rows:
            break
        keys = [
            {"k": line_key(_day(r.day), r.document, None, r.product, r.quantity, r.amount), "i": r.id}
            for r in rows
        ]
        conn.execute(sa.text("UPDATE sale SET line_key = :k WHERE id = :i"), keys)
        last = rows[-1].id
    conn.execute(
        sa.text(
            "UPDATE sale SET line_seq = w.n FROM (SELECT id, row_number() OVER "
            "(PARTITION BY client_id, line_key ORDER BY id) - 1 AS n FROM sale) AS w "
            "WHERE sale.id = w.id AND w.n > 0"
        )
    )


def _day(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def downgrade() -> None:
    op.drop_index("ix_sale_identity", table_name="sale")
    with op.batch_alter_table("sale") as batch:
        for column in ("line_seq", "line_key", "line_no"):
            batch.drop_column(column)
