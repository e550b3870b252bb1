"""The shipped JSON Schemas: valid draft-07, documented for editors, referenced by the files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft7Validator

from engine.language.schema import KINDS, schema_path
from engine.resources import SCHEMAS_DIR
from tests.conftest import BUNDLED

ALL = sorted(SCHEMAS_DIR.glob("*.schema.json"))


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_schema_is_valid_draft_07(path: Any) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(schema)
    assert schema["title"]
    assert schema["description"]


def _properties(node: Any, where: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{where}/{name}", sub
        for key, sub in node.items():
            yield from _properties(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _properties(sub, f"{where}/{i}")


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_property_has_hover_help_in_russian_and_english(path: Any) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    for where, prop in _properties(schema):
        documented = "description" in prop or "$ref" in prop or prop.get("type") == "object"
        documented = documented or ("items" in prop and "$ref" in prop.get("items", {}))
        assert documented, f"{path.name}{where} has no description"
        if "description" in prop:
            assert "\n\n" in prop["description"], f"{path.name}{where}: Russian, blank line, English"


@pytest.mark.parametrize("kind", KINDS)
def test_bundled_file_starts_with_a_modeline_pointing_at_its_schema(kind: str) -> None:
    text = (BUNDLED / f"{kind}.yaml").read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../engine/schemas/{kind}.schema.json"
    assert (BUNDLED / first.split("=", 1)[1]).resolve() == schema_path(kind).resolve()
