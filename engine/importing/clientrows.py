"""One client row of a file: the card checked field by field like a card typed by hand.

An empty cell means «the file says nothing»: it never clears what the base holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from engine import i18n
from engine.importing.cells import inn_of, text_of, value_of, was_number
from engine.importing.filerows import FileRow, RowReader
from engine.importing.mapping import CLIENT_EXTRA, ColumnPlan
from engine.importing.readers import RawRow
from engine.importing.report import ImportReport, RowError, row_error
from engine.model.card import FieldType
from engine.model.funnel import Stage
from engine.model.regulation import Regulation
from engine.service import cards
from engine.values.card import BadValue, parse_date
from engine.values.client import NextStep


@dataclass(slots=True)
class ClientRow(FileRow):
    key: str | None = None
    card: dict[str, Any] = field(default_factory=dict)
    zone: str | None = None
    stage: str | None = None
    owner: str | None = None
    next_step: NextStep | None = None


class ClientReader(RowReader):
    """Turns raw rows into checked client rows."""

    def __init__(
        self, reg: Regulation, plan: ColumnPlan, report: ImportReport, *, key: str | None, stage: str | None
    ) -> None:
        super().__init__(plan, report)
        self.reg = reg
        self.inn = reg.card.first_of(FieldType.INN)
        self.key = key
        self.stage = stage
        self._told: set[str] = set()

    def parse(self, raw: RawRow) -> ClientRow:
        row = ClientRow(raw.number)
        if self.broken(row, raw):
            return row
        cells = {target: raw.cells[i] for target, i in self.at.items() if i < len(raw.cells)}
        self.refuse_unnamed(row, raw.cells)
        self._extras(row, cells)
        self._card(row, cells)
        return row

    def _numeric_code(self, row: ClientRow, target: str, cell: Any) -> None:
        if was_number(cell) and target not in self._told:
            self._told.add(target)
            self.report.warn(row_error(row.number, self.header[target], text_of(cell), "import.code_number"))

    def _extras(self, row: ClientRow, cells: Mapping[str, Any]) -> None:
        row.code = text_of(cells.get("external_id"))
        if row.code is not None:
            self._numeric_code(row, "external_id", cells["external_id"])
        row.owner = text_of(cells.get("owner"))
        zone = text_of(cells.get("timezone"))
        if zone is not None:
            try:
                ZoneInfo(zone)
                row.zone = zone
            except (ZoneInfoNotFoundError, ValueError):
                row.refuse(self.header["timezone"], zone, "error.bad_timezone", zone=zone)
        self._stage(row, text_of(cells.get("stage")) or self.stage)
        self._next_step(row, cells)

    def _stage(self, row: ClientRow, given: str | None) -> None:
        if given is None:
            return
        stage = find_stage(self.reg, given)
        if stage is None:
            known = ", ".join(self.reg.funnel.stage_ids())
            row.refuse(self.header.get("stage", "--stage"), given, "import.unknown_stage", known=known)
        else:
            row.stage = stage.id

    def _next_step(self, row: ClientRow, cells: Mapping[str, Any]) -> None:
        action, due, at = (text_of(cells.get(k)) for k in ("next_action", "next_due", "next_time"))
        if due is None:
            return
        try:
            day = parse_date(cells["next_due"])
            moment = datetime.strptime(at[:5], "%H:%M").time() if at else None
        except (BadValue, ValueError):
            row.refuse(self.header["next_due"], due, "import.bad_due")
            return
        default = i18n.tr("import.default_action", self.reg.default_language)  # stored: the data's language
        row.next_step = NextStep(action or default, day, moment)

    def _card(self, row: ClientRow, cells: Mapping[str, Any]) -> None:
        raw = {k: v for k, v in cells.items() if k not in CLIENT_EXTRA and text_of(v) is not None}
        if self.inn is not None and self.inn.id in raw:
            fixed, trouble = inn_of(raw[self.inn.id], self.inn)
            if trouble == "import.inn_zero":
                self.report.warn(
                    row_error(
                        row.number, self.header[self.inn.id], text_of(raw[self.inn.id]), trouble, inn=fixed
                    )
                )
                raw[self.inn.id] = fixed
        zone = row.zone or self.reg.timezone
        values, problems = cards.parse_card(self.reg, {k: value_of(v) for k, v in raw.items()}, zone)
        for p in problems:
            row.errors.append(
                RowError(
                    row.number, self.header.get(p.field, p.field), text_of(raw.get(p.field)) or "", p.messages
                )
            )
        row.card = values
        row.inn = str(values[self.inn.id]) if self.inn is not None and self.inn.id in values else None
        row.key = str(values[self.key]) if self.key and self.key in values else None


def find_stage(reg: Regulation, given: str) -> Stage | None:
    """A stage by its id or by its label in any language."""
    wanted = given.strip().lower()
    return reg.funnel.stage(given.strip()) or next(
        (s for s in reg.funnel.stages if wanted in {label.lower() for _, label in s.label.values}), None
    )
