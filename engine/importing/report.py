"""What an import did: rows imported, rows refused with row, column, value and reason."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from engine import i18n

MAX_SHOWN = 200

Progress = Callable[[int, int], None]
"""progress(done, total) — called as rows are processed."""


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


def row_error(row: int, column: str, value: object, code: str, **args: object) -> RowError:
    shown = "" if value is None else str(value)[:80]
    return RowError(row, column, shown, {lang: i18n.tr(code, lang, **args) for lang in i18n.LANGUAGES})


@dataclass(slots=True)
class ImportReport:
    kind: str
    rows: int = 0
    imported: int = 0
    errors: list[RowError] = field(default_factory=list)
    skip_bad: bool = False
    encoding: str = ""
    delimiter: str = ""

    @property
    def bad_rows(self) -> int:
        return len({e.row for e in self.errors})

    @property
    def complete(self) -> bool:
        """Everything good was imported: no errors, or errors skipped on request."""
        return not self.errors or self.skip_bad

    def as_dict(self, lang: str) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "rows": self.rows,
            "imported": self.imported,
            "bad_rows": self.bad_rows,
            "skipped": self.bad_rows if self.skip_bad else 0,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "errors": [e.as_dict(lang) for e in self.errors[:MAX_SHOWN]],
            "errors_total": len(self.errors),
        }

    def text(self, lang: str) -> str:
        t = i18n.tr
        lines = [
            f"{t('import.row', lang, row=e.row)}, {e.column}: «{e.value}» — {e.messages.get(lang, '')}"
            for e in self.errors[:MAX_SHOWN]
        ]
        if len(self.errors) > MAX_SHOWN:
            lines.append(t("import.more", lang, n=len(self.errors) - MAX_SHOWN))
        if self.errors and not self.skip_bad:
            lines.append(t("import.nothing", lang, bad=self.bad_rows, rows=self.rows))
        else:
            lines.append(t("import.done", lang, imported=self.imported, rows=self.rows, bad=self.bad_rows))
        return "\n".join(lines)
