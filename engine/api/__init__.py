"""The HTTP API: FastAPI over the same services the CLI uses.

``create_app`` builds one application on a database and a regulation folder; ``from_env`` is
the factory ``reglament serve`` hands to uvicorn, so every worker process builds its own.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import anyio.to_thread
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from engine import i18n
from engine.api import contract, problems, validation
from engine.api.deadline import Deadline
from engine.api.limits import BodyLimit
from engine.api.routes import (
    admin,
    clients,
    day,
    exports,
    guides,
    ownership,
    regulation,
    reports,
    scenario_tests,
    versions,
)
from engine.api.routes import events as event_routes
from engine.api.state import ApiState
from engine.resources import bundled_regulations
from engine.service.errors import ServiceError
from engine.service.workspace import Clock, system_clock
from engine.store import Unavailable, migrate
from engine.store.database import POOL_SIZE, Database, DatabaseError

log = logging.getLogger("reglament.api")

DESCRIPTION = """\
Sales regulations as code, served to CRMs, web apps and telephony.

* **Authentication**: `Authorization: Bearer <token>` on every route but `/v1/health`. Roles:
  *manager* (their own clients only), *head* (every client, the reports), *admin* (also
  publishes regulations and issues tokens).
* **Errors** are RFC 9457 `application/problem+json`; `type` is stable per kind of error and
  validation errors list each problem with a JSON pointer into the body (`pointer`) or the
  parameter's name (`parameter`), its code and a message in the request's language.
* **Concurrency**: every client carries an `ETag` (its version). Writes need `If-Match`:
  428 without it, 412 when someone changed the client since you read it.
* **Retries**: send `Idempotency-Key` with a write; a retry with the same key is answered
  from storage and never applied twice (422 if the key comes back with another body). Keys
  belong to their sender (a manager's tokens share the manager's keys; any other token has its
  own): another sender's key never collides with yours.
* **Language**: `Accept-Language: ru` or `en` chooses the language of labels and messages.
* **Limits**: a request body larger than 8 MiB is refused with 413 `payload-too-large`.
"""


def _version() -> str:
    try:
        return version("reglament")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.0.0"


def create_app(
    db_url: str | None = None, regulations: Path | None = None, clock: Clock = system_clock
) -> FastAPI:
    """An application on ``db_url`` (default: $REGLAMENT_DB or ./reglament.sqlite)."""
    db = Database(db_url)
    migrate.ensure_ready(db)
    try:
        api = ApiState(db, regulations or bundled_regulations(), clock)
    except Exception:
        db.dispose()
        raise

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # As many requests at once as the database pool has connections (see POOL_SIZE).
        anyio.to_thread.current_default_thread_limiter().total_tokens = POOL_SIZE
        yield
        api.close()

    app = _application(lifespan)
    app.state.api = api
    return app


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document, without a database: for client generators and schema tests."""
    return _application().openapi()


def _application(lifespan: Any = None) -> FastAPI:
    app = FastAPI(
        title="Reglament API",
        version=_version(),
        description=DESCRIPTION,
        lifespan=lifespan,
        responses=problems.documented(
            "invalid-request",
            "unauthorized",
            "payload-too-large",
            "internal",
            "database-unavailable",
            "timeout",
        ),
        generate_unique_id_function=lambda route: route.name,
        dependencies=[Depends(problems.known_query)],
    )
    app.add_exception_handler(ServiceError, problems.on_service_error)
    app.add_exception_handler(problems.ApiProblem, problems.on_api_problem)
    app.add_exception_handler(RequestValidationError, validation.on_validation)
    app.add_exception_handler(StarletteHTTPException, problems.on_http)
    app.add_exception_handler(Unavailable, _unavailable)
    app.add_exception_handler(DatabaseError, _unavailable)
    app.add_exception_handler(Exception, _internal)
    app.add_middleware(BodyLimit)
    app.add_middleware(Deadline)
    routers = [
        m.router
        for m in (
            regulation,
            versions,
            clients,
            day,
            guides,
            admin,
            exports,
            ownership,
            reports,
            event_routes,
            scenario_tests,
        )
    ]
    for router in routers:
        app.include_router(router)
    app.state.endpoints = [route for router in routers for route in router.routes]
    app.openapi = lambda: contract.openapi(app)  # type: ignore[method-assign]
    return app


def from_env() -> FastAPI:
    """The factory for uvicorn workers: the settings come from ``reglament serve`` via the environment."""
    folder = os.environ.get("REGLAMENT_REGULATIONS")
    return create_app(os.environ.get("REGLAMENT_DB"), Path(folder) if folder else None)


async def _unavailable(request: Request, err: Exception) -> JSONResponse:
    reason = getattr(err, "orig", None) or err  # the driver's words, never the statement or its values
    log.warning("database unavailable on %s: %s", request.url.path, str(reason).splitlines()[0][:300])
    detail = i18n.tr("api.unavailable", problems.language(request))
    return problems.respond(request, "database-unavailable", detail, {"Retry-After": "1"})


async def _internal(request: Request, err: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=err)
    detail = i18n.tr("api.internal", problems.language(request))
    return problems.respond(request, "internal", detail, {"Connection": "close"})  # the server drops it
