"""What an import did (or, in a dry run, would do): how the file was read, which column became
which field and why, the counts, and every refused row with its row, column, value and reason."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from engine import i18n
from engine.importing.mapping import Column
from engine.importing.readers import Layout
from engine.service import events
from engine.service.workspace import Workspace
from engine.store import Tx

MAX_SHOWN = 200
MAX_KEPT = 1_000
"""Refused rows kept with their details; beyond, only counted (memory stays bounded)."""

Progress = Callable[[float, str], None]
"""progress(fraction done 0..1, phase) — called as the file is read and written."""

COUNTS = {
    "clients": ("created", "updated", "unchanged", "refused"),
    "sales": ("added", "present", "removed", "refused"),
}


@dataclass(frozen=True, slots=True)
class RowError:
    row: int
    column: str
    value: str
    messages: Mapping[str, str]

    def as_dict(self, lang: str) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.messages.get(lang, ""),
        }


def row_error(row: int, column: str, value: object, code: str, /, **args: object) -> RowError:
    shown = "" if value is None else str(value)[:80]
    return RowError(row, column, shown, {lang: i18n.tr(code, lang, **args) for lang in i18n.LANGUAGES})


@dataclass(slots=True)
class ImportReport:
    kind: str
    file: str
    skip_bad: bool = False
    dry_run: bool = False
    layout: Layout | None = None
    columns: tuple[Column, ...] = ()
    period: tuple[date, date] | None = None
    """The period ``--replace`` replaces."""
    rows: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    errors_total: int = 0
    bad_rows: int = 0
    _last_bad: int = -1

    def refuse(self, error: RowError) -> None:
        """Record a problem of a row; the row is not imported."""
        self.errors_total += 1
        if error.row != self._last_bad:
            self.bad_rows += 1
            self._last_bad = error.row
        if len(self.errors) < MAX_KEPT:
            self.errors.append(error)

    def warn(self, warning: RowError) -> None:
        if len(self.warnings) < MAX_SHOWN:
            self.warnings.append(warning)

    def count(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    @property
    def complete(self) -> bool:
        """Everything good was (or would be) imported: no errors, or errors skipped on request."""
        return not self.errors_total or self.skip_bad

    @property
    def written(self) -> bool:
        return self.complete and not self.dry_run

    def as_dict(self, lang: str) -> dict[str, Any]:
        layout = self.layout
        return {
            "kind": self.kind,
            "file": self.file,
            "dry_run": self.dry_run,
            "written": self.written,
            "rows": self.rows,
            **{name: self.counts.get(name, 0) for name in COUNTS[self.kind]},
            "bad_rows": self.bad_rows,
            "skipped": self.bad_rows if self.skip_bad else 0,
            "encoding": layout.encoding if layout else "",
            "delimiter": layout.delimiter if layout else "",
            "sheet": layout.sheet if layout else "",
            "header_row": layout.header_row if layout else 1,
            "columns": [
                {"column": c.header, "number": c.index + 1, "target": c.target, "why": c.why}
                for c in self.columns
            ],
            "period": [d.isoformat() for d in self.period] if self.period else None,
            "errors": [e.as_dict(lang) for e in sorted(self.errors, key=lambda e: e.row)[:MAX_SHOWN]],
            "errors_total": self.errors_total,
            "warnings": [w.as_dict(lang) for w in self.warnings],
        }


def announce(conn: Tx, ws: Workspace, report: ImportReport, actor: str) -> None:
    """Emit ``import.completed`` in the import's write transaction (gone if it rolls back)."""
    events.emit(
        conn,
        "import.completed",
        ws.now(),
        actor,
        ws.tag,
        {
            "kind": report.kind,
            "file": report.file,
            "rows": report.rows,
            "counts": dict(report.counts),
            "skipped_rows": report.bad_rows if report.skip_bad else 0,
        },
    )
