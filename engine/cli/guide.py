"""``reglament guide``: the manager cheat-sheets and the handbook, printed from the regulation."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from engine import i18n
from engine.cli.app import LangOption, UserError, app
from engine.cli.common import DbOption, output, workspace
from engine.resources import bundled_regulations

if TYPE_CHECKING:  # loaded with the first command that uses them (the language: not for --help)
    from engine.guides import Guides
    from engine.model.regulation import Regulation


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
    db: DbOption = None,
) -> int:
    """Print the handbook and one cheat-sheet per stage from the same files the engine enforces."""
    from engine.guides import FORMATS, Guides, template_problem
    from engine.service.names import Thing, names

    language = output(fmt, lang, FORMATS).lang
    if templates is not None and not templates.is_dir():
        raise UserError(i18n.tr("usage.no_folder", language, path=templates))
    regulation = _in_force(db) if directory is None else None
    if regulation is None:
        regulation = _folder(directory or bundled_regulations(), language)
    guides = Guides(regulation, templates)
    if stage is not None:
        stage = names(regulation, Thing.STAGE).require(stage, "--stage")
    try:
        return _print(guides, language, fmt, stage, out)
    except Exception as err:  # a template of the user's that fails to compile or to render
        problem = template_problem(err)
        if problem is None:
            raise
        raise UserError(problem, 1) from None


def _in_force(db: str | None) -> Regulation | None:
    """The regulation in force on the database (``--db``, $REGLAMENT_DB or ./reglament.sqlite when
    it exists), so the paper says what the engine enforces; None without a database."""
    if db is None and not Path("reglament.sqlite").exists():
        return None
    with workspace(db, None) as ws:
        return ws.regulation


def _folder(root: Path, language: str) -> Regulation:
    from engine.language.diagnostics import render_text
    from engine.language.loader import load_directory

    if not root.is_dir():
        raise UserError(i18n.tr("usage.no_folder", language, path=root))
    result = load_directory(root)
    if not result.ok or result.regulation is None:
        raise UserError(
            i18n.tr("cli.regulation_errors", language) + "\n" + render_text(result.diagnostics, language), 1
        )
    return result.regulation


def _print(guides: Guides, language: str, fmt: str, stage: str | None, out: Path | None) -> int:
    from engine.guides import PdfUnavailable, write

    if out is None:
        if fmt == "pdf":
            raise UserError(i18n.tr("usage.pdf_needs_folder", language))
        docs = guides.documents(language, fmt, stage)
        typer.echo(docs[0].text if stage else guides.handbook(language, fmt), nl=False)
        return 0
    try:
        written = write(guides, out, language, fmt, stage)
    except PdfUnavailable as err:
        raise UserError(i18n.tr("usage.pdf_unavailable", language, detail=err)) from None
    for path in written:
        typer.echo(str(path))
    return 0
