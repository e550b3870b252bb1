"""``reglament test DIR``: the scenarios a head wrote beside the regulation, and their coverage."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from engine import i18n
from engine.cli.app import LangOption, UserError, app, default_lang
from engine.resources import bundled_regulations

if TYPE_CHECKING:  # the language and the scenarios load with the verb, not with --help (#18)
    from engine.scenarios import Report


@app.command("test")
def run_scenarios(
    directory: Annotated[
        Path | None, typer.Argument(help="The regulation folder (default: the bundled one).")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text, json or junit.")] = "text",
    out_file: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
    lang: LangOption = None,
) -> int:
    """Run the scenarios of the folder's tests/*.yaml (given a client, when a trigger or the call
    list, expect a move, a refusal or a bucket) and say which stages, transitions, buckets and
    cells none of them exercises. Exit 0 all passed, 1 some failed."""
    from engine.scenarios.report import RENDERERS

    language = lang or default_lang()
    if output_format not in RENDERERS:
        raise UserError(f"--format must be one of: {', '.join(RENDERERS)}")
    root = directory or bundled_regulations()
    if not root.is_dir():
        raise UserError(f"{root}: no such folder")
    report = scenarios_of(root, language)
    if report is None:
        raise UserError(i18n.tr("scenario.none", language, folder=root / "tests"))
    shown = RENDERERS[output_format](report, language)
    if out_file is not None:
        out_file.write_text(shown + "\n", encoding="utf-8")
    else:
        typer.echo(shown)
    return 0 if report.ok else 1


def scenarios_of(root: Path, lang: str) -> Report | None:
    """The run of ``root``'s scenarios (None when it has none); a regulation with errors stops."""
    from engine.language.diagnostics import Severity, render_text
    from engine.language.loader import load_directory
    from engine.scenarios import read_folder, run_all

    result = load_directory(root)
    if result.regulation is None or not result.ok:
        errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
        raise UserError(i18n.tr("cli.regulation_errors", lang) + "\n" + render_text(errors, lang), 1)
    found = read_folder(root, result.regulation)
    return run_all(result.regulation, found) if found else None


__all__ = ["run_scenarios", "scenarios_of"]
