"""A client generated from the OpenAPI document (openapi-python-client) walks a short journey with
no hand-written HTTP: it creates a client, reads the ETag, is refused a move and reads the typed
reasons, moves, records a contact, reads the typed history, and downloads a PDF sheet."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import venv
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from engine.api import create_app, openapi_document
from tests.api.conftest import Server, serve, staffed
from tests.dbfixtures import Clock
from tests.paths import BUNDLED

GENERATOR = "openapi-python-client==0.29.1"
CONFIG = """\
post_hooks: []
content_type_overrides:
  application/pdf: application/octet-stream
  application/problem+json: application/json
"""


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The generator in a venv of its own (its pins differ from the engine's), run on the document."""
    root = tmp_path_factory.mktemp("generated")
    env = root / "venv"
    venv.create(env, with_pip=True)
    bin_dir = env / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run([bin_dir / "pip", "install", "-q", GENERATOR], check=True, timeout=900)
    (root / "openapi.json").write_text(json.dumps(openapi_document()), encoding="utf-8")
    (root / "config.yaml").write_text(CONFIG, encoding="utf-8")
    command = [bin_dir / "openapi-python-client", "generate", "--path", root / "openapi.json"]
    command += [
        "--output-path",
        root / "reglament_client",
        "--meta",
        "none",
        "--config",
        root / "config.yaml",
    ]
    subprocess.run(command, check=True, timeout=300, capture_output=True)
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module("reglament_client")
    finally:
        sys.path.remove(str(root))


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Server]:
    app = create_app(
        f"sqlite:///{tmp_path / 'api.sqlite'}", BUNDLED, Clock(datetime(2026, 11, 23, 9, tzinfo=UTC))
    )
    issued = staffed(app)
    for url in serve(app):
        yield Server(url, app, issued)


class _Operations:
    """``ops.clients.move`` is the generated module ``reglament_client.api.clients.move``."""

    def __init__(self, group: str) -> None:
        self.group = group

    def __getattr__(self, name: str) -> Any:
        return importlib.import_module(f"reglament_client.api.{self.group}.{name}")


def api(generated: ModuleType, name: str) -> Any:
    return _Operations(name)


def models(generated: ModuleType) -> Any:
    return importlib.import_module("reglament_client.models")


def test_a_generated_client_walks_a_journey(generated: ModuleType, live: Server) -> None:
    m = models(generated)
    clients, guides = api(generated, "clients"), api(generated, "guides")
    with generated.AuthenticatedClient(
        base_url=live.url, token=live.tokens["manager"], headers={"Accept-Language": "en"}
    ) as http:
        _journey(m, clients, guides, http)


def _journey(m: Any, clients: Any, guides: Any, http: Any) -> None:
    card = m.ClientInCard.from_dict({"company_name": "ООО «Генерат»", "phone": "+7 912 345-67-89"})
    created = clients.create_client.sync_detailed(client=http, body=m.ClientIn(card=card))
    assert created.status_code == 201
    client = created.parsed
    assert isinstance(client, m.Client) and client.stage.id == "new"
    assert created.headers["location"] == f"/v1/clients/{client.id}"
    etag = created.headers["etag"]
    assert etag == f'"{client.version}"'

    refused = clients.move.sync_detailed(
        client_id=client.id, client=http, body=m.MoveIn(trigger="send_proposal"), if_match=etag
    )
    assert refused.status_code == 409
    problem = refused.parsed
    assert isinstance(problem, m.ProblemMoveRefused)
    assert problem.reasons[0].code == m.RefusalCode.NOT_FROM_STAGE
    assert all(r.clause.file == "stages.yaml" and r.message for r in problem.reasons)

    step = m.NextStepIn(action="Позвонить", due_date=datetime(2026, 11, 25).date())
    moved = clients.move.sync_detailed(
        client_id=client.id,
        client=http,
        body=m.MoveIn(
            trigger="qualify", card=m.MoveInCardType0.from_dict({"contact_person": "Пётр"}), next_step=step
        ),
        if_match=etag,
    )
    assert moved.status_code == 200, moved.content
    assert isinstance(moved.parsed, m.Moved) and moved.parsed.client.stage.id == "qualification"
    stale = clients.update_card.sync_detailed(
        client_id=client.id, client=http, body=m.CardPatch(card=m.CardPatchCard.from_dict({})), if_match=etag
    )
    assert isinstance(stale.parsed, m.ProblemPreconditionFailed)
    assert stale.parsed.current_version == moved.parsed.client.version

    contact = clients.record_contact.sync_detailed(
        client_id=client.id,
        client=http,
        body=m.ContactIn(kind="call", result="no_answer", next_step=step),
        if_match=moved.headers["etag"],
    )
    assert contact.status_code == 201 and isinstance(contact.parsed, m.ContactDone)

    entries = clients.history.sync(client_id=client.id, client=http)
    kinds = [type(e).__name__ for e in entries]
    assert kinds == ["HistoryCreated", "HistoryCard", "HistoryTransition", "HistoryContact"]
    assert entries[2].to_stage == "qualification" and entries[3].data.result == "no_answer"

    sheet = guides.stage_sheet_pdf.sync_detailed(stage="new", client=http)
    if sheet.status_code == 503:  # a server without the pdf extra says so, typed too
        assert isinstance(sheet.parsed, m.ProblemPdfUnavailable)
    else:
        assert sheet.parsed.payload.read().startswith(b"%PDF-")
