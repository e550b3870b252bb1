"""Finding a declared element (a stage, a field, a role…) among its kind by its id."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar


class _Declared(Protocol):
    @property
    def id(self) -> str: ...


D = TypeVar("D", bound=_Declared)


def by_id(elements: Iterable[D], wanted: str) -> D | None:
    """The element whose id is ``wanted``, or None."""
    for e in elements:
        if e.id == wanted:
            return e
    return None
