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

from engine.api import create_app, openapi_document
from tests.api.conftest import Server, serve, staffed
from tests.api.test_validation_words import unmapped
from tests.dbfixtures import PG_URL, Clock, reset_postgres
from tests.paths import BUNDLED


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
    app.state.events_max_wait = 0.2  # a generated long poll (wait up to 60 s) answers at once
    issued = staffed(app)
    for url in serve(app):
        server = Server(url, app, issued)
        with server.client("admin") as http:  # a client to find, so reads reach past 404
            http.post(
                "/v1/clients", json={"card": {"company_name": "ООО «Ромашка»", "phone": "+7 912 000-00-05"}}
            )
        yield server


schema = schemathesis.openapi.from_dict(openapi_document())
# Every check runs. Data valid by the schema must be accepted — except where the regulation,
# which the schema cannot know, refuses it: 422 (a value the regulation does not allow, e.g. a
# card field it does not have), 412 (a stale ETag), 409 (a move the regulation refuses). A
# request the schema itself rejects is 400, and never accepted here.
schema.config.checks.positive_data_acceptance.expected_statuses = [
    "2xx",
    "401",
    "403",
    "404",
    "409",
    "412",
    "422",
]
# A write without If-Match is answered 428 Precondition Required (RFC 6585), the status made for
# exactly that; the check's defaults know only the generic ones.
schema.config.checks.missing_required_header.expected_statuses = ["400", "401", "403", "428"]
# A request that breaks the schema must be refused. Preconditions are evaluated before the request
# content is processed (RFC 9110 §13.2.1), so an invalid body under a failing If-Match is refused
# with 412 — a refusal too, and nothing is written.
schema.config.checks.negative_data_rejection.expected_statuses = [
    "400",
    "401",
    "403",
    "404",
    "405",
    "406",
    "409",
    "412",
    "415",
    "422",
    "428",
    "429",
    "5xx",
]


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
    answer = case.call_and_validate(base_url=live.url, headers=headers, timeout=120)
    if answer.status_code == 400:  # a request the schema refuses: every error said by the catalog
        assert not unmapped(answer.json()), answer.text
