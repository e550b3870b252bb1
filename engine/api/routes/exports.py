"""/v1/exports/{kind}: clients, sales, the call list and ABC-XYZ classes as CSV or XLSX (heads, admins).

The file is written to a spooled temporary file first (memory up to 8 MiB, then disk), so a
problem found while writing is an RFC 9457 answer, never half a file.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import StreamingResponse
from starlette.background import BackgroundTask

from engine import i18n
from engine.api.auth import Staff, active, state
from engine.api.models import Id, Moment
from engine.api.problems import ApiProblem, documented, language
from engine.api.state import at_or_now
from engine.exporting import MEDIA, ExportError, export

router = APIRouter(prefix="/v1", tags=["exports"])
Kind = Literal["clients", "sales", "calls", "classes"]
SPOOL = 8 * 1024 * 1024
FILE = {
    200: {
        "description": "The export: CSV (`;`, decimal commas) or XLSX.",
        "content": {
            "text/csv": {"schema": {"type": "string", "format": "binary"}},
            MEDIA["xlsx"]: {"schema": {"type": "string", "format": "binary"}},
        },
    },
    **documented("forbidden", "invalid-input", "export-failed"),
}


@router.get("/exports/{kind}", response_class=StreamingResponse, responses=FILE)
def export_file(
    kind: Annotated[Kind, Path(description="clients, sales, calls or classes.")],
    request: Request,
    who: Staff,
    format: Annotated[Literal["csv", "xlsx"], Query(description="csv or xlsx.")] = "csv",
    encoding: Annotated[
        Literal["utf-8", "cp1251"], Query(description="CSV: utf-8 (with a BOM) or cp1251.")
    ] = "utf-8",
    manager: Annotated[Id | None, Query(description="calls: only this manager's clients.")] = None,
    at: Annotated[Moment | None, Query(description="calls: the moment (default: now).")] = None,
) -> StreamingResponse:
    """A file for 1C or Excel; text cells that a spreadsheet would run as formulas are neutralised."""
    api = state(request)
    ws = active(request).ws
    lang = language(request)
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL)  # noqa: SIM115 - closed after the response
    try:
        when = at_or_now(api, ws, at) if kind == "calls" else None
        export(ws, kind, spool, fmt=format, encoding=encoding, lang=lang, manager=manager, at=when)
    except ExportError as err:
        spool.close()
        raise ApiProblem("export-failed", i18n.Message.of(f"export.{err.code}", **err.args_)) from None
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    media = f"text/csv; charset={encoding}" if format == "csv" else MEDIA["xlsx"]
    headers = {"Content-Disposition": f'attachment; filename="{kind}.{format}"', "Content-Language": lang}
    return StreamingResponse(
        _chunks(spool), media_type=media, headers=headers, background=BackgroundTask(spool.close)
    )


def _chunks(spool: tempfile.SpooledTemporaryFile[bytes]) -> Iterator[bytes]:
    while chunk := spool.read(64 * 1024):
        yield chunk
