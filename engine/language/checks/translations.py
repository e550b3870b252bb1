"""Languages: the default one is declared, every text is in languages Reglament speaks and has
every declared one."""

from __future__ import annotations

from collections.abc import Iterator

from engine.i18n import LANGUAGES
from engine.language.checks import CheckContext, check
from engine.language.diagnostics import Diagnostic, Severity
from engine.language.suggest import suggestion
from engine.model.regulation import Regulation
from engine.model.text import Origin
from engine.model.walk import texts


def manifest_file(ctx: CheckContext) -> str:
    return next((f for f in ctx.source_maps if f.endswith("regulation.yaml")), "regulation.yaml")


def manifest_at(ctx: CheckContext, pointer: str = "") -> Origin:
    """The manifest (regulation.yaml) at a JSON pointer: where its checks of one key report, at the
    file's top (the model keeps no line for the manifest's keys)."""
    return Origin(manifest_file(ctx), 1, 1, pointer)


@check("regulation")
def default_language(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    if reg.default_language not in reg.languages:
        origin = manifest_at(ctx)
        yield ctx.report(
            origin,
            "R801",
            "default_language",
            lang=reg.default_language,
            languages=", ".join(reg.languages),
        )


@check("regulation")
def text_languages(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    """One walk over every text: each key of a ``{ru: …, en: …}`` text is a language Reglament
    speaks (``eb`` is a typo of ``en``; a text in another language is never shown), and each
    text has every declared language."""
    declared = list(dict.fromkeys([*reg.languages, *LANGUAGES]))
    allowed = {*declared, reg.default_language}  # an unknown default is R801's finding
    for text, file, pointer in texts(reg, manifest_file(ctx)):
        if not file:
            continue
        unknown = sorted(text.languages() - allowed)
        for lang in unknown:
            found = suggestion(lang, declared)
            yield ctx.report(
                Origin(file, 1, 1, pointer),
                "R802",
                lang,
                key=True,
                hint="did_you_mean" if found["suggestion"] else "hint",
                lang=lang,
                languages=", ".join(declared),
                suggestion=found["suggestion"],
            )
        missing = sorted(set(reg.languages) - text.languages())
        if missing and not unknown:  # a misspelt key is reported on its own
            yield ctx.report(
                Origin(file, 1, 1, pointer),
                "W801",
                severity=Severity.WARNING,
                langs=", ".join(missing),
                text=text.get(reg.default_language)[:40],
            )
