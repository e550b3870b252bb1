"""``reglament guide``: the manager cheat-sheets and the handbook, printed from the regulation."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from engine import i18n
from engine.cli.app import LangOption, UserError, app
from engine.language.diagnostics import render_text
from engine.language.loader import load_directory
from engine.resources import bundled_regulations

if TYPE_CHECKING:  # loaded with the first command that uses them
    from engine.guides import Guides


@app.command()
def guide(
    directory: Annotated[
        Path | None, typer.Argument(help="The regulation folder (default: the bundled one).")
    ] = None,
    stage: Annotated[str | None, typer.Option(help="Only this stage's cheat-sheet.")] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="html, md or pdf (pdf needs `pip install .[pdf]`).")
    ] = "html",
    out: Annotated[
        Path | None,
        typer.Option(
            "-o", "--out", help="A folder for the handbook and sheets/ (default: print).", file_okay=False
        ),
    ] = None,
    templates: Annotated[
        Path | None, typer.Option(help="Your templates; the bundled ones fill in the rest.", file_okay=False)
    ] = None,
    lang: LangOption = None,
) -> int:
    """Print the handbook and one cheat-sheet per stage from the same files the engine enforces."""
    from engine.guides import FORMATS, Guides, template_problem

    language = lang or i18n.DEFAULT_LANGUAGE
    if fmt not in FORMATS:
        raise UserError(f"--format must be one of: {', '.join(FORMATS)}")
    if templates is not None and not templates.is_dir():
        raise UserError(f"{templates}: no such folder")
    root = directory or bundled_regulations()
    if not root.is_dir():
        raise UserError(f"{root}: no such folder")
    result = load_directory(root)
    if not result.ok or result.regulation is None:
        raise UserError(
            i18n.tr("cli.regulation_errors", language) + "\n" + render_text(result.diagnostics, language), 1
        )
    guides = Guides(result.regulation, templates)
    if stage is not None and result.regulation.funnel.stage(stage) is None:
        raise UserError(f"no stage '{stage}'; stages: {', '.join(result.regulation.funnel.stage_ids())}")
    try:
        return _print(guides, language, fmt, stage, out)
    except Exception as err:  # a template of the user's that fails to compile or to render
        problem = template_problem(err)
        if problem is None:
            raise
        raise UserError(problem, 1) from None


def _print(guides: Guides, language: str, fmt: str, stage: str | None, out: Path | None) -> int:
    from engine.guides import PdfUnavailable, write

    if out is None:
        if fmt == "pdf":
            raise UserError("a PDF needs a folder: add -o FOLDER")
        docs = guides.documents(language, fmt, stage)
        typer.echo(docs[0].text if stage else guides.handbook(language, fmt), nl=False)
        return 0
    try:
        written = write(guides, out, language, fmt, stage)
    except PdfUnavailable as err:
        raise UserError(
            f"PDF needs WeasyPrint and its system libraries (Pango): pip install '.[pdf]' ({err})"
        ) from None
    for path in written:
        typer.echo(str(path))
    return 0
