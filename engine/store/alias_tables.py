"""Stage ids the history keeps after a published migration map renamed them: the id each stands
for in the regulation in force, so reports count a renamed stage's history as one stage."""

from __future__ import annotations

from sqlmodel import Field, SQLModel

from engine.store.tables import core_table


class StageAlias(SQLModel, table=True):
    """One old stage id and the stage of the regulation in force it became (through one map or
    a chain of them); rewritten whole by every publication."""

    __tablename__ = "stage_alias"
    old: str = Field(primary_key=True)
    new: str


STAGE_ALIAS = core_table(StageAlias)
