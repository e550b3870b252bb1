"""Answers about the regulation, the day's reports and administration (see :mod:`models` for clients)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from engine.api.derive import HH_MM
from engine.api.regulation_answers import Labelled

Role = Literal["manager", "head", "admin"]


class CallRow(BaseModel):
    position: int
    client_id: int
    name: str
    bucket: str
    bucket_label: str
    color: str
    reason: str = Field(description="Why the client is here, in words.")
    stage: Labelled
    owner: str | None
    expected_value: float
    due_date: date | None = Field(description="The open next step's date, in the client's calendar.")
    due_time: HH_MM | None = Field(description="Its time on the client's clock (null: any time that day).")
    due_at: datetime | None = Field(
        description="The same moment with the client's offset, when a time is set."
    )
    local_time: HH_MM = Field(description="The client's wall-clock time at the moment.")
    phone: str | None = Field(None, description="The client's phone, to dial.")


class CallsEmptyOut(BaseModel):
    why: Literal["no_clients", "day_off", "after_hours", "nothing_due"] = Field(
        description="Why the list is empty: no clients in scope, a day off, outside working hours, "
        "or nobody due now."
    )
    next_at: datetime | None = Field(
        description="After hours or on a day off: when working hours next start on some client's clock."
    )
    next_total: int = Field(description="How many calls are due at next_at.")


class CallQueueOut(BaseModel):
    at: datetime
    manager: str | None
    total: int
    by_bucket: dict[str, int]
    rows: list[CallRow]
    empty: CallsEmptyOut | None = Field(
        None, description="For an empty list: why, and when calls are next due."
    )


class MatrixOut(BaseModel):
    clients: dict[str, int]
    volume: dict[str, float]
    share: dict[str, float]
    unclassified: int


class SegmentRunOut(BaseModel):
    at: datetime
    actor: str
    regulation: str
    periods: list[int] = Field(description="The first and last period of the window.")
    classified: int | None = None
    changed: int | None = None
    planned_contacts: int | None = None
    matrix: MatrixOut


class TallyOut(BaseModel):
    on_time: int
    late: int
    never: int
    total: int
    on_time_share: float
    median_days_late: int


class ComplianceOut(BaseModel):
    at: datetime
    by_manager: dict[str, TallyOut]
    by_cell: dict[str, TallyOut]


class TokenOut(BaseModel):
    id: int
    name: str
    role: Role
    manager: str | None
    created_at: datetime
    revoked: bool


class TokenIssued(BaseModel):
    token: str = Field(description="Shown once; only its hash is stored.")
    name: str
    role: Role
    manager: str | None


class ManagerOut(BaseModel):
    login: str
    name: str
    role: str
    timezone: str | None
    region: str | None = None
    active: bool = Field(True, description="False once deactivated: gets no clients.")
    away_from: date | None = Field(None, description="Away (no new clients) from this day…")
    away_until: date | None = Field(None, description="…to this day, both included.")


class Health(BaseModel):
    status: str = Field(description="ok")
    regulation: str = Field(description="The tag of the regulation in force.")
