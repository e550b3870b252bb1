"""What each export holds: a header in the reader's language and rows of typed cells.

The headers are names the imports understand (a card field's label, an import column's
name), so an exported file imports back unchanged. Cells are text, numbers or dates; the
writers decide how a spreadsheet sees them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from engine.model.card import Field, FieldType
from engine.model.regulation import Regulation
from engine.queue import call_queue
from engine.service.workspace import Workspace
from engine.store import exports
from engine.store import sales as sales_store
from engine.values.fieldtypes import FIELD_TYPES

Cell = str | int | float | date | None
KINDS = ("clients", "sales", "calls", "classes")

HEADERS: dict[str, dict[str, str]] = {
    "external_id": {"ru": "Код", "en": "external_id"},
    "stage": {"ru": "Этап", "en": "stage"},
    "owner": {"ru": "Менеджер", "en": "owner"},
    "timezone": {"ru": "Часовой пояс", "en": "timezone"},
    "next_action": {"ru": "Следующий шаг", "en": "next_action"},
    "next_due": {"ru": "Срок следующего шага", "en": "next_due"},
    "next_time": {"ru": "Время следующего шага", "en": "next_time"},
    "client": {"ru": "Код клиента", "en": "client"},
    "inn": {"ru": "ИНН", "en": "inn"},
    "client_name": {"ru": "Наименование клиента", "en": "client_name"},
    "day": {"ru": "Дата", "en": "day"},
    "document": {"ru": "Документ", "en": "document"},
    "line": {"ru": "Номер строки", "en": "line"},
    "product": {"ru": "Номенклатура", "en": "product"},
    "quantity": {"ru": "Количество", "en": "quantity"},
    "amount": {"ru": "Сумма", "en": "amount"},
    "margin": {"ru": "Маржа", "en": "margin"},
}
_PLAIN = {
    "ru": (
        "Наименование",
        "ABC",
        "XYZ",
        "Ячейка",
        "Средняя продажа",
        "Классифицирован",
        "№",
        "Почему",
        "Срок",
        "Время клиента",
        "Ожидаемая ценность",
        "Цвет",
    ),
    "en": (
        "name",
        "ABC",
        "XYZ",
        "cell",
        "average sale",
        "classified at",
        "#",
        "why",
        "due",
        "client's time",
        "expected value",
        "colour",
    ),
}


@dataclass(frozen=True, slots=True)
class ExportTable:
    header: list[str]
    rows: Iterator[list[Cell]]


def header(target: str, lang: str) -> str:
    return HEADERS[target][lang]


def card_cell(field: Field, value: Any, lang: str) -> Cell:
    """A stored card value as a spreadsheet cell the card's parser reads back (each field
    type's own cell, :mod:`engine.values.fieldtypes`)."""
    if value is None:
        return None
    return FIELD_TYPES[field.type].cell(value, _Labels(field, lang))


@dataclass(frozen=True, slots=True)
class _Labels:
    field: Field
    lang: str
    currency: str = ""

    def label_of(self, value: str) -> str:
        return self.field.value_label(value, self.lang)


def clients_table(ws: Workspace, lang: str) -> ExportTable:
    reg = ws.regulation
    extras = ["external_id", "stage", "owner", "timezone", "next_action", "next_due", "next_time"]
    names = [header(e, lang) for e in extras[:1]] + [f.label.get(lang) for f in reg.card.fields]
    names += [header(e, lang) for e in extras[1:]]
    return ExportTable(names, _client_rows(ws, reg, lang))


def _client_rows(ws: Workspace, reg: Regulation, lang: str) -> Iterator[list[Cell]]:
    stages = {s.id: s.label.get(lang) for s in reg.funnel.stages}
    with ws.db.read() as conn:
        for c in exports.clients(conn):
            card: Mapping[str, Any] = c.card or {}
            due = c.next_due_date
            yield [
                c.external_id,
                *(card_cell(f, card.get(f.id), lang) for f in reg.card.fields),
                stages.get(c.stage, c.stage),
                c.owner_login,
                c.timezone,
                c.next_action if due is not None else None,
                due,
                c.next_due_time.strftime("%H:%M") if c.next_due_time is not None else None,
            ]


def sales_table(ws: Workspace, lang: str) -> ExportTable:
    inn = next((f.id for f in ws.regulation.card.fields if f.type is FieldType.INN), None)
    targets = [
        "client",
        "inn",
        "client_name",
        "day",
        "document",
        "line",
        "product",
        "quantity",
        "amount",
        "margin",
    ]
    return ExportTable([header(t, lang) for t in targets], _sale_rows(ws, inn))


def _sale_rows(ws: Workspace, inn: str | None) -> Iterator[list[Cell]]:
    with ws.db.read() as conn:
        for r in sales_store.exported(conn, inn):
            day = r.day if isinstance(r.day, date) else date.fromisoformat(str(r.day))
            client = [r.external_id, getattr(r, "inn", None), r.name]
            line = [day, r.document, r.line_no, r.product]
            yield [*client, *line, _whole(r.quantity), _whole(r.amount), _whole(r.margin)]


def _whole(value: float | None) -> Cell:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


def classes_table(ws: Workspace, lang: str) -> ExportTable:
    plain = _PLAIN[lang]
    names = [header("external_id", lang), plain[0], *plain[1:6]]

    def rows() -> Iterator[list[Cell]]:
        with ws.db.read() as conn:
            for c in exports.clients(conn, classified_only=True):
                cell = f"{c.abc}{c.xyz}" if c.abc and c.xyz else c.abc
                at = c.segment_at.date() if isinstance(c.segment_at, datetime) else None
                yield [c.external_id, c.name, c.abc, c.xyz, cell, _whole(c.average_sale), at]

    return ExportTable(names, rows())


def calls_table(ws: Workspace, lang: str, *, manager: str | None, at: datetime | None) -> ExportTable:
    plain = _PLAIN[lang]
    queue = call_queue(ws, manager=manager, at=at, limit=None, lang=lang)
    with ws.db.read() as conn:
        codes = exports.codes(conn, [r.client_id for r in queue.rows])
    stages = {s.id: s.label.get(lang) for s in ws.regulation.funnel.stages}
    names = [plain[6], header("external_id", lang), plain[0], header("stage", lang), header("owner", lang)]
    names += [plain[7], plain[8], plain[9], plain[10], plain[11]]

    def rows() -> Iterator[list[Cell]]:
        for r in queue.rows:
            who: list[Cell] = [
                r.position,
                codes.get(r.client_id),
                r.name,
                stages.get(r.stage, r.stage),
                r.owner,
            ]
            due: Cell = r.due_date
            if r.due_date is not None and r.due_time is not None:
                due = f"{r.due_date.isoformat()} {r.due_time.strftime('%H:%M')}"
            yield [*who, r.reason, due, r.local_time, _whole(r.expected_value), r.color]

    return ExportTable(names, rows())
