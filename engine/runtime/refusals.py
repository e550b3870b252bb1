"""Why a move is refused: each reason with the regulation clause that demands it, said in the
reader's language when it is shown."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import PurePath

from engine import i18n
from engine.model.text import Origin


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

    code: str
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
    return Refusal(code, clause, i18n.Message.of(f"refusal.{code}", **args), field, dict(details or {}))
