"""The database tables (SQLModel). Hot paths use their ``__table__`` with SQLAlchemy Core."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import BigInteger, Column, Index, Table
from sqlmodel import Field, SQLModel

from engine.store.types import JSONDocument, UTCDateTime


def moment_field(nullable: bool = False, index: bool = False) -> Any:
    return Field(default=None, sa_type=UTCDateTime, nullable=nullable, index=index)


class RegulationVersion(SQLModel, table=True):
    """Every regulation version that wrote to this database, with its files."""

    __tablename__ = "regulation_version"
    id: int | None = Field(default=None, primary_key=True)
    regulation: str
    version: str
    tag: str = Field(unique=True)
    digest: str
    loaded_at: datetime = moment_field()
    files: dict[str, str] = Field(sa_column=Column(JSONDocument, nullable=False))
    published_at: datetime | None = moment_field(nullable=True)
    published_by: str | None = None


class RegulationState(SQLModel, table=True):
    """The one row naming the regulation in force (NULL: nothing published, the folder rules).
    Every write locks it shared and publishing locks it exclusively, so a write validated
    against one version never commits after another is published."""

    __tablename__ = "regulation_state"
    id: int = Field(default=1, primary_key=True)
    tag: str | None = None
    published_at: datetime | None = moment_field(nullable=True)
    published_by: str | None = None


class RegulationPublication(SQLModel, table=True):
    """Every publication, numbered: which version was put in force, by whom, when, why, and
    which one it replaced (a rollback is a publication of an older version)."""

    __tablename__ = "regulation_publication"
    id: int | None = Field(default=None, primary_key=True)
    tag: str = Field(index=True)
    previous: str | None = None
    published_at: datetime = moment_field()
    published_by: str
    note: str | None = None
    rollback_of: int | None = None
    forced: list[str] | None = Field(default=None, sa_column=Column(JSONDocument, nullable=True))
    """The failing scenarios (``file:line name``) the publication was forced past."""
    scenarios: dict[str, str] | None = Field(default=None, sa_column=Column(JSONDocument, nullable=True))


class ApiToken(SQLModel, table=True):
    """An API token: only its SHA-256 is stored; a manager's token acts as that manager."""

    __tablename__ = "api_token"
    id: int | None = Field(default=None, primary_key=True)
    name: str
    token_hash: str = Field(unique=True, index=True)
    role: str
    manager: str | None = None
    manager_id: int | None = Field(default=None, foreign_key="manager.id", ondelete="CASCADE")
    created_at: datetime = moment_field()
    revoked_at: datetime | None = moment_field(nullable=True)


class Manager(SQLModel, table=True):
    __tablename__ = "manager"
    id: int | None = Field(default=None, primary_key=True)
    login: str = Field(unique=True, index=True)
    name: str
    role: str
    timezone: str | None = None
    created_at: datetime = moment_field()
    active: bool = Field(default=True, sa_column_kwargs={"server_default": "1"})
    deactivated_at: datetime | None = moment_field(nullable=True)
    away_from: date | None = None
    away_until: date | None = None
    region: str | None = None


class Client(SQLModel, table=True):
    """One client: stage, card, the open next step; ``version`` guards concurrent writes."""

    __tablename__ = "client"
    __table_args__ = (
        Index("ix_client_owner_stage", "owner_id", "stage"),
        Index("ix_client_timezone", "timezone"),  # the call queue's zones (migration 0080)
    )
    id: int | None = Field(default=None, primary_key=True)
    external_id: str | None = Field(default=None, unique=True)
    name: str
    stage: str = Field(index=True)
    stage_since: datetime = moment_field()
    owner_id: int | None = Field(default=None, foreign_key="manager.id", index=True)
    card: dict[str, Any] = Field(sa_column=Column(JSONDocument, nullable=False))
    potential: str | None = None
    timezone: str
    created_at: datetime = moment_field()
    updated_at: datetime = moment_field()
    version: int = 1
    last_contact_at: datetime | None = moment_field(nullable=True)
    contacts_count: int = 0
    next_action: str | None = None
    next_due_date: date | None = None
    next_due_time: time | None = None
    abc: str | None = None
    xyz: str | None = None
    average_sale: float | None = None
    segment_at: datetime | None = moment_field(nullable=True)
    handed_over_at: datetime | None = moment_field(nullable=True)
    """The last hand-over between roles (the fact ``handed_over_within``)."""


class SegmentationRun(SQLModel, table=True):
    """One ABC-XYZ classification: when, over which periods, with which settings and result."""

    __tablename__ = "segmentation_run"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = moment_field()
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
    created_at: datetime = moment_field()
    created_by: str
    closed_at: datetime | None = moment_field(nullable=True)


class Contact(SQLModel, table=True):
    __tablename__ = "contact"
    __table_args__ = (Index("ix_contact_at", "at"),)
    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", index=True)
    manager: str
    kind: str
    result: str
    comment: str = ""
    at: datetime = moment_field()
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
    at: datetime = moment_field()
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
        Index("ix_sale_segment", "client_id", "month", "amount"),  # covers ABC-XYZ sums
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


class Command(SQLModel, table=True):
    """Idempotency keys, each its sender's own: a retried command replays the stored response."""

    __tablename__ = "command"
    key: str = Field(primary_key=True)
    actor: str = Field(primary_key=True)
    request_hash: str
    status_code: int = 200
    response: dict[str, Any] = Field(sa_column=Column(JSONDocument, nullable=False))
    created_at: datetime = moment_field()


METADATA = SQLModel.metadata


def core_table(model: type[SQLModel]) -> Table:
    """The Core table of a model, typed (SQLModel does not declare ``__table__``)."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


VERSIONS = core_table(RegulationVersion)
STATE = core_table(RegulationState)
PUBLICATIONS = core_table(RegulationPublication)
TOKENS = core_table(ApiToken)
MANAGER = core_table(Manager)
CLIENT = core_table(Client)
RUNS = core_table(SegmentationRun)
TASK = core_table(Task)
CONTACT = core_table(Contact)
HISTORY = core_table(HistoryEntry)
SALE = core_table(Sale)
COMMAND = core_table(Command)

# Tables of their own concept, registered on the same metadata when this module loads.
from engine.store import alias_tables, event_tables, ownership_tables  # noqa: E402, F401  isort: skip
