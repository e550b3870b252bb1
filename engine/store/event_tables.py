"""The outbox and webhook tables: events written in the transaction of their change,
subscriptions, deliveries and their attempts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Column, Index, Integer, text
from sqlmodel import Field, SQLModel

from engine.store.tables import core_table, moment_field
from engine.store.types import JSONDocument

BIG_ID = BigInteger().with_variant(Integer(), "sqlite")
"""A 64-bit key that is still SQLite's auto-numbered row id."""


class Event(SQLModel, table=True):
    """The transactional outbox: one row per event, written in the transaction of its change.
    ``seq`` is its number in commit order, given once it has committed (``store/outbox.py``);
    the public id. Few indexes: every command pays for each."""

    __tablename__ = "event"
    __table_args__ = (
        Index(
            "ix_event_seq",
            "seq",
            unique=True,
            sqlite_where=text("seq IS NOT NULL"),
            postgresql_where=text("seq IS NOT NULL"),
        ),
        Index(
            "ix_event_unsequenced",
            "id",
            sqlite_where=text("seq IS NULL"),
            postgresql_where=text("seq IS NULL"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True, sa_type=BIG_ID)
    type: str
    at: datetime = moment_field()
    actor: str
    regulation: str
    client_id: int | None = None
    client_version: int | None = None
    data: dict[str, Any] = Field(sa_column=Column(JSONDocument, nullable=False))
    seq: int | None = Field(default=None, sa_type=BigInteger)


class OutboxState(SQLModel, table=True):
    """The one row saying up to which event id the outbox was pruned."""

    __tablename__ = "outbox_state"
    id: int = Field(default=1, primary_key=True)
    pruned_through: int = Field(default=0, sa_type=BigInteger)
    pruned_at: datetime | None = moment_field(nullable=True)


class Subscription(SQLModel, table=True):
    """A webhook subscription: where to send which event types, signed with its secret."""

    __tablename__ = "webhook"
    id: int | None = Field(default=None, primary_key=True)
    url: str
    types: list[str] = Field(sa_column=Column(JSONDocument, nullable=False))
    secret: str
    description: str = ""
    state: str = "active"
    paused_reason: str | None = None
    cursor: int = Field(default=0, sa_type=BigInteger)
    created_at: datetime = moment_field()
    updated_at: datetime = moment_field()


class Delivery(SQLModel, table=True):
    """One event to one subscription: pending (due at ``next_at``), delivered or failed."""

    __tablename__ = "delivery"
    __table_args__ = (
        Index("ix_delivery_event", "webhook_id", "event_id", unique=True),
        Index("ix_delivery_due", "state", "next_at"),
        Index("ix_delivery_client", "webhook_id", "client_id", "state", "event_id"),
    )
    id: int | None = Field(default=None, primary_key=True, sa_type=BIG_ID)
    webhook_id: int = Field(foreign_key="webhook.id", ondelete="CASCADE")
    event_id: int = Field(sa_type=BigInteger)
    client_id: int | None = None
    state: str = "pending"
    attempts: int = 0
    first_at: datetime = moment_field()
    next_at: datetime = moment_field()
    done_at: datetime | None = moment_field(nullable=True)
    last_status: int | None = None
    last_error: str | None = None


class DeliveryAttempt(SQLModel, table=True):
    """The delivery log: every attempt with its status code (or error) and duration."""

    __tablename__ = "delivery_attempt"
    id: int | None = Field(default=None, primary_key=True, sa_type=BIG_ID)
    delivery_id: int = Field(foreign_key="delivery.id", ondelete="CASCADE", index=True, sa_type=BigInteger)
    at: datetime = moment_field()
    status: int | None = None
    error: str | None = None
    duration_ms: int = 0


EVENT = core_table(Event)
OUTBOX_STATE = core_table(OutboxState)
WEBHOOK = core_table(Subscription)
DELIVERY = core_table(Delivery)
ATTEMPT = core_table(DeliveryAttempt)
