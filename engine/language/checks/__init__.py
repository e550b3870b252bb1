"""Meaning checks: what a schema cannot see. Each check is a small function with stable codes.

A check declares which files it needs; when one of them could not be parsed, the check is
skipped rather than reporting a cascade of false "unknown id" errors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from engine.language.diagnostics import Diagnostic, Severity
from engine.language.yamlio import Position, SourceMap, escape_pointer_token
from engine.model.regulation import Regulation
from engine.model.text import Origin


@dataclass(frozen=True, slots=True)
class CheckContext:
    source_maps: Mapping[str, SourceMap]
    broken: frozenset[str]
    """File kinds that are missing or could not be parsed."""
    invalid: frozenset[tuple[str, str]] = frozenset()
    """(file, pointer) of values already reported wrong by the YAML or schema layer."""

    def tainted(self, origin: Origin) -> bool:
        """Something inside the element at ``origin`` was already reported wrong: a check
        reasoning about it would only repeat that finding in other words."""
        prefix = origin.pointer + "/"
        return any(
            f == origin.file and (p == origin.pointer or p.startswith(prefix)) for f, p in self.invalid
        )

    def report(
        self,
        origin: Origin,
        code: str,
        /,
        *path: str | int,
        severity: Severity = Severity.ERROR,
        hint: str = "",
        key: bool = False,
        **args: object,
    ) -> Diagnostic:
        """A diagnostic at ``origin``'s pointer extended by ``path`` (at the key if ``key``)."""
        pointer = origin.pointer + "".join("/" + escape_pointer_token(str(p)) for p in path)
        source_map = self.source_maps.get(origin.file)
        if source_map is None:
            pos = Position(origin.line, origin.column)
        else:
            while pointer not in source_map.values and len(pointer) > len(origin.pointer):
                pointer = pointer.rsplit("/", 1)[0]  # a plain string stands for its translations
            pos = source_map.key(pointer) if key else source_map.value(pointer)
        return Diagnostic.make(
            origin.file, pos.line, pos.column, code, pointer, severity=severity, hint=hint, **args
        )


Check = Callable[[Regulation, CheckContext], Iterable[Diagnostic]]
_CHECKS: list[tuple[frozenset[str], Check]] = []


def check(*needs: str) -> Callable[[Check], Check]:
    """Register a check that needs the files of kinds ``needs`` to be readable."""

    def register(function: Check) -> Check:
        _CHECKS.append((frozenset(needs), function))
        return function

    return register


def run_checks(regulation: Regulation, context: CheckContext) -> Iterator[Diagnostic]:
    for needs, function in _CHECKS:
        if not needs & context.broken:
            yield from function(regulation, context)


from engine.language.checks import (  # noqa: E402  (registration order is report order)
    card,
    conditions,
    dates,
    degenerate,
    durations,
    graph,
    migration,
    objections,
    ownership,
    priorities,
    references,
    registry,
    segments,
    targets,
    translations,
)

__all__ = [
    "CheckContext",
    "card",
    "check",
    "conditions",
    "dates",
    "degenerate",
    "durations",
    "graph",
    "migration",
    "objections",
    "ownership",
    "priorities",
    "references",
    "registry",
    "run_checks",
    "segments",
    "targets",
    "translations",
]
