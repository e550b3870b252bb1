"""Why a move is refused: each reason in words, with the regulation clause that demands it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from engine import i18n
from engine.model.text import Origin, Text


@dataclass(frozen=True, slots=True)
class Refusal:
    """One unmet requirement. ``messages`` holds the sentence in every language."""

    code: str
    clause: Origin
    messages: Mapping[str, str]
    field: str | None = None
    details: Mapping[str, object] = dataclass_field(default_factory=dict)

    def message(self, lang: str) -> str:
        return self.messages.get(lang) or next(iter(self.messages.values()), self.code)

    def as_dict(self, lang: str) -> dict[str, object]:
        return {
            "code": self.code,
            "field": self.field,
            "message": self.message(lang),
            "clause": {
                "file": self.clause.file,
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
    **args: Text | str | object,
) -> Refusal:
    """A refusal whose message is ``refusal.<code>`` filled with ``args`` in every language;
    :class:`Text` arguments (labels) are taken in the message's language."""
    messages = {
        lang: i18n.tr(
            f"refusal.{code}",
            lang,
            **{k: (v.get(lang) if isinstance(v, Text) else v) for k, v in args.items()},
        )
        for lang in i18n.LANGUAGES
    }
    return Refusal(code, clause, messages, field, dict(details or {}))


def worded(
    code: str,
    clause: Origin,
    messages: Mapping[str, str],
    *,
    field: str | None = None,
    details: Mapping[str, object] | None = None,
) -> Refusal:
    """A refusal whose sentence in each language is already written (a condition in words)."""
    return Refusal(code, clause, dict(messages), field, dict(details or {}))
