"""A change between two regulations, and the helpers every concept's comparison shares."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, Protocol, TypeVar

from engine import i18n
from engine.conditions.words import Speaker
from engine.model.condition import Condition
from engine.model.regulation import Regulation
from engine.model.text import Origin, Text
from engine.values.durations import format_duration

CONCEPTS = ("regulation", "stage", "transition", "field", "reason", "segments", "cell", "order")
"""The concepts a change belongs to, in the order a report lists them."""
ACTIONS = ("added", "removed", "renamed", "changed", "moved")


@dataclass(frozen=True, slots=True)
class Change:
    """One change: its ``concept`` (stage, transition, field…), ``action`` (added, removed,
    renamed, changed, moved), the id it is about, the change said in words, and the clause
    in the old and the new version (None where the element does not exist)."""

    concept: str
    action: str
    subject: str
    message: i18n.Message
    old: Origin | None
    new: Origin | None


_SKIPPED = frozenset({"origin", "required_at"})


def shape(value: Any) -> Any:
    """``value`` without where it was written: two elements with the same shape mean the same,
    however the YAML was formatted or commented."""
    if is_dataclass(value) and not isinstance(value, type):
        kept = [f.name for f in fields(value) if f.name not in _SKIPPED]
        return (type(value).__name__, *((name, shape(getattr(value, name))) for name in kept))
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), shape(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(shape(v) for v in value)
    return value


class Identified(Protocol):
    @property
    def label(self) -> Text: ...


E = TypeVar("E", bound=Identified)


def renames(old: Mapping[str, E], new: Mapping[str, E], same: Callable[[E, E], bool]) -> dict[str, str]:
    """Old id → new id for elements that disappeared under one id and appeared under another:
    the same label in some language, or the same content (``same``)."""
    gone = [i for i in old if i not in new]
    came = [i for i in new if i not in old]
    found: dict[str, str] = {}
    for was in gone:
        labels = set(old[was].label.values)
        match = next((c for c in came if c not in found.values() and labels & set(new[c].label.values)), None)
        match = match or next((c for c in came if c not in found.values() and same(old[was], new[c])), None)
        if match is not None:
            found[was] = match
    return found


@dataclass(frozen=True, slots=True)
class Said:
    """A condition said in words in the reader's language (none: «no condition»)."""

    regulation: Regulation
    condition: Condition | None

    def render(self, lang: str) -> str:
        if self.condition is None:
            return i18n.tr("diff.no_condition", lang)
        return Speaker(self.regulation, lang).say(self.condition)


@dataclass(frozen=True, slots=True)
class Duration:
    """A duration in words (none: «none»)."""

    seconds: int | None

    def render(self, lang: str) -> str:
        if self.seconds is None:
            return i18n.tr("diff.none", lang)
        return format_duration(self.seconds, lang)


@dataclass(frozen=True, slots=True)
class Ids:
    """Ids as a list, each by its label where the regulation has one."""

    items: tuple[Identified | str, ...]

    def render(self, lang: str) -> str:
        if not self.items:
            return i18n.tr("diff.none", lang)
        words = [f"«{i.label.get(lang)}»" if not isinstance(i, str) else i for i in self.items]
        return i18n.join_words(words, lang)


@dataclass(frozen=True, slots=True)
class Route:
    """Where a move goes: from these stages (any open one: «*») to that one."""

    sources: Ids
    dest: Ids

    def render(self, lang: str) -> str:
        any_open = self.sources.items == ("*",)
        sources = i18n.tr("diff.any_open", lang) if any_open else self.sources.render(lang)
        return f"{sources} → {self.dest.render(lang)}"


def listed(ids: Iterable[str], lookup: Callable[[str], Identified | None]) -> Ids:
    return Ids(tuple(lookup(i) or i for i in ids))


def change(
    concept: str,
    action: str,
    subject: str,
    old_at: Origin | None,
    new_at: Origin | None,
    code: str,
    /,
    **args: object,
) -> Change:
    """A change said by the catalog's ``diff.<code>`` with ``args``, at both clauses."""
    return Change(concept, action, subject, i18n.Message.of(f"diff.{code}", **args), old_at, new_at)


class _Element(Protocol):
    """A stage or a card field: what a rename keeps."""

    @property
    def id(self) -> str: ...
    @property
    def label(self) -> Text: ...
    @property
    def origin(self) -> Origin: ...


def renamed(concept: str, old_id: str, was: _Element, now: _Element) -> Change:
    """A stage or field carried from ``old_id`` to its new id, named by its old label."""
    return change(
        concept,
        "renamed",
        now.id,
        was.origin,
        now.origin,
        f"{concept}_renamed",
        old=old_id,
        new=now.id,
        label=was.label,
    )


def ordered(changes: Sequence[Change]) -> list[Change]:
    """Concept by concept, in the order of the new version's file (removed ones by the old)."""

    def key(c: Change) -> tuple[int, str, int]:
        at = c.new or c.old
        return (CONCEPTS.index(c.concept), at.file if at else "", at.line if at else 0)

    return sorted(changes, key=key)
