"""An import report in words, in the reader's language: how the file was read, which column
became which field and why (always in a dry run), warnings, refused rows, the counts."""

from __future__ import annotations

from engine import i18n
from engine.importing.report import MAX_SHOWN, ImportReport, RowError

_DELIMITERS = {"ru": {"\t": "табуляция"}, "en": {"\t": "tab"}}


def report_text(report: ImportReport, lang: str, *, columns: bool = False) -> str:
    def t(key: str, **args: object) -> str:
        return i18n.tr(f"import.{key}", lang, **args)

    lines: list[str] = []
    if columns or report.dry_run:
        lines += _reading(report, lang)
    lines += [f"{t('warning')}: {_row(w, lang)}" for w in report.warnings]
    errors = sorted(report.errors, key=lambda e: e.row)[:MAX_SHOWN]
    lines += [_row(e, lang) for e in errors]
    if report.errors_total > len(errors):
        lines.append(t("more", n=report.errors_total - len(errors)))
    if report.complete or report.dry_run:  # a refused import wrote nothing: no counts of it
        lines.append(_summary(report, lang))
    if report.dry_run:
        lines.append(t("dry_run"))
    elif not report.complete:
        lines.append(t("nothing", bad=report.bad_rows, rows=report.rows))
    return "\n".join(lines)


def _reading(report: ImportReport, lang: str) -> list[str]:
    layout = report.layout
    lines = []
    if layout is not None:
        if layout.kind == "csv":
            shown = _DELIMITERS[lang].get(layout.delimiter, f"«{layout.delimiter}»")
            how = i18n.tr(
                "import.read_as_csv", lang, encoding=layout.encoding, delimiter=shown, row=layout.header_row
            )
        else:
            how = i18n.tr("import.read_as_sheet", lang, sheet=layout.sheet, row=layout.header_row)
        skipped = i18n.tr("import.title_skipped", lang) if layout.header_row > 1 else ""
        lines.append(how + skipped)
    lines.append(i18n.tr("import.columns", lang))
    for column in report.columns:
        name = column.header or f"#{column.index + 1}"
        target = column.target or i18n.tr("import.not_imported", lang)
        lines.append(f"  {name} → {target} ({i18n.tr('import.why.' + column.why, lang)})")
    return lines


def _row(error: RowError, lang: str) -> str:
    where = i18n.tr("import.row", lang, row=error.row)
    column = f", {error.column}" if error.column else ""
    value = f": «{error.value}»" if error.value else ""
    return f"{where}{column}{value} — {error.messages.get(lang, '')}"


def _summary(report: ImportReport, lang: str) -> str:
    counts = {
        name: report.counts.get(name, 0)
        for name in ("created", "updated", "unchanged", "added", "present", "removed")
    }
    counts["refused"] = report.bad_rows
    if report.period is not None:
        first, last = (d.strftime("%d.%m.%Y") for d in report.period)
        return i18n.tr("import.summary.replace", lang, first=first, last=last, **counts)
    return i18n.tr(f"import.summary.{report.kind}", lang, **counts)
