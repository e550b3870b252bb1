"""Why a client stands where it stands: the bucket's reason with the client's own values.

Only the rows shown are explained, from their snapshots and the scalar facts — the same ones
the machine uses — so a reason never disagrees with the engine.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from babel.dates import format_date

from engine import i18n
from engine.conditions.words import Speaker
from engine.model.card import FieldType
from engine.runtime.facts import ClientFacts
from engine.service.workspace import Workspace
from engine.store import clients as store
from engine.values.client import ClientState
from engine.values.facts import FACTS

if TYPE_CHECKING:
    from engine.queue import QueueRow

MONEY_FACTS = {"deal_size", "expected_value"}


def explain_rows(
    ws: Workspace, ids: list[int], buckets: list[int], at: datetime, lang: str
) -> list[QueueRow]:
    from engine.queue import QueueRow
    from engine.values.colors import COLORS

    prio = ws.regulation.priorities
    assert prio is not None
    with ws.db.read() as conn:
        states: dict[int, ClientState] = {}
        for start in range(0, len(ids), 900):
            states.update(store.load_many(conn, ids[start : start + 900]))
    speaker = Speaker(ws.regulation, lang)
    rows = []
    for position, (client_id, index) in enumerate(zip(ids, buckets, strict=True), start=1):
        client = states[client_id]
        bucket = prio.buckets[index]
        facts = ws.runtime.facts(client, at)
        reason = i18n.fill(bucket.reason.get(lang), _Values(ws, facts, speaker, lang))
        step = client.next_step
        due_at = None
        if step is not None and step.due_time is not None:
            due_at = datetime.combine(step.due_date, step.due_time, tzinfo=facts.local_now.tzinfo)
        rows.append(
            QueueRow(
                position,
                client_id,
                client.name,
                bucket.id,
                bucket.label.get(lang),
                COLORS.get(bucket.color, bucket.color),
                reason,
                client.stage,
                ws.runtime.stages[client.stage].label.get(lang),
                client.owner,
                round(_number(facts["expected_value"]), 2),
                step.due_date if step else None,
                step.due_time if step else None,
                due_at,
                facts.local_now.strftime("%H:%M"),
                _phone(ws, client),
            )
        )
    return rows


def _phone(ws: Workspace, client: ClientState) -> str | None:
    """The client's first phone field that is filled."""
    for field in ws.regulation.card.fields:
        if field.type is FieldType.PHONE and client.card.get(field.id):
            return str(client.card[field.id])
    return None


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


class _Values(dict[str, object]):
    """Placeholder values, computed when a template asks for them."""

    def __init__(self, ws: Workspace, facts: ClientFacts, speaker: Speaker, lang: str) -> None:
        super().__init__()
        self.ws, self.facts, self.speaker, self.lang = ws, facts, speaker, lang

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (key in FACTS or key in self.ws.runtime.field_types or key in _TASK)

    def __getitem__(self, key: str) -> object:
        if key in _TASK:
            return _TASK[key](self)
        value = self.facts.get(key)
        if value is None:
            return "—"
        if key in MONEY_FACTS:
            return self.speaker.number(FieldType.MONEY, round(float(value)))  # type: ignore[arg-type]
        if key in FACTS and isinstance(value, float) and FACTS[key].type is FieldType.INTEGER:
            return int(value)
        if key in FACTS and key in ("stage", "potential"):
            return self.speaker.enum_label(key, str(value))
        if isinstance(value, bool):
            return i18n.tr("words.yes" if value else "words.no", self.lang)
        return i18n.unquote(self.speaker.value(key, self.facts.client.card.get(key, value)))


def _task_time(v: _Values) -> str:
    step = v.facts.client.next_step
    return step.due_time.strftime("%H:%M") if step and step.due_time else "—"


def _task_date(v: _Values) -> str:
    step = v.facts.client.next_step
    return format_date(step.due_date, format="d MMMM", locale=v.lang) if step else "—"


def _label(v: _Values, what: str) -> str:
    client = v.facts.client
    reg = v.ws.regulation
    if what == "stage":
        return reg.funnel.stage(client.stage).label.get(v.lang)  # type: ignore[union-attr]
    if what == "potential":
        return v.speaker.enum_label("potential", client.potential) if client.potential else "—"
    cell = client.segment
    policy = reg.segments.policy(cell) if reg.segments and cell else None
    return policy.label.get(v.lang) if policy else (cell or "—")


_TASK: dict[str, Any] = {
    "task_time": _task_time,
    "task_date": _task_date,
    "task_action": lambda v: v.facts.client.next_step.action if v.facts.client.next_step else "—",
    "client_time": lambda v: v.facts.local_now.strftime("%H:%M"),
    "stage_label": lambda v: _label(v, "stage"),
    "potential_label": lambda v: _label(v, "potential"),
    "segment_label": lambda v: _label(v, "segment"),
}
