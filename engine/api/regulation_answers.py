"""The regulation as the API answers it: stages, transitions, fields, results, and a check's findings."""

from __future__ import annotations

from typing import Any, Literal, TypeVar

from pydantic import BaseModel, Field

from engine.model.card import FieldType
from engine.model.funnel import StageKind
from engine.model.regulation import Regulation
from engine.model.text import Text

M = TypeVar("M", bound=BaseModel)


class Labelled(BaseModel):
    id: str
    label: str


class StageInfo(Labelled):
    kind: StageKind
    order: int
    probability: float
    required_fields: list[str]
    next_step_required: bool
    refusal_reasons: list[str]


class TransitionInfo(Labelled):
    sources: list[str] = Field(description="Stages it leaves from; '*' means any open stage.")
    dest: str
    required_fields: list[str]
    reason_required: bool | None


class FieldInfo(Labelled):
    type: FieldType
    required: bool
    values: list[Labelled]
    min: float | None
    max: float | None
    max_length: int | None
    help: str


class ResultInfo(Labelled):
    refusal: bool
    next_step: str = Field(description="required, optional or none")


class RegulationOut(BaseModel):
    """The regulation in force: what a front-end needs to build its forms and buttons."""

    id: str
    version: str
    tag: str = Field(description="Version and content digest; history rows record it.")
    digest: str
    source: str = Field(description="published (through the API) or folder (the server's --regulations).")
    title: str
    languages: list[str]
    timezone: str
    currency: str
    entry: str
    stages: list[StageInfo]
    transitions: list[TransitionInfo]
    refusal_reasons: list[Labelled]
    fields: list[FieldInfo]
    contact_kinds: list[Labelled]
    contact_results: list[ResultInfo]
    roles: list[Labelled]
    files: dict[str, str] | None = Field(None, description="The YAML texts, when asked with ?files=true.")
    warnings: list[str] = Field(
        default_factory=list,
        description="On publishing: what the base lacks for the regulation (e.g. managers).",
    )
    publication: int | None = Field(default=None, description="On publishing: the publication's number.")
    unchanged: bool = Field(default=False, description="On publishing: this version was in force already.")
    forced: list[str] = Field(
        default_factory=list, description="On publishing: the failing scenarios it was forced past."
    )


def regulation_out(reg: Regulation, lang: str, source: str, files: dict[str, str] | None) -> RegulationOut:
    return _answer(
        RegulationOut,
        reg,
        lang,
        tag=reg.version_tag,
        source=source,
        entry=reg.funnel.entry,
        stages=_stages(reg, lang),
        transitions=_transitions(reg, lang),
        refusal_reasons=_named(reg.funnel.refusal_reasons, lang),
        fields=_fields(reg, lang),
        contact_kinds=_named(reg.contact_kinds, lang),
        contact_results=[_answer(ResultInfo, r, lang) for r in reg.contact_results],
        roles=_named(reg.roles, lang),
        files=files,
    )


def _named(items: Any, lang: str) -> list[Labelled]:
    return [_answer(Labelled, i, lang) for i in items]


def _answer(model: type[M], item: Any, lang: str, **given: Any) -> M:
    """``item`` of the regulation as ``model``: each field read from the attribute of its name
    (a field the item lacks keeps its default), texts in ``lang``; ``given`` fields as they are."""
    read = [name for name in model.model_fields if name not in given and hasattr(item, name)]
    values = {name: getattr(item, name) for name in read}
    return model.model_validate(
        {k: v.get(lang) if isinstance(v, Text) else v for k, v in values.items()} | given
    )


def _stages(reg: Regulation, lang: str) -> list[StageInfo]:
    return [
        _answer(StageInfo, s, lang, next_step_required=s.next_step_required and s.kind is StageKind.OPEN)
        for s in reg.funnel.stages
    ]


def _transitions(reg: Regulation, lang: str) -> list[TransitionInfo]:
    return [_answer(TransitionInfo, t, lang, id=t.trigger) for t in reg.funnel.transitions]


def _fields(reg: Regulation, lang: str) -> list[FieldInfo]:
    return [_answer(FieldInfo, c, lang, values=_named(c.values, lang)) for c in reg.card.fields]


class DiagnosticOut(BaseModel):
    file: str
    line: int
    column: int
    severity: Literal["error", "warning"]
    code: str
    pointer: str
    message: str
    hint: str


class CheckOut(BaseModel):
    ok: bool = Field(description="True when the draft has no errors (warnings allowed).")
    tag: str | None
    diagnostics: list[DiagnosticOut]
