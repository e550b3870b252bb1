"""/v1/reports/{name}: the head's reports as JSON, CSV or HTML; /reports: the head's page.

Heads and admins see every figure; a manager's token sees only its own clients' figures (the
``manager`` filter is fixed to the token's manager; asking for another is 403).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import BaseModel, BeforeValidator, Field

from engine import i18n
from engine.api.auth import Anyone, Staff, active, own_manager, state
from engine.api.models import Day, Id
from engine.api.problems import ApiProblem, documented, language
from engine.reports.names import NAMES
from engine.reports.page import page
from engine.reports.period import PeriodError, filters
from engine.reports.render import csv_text, plain
from engine.reports.runner import run, run_all
from engine.reports.spec import Filters
from engine.service import listing

router = APIRouter(tags=["reports"])
Name = Literal[NAMES]  # type: ignore[valid-type]  # the registry's names, one owner
Value = str | int | float | None
HTML = {
    "description": "The head's page: one self-contained HTML document.",
    "content": {"text/html": {"schema": {"type": "string"}}},
}


class PeriodOut(BaseModel):
    from_: str = Field(alias="from", description="The first moment counted (ISO 8601, UTC).")
    to: str = Field(description="The first moment no longer counted.")


class DaysOut(BaseModel):
    first: date = Field(description="The period's first day, in the regulation's time zone.")
    last: date = Field(description="The period's last day (included).")


class FiltersOut(BaseModel):
    manager: str | None
    segment: str | None
    source: str | None


class TableOut(BaseModel):
    title: str
    rows: list[dict[str, Value]] = Field(description="One object per row, keyed by column code.")


class ReportOut(BaseModel):
    report: Name
    title: str
    period: PeriodOut
    days: DaysOut
    filters: FiltersOut
    figures: dict[str, Value]
    tables: dict[str, TableOut]


def _filters(request: Request, who: Any, asked: Asking) -> Filters:
    ws = active(request).ws
    if (
        asked.manager
        and who.role != "manager"
        and asked.manager not in {m["login"] for m in listing.managers(ws)}
    ):
        raise ApiProblem("invalid-input", i18n.Message.of("error.unknown_manager", login=asked.manager))
    try:
        return filters(
            state(request).clock(),
            ws.regulation.timezone,
            start=asked.start,
            end=asked.end,
            period=asked.period,
            last=asked.last,
            manager=own_manager(who, asked.manager),
            segment=asked.segment,
            source=asked.source,
        )
    except PeriodError as err:
        raise ApiProblem(
            "invalid-input", i18n.Message.of(err.message.code, **dict(err.message.args))
        ) from None


def _iso_day(value: object) -> object:
    """A day as ISO text, YYYY-MM-DD (pydantic would read ``0`` as seconds since 1970)."""
    if isinstance(value, str) and not ISO_DAY.fullmatch(value):
        raise ValueError("write the day as YYYY-MM-DD, e.g. 2026-11-01")
    return value


ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
QueryDay = Annotated[Day, BeforeValidator(_iso_day)]
Start = Annotated[QueryDay | None, Query(alias="from", description="The first day (YYYY-MM-DD).")]
End = Annotated[QueryDay | None, Query(alias="to", description="The last day, included.")]
Period = Annotated[str | None, Query(max_length=20, description="A month: 2026-11.")]
Last = Annotated[str | None, Query(max_length=20, description="The last days, weeks or months: 30d, 4w, 3m.")]
Manager = Annotated[Id | None, Query(description="Only this manager's clients (a manager's token: its own).")]
Segment = Annotated[str | None, Query(pattern="^[ABCabc][XYZxyz]$", description="An ABC-XYZ cell, e.g. AX.")]
Source = Annotated[Id | None, Query(description="Only clients of this lead source.")]


@dataclass(frozen=True, slots=True)
class Asking:
    """The period and filters a report is asked for, as given: one set of query parameters."""

    start: Start = None
    end: End = None
    period: Period = None
    last: Last = None
    manager: Manager = None
    segment: Segment = None
    source: Source = None


Asked = Annotated[Asking, Depends()]


def _format(
    format: Annotated[Literal["json", "csv", "html"], Query(description="json, csv or html.")] = "json",
) -> str:
    """How a report is answered; a dependency, so that it stays after the filters in the document."""
    return format


Format = Annotated[str, Depends(_format)]


@router.get(
    "/v1/reports/{name}",
    response_model=ReportOut,
    response_model_by_alias=True,
    responses={
        200: {
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
            }
        },
        **documented("forbidden", "invalid-input"),
    },
)
def report(
    request: Request,
    who: Anyone,
    name: Annotated[Name, Path(description="The report.")],
    asked: Asked,
    format: Format,
) -> Any:
    """One of the head's reports over a period (default: the last four weeks), in the request's language."""
    chosen = _filters(request, who, asked)
    ws = active(request).ws
    lang = language(request)
    result = run(ws.db, ws.regulation, name, chosen)
    if format == "csv":
        return Response(
            "\ufeff" + csv_text(result, lang),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Language": lang},
        )
    if format == "html":
        return Response(page(ws.regulation, [result], chosen, lang), media_type="text/html; charset=utf-8")
    return plain(result, chosen, lang)


@router.get(
    "/reports", response_class=Response, responses={200: HTML, **documented("forbidden", "invalid-input")}
)
def head_page(request: Request, who: Staff, asked: Asked) -> Response:
    """The head's page: every report on one page with charts, printable on A4 (heads and admins)."""
    chosen = _filters(request, who, asked)
    ws = active(request).ws
    lang = language(request)
    return Response(
        page(ws.regulation, run_all(ws.db, ws.regulation, chosen), chosen, lang),
        media_type="text/html; charset=utf-8",
    )
