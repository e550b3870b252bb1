"""Verbs about the regulation files: ``check``, ``schema``, ``init``, ``publish``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from engine import i18n
from engine.cli.app import LangOption, UserError, app, choose
from engine.cli.common import ActorOption, DbOption, FormatOption, actor, open_database, output
from engine.language.diagnostics import RENDERERS, Severity, has_errors, render_text
from engine.resources import bundled_regulations

if TYPE_CHECKING:  # the language loads with the verb that reads a regulation, not with --help (#18)
    from engine.model.regulation import Regulation
    from engine.service.regulations import RegulationRejected

FORMATS = tuple(RENDERERS)


@app.command()
def check(
    directory: Annotated[
        Path | None, typer.Argument(help="The regulation folder (default: the bundled one).")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text, json or github.")] = "text",
    lang: LangOption = None,
) -> int:
    """Check a regulation like a compiler: every mistake with its file, line and a hint."""
    from engine.language.loader import load_directory

    language = lang or i18n.DEFAULT_LANGUAGE
    choose(output_format, FORMATS, "--format")
    root = _existing_dir(directory or bundled_regulations(), language)
    result = load_directory(root)
    clean = result.regulation is not None and not has_errors(result.diagnostics)
    ok, said = _scenarios(root, result.regulation, language) if clean and result.regulation else (True, None)
    failed = not ok
    report = RENDERERS[output_format](result.diagnostics, language)
    if report and not (failed and output_format == "text" and not result.diagnostics):
        typer.echo(report)  # «no mistakes found» is not said above failing scenarios
    if said:
        typer.echo(said, err=output_format != "text")
    if output_format == "text" and clean and result.regulation is not None:
        typer.echo(summary(result.regulation, language))
    if any(d.code == "F002" for d in result.diagnostics):
        return 2
    return 1 if not clean or failed else 0


def _scenarios(root: Path, reg: Regulation, lang: str) -> tuple[bool, str | None]:
    """Whether the folder's scenario tests (tests/*.yaml) pass, and their summary (None: none)."""
    from engine.scenarios import read_folder, run_all
    from engine.scenarios.report import text as scenario_text

    found = read_folder(root, reg)
    if not found:
        return True, None
    report = run_all(reg, found)
    return report.ok, scenario_text(report, lang, failed_only=True)


@app.command()
def publish(
    directory: Annotated[Path, typer.Argument(help="The regulation folder to put in force.")],
    db: DbOption = None,
    fmt: FormatOption = "text",
    lang: LangOption = None,
    who: ActorOption = None,
    note: Annotated[str | None, typer.Option("--note", "-m", help="Why: kept with the publication.")] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Publish although scenarios fail (kept with the publication).")
    ] = False,
) -> int:
    """Put a regulation in force on the database, for every command and the server: it is checked
    first, and refused if it has errors, its scenarios (tests/*.yaml) fail, or it drops a stage
    that clients stand on. Every publication is kept, numbered (`reglament versions`)."""
    from engine.scenarios.gate import gate
    from engine.scenarios.reading import folder_tests
    from engine.service.regulations import RegulationRejected, Regulations, folder_files

    out = output(fmt, lang)
    root = _existing_dir(directory, out.lang)
    tests = folder_tests(root)
    kept = {name: raw.decode("utf-8", errors="replace") for name, raw in tests.items()}
    with open_database(db) as database:
        registry = Regulations(database, bundled_regulations())
        try:
            done = registry.publish(
                folder_files(root), actor(who), note, gate=gate(tests), force=force, scenarios=kept
            )
        except RegulationRejected as err:
            raise rejected(err, out.lang) from None
    ws = done.ws
    if done.unchanged:
        said = [i18n.tr("cli.publish_unchanged", out.lang, n=done.number, tag=ws.tag)]
    else:
        said = [i18n.tr("cli.published", out.lang, tag=ws.tag)]
    said += (
        [i18n.tr("cli.publish_forced", out.lang, n=len(done.forced), scenarios="\n  ".join(done.forced))]
        if done.forced
        else []
    )
    said += [i18n.tr("cli.ownership.warning", out.lang, text=w.render(out.lang)) for w in ws.warnings]
    data = {
        "published": ws.tag,
        "number": done.number,
        "unchanged": done.unchanged,
        "forced": list(done.forced),
    }
    out.emit({**data, "warnings": [w.render(out.lang) for w in ws.warnings]}, "\n".join(said))
    return 0


def rejected(err: RegulationRejected, lang: str) -> UserError:
    """A regulation refused for its errors, listed in the reader's language (exit 1)."""
    errors = [d for d in err.result.diagnostics if d.severity is Severity.ERROR]
    return UserError(i18n.tr("cli.regulation_errors", lang) + "\n" + render_text(errors, lang), 1)


def summary(reg: Regulation, lang: str) -> str:
    """One paragraph describing what the regulation holds."""
    funnel = reg.funnel
    counts = {
        "stages": len(funnel.stages),
        "transitions": len(funnel.transitions),
        "fields": len(reg.card.fields),
        "cells": len(reg.segments.cells) if reg.segments else 0,
        "buckets": len(reg.priorities.buckets) if reg.priorities else 0,
    }
    parts = [i18n.tr(f"summary.{name}", lang, n=n) for name, n in counts.items()]
    path = " → ".join(s.label.get(lang) for s in funnel.ordered_stages() if not s.terminal)
    return "\n".join(
        [
            i18n.tr("summary.title", lang, title=reg.title.get(lang), version=reg.version_tag),
            "  " + ", ".join(parts),
            "  " + i18n.tr("summary.path", lang, path=path),
        ]
    )


@app.command()
def schema(
    directory: Annotated[Path, typer.Argument(help="Where to write the JSON Schemas.", file_okay=False)],
    lang: LangOption = None,
) -> int:
    """Write the JSON Schemas of every regulation file, for editors' YAML support."""
    from engine.language.schema import write_schemas

    typer.echo(i18n.tr("cli.schemas_written", lang or i18n.DEFAULT_LANGUAGE, folder=directory), err=True)
    for path in write_schemas(directory):
        typer.echo(str(path))
    return 0


_MODELINE = re.compile(r"^# yaml-language-server: \$schema=\S+", re.MULTILINE)


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="A new folder for your regulation.", file_okay=False)],
    lang: LangOption = None,
) -> int:
    """Start your own regulation: a copy of the bundled one, with schemas for your editor."""
    from engine.language.loader import FILE_NAMES
    from engine.language.schema import write_schemas

    if directory.exists() and any(directory.iterdir()):
        raise UserError(i18n.tr("cli.init_not_empty", lang or i18n.DEFAULT_LANGUAGE, folder=directory))
    directory.mkdir(parents=True, exist_ok=True)
    write_schemas(directory / "schemas")
    for kind, name in FILE_NAMES.items():
        text = (bundled_regulations() / name).read_text(encoding="utf-8")
        line = f"# yaml-language-server: $schema=./schemas/{kind}.schema.json"
        (directory / name).write_text(
            _MODELINE.sub(line.replace("\\", "\\\\"), text, count=1), encoding="utf-8"
        )
    scenarios = bundled_regulations() / "tests"
    if scenarios.is_dir():  # the head's scenario tests come along, so `reglament test` has something to run
        shutil.copytree(scenarios, directory / "tests")
    typer.echo(f"{directory}: {', '.join(FILE_NAMES.values())}")
    return 0


def _existing_dir(path: Path, lang: str) -> Path:
    if not path.is_dir():
        raise UserError(i18n.tr("usage.no_folder", lang, path=path))
    return path


__all__ = ["check", "init", "publish", "rejected", "schema", "summary"]
