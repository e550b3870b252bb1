"""What a command can answer besides success, in words, with a stable kind per error.

The CLI shows the message and exits 1 (2 for bad input); the HTTP API turns ``kind`` into an
RFC 9457 problem type with its status.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from engine import i18n
from engine.runtime.machine import Outcome
from engine.runtime.refusals import Refusal


class ServiceError(i18n.CodedError):
    kind = "error"
    """The kind of problem (the HTTP API gives each kind its status: engine/api/problem_types.py)."""
    exit_code = 1
    """The CLI's exit code: 1 for refusals and conflicts, 2 for what the user must write
    differently (bad input, an unknown thing, a folder given where it cannot run)."""

    def details(self, lang: str) -> dict[str, Any]:
        return {}


class NotFound(ServiceError):
    kind = "not-found"
    exit_code = 2


class Conflict(ServiceError):
    kind = "conflict"


class Forbidden(ServiceError):
    kind = "forbidden"


class StagesLeftBehind(ServiceError):
    """Clients stand on stages the regulation no longer has: nothing may run until they match."""

    kind = "stages-left-behind"


class RegulationChanged(ServiceError):
    """Another regulation was published while the command was checked against the previous one:
    nothing was written; run the command again under the new one."""

    kind = "regulation-changed"


class KeyReusedError(ServiceError):
    kind = "idempotency-key-reused"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input: the field (or parameter) and why, said at the edge."""

    field: str
    message: i18n.Localized
    code: str = ""
    details: Mapping[str, Any] = dataclass_field(default_factory=dict)
    section: str = ""
    """Where the field sits in a request: ``card`` for card fields, empty for top-level ones."""

    @property
    def messages(self) -> dict[str, str]:
        """The message in every language."""
        return {lang: self.message.render(lang) for lang in i18n.LANGUAGES}

    def as_dict(self, lang: str) -> dict[str, Any]:
        path = [p for p in (self.section, self.field) if p]
        return {
            "field": self.field,
            "code": self.code,
            "message": self.message.render(lang),
            "pointer": "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in path),
        }


def problem(field_name: str, code: str, **args: object) -> Problem:
    return Problem(field_name, i18n.Message.of(code, **args), code)


class InvalidInput(ServiceError):
    kind = "invalid-input"
    exit_code = 2

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("invalid_input", n=len(self.problems))

    def message(self, lang: str) -> str:
        lines = [i18n.tr("error.invalid_input", lang, n=len(self.problems))]
        lines += [f"  {p.field}: {p.message.render(lang)}" for p in self.problems]
        return "\n".join(lines)

    def details(self, lang: str) -> dict[str, Any]:
        return {"errors": [p.as_dict(lang) for p in self.problems]}


class Refused(ServiceError):
    """The regulation does not allow the move now; every reason is listed."""

    kind = "move-refused"

    def __init__(self, outcome: Outcome, stage_label: i18n.Localized, action_label: i18n.Localized) -> None:
        self.outcome = outcome
        self.stage_label = stage_label
        self.action_label = action_label
        super().__init__("refused", trigger=outcome.trigger)

    @property
    def reasons(self) -> tuple[Refusal, ...]:
        return self.outcome.reasons

    def message(self, lang: str) -> str:
        head = i18n.tr(
            "error.refused",
            lang,
            trigger=self.action_label,
            stage=self.stage_label,
        )
        lines = [head] + [f"  – {r.message(lang)}  [{r.clause}]" for r in self.reasons]
        return "\n".join(lines)

    def details(self, lang: str) -> dict[str, Any]:
        return {
            "trigger": self.outcome.trigger,
            "stage": self.outcome.source,
            "reasons": [r.as_dict(lang) for r in self.reasons],
        }
