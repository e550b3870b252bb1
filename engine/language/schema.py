"""The shipped JSON Schemas, and the one call that checks a document against its schema.

One draft-07 schema per file kind lives in ``engine/schemas/``; ``common.schema.json`` holds
what they share and is reached by relative ``$ref``, which both jsonschema (through a
``referencing`` registry) and editors' YAML language servers resolve. The errors become
diagnostics in :mod:`engine.language.schema_errors`.
"""

from __future__ import annotations

import json
import shutil
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.language.diagnostics import Diagnostic
from engine.language.schema_errors import diagnose
from engine.language.yamlio import SourceMap
from engine.resources import SCHEMAS_DIR

if TYPE_CHECKING:  # jsonschema loads with the first document checked, not with every import (#18)
    from jsonschema import Draft7Validator
    from referencing import Registry

KINDS = ("regulation", "stages", "card", "segments", "priorities")


def schema_path(kind: str) -> Path:
    return SCHEMAS_DIR / f"{kind}.schema.json"


@cache
def _registry() -> Registry:
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7

    resources = []
    for path in sorted(SCHEMAS_DIR.glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, Resource.from_contents(contents, default_specification=DRAFT7)))
    return Registry().with_resources(resources)


@cache
def validator(kind: str) -> Draft7Validator:
    from jsonschema import Draft7Validator

    schema = json.loads(schema_path(kind).read_text(encoding="utf-8"))
    return Draft7Validator(schema, registry=_registry())


def write_schemas(target: Path) -> list[Path]:
    """Copy every shipped schema into ``target`` (for editors); returns the written paths."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(SCHEMAS_DIR.glob("*.schema.json")):
        destination = target / path.name
        shutil.copyfile(path, destination)
        written.append(destination)
    return written


def check_schema(kind: str, data: Any, file: str, source_map: SourceMap) -> list[Diagnostic]:
    errors = validator(kind).iter_errors(data)
    found = [d for error in errors for d in diagnose(error, file, source_map)]
    return _drop_missing_explained_by_misspelling(found)


def _drop_missing_explained_by_misspelling(found: list[Diagnostic]) -> list[Diagnostic]:
    """`lable:` is one mistake: keep "unknown key 'lable', did you mean 'label'?" and drop
    "the key 'label' is missing" at the same place."""
    suggested = set()
    for d in found:
        args = dict(d.args)
        if d.code in ("S102", "S110") and args.get("suggestion"):
            suggested.add((d.pointer.rsplit("/", 1)[0], args["suggestion"]))
    return [d for d in found if not (d.code == "S103" and (d.pointer, dict(d.args).get("key")) in suggested)]
