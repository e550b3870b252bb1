"""The OpenAPI document as the contract: what FastAPI cannot say from the routes alone.

* ``If-Match`` is required on client writes (the server answers 428 without it, which the route
  keeps for itself, so the parameter is optional in code and required here), as a strong ETag;
* ``Accept-Language`` is a parameter of every operation;
* response headers: ``ETag`` on client reads and writes, ``Location`` on a new client,
  ``Retry-After`` on 503, ``WWW-Authenticate`` on 401;
* FastAPI's own 422 "validation error" is gone: this API answers a request that does not match
  the schema with 400 ``invalid-request``.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

CLIENT_WRITES = {"update_card", "assign", "move", "record_contact"}
ETAG_ANSWERS = {"get_client", "create_client", *CLIENT_WRITES}
IF_MATCH = {"type": "string", "pattern": r'^(\*|(W/)?"[0-9]{1,9}")$', "examples": ['"7"', "*"]}
LANGUAGE = {
    "name": "Accept-Language",
    "in": "header",
    "required": False,
    "description": "The language of labels and messages: ru or en (default ru).",
    "schema": {"type": "string", "examples": ["ru", "en", "en-US,en;q=0.9"]},
}
HEADERS = {
    "ETag": {
        "description": "The client's version, a strong ETag: send it back in If-Match.",
        "pattern": '^"[0-9]+"$',
    },
    "Location": {"description": "The new client's address.", "pattern": "^/v1/clients/[0-9]+$"},
    "Retry-After": {"description": "Seconds to wait before retrying.", "pattern": "^[0-9]+$"},
    "WWW-Authenticate": {"description": "How to authenticate: Bearer.", "pattern": "^Bearer"},
}


def openapi(app: FastAPI) -> dict[str, Any]:
    """The document, built once per application."""
    if app.openapi_schema is None:
        document = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
        )
        for operation in _operations(document):
            _complete(operation)
        schemas = document.get("components", {}).get("schemas", {})
        for name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(name, None)
        app.openapi_schema = document
    return app.openapi_schema


def _operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [op for path in document.get("paths", {}).values() for op in path.values() if isinstance(op, dict)]


def _complete(operation: dict[str, Any]) -> None:
    name = operation.get("operationId", "")
    parameters = operation.setdefault("parameters", [])
    for parameter in parameters:
        if parameter["name"] == "If-Match":
            parameter["required"] = True
            parameter["schema"] = {**IF_MATCH, "description": parameter.get("description", "")}
    parameters.append(dict(LANGUAGE))
    responses = operation.setdefault("responses", {})
    error = responses.get("422", {})
    if "HTTPValidationError" in str(error.get("content", {})):
        responses.pop("422")
    for status, answer in responses.items():
        headers = _headers(name, status)
        if headers:
            answer["headers"] = {h: _header(h) for h in headers}


def _headers(operation: str, status: str) -> list[str]:
    if status in ("200", "201") and operation in ETAG_ANSWERS:
        return ["ETag", "Location"] if operation == "create_client" else ["ETag"]
    if status == "503":
        return ["Retry-After"]
    if status == "401":
        return ["WWW-Authenticate"]
    return []


def _header(name: str) -> dict[str, Any]:
    spec = HEADERS[name]
    return {
        "description": spec["description"],
        "required": True,
        "schema": {"type": "string", "pattern": spec["pattern"]},
    }
