"""Request validation errors (FastAPI/pydantic) said in the reader's language: each pydantic error
``type`` maps to a catalog code ``api.invalid.<type>`` with the arguments its context gives; a type
the table lacks falls back to ``api.invalid.other``, which names it. A body value is placed by a JSON
pointer (``/next_step/due_date``), a query/path/header value by its ``parameter`` name."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from engine import i18n
from engine.api.problems import language, respond

PREFIX = "api.invalid."
TYPES: dict[str, tuple[str, ...]] = {
    key.removeprefix(PREFIX): tuple(i18n.placeholders(str(template)))
    for key, template in i18n.catalog("en").items()
    if key.startswith(PREFIX) and key != PREFIX + "other"
}
"""pydantic error type → the context members its message names: the ``api.invalid.*`` codes of
the catalog (pydantic's types and the API's own checks in ``engine.api.models`` and
``engine.api.routes.reports``), each with the placeholders of its text."""
PARAMETER_PLACES = ("query", "path", "header", "cookie")
SHOWN = 60  # characters of a refused value quoted back


async def on_validation(request: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, RequestValidationError)
    lang = language(request)
    errors = [problem_error(e, lang) for e in err.errors()]
    return respond(request, "invalid-request", i18n.tr("api.schema_mismatch", lang), errors=errors)


def problem_error(error: Mapping[str, Any], lang: str) -> dict[str, str]:
    """One pydantic error as a problem's ``errors`` item: where, pydantic's type as the code, and
    the message from the catalog."""
    where = [str(p) for p in error.get("loc", ())]
    place, path = (where[0], where[1:]) if where else ("body", [])
    kind = str(error.get("type", ""))
    found: dict[str, str] = {"field": path[-1] if path else place, "code": kind}
    if place in PARAMETER_PLACES:
        found["parameter"] = ".".join(path) or place
    else:
        found["pointer"] = "/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in path)
    found["message"] = message(kind, error, lang)
    return found


def message(kind: str, error: Mapping[str, Any], lang: str) -> str:
    if kind not in TYPES:
        return i18n.tr("api.invalid.other", lang, type=kind or "?")
    context = {**(error.get("ctx") or {}), "input": error.get("input")}
    return i18n.tr(PREFIX + kind, lang, **{name: _shown(context.get(name)) for name in TYPES[kind]})


def _shown(value: Any) -> str:
    if isinstance(value, str):
        text = value.replace(" or ", ", ")  # pydantic's English list of expected values
    elif isinstance(value, Sequence):
        text = ", ".join(map(str, value))
    else:
        text = str(value)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"
