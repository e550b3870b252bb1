"""Why a move is refused: each reason with the regulation clause that demands it, said in the
reader's language when it is shown."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from enum import StrEnum
from pathlib import PurePath

from engine import i18n
from engine.model.text import Origin


class RefusalCode(StrEnum):
    """Every reason a move can be refused for (each has its text ``refusal.<code>``)."""

    UNKNOWN_TRIGGER = "unknown_trigger"
    NOT_FROM_STAGE = "not_from_stage"
    TERMINAL_STAGE = "terminal_stage"
    MISSING_FIELD = "missing_field"
    INVALID_FIELD = "invalid_field"
    CONDITION = "condition"
    REASON_REQUIRED = "reason_required"
    REASON_NOT_VALID = "reason_not_valid"
    NEXT_STEP_REQUIRED = "next_step_required"
    HANDOVER_NOTE = "handover_note"


@dataclass(frozen=True, slots=True)
class Said:
    """A sentence composed per language when shown (a condition said with the regulation's
    labels), wrapped in the catalog message ``code``."""

    code: str
    words: Callable[[str], str]

    def render(self, lang: str) -> str:
        return i18n.tr(self.code, lang, condition=self.words(lang))


@dataclass(frozen=True, slots=True)
class Refusal:
    """One unmet requirement: a stable code, the clause, and its message (rendered at the edge)."""

    code: RefusalCode
    clause: Origin
    said: i18n.Localized
    field: str | None = None
    details: Mapping[str, object] = dataclass_field(default_factory=dict)

    def message(self, lang: str) -> str:
        return self.said.render(lang)

    def as_dict(self, lang: str) -> dict[str, object]:
        return {
            "code": self.code,
            "field": self.field,
            "message": self.message(lang),
            "clause": {
                "file": PurePath(self.clause.file).name,  # within the regulation, not a server path
                "line": self.clause.line,
                "pointer": self.clause.pointer,
            },
            "details": dict(self.details),
        }


def refusal(
    code: str,
    clause: Origin,
    *,
    field: str | None = None,
    details: Mapping[str, object] | None = None,
    **args: object,
) -> Refusal:
    """A refusal whose message is ``refusal.<code>`` with ``args`` (labels are said in the
    reader's language when shown)."""
    known = RefusalCode(code)
    return Refusal(known, clause, i18n.Message.of(f"refusal.{known}", **args), field, dict(details or {}))
