"""The database tables (SQLModel). Hot paths use their ``__table__`` with SQLAlchemy Core."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import BigInteger, Column, Index, Integer, Table, text
from sqlmodel import Field, SQLModel

from engine.store.types import JSONDocument, UTCDateTime


def _when(nullable: bool = False, index: bool = False) -> Any:
    return Field(default=None, sa_type=UTCDateTime, nullable=nullable, index=index)


class RegulationVersion(SQLModel, table=True):
    """Every regulation version that wrote to this database, with its files."""

    __tablename__ = "regulation_version"
    id: int | None = Field(default=None, primary_key=True)
    regulation: str
    version: str
    tag: str = Field(unique=True)
    digest: str
    loaded_at: datetime = _when()
    files: dict[str, str] = Field(sa_column=Column(JSONDocument, nullable=False))
    published_at: datetime | None = _when(nullable=True)
    published_by: str | None = None


class RegulationState(SQLModel, table=True):
    """The one row naming the regulation in force (NULL: nothing published, the folder rules).
    Every write locks it shared and publishing locks it exclusively, so a write validated
    against one version never commits after another is published."""

    __tablename__ = "regulation_state"
    id: int = Field(default=1, primary_key=True)
    tag: str | None = None
    published_at: datetime | None = _when(nullable=True)
    published_by: str | None = None


class RegulationPublication(SQLModel, table=True):
    """Every publication, numbered: which version was put in force, by whom, when, why, and
    which one it replaced (a rollback is a publication of an older version)."""

    __tablename__ = "regulation_publication"
    id: int | None = Field(default=None, primary_key=True)
    tag: str = Field(index=True)
    previous: str | None = None
    published_at: datetime = _when()
    published_by: str
    note: str | None = None
    rollback_of: int | None = None


class ApiToken(SQLModel, table=True):
    """An API token: only its SHA-256 is stored; a manager's token acts as that manager."""

    __tablename__ = "api_token"
    id: int | None = Field(default=None, primary_key=True)
    name: str
    token_hash: str = Field(unique=True, index=True)
    role: str
    manager: str | None = None
    manager_id: int | None = Field(default=None, foreign_key="manager.id", ondelete="CASCADE")
    created_at: datetime = _when()
    revoked_at: datetime | None = _when(nullable=True)


class Manager(SQLModel, table=True):
    __tablename__ = "manager"
    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(unique=True, index=True)
    name: str
    role: str
    timezone: str | None = None
    created_at: datetime = _when()
    active: bool = Field(default=True, sa_column_kwargs={"server_default": "1"})
    deactivated_at: datetime | None = _when(nullable=True)
    away_from: date | None = None
    away_until: date | None = None
    region: str | None = None


class Client(SQLModel, table=True):
    """One client: stage, card, the open next step; ``version`` guards concurrent writes."""

    __tablename__ = "client"
    __table_args__ = (Index("ix_client_owner_stage", "owner_id", "stage"),)
    id: int | None = Field(default=None, primary_key=True)
    external_id: str | None = Field(default=None, unique=True)
    name: str
    stage: str = Field(index=True)
    stage_since: datetime = _when()
    owner_id: int | None = Field(default=None, foreign_key="manager.id", index=True)
    card: dict[str, Any] = Field(sa_column=Column(JSONDocument, nullable=False))
    potential: str | None = None
    timezone: str
    created_at: datetime = _when()
    updated_at: datetime = _when()
    version: int = 1
    last_contact_at: datetime | None = _when(nullable=True)
    contacts_count: int = 0
    next_action: str | None = None
    next_due_date: date | None = None
    next_due_time: time | None = None
    abc: str | None = None
    xyz: str | None = None
    average_sale: float | None = None
    segment_at: datetime | None = _when(nullable=True)
    handed_over_at: datetime | None = _when(nullable=True)
    """The last hand-over between roles (the fact ``handed_over_within``)."""


class SegmentationRun(SQLModel, table=True):
    """One ABC-XYZ classification: when, over which periods, with which settings and result."""

    __tablename__ = "segmentation_run"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _when()
    actor: str
    regulation: str
    first_period: int
    last_period: int
    summary: dict[str, Any] = Field(sa_column=Column(JSONDocument, nullable=False))


class Task(SQLModel, table=True):
    """Next steps, open and closed; the open one is mirrored on the client row."""

    __tablename__ = "task"
    __table_args__ = (Index("ix_task_client_status", "client_id", "status"),)
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id")
    kind: str = "next_step"
    action: str
    due_date: date
    due_time: time | None = None
    status: str = "open"
    created_at: datetime = _when()
    created_by: str
    closed_at: datetime | None = _when(nullable=True)


class Contact(SQLModel, table=True):
    __tablename__ = "contact"
    __table_args__ = (Index("ix_contact_at", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    manager: str
    kind: str
    result: str
    comment: str = ""
    at: datetime = _when()
    stage: str
    refusal_reason: str | None = None
    task_id: int | None = Field(default=None, foreign_key="task.id")


class HistoryEntry(SQLModel, table=True):
    """The append-only log: database triggers refuse UPDATE and DELETE."""

    __tablename__ = "history"
    __table_args__ = (
        Index("ix_history_at", "at"),
        Index("ix_history_client_stage", "client_id", "to_stage", "id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    at: datetime = _when()
    actor: str
    kind: str
    trigger: str | None = None
    from_stage: str | None = None
    to_stage: str | None = None
    regulation: str
    data: dict[str, Any] = Field(sa_column=Column(JSONDocument, nullable=False))


class Sale(SQLModel, table=True):
    """One sales line (from 1C or the demo). ``month`` = year × 12 + month − 1, for grouping.
    ``line_key`` and ``line_seq`` are the line's identity (see ``store/sales.py``)."""

    __tablename__ = "sale"
    __table_args__ = (
        Index("ix_sale_client_month", "client_id", "month"),
        Index("ix_sale_identity", "client_id", "line_key", "line_seq", unique=True),
        Index("ix_sale_day", "day"),
    )
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id")
    day: date
    month: int
    product: str | None = None
    quantity: float = 0.0
    amount: float
    margin: float | None = None
    document: str | None = None
    line_no: int | None = None
    line_key: int | None = Field(default=None, sa_type=BigInteger)
    line_seq: int = Field(default=0, sa_column_kwargs={"server_default": "0"})


class AssignmentTurn(SQLModel, table=True):
    """One row per role: whose turn it is. Every automatic assignment locks its role's row, so
    two processes dealing clients of one role take turns and round-robin stays exact."""

    __tablename__ = "assignment_turn"
    role: str = Field(primary_key=True)
    last_manager_id: int | None = None
    dealt: int = 0


class Handover(SQLModel, table=True):
    """A client passed from one role's manager to another's (append-only; the report reads it)."""

    __tablename__ = "handover"
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    at: datetime = _when(index=True)
    from_manager: str | None = None
    from_role: str | None = None
    to_manager: str
    to_role: str
    rule: str
    stage: str
    actor: str


class Command(SQLModel, table=True):
    """Idempotency keys, each its sender's own: a retried command replays the stored response."""

    __tablename__ = "command"
    key: str = Field(primary_key=True)
    actor: str = Field(primary_key=True)
    request_hash: str
    status_code: int = 200
    response: dict[str, Any] = Field(sa_column=Column(JSONDocument, nullable=False))
    created_at: datetime = _when()


METADATA = SQLModel.metadata


def _table(model: type[SQLModel]) -> Table:
    """The Core table of a model, typed (SQLModel does not declare ``__table__``)."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


VERSIONS = _table(RegulationVersion)
STATE = _table(RegulationState)
PUBLICATIONS = _table(RegulationPublication)
TOKENS = _table(ApiToken)
MANAGER = _table(Manager)
CLIENT = _table(Client)
RUNS = _table(SegmentationRun)
TASK = _table(Task)
CONTACT = _table(Contact)
HISTORY = _table(HistoryEntry)
SALE = _table(Sale)
COMMAND = _table(Command)
TURN = _table(AssignmentTurn)
HANDOVER = _table(Handover)


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
    at: datetime = _when()
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
    pruned_at: datetime | None = _when(nullable=True)


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
    created_at: datetime = _when()
    updated_at: datetime = _when()


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
    first_at: datetime = _when()
    next_at: datetime = _when()
    done_at: datetime | None = _when(nullable=True)
    last_status: int | None = None
    last_error: str | None = None


class DeliveryAttempt(SQLModel, table=True):
    """The delivery log: every attempt with its status code (or error) and duration."""

    __tablename__ = "delivery_attempt"
    id: int | None = Field(default=None, primary_key=True, sa_type=BIG_ID)
    delivery_id: int = Field(foreign_key="delivery.id", ondelete="CASCADE", index=True, sa_type=BigInteger)
    at: datetime = _when()
    status: int | None = None
    error: str | None = None
    duration_ms: int = 0


EVENT = _table(Event)
OUTBOX_STATE = _table(OutboxState)
WEBHOOK = _table(Subscription)
DELIVERY = _table(Delivery)
ATTEMPT = _table(DeliveryAttempt)
