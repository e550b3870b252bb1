"""``reglament impact DIR``: what publishing a folder would do to the base, without writing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from engine import i18n
from engine.cli.app import LangOption, UserError, app
from engine.cli.common import DbOption, FormatOption, moment_of, open_database, output, regulation_checked

if TYPE_CHECKING:
    from engine.impact import Impact


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
        raise UserError(f"{directory}: no such folder")
    with open_database(db) as database:
        with regulation_checked():
            old = for_command(database, None, False, check_stages=False).ws
            new = Workspace(load_regulation(directory), database, draft=True)
        moment = moment_of(at, old.now(), zone(old.regulation.timezone))
        found = measure(old, new, moment)
    out.emit(found, said(found, out.lang))
    return 0


def said(found: Impact, lang: str) -> str:
    def t(key: str, **args: object) -> str:
        return i18n.tr(f"impact.{key}", lang, **args)

    lines = [t("title", old=found.old, new=found.new, at=found.at.strftime("%Y-%m-%d %H:%M"))]
    lines.append(t("stages") if found.stages else t("stages_none"))
    for s in found.stages:
        lines.append(
            "  "
            + (
                t("carried", stage=s.stage, n=s.clients, to=s.becomes)
                if s.becomes
                else t("stranded", stage=s.stage, n=s.clients)
            )
        )
    lines.append(t("lacking") if found.lacking else t("lacking_none"))
    for item in found.lacking:
        lines.append(
            "  "
            + t("lacks", stage=item.stage, field=item.field, n=item.clients, sample=", ".join(item.sample))
        )
    for changed in found.retyped:
        said_ = {"old": changed.old_type, "new": changed.new_type, "n": changed.clients}
        lines.append(t("retyped", field=changed.field, **said_))
    lines.append(t("lost_moves") if found.lost_moves else t("lost_moves_none"))
    lines += ["  " + t("lost_move", stage=m.stage, trigger=m.trigger, n=m.clients) for m in found.lost_moves]
    for c in found.calls:
        if c.before != c.after:
            lines.append(t("calls", manager=c.manager, before=c.total_before, after=c.total_after))
            lines += [f"  {i + 1:>2}. {a:<40} → {b}" for i, (a, b) in enumerate(_pairs(c.before, c.after))]
    unchanged = [c.manager for c in found.calls if c.before == c.after]
    if unchanged:
        lines.append(t("calls_same", managers=", ".join(unchanged)))
    lines.append(t("cells"))
    for cell in found.cells:
        lines.append(
            "  "
            + t(
                "cell",
                cell=cell.cell,
                n=cell.clients,
                before=cell.planned_before,
                after=cell.planned_after,
                on_before=f"{cell.on_time_before:.0%}",
                on_after=f"{cell.on_time_after:.0%}",
            )
        )
    return "\n".join(lines)


def _pairs(before: list[str], after: list[str]) -> list[tuple[str, str]]:
    n = max(len(before), len(after))
    return [(before[i] if i < len(before) else "—", after[i] if i < len(after) else "—") for i in range(n)]


__all__ = ["impact"]
