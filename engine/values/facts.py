"""Client facts: what conditions may ask about besides the card's own fields.

A fact is computed by the engine (the stage, days in it, the open task's lateness…), typed
like a card field, and named so that a card field can never take its name.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.model.card import POTENTIAL_LEVELS, FieldType
from engine.model.regulation import Regulation
from engine.model.segments import ABC, CELLS, XYZ
from engine.model.text import Text


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    type: FieldType
    label: Text
    values: tuple[str, ...] = ()
    """Allowed values of an enum fact; empty when they come from the regulation (stage)."""


def _fact(fact_id: str, kind: FieldType, ru: str, en: str, values: tuple[str, ...] = ()) -> Fact:
    return Fact(fact_id, kind, Text.of(ru=ru, en=en), values)


_I, _B, _E, _M = FieldType.INTEGER, FieldType.BOOLEAN, FieldType.ENUM, FieldType.MONEY

FACTS: dict[str, Fact] = {
    f.id: f
    for f in (
        _fact("stage", _E, "Этап", "Stage"),
        _fact("stage_kind", _E, "Вид этапа", "Stage kind", ("open", "won", "lost")),
        _fact("stage_order", _I, "Порядковый номер этапа", "Stage order"),
        _fact("probability", FieldType.DECIMAL, "Вероятность сделки", "Deal probability"),
        _fact("days_in_stage", _I, "Дней на этапе", "Days in the stage"),
        _fact("sla_overdue", _B, "Срок этапа истёк", "The stage's SLA has run out"),
        _fact("potential", _E, "Потенциал", "Potential", POTENTIAL_LEVELS),
        _fact("abc", _E, "Класс ABC", "ABC class", ABC),
        _fact("xyz", _E, "Класс XYZ", "XYZ class", XYZ),
        _fact("segment", _E, "Ячейка ABC-XYZ", "ABC-XYZ cell", CELLS),
        _fact("age_days", _I, "Дней с появления клиента", "Days since the client appeared"),
        _fact("days_since_contact", _I, "дней с последнего контакта", "days since the last contact"),
        _fact("contacts_count", _I, "Число контактов", "Number of contacts"),
        _fact("has_task", _B, "Есть открытый следующий шаг", "Has an open next step"),
        _fact(
            "task_overdue_days",
            _I,
            "просрочка следующего шага, дней",
            "days the next step is overdue",
        ),
        _fact("task_has_time", _B, "У следующего шага есть время", "The next step has a set time"),
        _fact("task_minutes_late", _I, "Опоздание со звонком, минут", "Minutes late for the call"),
        _fact("task_is_late", _B, "назначенное время звонка прошло", "the set call time has passed"),
        _fact(
            "contact_due",
            _B,
            "пора связаться по политике ячейки",
            "a contact is due by the cell policy",
        ),
        _fact("in_work_hours", _B, "У клиента рабочее время", "It is the client's working hours"),
        _fact("deal_size", _M, "Ожидаемый размер сделки", "Expected deal size"),
        _fact("expected_value", _M, "Ожидаемая ценность", "Expected value"),
        _fact("owner", FieldType.TEXT, "Ответственный менеджер", "Owning manager"),
        _fact(
            "handed_over_at",
            FieldType.DATETIME,
            "последняя передача из другого отдела",
            "the last hand-over from another department",
        ),
    )
}


def fact_values(fact: Fact, regulation: Regulation) -> tuple[str, ...]:
    """The allowed values of an enum fact in this regulation."""
    if fact.id == "stage":
        return regulation.funnel.stage_ids()
    return fact.values
