"""Errors as RFC 9457 problem details (``application/problem+json``), one type per kind."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Route

from engine import i18n
from engine.service.errors import ServiceError

BASE = "https://reglament.dev/problems/"
MEDIA = "application/problem+json"
TITLES = {
    "unauthorized": "A valid API token is required",
    "forbidden": "Not allowed for this token",
    "not-found": "Not found",
    "conflict": "Changed by someone else",
    "invalid-input": "Invalid input",
    "segmentation-refused": "ABC-XYZ would classify nothing sensible",
    "invalid-request": "The request does not match the API",
    "move-refused": "The regulation does not allow this move",
    "idempotency-key-reused": "The idempotency key was used for another request",
    "precondition-required": "If-Match is required",
    "precondition-failed": "The client has changed",
    "regulation-invalid": "The regulation has errors",
    "pdf-unavailable": "PDF is not available on this server",
    "method-not-allowed": "Method not allowed",
    "payload-too-large": "The request body is too large",
    "http-error": "HTTP error",
    "database-unavailable": "The database is unavailable",
    "internal": "Internal error",
}


class ProblemError(BaseModel):
    pointer: str = Field(description="JSON pointer into the request body, or the parameter's name.")
    field: str = ""
    code: str = ""
    message: str


class Problem(BaseModel):
    """An RFC 9457 problem; ``type`` is stable per kind of error."""

    model_config = ConfigDict(extra="allow")
    type: str = Field(examples=[BASE + "move-refused"])
    title: str
    status: int
    detail: str = ""
    instance: str = ""
    errors: list[ProblemError] = Field(default_factory=list)


class ApiProblem(Exception):
    def __init__(
        self, status: int, kind: str, detail: str = "", headers: dict[str, str] | None = None, **extra: Any
    ) -> None:
        super().__init__(detail)
        self.status, self.kind, self.detail, self.headers, self.extra = (
            status,
            kind,
            detail,
            headers or {},
            extra,
        )


def respond(
    request: Request, status: int, kind: str, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body = {
        "type": BASE + kind,
        "title": TITLES.get(kind, kind),
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        "errors": extra.pop("errors", []),
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type=MEDIA, headers=headers)


def language(request: Request) -> str:
    header = request.headers.get("accept-language", "")
    for part in header.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in i18n.LANGUAGES:
            return code
    return i18n.DEFAULT_LANGUAGE


def from_service(
    request: Request, err: ServiceError, status: int | None = None, kind: str | None = None
) -> JSONResponse:
    lang = language(request)
    return respond(request, status or err.status, kind or err.kind, err.message(lang), **err.details(lang))


async def on_service_error(request: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, ServiceError)
    return from_service(request, err)


async def on_api_problem(request: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, ApiProblem)
    return respond(request, err.status, err.kind, err.detail, err.headers, **err.extra)


async def on_validation(request: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, RequestValidationError)
    errors = []
    for e in err.errors():
        where = [str(p) for p in e.get("loc", ())]
        place, path = (where[0], where[1:]) if where else ("body", [])
        pointer = (
            "/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in path)
            if place == "body"
            else ".".join(where)
        )
        errors.append(
            {
                "pointer": pointer,
                "field": path[-1] if path else place,
                "code": str(e.get("type", "")),
                "message": str(e.get("msg", "")),
            }
        )
    return respond(
        request, 422, "invalid-request", "The request does not match the API schema.", errors=errors
    )


async def on_http(request: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, StarletteHTTPException)
    kind = {
        400: "invalid-request",
        401: "unauthorized",
        403: "forbidden",
        404: "not-found",
        405: "method-not-allowed",
    }.get(err.status_code, "http-error")
    headers = dict(err.headers or {})
    if err.status_code == 405:  # Starlette names only the first matching route's methods
        headers["Allow"] = ", ".join(_allowed(request))
    return respond(request, err.status_code, kind, str(err.detail), headers)


def _allowed(request: Request) -> list[str]:
    methods: set[str] = set()
    for route in request.app.state.endpoints:
        if isinstance(route, Route) and route.methods and route.matches(request.scope)[0] is not Match.NONE:
            methods |= route.methods
    return sorted(methods)


def documented(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for problem statuses: the Problem schema as problem+json."""
    ref = {"$ref": "#/components/schemas/Problem"}
    return {
        s: {
            "model": Problem,
            "description": TITLES.get(_kind(s), "Problem"),
            "content": {MEDIA: {"schema": ref}},
        }
        for s in statuses
    }


def _kind(status: int) -> str:
    return {
        401: "unauthorized",
        403: "forbidden",
        404: "not-found",
        409: "conflict",
        412: "precondition-failed",
        422: "invalid-input",
        428: "precondition-required",
        503: "database-unavailable",
    }.get(status, "http-error")


def known_query(request: Request) -> None:
    """Refuse query parameters the route does not declare: a misspelt filter (``?stgae=new``)
    would otherwise be ignored and answer with everything."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = {p.alias for p in _query_params(dependant)}
    unknown = sorted(set(request.query_params) - known)
    errors = [
        {
            "pointer": name,
            "field": name,
            "code": "unknown_parameter",
            "message": f"unknown query parameter; known: {', '.join(sorted(known)) or 'none'}",
        }
        for name in unknown
    ]
    errors += [
        {
            "pointer": name,
            "field": name,
            "code": "repeated_parameter",
            "message": "given more than once; give it once",
        }
        for name in sorted(known)
        if len(request.query_params.getlist(name)) > 1
    ]
    if errors:
        raise ApiProblem(
            422, "invalid-request", "The query does not match this route's parameters.", errors=errors
        )


def _query_params(dependant: Any) -> list[Any]:
    found = list(dependant.query_params)
    for sub in dependant.dependencies:
        found += _query_params(sub)
    return found
