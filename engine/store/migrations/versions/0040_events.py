"""Events out to the front-ends: the transactional outbox, its pruning mark, webhook
subscriptions, their deliveries and the delivery log.

Revision ID: 0040
Revises: 0020
Create Date: 2026-11-29
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from engine.store.types import JSONDocument, UTCDateTime

revision = "0040"
down_revision = "0020"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _when(name: str, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    _events()
    _webhooks()
    _deliveries()


def _events() -> None:
    """The outbox: events numbered once committed, and the prune mark."""
    op.create_table(
        "event",
        sa.Column("id", BIG_ID, primary_key=True),
        sa.Column("type", sa.String(), nullable=False),
        _when("at"),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("regulation", sa.String(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column("client_version", sa.Integer(), nullable=True),
        sa.Column("data", JSONDocument, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=True),
    )
    numbered = sa.text("seq IS NOT NULL")  # an event written gets no entry here until numbered
    op.create_index(
        "ix_event_seq", "event", ["seq"], unique=True, sqlite_where=numbered, postgresql_where=numbered
    )
    unsequenced = sa.text("seq IS NULL")
    op.create_index(
        "ix_event_unsequenced", "event", ["id"], sqlite_where=unsequenced, postgresql_where=unsequenced
    )
    op.create_table(
        "outbox_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("pruned_through", sa.BigInteger(), nullable=False),
        _when("pruned_at", nullable=True),
    )
    op.execute("INSERT INTO outbox_state (id, pruned_through) VALUES (1, 0)")


def _webhooks() -> None:
    op.create_table(
        "webhook",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("url", sa.String(), nullable=False),
        sa.Column("types", JSONDocument, nullable=False),
        sa.Column("secret", sa.String(), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("paused_reason", sa.String(), nullable=True),
        sa.Column("cursor", sa.BigInteger(), nullable=False),
        _when("created_at"),
        _when("updated_at"),
    )


def _deliveries() -> None:
    """Each event's delivery to each subscription, and every attempt at it."""
    op.create_table(
        "delivery",
        sa.Column("id", BIG_ID, primary_key=True),
        sa.Column(
            "webhook_id", sa.Integer(), sa.ForeignKey("webhook.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("event_id", sa.BigInteger(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _when("first_at"),
        _when("next_at"),
        _when("done_at", nullable=True),
        sa.Column("last_status", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.String(), nullable=True),
    )
    op.create_index("ix_delivery_event", "delivery", ["webhook_id", "event_id"], unique=True)
    op.create_index("ix_delivery_due", "delivery", ["state", "next_at"])
    op.create_index("ix_delivery_client", "delivery", ["webhook_id", "client_id", "state", "event_id"])
    op.create_table(
        "delivery_attempt",
        sa.Column("id", BIG_ID, primary_key=True),
        sa.Column("delivery_id", BIG_ID, sa.ForeignKey("delivery.id", ondelete="CASCADE"), nullable=False),
        _when("at"),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("error", sa.String(), nullable=True),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
    )
    op.create_index("ix_delivery_attempt_delivery_id", "delivery_attempt", ["delivery_id"])


def downgrade() -> None:
    op.drop_table("delivery_attempt")
    op.drop_table("delivery")
    op.drop_table("webhook")
    op.drop_table("outbox_state")
    op.drop_table("event")
