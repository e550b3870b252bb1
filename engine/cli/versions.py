"""Verbs about the published versions: ``versions``, ``show``, ``rollback``."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING, Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer

from engine import i18n
from engine.cli.app import LangOption, UserError, app
from engine.cli.common import ActorOption, DbOption, FormatOption, actor, open_database, output
from engine.cli.regulation import rejected
from engine.resources import bundled_regulations

if TYPE_CHECKING:
    from engine.service.versions import Publication

VersionArgument = Annotated[
    str, typer.Argument(help="A publication number (as `reglament versions` lists them) or a version tag.")
]


@app.command("versions")
def list_versions(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most this many.")] = 50,
    fmt: FormatOption = "text",
    lang: LangOption = None,
) -> int:
    """The regulation's publications, newest first: number, version, who, when and the note."""
    from engine.service import versions

    out = output(fmt, lang)
    with open_database(db) as database, database.read() as conn:
        found = versions.listing(conn, limit)
        newest = versions.one(conn, found[0].n) if found and out.format == "text" else None
        zone = _zone(newest.files) if newest else None
    text = "\n".join(line(p, out.lang, zone) for p in found) or i18n.tr("cli.versions_none", out.lang)
    out.emit(found, text)
    return 0


@app.command("show")
def show_version(
    version: VersionArgument,
    file: Annotated[
        str | None, typer.Option("--file", help="Print only this file's text (e.g. stages.yaml).")
    ] = None,
    db: DbOption = None,
    fmt: FormatOption = "text",
    lang: LangOption = None,
) -> int:
    """A published version: who published it, when and why, and its files."""
    from engine.service import versions

    out = output(fmt, lang)
    with open_database(db) as database, database.read() as conn:
        found = versions.one(conn, versions.parse_ref(version))
    texts = found.files or {}
    if file is not None:
        if file not in texts:
            names = ", ".join(sorted(texts))
            raise UserError(i18n.tr("cli.version_no_file", out.lang, file=file, files=names))
        out.emit({"file": file, "text": texts[file]}, texts[file].rstrip("\n"))
        return 0
    body = [line(found, out.lang, _zone(texts))] + [
        f"\n# ── {name} ──\n{texts[name].rstrip()}" for name in sorted(texts)
    ]
    out.emit(found, "\n".join(body))
    return 0


@app.command()
def rollback(
    version: VersionArgument,
    note: Annotated[str | None, typer.Option("--note", "-m", help="Why: kept with the publication.")] = None,
    db: DbOption = None,
    fmt: FormatOption = "text",
    lang: LangOption = None,
    who: ActorOption = None,
) -> int:
    """Put an earlier version in force again: it is published anew (numbered, with the note), and
    refused like any publication if it drops a stage that clients stand on."""
    from engine.service import versions
    from engine.service.regulations import RegulationRejected, Regulations

    out = output(fmt, lang)
    with open_database(db) as database:
        registry = Regulations(database, bundled_regulations())
        try:
            ws = versions.rollback(registry, versions.parse_ref(version), actor(who), note)
        except RegulationRejected as err:
            raise rejected(err, out.lang) from None
    out.emit({"published": ws.tag}, i18n.tr("cli.published", out.lang, tag=ws.tag))
    return 0


def _zone(files: dict[str, str] | None) -> tzinfo | None:
    """The time zone a version's regulation.yaml declares (its times are shown in it, like the
    history's); None when it declares none that exists."""
    import yaml

    try:
        declared = yaml.safe_load((files or {}).get("regulation.yaml", "")) or {}
        return ZoneInfo(str(declared["timezone"])) if isinstance(declared, dict) else None
    except (yaml.YAMLError, KeyError, ValueError, ZoneInfoNotFoundError):
        return None


def line(p: Publication, lang: str, zone: tzinfo | None = None) -> str:
    """One publication in one line, its time in ``zone`` (else the machine's)."""
    when = i18n.moment(p.published_at.astimezone(zone), lang)
    marks = [i18n.tr("cli.version_in_force", lang)] if p.in_force else []
    if p.rollback_of is not None:
        marks.append(i18n.tr("cli.version_rollback_of", lang, n=p.rollback_of))
    if p.forced:
        marks.append(i18n.tr("cli.version_forced", lang, n=len(p.forced)))
    text = f"#{p.n}  {p.tag}  {when}  {p.published_by or '—'}"
    text += f"  [{', '.join(marks)}]" if marks else ""
    return text + (f"  — {p.note}" if p.note else "")


__all__ = ["list_versions", "rollback", "show_version"]
