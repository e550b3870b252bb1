"""Publishing: the scenario files a publication ran and the failing ones it was forced past, and
the stage ids renamed by published migration maps (the reports count the history through them).

Revision ID: 0070
Revises: 0060
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0070"
down_revision = "0060"
branch_labels = None
depends_on = None


def upgrade() -> None:
    document = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
    op.add_column("regulation_publication", sa.Column("forced", document, nullable=True))
    op.add_column("regulation_publication", sa.Column("scenarios", document, nullable=True))
    op.create_table(
        "stage_alias",
        sa.Column("old", sa.String(), primary_key=True),
        sa.Column("new", sa.String(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("stage_alias")
    with op.batch_alter_table("regulation_publication") as batch:
        batch.drop_column("scenarios")
        batch.drop_column("forced")
