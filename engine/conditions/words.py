"""Conditions and values said in words, in the reader's language, with the regulation's labels.

The same records the engine evaluates are turned into sentences here, so a refusal message and
a printed cheat-sheet can never disagree with what is enforced.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine import i18n
from engine.conditions.operators import OPERATORS
from engine.model.card import FieldType
from engine.model.condition import AllOf, AnyOf, Compare, Condition, Not
from engine.model.regulation import Regulation
from engine.values.facts import FACTS
from engine.values.fieldtypes import FIELD_TYPES


class Speaker:
    """Says conditions, field names and values of one regulation in one language."""

    def __init__(self, regulation: Regulation, lang: str) -> None:
        self.regulation = regulation
        self.lang = lang

    def label(self, name: str) -> str:
        field = self.regulation.card.field(name)
        if field is not None:
            return field.label.get(self.lang)
        fact = FACTS.get(name)
        return fact.label.get(self.lang) if fact is not None else name

    def quoted(self, name: str) -> str:
        return i18n.tr("words.quote", self.lang, text=self.label(name))

    def field_type(self, name: str) -> FieldType:
        field = self.regulation.card.field(name)
        if field is not None:
            return field.type
        fact = FACTS.get(name)
        return fact.type if fact is not None else FieldType.TEXT

    def value(self, name: str, value: object) -> str:
        """A value of the field ``name`` as a person writes it: a label, a sum, a date."""
        if value is None:
            return i18n.tr("words.empty", self.lang)
        kind = self.field_type(name)
        if isinstance(value, bool):
            kind = FieldType.BOOLEAN
        return FIELD_TYPES[kind].say(value, _Saying(self, name))

    def number(self, kind: FieldType, value: object) -> str:
        """A number said as a value of the type ``kind`` (a sum, a percentage, a count)."""
        return FIELD_TYPES[kind].say(value, _Saying(self, ""))

    def enum_label(self, name: str, value: str) -> str:
        reg = self.regulation
        field = reg.card.field(name)
        if field is not None:
            return field.value_label(value, self.lang)
        if name == "stage":
            stage = reg.funnel.stage(value)
            return stage.label.get(self.lang) if stage else value
        if name == "potential" and reg.card.potential is not None and value in reg.card.potential.labels:
            return reg.card.potential.labels[value].get(self.lang)
        if name == "stage_kind":
            return i18n.tr(f"words.stage_kind.{value}", self.lang)
        return value

    def say(self, condition: Condition, nested: bool = False) -> str:
        """The condition as one sentence (nested groups in parentheses)."""
        if isinstance(condition, Compare):
            return self.compare(condition)
        if isinstance(condition, Not):
            return i18n.tr("words.not", self.lang, text=self.say(condition.item, nested=True))
        style = "standard" if isinstance(condition, AllOf) else "or"
        runs = self._runs(condition.items)
        parts = [self._run(run, style) for run in runs]
        if not parts:
            return i18n.tr("words.always" if isinstance(condition, AllOf) else "words.never", self.lang)
        if len(parts) == 1:  # one item, or one field named once with its own «и»/«или»
            return f"({parts[0]})" if nested and len(runs[0]) > 1 else parts[0]
        text = i18n.join_words(parts, self.lang, style=style)
        return f"({text})" if nested else text

    def _runs(self, items: tuple[Condition, ...]) -> list[list[Condition]]:
        """The items in runs: comparisons of one field in a row (without a fact's own
        wording) form one run, so the field is named once."""
        runs: list[list[Condition]] = []
        for item in items:
            last = runs[-1][-1] if runs else None
            if (
                isinstance(item, Compare)
                and isinstance(last, Compare)
                and last.field == item.field
                and self._fact_phrase(item) is None
                and self._fact_phrase(last) is None
            ):
                runs[-1].append(item)
            else:
                runs.append([item])
        return runs

    def _run(self, run: list[Condition], style: str) -> str:
        """One item as usual; a run of one field's comparisons as «поле «X» заполнено и не «Y»»."""
        if len(run) == 1:
            return self.say(run[0], nested=True)
        compares = [c for c in run if isinstance(c, Compare)]
        predicates = []
        for cmp in compares:
            key, args = OPERATORS[cmp.op].words(cmp, self)
            predicates.append(i18n.tr(f"words.predicate.{key}", self.lang, **args))
        said = i18n.join_words(predicates, self.lang, style=style)
        return i18n.tr("words.one_field", self.lang, field=self.quoted(compares[0].field), predicates=said)

    def compare(self, cmp: Compare) -> str:
        phrase = self._fact_phrase(cmp)
        if phrase is not None:
            return phrase
        key, args = OPERATORS[cmp.op].words(cmp, self)
        return i18n.tr(f"words.op.{key}", self.lang, field=self.quoted(cmp.field), **args)

    def _fact_phrase(self, cmp: Compare) -> str | None:
        """A fact's own wording when the catalog has one: ``words.fact.<fact>.<op>_<value>``
        for a particular value (``has_task.equals_true``), else ``words.fact.<fact>.<op>``."""
        if cmp.field not in FACTS or isinstance(cmp.value, tuple):
            return None
        value = cmp.value
        token = (
            str(value).lower()
            if isinstance(value, bool)
            else (f"{value:g}" if isinstance(value, int | float) else str(value))
        )
        for key in (
            f"words.fact.{cmp.field}.{cmp.op.value}_{token}",
            f"words.fact.{cmp.field}.{cmp.op.value}",
        ):
            if i18n.has(key, self.lang):
                return i18n.tr(key, self.lang, value=token, stage=self._stage_at(value))
        return None

    def _stage_at(self, order: object) -> str:
        """The label of the stage with this order number, for sentences about stage_order."""
        stage = next(
            (s for s in self.regulation.funnel.stages if isinstance(order, int | float) and s.order == order),
            None,
        )
        return i18n.tr("words.quote", self.lang, text=stage.label.get(self.lang)) if stage else str(order)

    def says_unmet(self, condition: Condition) -> str:
        """What a failed part of a condition demands: "must hold: …" / "one of …"."""
        if isinstance(condition, AnyOf):
            return i18n.tr("words.need_any", self.lang, text=self.say(condition))
        return self.say(condition)


@dataclass(frozen=True, slots=True)
class _Saying:
    """What a field type's words need: the language, the currency, the labels of ``name``."""

    speaker: Speaker
    name: str

    @property
    def lang(self) -> str:
        return self.speaker.lang

    @property
    def currency(self) -> str:
        return self.speaker.regulation.currency

    def label_of(self, value: str) -> str:
        return self.speaker.enum_label(self.name, value)
