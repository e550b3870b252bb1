"""Card input: every value parsed by its field's type, every problem kept, in words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any
from zoneinfo import ZoneInfo

from engine import i18n
from engine.language.suggest import suggestion
from engine.model.condition import comparisons
from engine.model.regulation import Regulation
from engine.model.text import Text
from engine.service.errors import Problem, problem
from engine.service.names import Thing, fold, names
from engine.values.facts import FACTS
from engine.values.fieldtypes import parse_value


def parse_card(reg: Regulation, raw: Mapping[str, object], zone: str) -> tuple[dict[str, Any], list[Problem]]:
    """Canonical values of the given fields (None clears one) and the problems found."""
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    tz = ZoneInfo(zone)
    fields = names(reg, Thing.FIELD)
    for written, given in raw.items():
        name = fields.resolve(written, "card")
        field = reg.card.field(name)
        computed = None if field is not None else _computed(reg, written)
        if computed is not None:
            problems.append(replace(computed, section="card"))
            continue
        if field is None:
            hint = suggestion(name, reg.card.field_ids())
            code = "error.unknown_field" if hint["suggestion"] else "error.unknown_field_plain"
            problems.append(
                replace(problem(name, code, name=name, suggestion=hint["suggestion"]), section="card")
            )
            continue
        value, trouble = parse_value(field, given, tz)
        if trouble is not None:
            said = i18n.Message.of(f"value.{trouble.code}", label=field.label, **dict(trouble.args))
            problems.append(Problem(name, said, f"value.{trouble.code}", section="card"))
        else:
            values[name] = value
    return values, problems


def _computed(reg: Regulation, written: str) -> Problem | None:
    """A fact the engine computes (the potential, the stage…) named where a card field was
    expected: said so, with the fields it is computed from."""
    wanted = fold(written)
    for fact in FACTS.values():
        if wanted not in {fold(fact.id), *(fold(text) for _, text in fact.label.values)}:
            continue
        sources: list[str] = []
        potential = reg.card.potential if fact.id == "potential" else None
        if potential is not None:
            sources += [d.field for d in potential.direct]
            sources += [c.field for sign in potential.signs for c in comparisons(sign.when)]
        labels = [f.label for f in (reg.card.field(n) for n in dict.fromkeys(sources)) if f is not None]
        quoted = i18n.Joined(tuple(i18n.Message.of("words.quote", text=t) for t in labels), "or")
        code = "error.computed_from" if labels else "error.computed"
        return problem(fact.id, code, label=fact.label, fields=quoted)
    return None


def missing(
    reg: Regulation, card: Mapping[str, Any], names: Iterable[str], why: i18n.Localized | Mapping[str, str]
) -> list[Problem]:
    """Problems for each of ``names`` that is empty in ``card``; ``why`` names the demand."""
    if not isinstance(why, i18n.Localized):
        why = Text(tuple(why.items()))
    out = []
    for name in names:
        field = reg.card.field(name)
        if field is not None and card.get(name) is None:
            said = i18n.Message.of("error.required_field", label=field.label, why=why)
            out.append(Problem(name, said, "error.required_field", section="card"))
    return out


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """field → [old, new] for every field whose value differs."""
    return {
        k: [before.get(k), after.get(k)]
        for k in sorted(set(before) | set(after))
        if before.get(k) != after.get(k)
    }


def merged(card: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(card)
    for name, value in values.items():
        if value is None:
            out.pop(name, None)
        else:
            out[name] = value
    return out
