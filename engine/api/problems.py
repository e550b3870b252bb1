"""Errors as RFC 9457 problem details (``application/problem+json``), one type per kind."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Route

from engine import i18n
from engine.api.problem_types import BASE, MEDIA, responses, status_of
from engine.service.errors import ServiceError


class ApiProblem(Exception):
    """A problem the API layer itself finds (not a service error): its kind (which fixes the
    status), its message said in the request's language, headers and extra members."""

    def __init__(
        self, kind: str, message: i18n.Localized, headers: dict[str, str] | None = None, **extra: Any
    ) -> None:
        super().__init__(kind)
        self.kind, self.message, self.headers, self.extra = kind, message, headers or {}, extra


def problem(kind: str, code: str, headers: dict[str, str] | None = None, **args: Any) -> ApiProblem:
    """An :class:`ApiProblem` whose detail is the catalog message ``api.<code>``."""
    return ApiProblem(kind, i18n.Message.of(f"api.{code}", **args), headers)


def respond(
    request: Request, kind: str, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    lang = language(request)
    status = status_of(kind)
    body = {
        "type": BASE + kind,
        "title": i18n.tr(f"problem.{kind}", lang),
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        "errors": extra.pop("errors", []),
        **extra,
    }
    answer_headers = {"Content-Language": lang, **(headers or {})}
    return JSONResponse(body, status_code=status, media_type=MEDIA, headers=answer_headers)


def language(request: Request) -> str:
    header = request.headers.get("accept-language", "")
    for part in header.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in i18n.LANGUAGES:
            return code
    return i18n.DEFAULT_LANGUAGE


def from_service(request: Request, err: ServiceError) -> JSONResponse:
    lang = language(request)
    return respond(request, err.kind, err.message(lang), **err.details(lang))


async def on_service_error(request: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, ServiceError)
    return from_service(request, err)


async def on_api_problem(request: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, ApiProblem)
    return respond(request, err.kind, err.message.render(language(request)), err.headers, **err.extra)


async def on_http(request: Request, err: Exception) -> JSONResponse:
    assert isinstance(err, StarletteHTTPException)
    kind = {401: "unauthorized", 403: "forbidden", 404: "not-found", 405: "method-not-allowed"}.get(
        err.status_code, "invalid-request"
    )
    headers = dict(err.headers or {})
    if err.status_code == 405:  # Starlette names only the first matching route's methods
        headers["Allow"] = ", ".join(_allowed(request))
    return respond(request, kind, i18n.tr(f"api.http.{kind}", language(request)), headers)


def _allowed(request: Request) -> list[str]:
    methods: set[str] = set()
    for route in request.app.state.endpoints:
        if isinstance(route, Route) and route.methods and route.matches(request.scope)[0] is not Match.NONE:
            methods |= route.methods
    return sorted(methods)


def documented(*kinds: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for these problem kinds (see :mod:`engine.api.problem_types`)."""
    return responses(*kinds)


def known_query(request: Request) -> None:
    """Refuse query parameters the route does not declare: a misspelt filter (``?stgae=new``)
    would otherwise be ignored and answer with everything."""
    if not request.scope.get("query_string"):
        return  # nothing asked: nothing unknown, nothing repeated
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = _declared(dependant)
    unknown = sorted(set(request.query_params) - known)
    repeated = [name for name in sorted(known) if len(request.query_params.getlist(name)) > 1]
    if not unknown and not repeated:
        return
    lang = language(request)
    listed = ", ".join(sorted(known)) or "—"
    errors = [
        {
            "parameter": name,
            "field": name,
            "code": "unknown_parameter",
            "message": i18n.tr("api.unknown_parameter", lang, known=listed),
        }
        for name in unknown
    ]
    errors += [
        {
            "parameter": name,
            "field": name,
            "code": "repeated_parameter",
            "message": i18n.tr("api.repeated_parameter", lang),
        }
        for name in repeated
    ]
    raise ApiProblem("invalid-request", i18n.Message.of("api.query_mismatch"), errors=errors)


_DECLARED: dict[int, tuple[Any, frozenset[str]]] = {}
"""Route dependant's id → (the dependant, kept so that its id is not reused; its parameters)."""


def _declared(dependant: Any) -> frozenset[str]:
    """The query parameters a route declares, gathered once per route."""
    found = _DECLARED.get(id(dependant))
    if found is None or found[0] is not dependant:
        found = _DECLARED[id(dependant)] = (dependant, frozenset(p.alias for p in _query_params(dependant)))
    return found[1]


def _query_params(dependant: Any) -> list[Any]:
    found = list(dependant.query_params)
    for sub in dependant.dependencies:
        found += _query_params(sub)
    return found
