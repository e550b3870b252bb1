"""Property-based tests of the whole API against its own OpenAPI schema (schemathesis): generated
requests, valid and invalid, never get a server error, and every answer — status, media type and
body — is one the schema documents."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from engine.api import create_app, openapi_document
from tests.api.conftest import Server, serve, staffed
from tests.dbfixtures import PG_URL, Clock, reset_postgres
from tests.paths import BUNDLED

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def live(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if request.param == "postgres":
        if not PG_URL:
            pytest.skip("TEST_DATABASE_URL is not set")
        reset_postgres(PG_URL)
        url = PG_URL
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('schemathesis') / 'api.sqlite'}"
    app = create_app(url, BUNDLED, Clock(datetime(2026, 11, 23, 9, tzinfo=UTC)))
    issued = staffed(app)
    for url in serve(app):
        server = Server(url, app, issued)
        with server.client("admin") as http:  # a client to find, so reads reach past 404
            http.post(
                "/v1/clients", json={"card": {"company_name": "ООО «Ромашка»", "phone": "+7 912 000-00-05"}}
            )
        yield server


schema = schemathesis.openapi.from_dict(openapi_document())


@pytest.mark.slow
@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("SCHEMATHESIS_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_to_its_schema(case: schemathesis.Case, live: Server) -> None:
    # Generated cases carry a made-up bearer token; put a real one in its place. A negative case
    # that left the header out on purpose is sent without one (and must get 401).
    has_auth = "Authorization" in (case.headers or {})
    headers = {"Authorization": f"Bearer {live.tokens['admin']}"} if has_auth else None
    # A PDF takes seconds to print, more on a loaded machine: give every call time.
    case.call_and_validate(base_url=live.url, headers=headers, checks=CHECKS, timeout=120)
