"""Request validation errors (FastAPI/pydantic) in the reader's language: each case in
``validation/`` sends a malformed value and expects its error placed (a JSON pointer into the
body, or the parameter's name), coded with pydantic's type and said in Russian and in English."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from engine import i18n
from engine.api import validation
from tests.api.conftest import Server
from tests.api.test_problems import problem

CASES = sorted((Path(__file__).parent / "validation").glob("*.yaml"))


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_a_malformed_value_is_explained(server: Server, path: Path, lang: str) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    asked = case["request"]
    with server.client("admin", lang=lang) as http:
        query, body = asked.get("query"), asked.get("body")
        answer = http.request(asked["method"], asked["path"], params=query, json=body)
    said = problem(answer, 400, "invalid-request")
    assert answer.headers["content-language"] == lang
    expected = case["error"]
    found = [e for e in said["errors"] if e["code"] == expected["code"]]
    assert len(found) == 1, said["errors"]
    error: dict[str, Any] = found[0]
    assert {k: error.get(k) for k in expected} == expected
    assert ("pointer" in error) != ("parameter" in error), error  # a place, and only one kind
    assert case["message"][lang] in error["message"]


def test_every_mapped_type_is_said_in_both_languages() -> None:
    for kind in [*validation.TYPES, "other"]:
        for lang in i18n.LANGUAGES:
            assert i18n.has(f"api.invalid.{kind}", lang), (kind, lang)


def test_a_type_the_table_lacks_is_named_by_the_fallback() -> None:
    error = {"type": "complex_parsing", "loc": ("query", "z"), "msg": "Input should be a valid complex"}
    said = validation.problem_error(error, "ru")
    assert said == {
        "field": "z",
        "code": "complex_parsing",
        "parameter": "z",
        "message": i18n.tr("api.invalid.other", "ru", type="complex_parsing"),
    }
    assert "complex_parsing" in said["message"] and "Input should" not in said["message"]


def unmapped(body: dict[str, Any]) -> list[str]:
    """The pydantic types in a problem the table does not know (said by the fallback)."""
    own = {"unknown_parameter", "repeated_parameter"}
    return [e["code"] for e in body.get("errors", []) if e["code"] not in set(validation.TYPES) | own]
