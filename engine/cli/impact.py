"""``reglament impact DIR``: what publishing a folder would do to the base, without writing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo

import typer

from engine import i18n
from engine.cli.app import LangOption, UserError, app
from engine.cli.common import DbOption, FormatOption, moment_of, open_database, output, regulation_checked

if TYPE_CHECKING:
    from engine.impact import Impact
    from engine.model.regulation import Regulation


@app.command()
def impact(
    directory: Annotated[Path, typer.Argument(help="The new regulation folder.", file_okay=False)],
    at: Annotated[str | None, typer.Option("--at", help="The moment (default: now).")] = None,
    db: DbOption = None,
    fmt: FormatOption = "text",
    lang: LangOption = None,
) -> int:
    """What publishing DIR would do to the clients in the base, without writing anything: clients
    on stages it drops or renames, clients lacking what their stage now requires, moves that
    disappear, each manager's call list (top 20) and each cell's planned contacts and
    compliance, before and after."""
    from engine.impact import measure
    from engine.language.loader import load_regulation
    from engine.runtime.facts import zone
    from engine.service.regulations import for_command
    from engine.service.workspace import Workspace

    out = output(fmt, lang)
    if not directory.is_dir():
        raise UserError(i18n.tr("usage.no_folder", out.lang, path=directory))
    with open_database(db) as database:
        with regulation_checked():
            old = for_command(database, None, False, check_stages=False).ws
            new = Workspace(load_regulation(directory), database, draft=True)
        moment = moment_of(at, old.now(), zone(old.regulation.timezone))
        found = measure(old, new, moment)
    out.emit(found, said(found, old.regulation, new.regulation, out.lang))
    return 0


def said(found: Impact, old: Regulation, new: Regulation, lang: str) -> str:
    """The impact in words: every stage, field, move and call-list bucket by its label (the version
    in force names what it has, the new one what it brings), numbers as the reader writes them."""
    from engine.model.labels import Thing, label  # the model loads with the verb, not --help

    def t(key: str, **args: object) -> str:
        return i18n.tr(f"impact.{key}", lang, **args)

    def stage(reg: Regulation, stage_id: str | None) -> str:
        return label(reg, Thing.STAGE, stage_id, lang)

    at = found.at.astimezone(ZoneInfo(old.timezone))
    lines = [t("title", old=found.old, new=found.new, at=i18n.moment(at, lang))]
    lines.append(t("stages") if found.stages else t("stages_none"))
    for s in found.stages:
        gone = stage(old, s.stage)
        lines.append(
            "  "
            + (
                t("carried", stage=gone, n=s.clients, to=stage(new, s.becomes))
                if s.becomes
                else t("stranded", stage=gone, n=s.clients)
            )
        )
    lines.append(t("lacking") if found.lacking else t("lacking_none"))
    for item in found.lacking:
        field = label(new, Thing.FIELD, item.field, lang)
        sample = ", ".join(item.sample)
        lines.append(
            "  " + t("lacks", stage=stage(new, item.stage), field=field, n=item.clients, sample=sample)
        )
    for changed in found.retyped:
        types = {
            w: i18n.tr(f"field_type.{v}", lang)
            for w, v in (("old", changed.old_type), ("new", changed.new_type))
        }
        field = "«" + label(old, Thing.FIELD, changed.field, lang) + "»"
        lines.append(t("retyped", field=field, n=changed.clients, **types))
    lines.append(t("lost_moves") if found.lost_moves else t("lost_moves_none"))
    lines += [
        "  "
        + t(
            "lost_move",
            stage=stage(old, m.stage),
            trigger=label(old, Thing.TRIGGER, m.trigger, lang),
            n=m.clients,
        )
        for m in found.lost_moves
    ]
    lines += _calls(found, old, new, lang)
    lines.append(t("cells"))
    for cell in found.cells:
        numbers = {
            "before": i18n.number(cell.planned_before, lang, 1),
            "after": i18n.number(cell.planned_after, lang, 1),
            "on_before": i18n.percent(cell.on_time_before, lang, 0),
            "on_after": i18n.percent(cell.on_time_after, lang, 0),
        }
        lines.append("  " + t("cell", cell=cell.cell, n=cell.clients, **numbers))
    return "\n".join(lines)


def _calls(found: Impact, old: Regulation, new: Regulation, lang: str) -> list[str]:
    """Each changed call list side by side; the rows' buckets by their labels."""
    lines = []
    for c in found.calls:
        if c.before != c.after:
            lines.append(
                i18n.tr("impact.calls", lang, manager=c.manager, before=c.total_before, after=c.total_after)
            )
            before = [_row(old, r, lang) for r in c.before]
            after = [_row(new, r, lang) for r in c.after]
            lines += [f"  {i + 1:>2}. {a:<40} → {b}" for i, (a, b) in enumerate(_pairs(before, after))]
    unchanged = [c.manager for c in found.calls if c.before == c.after]
    if unchanged:
        lines.append(i18n.tr("impact.calls_same", lang, managers=", ".join(unchanged)))
    return lines


def _row(reg: Regulation, row: str, lang: str) -> str:
    """A call-list row as the record keeps it ("id name · bucket") with the bucket's label."""
    from engine.model.labels import Thing, label

    client, sep, bucket = row.rpartition(" · ")
    return f"{client} · {label(reg, Thing.BUCKET, bucket, lang)}" if sep else row


def _pairs(before: list[str], after: list[str]) -> list[tuple[str, str]]:
    n = max(len(before), len(after))
    return [(before[i] if i < len(before) else "—", after[i] if i < len(after) else "—") for i in range(n)]


__all__ = ["impact"]
