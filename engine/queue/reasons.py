"""Why a client stands where it stands: the bucket's reason with the client's own values.

Only the rows shown are explained, from their snapshots and the scalar facts — the same ones
the machine uses — so a reason never disagrees with the engine.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from babel.dates import format_date
from babel.units import format_unit

from engine import i18n
from engine.conditions.words import Speaker
from engine.model.card import FieldType
from engine.runtime.facts import ClientFacts
from engine.service.workspace import Workspace
from engine.store import clients as store
from engine.store import tasks as tasks_store
from engine.values.client import ClientState
from engine.values.durations import every, format_duration
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
        planned: set[int] = set()
        for start in range(0, len(ids), 900):
            states.update(store.load_many(conn, ids[start : start + 900]))
            planned |= tasks_store.planned_by_policy(conn, ids[start : start + 900])
    speaker = Speaker(ws.regulation, lang)
    rows = []
    for position, (client_id, index) in enumerate(zip(ids, buckets, strict=True), start=1):
        client = states[client_id]
        bucket = prio.buckets[index]
        facts = ws.runtime.facts(client, at)
        values = _Values(ws, facts, speaker, lang)
        reason = _planned(values) if client_id in planned else None
        reason = reason or i18n.fill(bucket.reason.get(lang), values)
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


def _planned(v: _Values) -> str | None:
    """A contact a cell policy planned, said as the plan it is — never as a promise:
    «по плану ячейки AX (…): связаться раз в неделю · просрочено на 3 дня»."""
    segments = v.ws.regulation.segments
    cell = v.facts.client.segment
    policy = segments.policy(cell) if segments and cell else None
    if policy is None or not policy.contact_interval_seconds:
        return None
    interval = every(policy.contact_interval_seconds, v.lang)
    said = i18n.tr("shown.planned", v.lang, cell=cell, label=policy.label.get(v.lang), interval=interval)
    late = _task_overdue(v)
    return said if late == "—" else said + " · " + i18n.tr("shown.overdue", v.lang, late=late)


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


def _task_late(v: _Values) -> str:
    late = v.facts.get("task_minutes_late")
    return (
        format_duration(int(late) * 60, v.lang, "short")
        if isinstance(late, int | float) and late > 0
        else "—"
    )


def _task_overdue(v: _Values) -> str:
    days = v.facts.get("task_overdue_days")
    if not isinstance(days, int | float) or days <= 0:
        return "—"
    return format_unit(int(days), "duration-day", locale=v.lang)  # in days: «на 7 дней», "7 days"


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
    "task_late": _task_late,
    "task_overdue": _task_overdue,
    "task_action": lambda v: v.facts.client.next_step.action if v.facts.client.next_step else "—",
    "client_time": lambda v: v.facts.local_now.strftime("%H:%M"),
    "stage_label": lambda v: _label(v, "stage"),
    "potential_label": lambda v: _label(v, "potential"),
    "segment_label": lambda v: _label(v, "segment"),
}
