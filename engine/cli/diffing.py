"""``reglament diff OLD NEW``: what changed between two regulations, by concept and in words."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from engine import i18n
from engine.cli.app import LangOption, UserError, app, default_lang
from engine.cli.common import DbOption, open_database

if TYPE_CHECKING:  # the language loads with the verb, not with --help (#18)
    from engine.language.loader import LoadResult
    from engine.model.regulation import Regulation

Side = Annotated[str, typer.Argument(help="A regulation folder, or a published version (number or tag).")]


@app.command()
def diff(
    old: Side,
    new: Side,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="text, json, markdown or html.")
    ] = "text",
    out_file: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> int:
    """What changed between two regulations, by concept and in words (stages, required fields,
    moves and their conditions, SLAs, cell policies, the call order), each change with its
    file:line in both. Formatting and comments do not count. Exit 0 when nothing changed, 1
    when something did."""
    from engine.diffing import compare
    from engine.diffing.render import RENDERERS

    language = lang or default_lang()
    if output_format not in RENDERERS:
        raise UserError(f"--format must be one of: {', '.join(RENDERERS)}")
    before, old_name = _side(old, db, language)
    after, new_name = _side(new, db, language)
    changes = compare(before, after)
    report = RENDERERS[output_format](changes, language, old_name, new_name)
    if out_file is not None:
        out_file.write_text(report, encoding="utf-8")
    else:
        typer.echo(report.rstrip("\n"))
    return 1 if changes else 0


def _side(ref: str, db: str | None, lang: str) -> tuple[Regulation, str]:
    """A folder as it is on disk, else a version published on the database."""
    from engine.language.loader import load_directory, load_files
    from engine.service import versions
    from engine.service.errors import NotFound

    path = Path(ref)
    if path.is_dir():
        return _checked(load_directory(path), lang), str(path)
    with open_database(db) as database, database.read() as conn:
        try:
            found = versions.one(conn, versions.parse_ref(ref))
        except NotFound as err:
            raise UserError(
                i18n.tr("cli.diff_side_unknown", lang, given=ref, why=err.message(lang))
            ) from None
    files = {name: text.encode("utf-8") for name, text in (found.files or {}).items()}
    return _checked(load_files(files), lang), f"#{found.n} ({found.tag})"


def _checked(result: LoadResult, lang: str) -> Regulation:
    from engine.language.diagnostics import Severity, render_text

    if result.regulation is None or not result.ok:
        errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
        raise UserError(i18n.tr("cli.regulation_errors", lang) + "\n" + render_text(errors, lang), 1)
    return result.regulation


__all__ = ["diff"]
