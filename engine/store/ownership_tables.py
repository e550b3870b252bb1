"""The ownership tables: whose turn it is per role, and the log of hand-overs between roles."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from engine.store.tables import core_table, moment_field


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
    at: datetime = moment_field(index=True)
    from_manager: str | None = None
    from_role: str | None = None
    to_manager: str
    to_role: str
    rule: str
    stage: str
    actor: str


TURN = core_table(AssignmentTurn)
HANDOVER = core_table(Handover)
