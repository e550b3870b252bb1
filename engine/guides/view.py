"""What the guides show, as plain data in one language, built from the regulation alone.

Templates only lay this out: every sentence about a condition comes from
:class:`~engine.conditions.words.Speaker`, the same words the engine uses in its refusals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine import i18n
from engine.conditions.words import Speaker
from engine.guides.path import main_path, ways_back
from engine.model.card import Field, FieldType
from engine.model.funnel import Stage, StageKind, Transition
from engine.model.regulation import Regulation
from engine.model.segments import ABC, XYZ
from engine.values.durations import format_duration


@dataclass(slots=True)
class FieldView:
    label: str
    kind: str
    help: str
    example: str
    values: list[str]
    limits: str
    required: bool


@dataclass(slots=True)
class MoveView:
    label: str
    to: str
    to_kind: str
    condition: str
    fields: list[str]
    needs_reason: bool
    description: str
    hints: list[tuple[str, str]] = field(default_factory=list)
    """The fields to fill to take this way out (those the stage does not already demand), each
    with its «what to write» hint: the sheet's «To move on» checklist."""


@dataclass(slots=True)
class StageView:
    id: str
    number: int
    label: str
    kind: str
    probability: str
    sla: str
    description: str
    goal: str
    steps: list[str]
    do: list[str]
    dont: list[str]
    questions: list[tuple[str, str]]
    objections: list[tuple[str, str]]
    documents: list[tuple[str, str, str]]
    fields: list[FieldView]
    moves: list[MoveView]
    reasons: list[str]
    next_step: str
    defer: list[MoveView] = field(default_factory=list)
    """On the lost stage's sheet: the moves that keep a client for later instead of losing it."""
    comeback: list[MoveView] = field(default_factory=list)
    """On the lost stage's sheet: the moves that bring a waiting client back (reactivation)."""


@dataclass(slots=True)
class Guide:
    lang: str
    title: str
    company: str
    description: str
    version: str
    words: dict[str, Any]
    stages: list[StageView]
    diagram: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


class Viewer:
    """Builds the view of one regulation in one language."""

    def __init__(self, regulation: Regulation, lang: str) -> None:
        self.reg = regulation
        self.lang = lang
        self.speak = Speaker(regulation, lang)

    def t(self, key: str, **args: object) -> str:
        return i18n.tr(f"guide.{key}", self.lang, **args)

    def field(self, f: Field) -> FieldView:
        kind = i18n.tr(f"field_type.{f.type.value}", self.lang)
        limits = []
        if f.min is not None:
            limits.append(self.t("min", value=self.speak.value(f.id, f.min)))
        if f.max is not None:
            limits.append(self.t("max", value=self.speak.value(f.id, f.max)))
        if f.max_length is not None:
            limits.append(self.t("max_length", n=f.max_length))
        values = [v.label.get(self.lang) for v in f.values] if f.type is FieldType.ENUM else []
        return FieldView(
            f.label.get(self.lang),
            kind,
            f.help.get(self.lang),
            f.example,
            values,
            ", ".join(limits),
            f.required,
        )

    def move(self, t: Transition, have: frozenset[str] = frozenset()) -> MoveView:
        funnel = self.reg.funnel
        dest = funnel.stage(t.dest)
        assert dest is not None
        needs_reason = t.reason_required if t.reason_required is not None else dest.kind is StageKind.LOST
        fields = [
            self.speak.label(name) for name in dict.fromkeys((*dest.required_fields, *t.required_fields))
        ]
        to_fill = [n for n in dict.fromkeys((*dest.required_fields, *t.required_fields)) if n not in have]
        hints = []
        for name in to_fill:
            card_field = self.reg.card.field(name)
            hints.append((self.speak.label(name), card_field.help.get(self.lang) if card_field else ""))
        return MoveView(
            t.label.get(self.lang),
            dest.label.get(self.lang),
            dest.kind.value,
            self.speak.say(t.when) if t.when is not None else "",
            fields,
            needs_reason,
            t.description.get(self.lang),
            hints,
        )

    def stage(self, s: Stage, number: int) -> StageView:
        funnel = self.reg.funnel
        have = frozenset(s.required_fields)
        moves = [self.move(t, have) for t in funnel.transitions if s.id in funnel.sources_of(t)]
        g = s.guidance

        def text(items: tuple[Any, ...]) -> list[str]:
            return [x.get(self.lang) for x in items]

        fields = [self.field(f) for f in self.reg.card.fields if f.id in s.required_fields]
        defer, back = ways_back(self.reg) if s.kind is StageKind.LOST else ([], [])
        return StageView(
            id=s.id,
            number=number,
            label=s.label.get(self.lang),
            kind=s.kind.value,
            probability=i18n.percent(s.probability, self.lang, 0),
            sla=format_duration(s.sla_seconds, self.lang) if s.sla_seconds else "",
            description=s.description.get(self.lang),
            goal=g.goal.get(self.lang),
            steps=text(g.steps),
            do=text(g.do),
            dont=text(g.dont),
            questions=[(q.q.get(self.lang), q.a.get(self.lang)) for q in g.questions],
            objections=[(o.objection.get(self.lang), o.answer.get(self.lang)) for o in s.objections],
            documents=[(d.title.get(self.lang), d.note.get(self.lang), d.url) for d in g.documents],
            fields=fields,
            moves=moves,
            reasons=[
                r.label.get(self.lang)
                for r in (
                    # the lost stage's sheet lists every reason a client can be lost for
                    funnel.refusal_reasons
                    if s.kind is StageKind.LOST and not s.refusal_reasons
                    else [funnel.reason(x) for x in s.refusal_reasons]
                )
                if r
            ],
            next_step=self.t("next_step_rule") if s.kind is StageKind.OPEN and s.next_step_required else "",
            defer=[self.move(t) for t in defer],
            comeback=[self.move(t, self.held(t)) for t in back],
        )

    def held(self, t: Transition) -> frozenset[str]:
        """The fields a client already has where ``t`` starts (its first source stage)."""
        source = self.reg.funnel.stage(t.sources[0])
        return frozenset(source.required_fields) if source else frozenset()

    def stages(self) -> list[StageView]:
        ordered = list(self.reg.funnel.ordered_stages())
        main = main_path(self.reg)
        ranked = [s for s in ordered if s.id in main] + [s for s in ordered if s.id not in main]
        return [self.stage(s, i) for i, s in enumerate(ranked, start=1)]

    def guide(self) -> Guide:
        reg = self.reg
        return Guide(
            self.lang,
            reg.title.get(self.lang),
            reg.company.get(self.lang),
            reg.description.get(self.lang),
            reg.version,
            i18n_words(self.lang),
            self.stages(),
        )


def i18n_words(lang: str) -> dict[str, Any]:
    """Every fixed phrase of the guides (``guide.*`` in the catalog), for the templates."""
    prefix = "guide."
    return {k[len(prefix) :]: v for k, v in i18n.catalog(lang).items() if k.startswith(prefix)}


__all__ = ["ABC", "XYZ", "Guide", "StageView", "Viewer", "main_path"]
