"""The stages of one regulation, looked up by id — including a stage the regulation no longer has.

Publishing refuses a regulation that drops a stage clients stand on, but an older database may
still hold such clients. They must not break anything: such a stage is an open stage with no
requirements, labelled so that people see it is gone, and the only ways out are the transitions
allowed from any open stage (typically «lose»). Contacts and hand-overs work as usual.
"""

from __future__ import annotations

from engine.model.funnel import Stage, StageKind
from engine.model.regulation import Regulation
from engine.model.text import Origin, Text


class Stages(dict[str, Stage]):
    """Stage id → stage; an unknown id gives a stand-in (:func:`gone`) instead of a KeyError."""

    def __init__(self, regulation: Regulation) -> None:
        super().__init__((s.id, s) for s in regulation.funnel.stages)
        self._reasons = tuple(r.id for r in regulation.funnel.refusal_reasons)
        self._origin = Origin(regulation.funnel.origin.file, 1, 1, "/stages")

    def __missing__(self, stage_id: str) -> Stage:
        return gone(stage_id, self._reasons, self._origin)


def stage_of(regulation: Regulation, stage_id: str) -> Stage:
    """The stage, or its stand-in when the regulation does not have it."""
    found = regulation.funnel.stage(stage_id)
    if found is not None:
        return found
    reasons = tuple(r.id for r in regulation.funnel.refusal_reasons)
    return gone(stage_id, reasons, Origin(regulation.funnel.origin.file, 1, 1, "/stages"))


def gone(stage_id: str, reasons: tuple[str, ...], origin: Origin) -> Stage:
    """A stand-in for a stage the regulation does not have."""
    label = Text.of(ru=f"{stage_id} (нет в регламенте)", en=f"{stage_id} (not in the regulation)")
    return Stage(
        stage_id,
        label,
        StageKind.OPEN,
        0,
        origin,
        next_step_required=False,
        refusal_reasons=reasons,
    )
