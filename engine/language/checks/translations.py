"""Languages: the default one is declared, and every text has every declared language."""

from __future__ import annotations

from collections.abc import Iterator

from engine.i18n import LANGUAGES
from engine.language.checks import CheckContext, check
from engine.language.diagnostics import Diagnostic, Severity
from engine.model.regulation import Regulation
from engine.model.text import Origin
from engine.model.walk import texts


def manifest_file(ctx: CheckContext) -> str:
    return next((f for f in ctx.source_maps if f.endswith("regulation.yaml")), "regulation.yaml")


@check("regulation")
def default_language(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    if reg.default_language not in reg.languages:
        origin = Origin(manifest_file(ctx), 1, 1, "")
        yield ctx.report(
            origin,
            "R801",
            "default_language",
            lang=reg.default_language,
            languages=", ".join(reg.languages),
        )


@check("regulation")
def missing_translations(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    declared = set(reg.languages)
    known = declared | set(LANGUAGES)
    for text, file, pointer in texts(reg, manifest_file(ctx)):
        if not file or text.languages() - known:
            continue  # a key in no known language is a misspelt one, reported on its own
        missing = sorted(declared - text.languages())
        if missing:
            yield ctx.report(
                Origin(file, 1, 1, pointer),
                "W801",
                severity=Severity.WARNING,
                langs=", ".join(missing),
                text=text.get(reg.default_language)[:40],
            )
