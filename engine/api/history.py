"""History entries in the OpenAPI document: a ``oneOf`` by ``kind``, each with its typed
``data`` (from :mod:`engine.service.history_kinds`), and a generic entry for kinds a newer engine
may have written."""

from __future__ import annotations

import operator
from datetime import datetime
from functools import reduce
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Discriminator, Field, Tag, create_model

from engine.api.derive import model_of
from engine.service.history_kinds import KINDS

OTHER = "other"


class _Entry(BaseModel):
    id: int
    at: datetime
    actor: str = Field(description="A manager's login, token:N for another API token, or a CLI user.")
    trigger: str | None = None
    from_stage: str | None = None
    to_stage: str | None = None
    regulation: str | None = Field(None, description="The tag of the regulation in force.")


def _entry(kind: str, data: type) -> Any:
    name = "History" + "".join(part.title() for part in kind.split("_"))
    fields: dict[str, Any] = {"kind": (Literal[kind], ...), "data": (model_of(data) | None, None)}
    model = create_model(name, __base__=_Entry, **fields)
    return Annotated[model, Tag(kind)]


class HistoryOther(_Entry):
    """An entry of a kind this version does not describe (written by a newer engine)."""

    kind: str
    data: dict[str, Any] | None = None


def _tag(entry: Any) -> str:
    kind = entry.get("kind") if isinstance(entry, dict) else getattr(entry, "kind", None)
    return kind if kind in KINDS else OTHER


_MEMBERS = [_entry(kind, data) for kind, data in KINDS.items()] + [Annotated[HistoryOther, Tag(OTHER)]]
HistoryEntry: Any = Annotated[reduce(operator.or_, _MEMBERS), Discriminator(_tag)]
