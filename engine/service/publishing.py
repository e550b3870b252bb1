"""What publishing answers and refuses besides a regulation's errors: a publication (or none, when
the regulation is the one in force already), the regulation's failing scenarios, and the stage
ids its migration map leaves in the history (the reports count them as the stages they became)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from engine import i18n
from engine.model.regulation import Regulation
from engine.service.errors import ServiceError
from engine.service.workspace import Workspace


@dataclass(frozen=True, slots=True)
class Failed:
    """A scenario that failed on the regulation to publish: where it is written, its name and
    what it missed."""

    file: str
    line: int
    name: str
    problems: tuple[i18n.Localized, ...] = ()

    @property
    def place(self) -> str:
        return f"{self.file}:{self.line}  {self.name}".rstrip()


Gate = Callable[[Regulation], Sequence[Failed]]
"""Runs a regulation's scenarios and answers the failed ones (the scenarios' layer provides it)."""


@dataclass(frozen=True, slots=True)
class Published:
    """What a publish did: the workspace of the version in force and its publication number;
    ``unchanged``: the version was in force already and nothing was written; ``forced``: the
    failing scenarios the publication was forced past (recorded with it)."""

    ws: Workspace
    number: int
    unchanged: bool = False
    forced: tuple[str, ...] = ()


class ScenariosFailed(ServiceError):
    """The regulation's scenarios fail: nothing was published (unless forced)."""

    kind = "scenarios-failed"

    def __init__(self, failed: Sequence[Failed]) -> None:
        self.failed = list(failed)
        super().__init__("scenarios_failed", n=len(self.failed))

    def message(self, lang: str) -> str:
        lines = [i18n.tr("error.scenarios_failed", lang, n=len(self.failed))]
        for f in self.failed:
            lines.append(f"  ✗ {f.place}")
            lines += [f"      {p.render(lang)}" for p in f.problems]
        return "\n".join(lines)

    def details(self, lang: str) -> dict[str, Any]:
        return {
            "scenarios": [
                {
                    "file": f.file,
                    "line": f.line,
                    "name": f.name,
                    "problems": [p.render(lang) for p in f.problems],
                }
                for f in self.failed
            ]
        }


def gate_check(reg: Regulation, gate: Gate | None, force: bool) -> tuple[str, ...]:
    """The failing scenarios to record (``force``), or :class:`ScenariosFailed`."""
    failed = list(gate(reg)) if gate is not None else []
    if failed and not force:
        raise ScenariosFailed(failed)
    return tuple(f.place for f in failed)


def stage_aliases(old: Mapping[str, str], step: Mapping[str, str], stages: Sequence[str]) -> dict[str, str]:
    """The stage ids the history may hold, each with the stage it stands for now: the aliases
    before this publication carried on by its renames (``step``: old → new, the ones it applied
    to the clients), plus those renames; an id the regulation has again stands for itself."""
    out = {k: step.get(v, v) for k, v in old.items()}
    out.update(step)
    kept = set(stages)
    return {k: v for k, v in out.items() if k != v and k not in kept}
