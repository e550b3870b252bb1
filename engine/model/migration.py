"""The migration map a new version declares: which ids of the version before it became which.

Several old ids may map to one new id (a merge). Publishing applies the map to the clients in
one transaction; the checks see that every target exists and no source is still declared.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.model.text import Origin

KINDS = ("stages", "fields", "triggers", "reasons")
"""What a map may rename, in the order of the ``migrate`` section."""


@dataclass(frozen=True, slots=True)
class Rename:
    old: str
    new: str
    origin: Origin
    """Where the map line is written (its value)."""


@dataclass(frozen=True, slots=True)
class Migration:
    stages: tuple[Rename, ...] = ()
    fields: tuple[Rename, ...] = ()
    triggers: tuple[Rename, ...] = ()
    reasons: tuple[Rename, ...] = ()

    def of(self, kind: str) -> tuple[Rename, ...]:
        renames: tuple[Rename, ...] = getattr(self, kind)
        return renames

    def mapping(self, kind: str) -> dict[str, str]:
        return {r.old: r.new for r in self.of(kind)}

    def __bool__(self) -> bool:
        return any(self.of(k) for k in KINDS)


NO_MIGRATION = Migration()
