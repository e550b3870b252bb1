"""stages.yaml → Funnel."""

from __future__ import annotations

from engine.language.build.conditions import build_condition
from engine.language.build.reader import Node
from engine.model.funnel import (
    ANY_OPEN,
    ConversionNorm,
    Document,
    Funnel,
    Guidance,
    Objection,
    Question,
    RefusalReason,
    Stage,
    StageKind,
    Transition,
)
from engine.values.durations import parse_duration

_KINDS = {k.value: k for k in StageKind}


def build_funnel(root: Node) -> Funnel:
    return Funnel(
        entry=root["entry"].as_str(),
        stages=tuple(s for s in map(_stage, root["stages"].items()) if s is not None),
        transitions=tuple(t for t in map(_transition, root["transitions"].items()) if t is not None),
        refusal_reasons=tuple(
            RefusalReason(n["id"].as_str(), n["label"].text(), n.origin, n["description"].text())
            for n in root["refusal_reasons"].items()
            if n["id"].as_str()
        ),
        conversion_norms=tuple(
            ConversionNorm(n["label"].text(), n["count"].as_int(1), n["stage"].as_str() or None, n.origin)
            for n in root["conversion_norms"].items()
        ),
        origin=root.origin,
    )


def _stage(n: Node) -> Stage | None:
    stage_id = n["id"].as_str()
    if not stage_id:
        return None
    sla = n["sla"].as_str()
    return Stage(
        id=stage_id,
        label=n["label"].text(),
        kind=_KINDS.get(n["kind"].as_str(), StageKind.OPEN),
        order=n["order"].as_int(),
        origin=n.origin,
        probability=n["probability"].as_float(),
        sla_seconds=parse_duration(sla) if sla else None,
        sla_text=sla,
        required_fields=n["required_fields"].ids(),
        required_at=n["required_fields"].id_origins(),
        next_step_required=n["next_step_required"].as_bool(True),
        refusal_reasons=n["refusal_reasons"].ids(),
        description=n["description"].text(),
        guidance=_guidance(n["guidance"]),
        objections=tuple(
            Objection(o["objection"].text(), o["answer"].text()) for o in n["objections"].items()
        ),
        owner_role=n["owner_role"].as_str(),
    )


def _guidance(n: Node) -> Guidance:
    return Guidance(
        goal=n["goal"].text(),
        steps=n["steps"].texts(),
        do=n["do"].texts(),
        dont=n["dont"].texts(),
        questions=tuple(Question(q["q"].text(), q["a"].text()) for q in n["questions"].items()),
        documents=tuple(
            Document(d["title"].text(), d["note"].text(), d["url"].as_str()) for d in n["documents"].items()
        ),
    )


def _transition(n: Node) -> Transition | None:
    trigger = n["trigger"].as_str()
    source = n["from"]
    sources = (source.as_str(),) if isinstance(source.value, str) else source.ids()
    if not trigger or not sources or not all(sources):
        return None
    reason = n["reason_required"]
    return Transition(
        trigger=trigger,
        sources=(ANY_OPEN,) if sources == (ANY_OPEN,) else tuple(s for s in sources if s != ANY_OPEN),
        dest=n["to"].as_str(),
        label=n["label"].text(),
        origin=n.origin,
        required_fields=n["required_fields"].ids(),
        required_at=n["required_fields"].id_origins(),
        when=build_condition(n["when"]) if n.has("when") else None,
        reason_required=reason.as_bool() if isinstance(reason.value, bool) else None,
        description=n["description"].text(),
    )
