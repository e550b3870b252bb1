"""Printable guides from the regulation the engine enforces: cheat-sheets and the handbook.

Steps: (1) :mod:`view` and :mod:`sections` turn the regulation into plain data in one language —
conditions said by the engine's own :class:`~engine.conditions.words.Speaker`; (2) :mod:`diagram`
lays the funnel out as shapes; (3) Jinja templates (``templates/``, overridable folder by folder)
lay it all out as HTML or Markdown; (4) WeasyPrint, when installed, prints the HTML to PDF.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)

from engine import i18n
from engine.guides import diagram, sections
from engine.guides.daysheet import DaySheet, page_words, shown_version
from engine.guides.view import Viewer
from engine.model.regulation import Regulation
from engine.resources import bundled_templates

FORMATS = ("html", "md", "pdf")


class PdfUnavailable(Exception):
    """WeasyPrint (the optional ``pdf`` extra) or the system libraries it needs are missing."""


@dataclass(frozen=True, slots=True)
class Document:
    name: str
    """File name without the extension: ``handbook`` or ``sheets/03-needs``."""
    text: str


class Guides:
    """Renders one regulation's guides; build once, render many."""

    def __init__(
        self, regulation: Regulation, templates: Path | None = None, printed: date | None = None
    ) -> None:
        self.regulation = regulation
        self.printed = printed
        """The print date every page's footer shows (default: the day of rendering)."""
        folders = [str(templates)] if templates else []
        loader = ChoiceLoader([FileSystemLoader([*folders, str(bundled_templates())])])
        self.env = Environment(
            loader=loader,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            autoescape=lambda name: name is not None and name.endswith(".html.j2"),
            keep_trailing_newline=True,
        )

    def context(self, lang: str) -> dict[str, Any]:
        viewer = Viewer(self.regulation, lang)
        guide = viewer.guide()
        return {
            "guide": guide,
            "w": guide.words,
            "lang": lang,
            "diagram": diagram.layout(self.regulation, lang),
            "segments": sections.segments(viewer),
            "priorities": sections.priorities(viewer),
            "card": sections.card(viewer),
            "norms": sections.norms(viewer),
            "people": sections.people(viewer),
            "footer": i18n.tr(
                "shown.footer",
                lang,
                title=guide.title,
                version=shown_version(self.regulation, lang),
                printed=i18n.day(self.printed or date.today(), lang),
            ),
        }

    def handbook(self, lang: str, fmt: str = "html") -> str:
        return self.env.get_template(f"handbook.{_ext(fmt)}.j2").render(self.context(lang))

    def sheets(self, lang: str, fmt: str = "html", stage: str | None = None) -> list[Document]:
        context = self.context(lang)
        template = self.env.get_template(f"sheet.{_ext(fmt)}.j2")
        chosen = [s for s in context["guide"].stages if stage is None or s.id == stage]
        return [Document(f"sheets/{s.number:02d}-{s.id}", template.render(context, stage=s)) for s in chosen]

    def day_sheets(self, sheets: list[DaySheet], lang: str, printed: date) -> str:
        """Managers' day sheets as HTML, one A4 page each (print with :func:`to_pdf`)."""
        shown = [
            {
                "manager": s.manager,
                "when": i18n.tr("shown.sheet.when", lang, at=i18n.moment(s.at, lang), n=s.total),
                "rows": s.rows,
                "more": i18n.tr("shown.sheet.more", lang, n=s.total - len(s.rows))
                if s.total > len(s.rows)
                else "",
                "empty": s.empty,
            }
            for s in sheets
        ]
        words = page_words(self.regulation, lang, printed)
        return self.env.get_template("daysheet.html.j2").render(sheets=shown, w=words, lang=lang)

    def documents(self, lang: str, fmt: str, stage: str | None = None) -> list[Document]:
        sheets = self.sheets(lang, fmt, stage)
        return sheets if stage is not None else [Document("handbook", self.handbook(lang, fmt)), *sheets]


def template_problem(err: Exception) -> str | None:
    """Where a template failed (file:line) and why, for the person who edited it; ``None`` when
    ``err`` did not come from a template."""
    frames = []
    tb = err.__traceback__
    while tb is not None:  # Jinja maps the frames of a failing render back to the template's lines
        if tb.tb_frame.f_code.co_filename.endswith(".j2"):
            frames.append(f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}")
        tb = tb.tb_next
    if isinstance(err, TemplateSyntaxError):
        frames.append(f"{err.filename or err.name}:{err.lineno}")
    if isinstance(err, TemplateNotFound):
        why = f"no template named {err.name!r}"
    elif isinstance(err, TemplateError):
        why = str(err.message)
    else:
        why = f"{type(err).__name__}: {err}"
    if not frames and not isinstance(err, TemplateError):
        return None
    where = frames[-1] if frames else "template"
    return f"{where}: template error: {why}; fix the template, or delete your copy to use the bundled one"


def _ext(fmt: str) -> str:
    return "html" if fmt == "pdf" else fmt


def to_pdf(html: str, base: Path | None = None) -> bytes:
    """The HTML printed by WeasyPrint: A4, page numbers, the system's fonts (Cyrillic included)."""
    try:
        with warnings.catch_warnings():  # WeasyPrint warns about optional system libraries
            warnings.simplefilter("ignore", DeprecationWarning)
            from weasyprint import HTML
    except (ImportError, OSError) as err:  # OSError: Pango or its libraries are missing
        raise PdfUnavailable(str(err)) from None
    document: bytes = HTML(string=html, base_url=str(base or bundled_templates())).write_pdf()
    return document


def write(guides: Guides, out: Path, lang: str, fmt: str, stage: str | None = None) -> list[Path]:
    """Write the handbook and the sheets (or one sheet) into ``out``; returns the files written."""
    written = []
    for doc in guides.documents(lang, fmt, stage):
        path = out / f"{doc.name}.{fmt}"
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "pdf":
            path.write_bytes(to_pdf(doc.text))
        else:
            path.write_text(doc.text, encoding="utf-8")
        written.append(path)
    return written
