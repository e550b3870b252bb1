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

# pydantic error type → the context members its message names (see ``api.invalid.*``).
TYPES: dict[str, tuple[str, ...]] = {
    "missing": (),
    "extra_forbidden": (),
    "int_parsing": ("input",),
    "int_type": (),
    "int_from_float": ("input",),
    "int_parsing_size": ("input",),
    "float_parsing": ("input",),
    "float_type": (),
    "finite_number": (),
    "decimal_parsing": ("input",),
    "decimal_type": (),
    "bool_parsing": ("input",),
    "bool_type": (),
    "string_type": (),
    "string_too_short": ("min_length",),
    "string_too_long": ("max_length",),
    "string_pattern_mismatch": ("pattern",),
    "string_unicode": (),
    "date_parsing": ("input",),
    "date_type": (),
    "date_from_datetime_parsing": ("input",),
    "date_from_datetime_inexact": ("input",),
    "datetime_parsing": ("input",),
    "datetime_type": (),
    "datetime_from_date_parsing": ("input",),
    "datetime_object_invalid": ("input",),
    "time_parsing": ("input",),
    "timezone_aware": (),
    "timezone_naive": (),
    "greater_than": ("gt",),
    "greater_than_equal": ("ge",),
    "less_than": ("lt",),
    "less_than_equal": ("le",),
    "multiple_of": ("multiple_of",),
    "literal_error": ("expected",),
    "enum": ("expected",),
    "dict_type": (),
    "model_type": (),
    "model_attributes_type": (),
    "list_type": (),
    "too_short": ("min_length",),
    "too_long": ("max_length",),
    "json_invalid": (),
    "json_type": (),
    "value_error": (),
    "assertion_error": (),
    "union_tag_invalid": ("tag", "expected_tags"),
    "union_tag_not_found": ("discriminator",),
    "uuid_parsing": ("input",),
    "url_parsing": ("input",),
    # the API's own checks (engine.api.models, engine.api.routes.reports)
    "unstorable_text": (),
    "moment_out_of_range": ("input",),
    "day_out_of_range": ("input",),
    "iso_text_expected": ("input",),
    "day_expected": ("input",),
}
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
    return i18n.tr(f"api.invalid.{kind}", lang, **{name: _shown(context.get(name)) for name in TYPES[kind]})


def _shown(value: Any) -> str:
    if isinstance(value, str):
        text = value.replace(" or ", ", ")  # pydantic's English list of expected values
    elif isinstance(value, Sequence):
        text = ", ".join(map(str, value))
    else:
        text = str(value)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"
