"""/v1/guides: the handbook and each stage's cheat-sheet, as HTML, Markdown or PDF."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response

from engine.api.auth import Anyone, active, state
from engine.api.models import Id
from engine.api.problems import documented, language, problem
from engine.api.state import PdfUnavailable
from engine.service.errors import NotFound

router = APIRouter(prefix="/v1/guides", tags=["guides"])
Format = Annotated[Literal["html", "md", "pdf"], Query(description="html, md (Markdown) or pdf.")]
Lang = Annotated[Literal["ru", "en"] | None, Query(description="Default: Accept-Language, else ru.")]
MEDIA = {"html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8", "pdf": "application/pdf"}
DOCUMENT = {
    200: {
        "description": "The document.",
        "content": {
            "text/html": {"schema": {"type": "string"}},
            "text/markdown": {"schema": {"type": "string"}},
            "application/pdf": {"schema": {"type": "string", "format": "binary"}},
        },
    },
    **documented("pdf-unavailable"),
}


@router.get("/handbook", response_class=Response, responses=DOCUMENT)
def handbook(request: Request, who: Anyone, format: Format = "html", lang: Lang = None) -> Response:
    """The whole handbook: funnel diagram, every stage, segments, call priorities, card, norms."""
    return _document(request, format, lang, None)


@router.get("/stages/{stage}", response_class=Response, responses={**DOCUMENT, **documented("not-found")})
def stage_sheet(
    stage: Annotated[Id, Path(description="A stage id, e.g. needs.")],
    request: Request,
    who: Anyone,
    format: Format = "html",
    lang: Lang = None,
) -> Response:
    """One stage's one-page cheat-sheet."""
    return _document(request, format, lang, stage)


def _document(request: Request, fmt: str, lang: str | None, stage: str | None) -> Response:
    api = state(request)
    ws = active(request).ws
    if stage is not None and ws.regulation.funnel.stage(stage) is None:
        raise NotFound("stage_not_found", stage=stage, known=", ".join(ws.regulation.funnel.stage_ids()))
    language_ = lang or language(request)
    try:
        data = api.guide(ws, language_, fmt, stage)
    except PdfUnavailable as err:
        raise problem("pdf-unavailable", "no_pdf", reason=str(err)) from None
    name = f"{stage or 'handbook'}.{fmt}"
    disposition = "attachment" if fmt == "pdf" else "inline"
    return Response(
        data,
        media_type=MEDIA[fmt],
        headers={"Content-Disposition": f'{disposition}; filename="{name}"', "Content-Language": language_},
    )
