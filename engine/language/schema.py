"""The shipped JSON Schemas, and the one call that checks a document against its schema.

One draft-07 schema per file kind lives in ``engine/schemas/``; ``common.schema.json`` holds
what they share and is reached by relative ``$ref``, which both jsonschema (through a
``referencing`` registry) and editors' YAML language servers resolve. The errors become
diagnostics in :mod:`engine.language.schema_errors`.

A document found clean is remembered in the cache folder (:func:`engine.resources.cache_dir`)
by a digest of exactly what decides that: the document's data, the schemas, this module and the
installed jsonschema and referencing. The same data is then not validated again — nor
jsonschema loaded — by the next ``reglament`` process; any edit gives another digest and is
validated, and a document with errors is never remembered, so its findings are always fresh.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.language.diagnostics import Diagnostic
from engine.language.yamlio import SourceMap
from engine.resources import SCHEMAS_DIR, cache_dir

if TYPE_CHECKING:  # jsonschema loads with the first document checked, not with every import (#18)
    from jsonschema import Draft7Validator
    from referencing import Registry

KINDS = ("regulation", "stages", "card", "segments", "priorities")
CLEAN_FILE = "schema-clean"
"""The cache file of the digests of documents found clean, newest last."""
CLEAN_KEPT = 64


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
    digest = clean_digest(kind, data) if cache_dir() else None
    if digest is not None and digest in _remembered():
        return []
    from engine.language.schema_errors import diagnose  # what the errors are said with

    errors = validator(kind).iter_errors(data)
    found = [d for error in errors for d in diagnose(error, file, source_map)]
    found = _drop_missing_explained_by_misspelling(found)
    if not found and digest is not None:
        _remember(digest)
    return found


def clean_digest(kind: str, data: Any) -> str | None:
    """What decides whether ``data`` is clean: the data (its ``repr``: YAML gives plain JSON
    values, whose ``repr`` tells types apart) and everything the validator is made of; None
    when that cannot be told (nothing is then remembered)."""
    made_of = _validation_digest()
    if made_of is None:
        return None
    return hashlib.sha256(made_of + kind.encode() + repr(data).encode()).hexdigest()


@cache
def _validation_digest() -> bytes | None:
    try:
        made_of = hashlib.sha256(Path(__file__).read_bytes())
        for path in sorted(SCHEMAS_DIR.glob("*.schema.json")):
            made_of.update(path.name.encode() + b"\0" + path.read_bytes())
        for library in ("jsonschema", "referencing"):  # found, not imported: an upgrade rewrites it
            spec = importlib.util.find_spec(library)
            if spec is None or spec.origin is None:
                return None
            made_of.update(f"{spec.origin} {os.stat(spec.origin).st_mtime_ns}".encode())
    except OSError:  # no source to read (a bytecode-only install): validate every time
        return None
    return made_of.digest()


def _remembered() -> list[str]:
    folder = cache_dir()
    try:
        return (folder / CLEAN_FILE).read_text(encoding="ascii").split() if folder else []
    except (OSError, ValueError):  # none yet, unreadable, or not ours: validate
        return []


def _remember(digest: str) -> None:
    """Add ``digest`` (keeping the newest :data:`CLEAN_KEPT`); a cache that cannot be written
    is no error, the next run validates again."""
    folder = cache_dir()
    if folder is None:
        return
    kept = [*[d for d in _remembered() if d != digest][-(CLEAN_KEPT - 1) :], digest]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=folder, delete=False, encoding="ascii") as out:
            out.write("\n".join(kept) + "\n")
        os.replace(out.name, folder / CLEAN_FILE)  # whole, even with another process writing
    except OSError:
        return


def _drop_missing_explained_by_misspelling(found: list[Diagnostic]) -> list[Diagnostic]:
    """`lable:` is one mistake: keep "unknown key 'lable', did you mean 'label'?" and drop
    "the key 'label' is missing" at the same place."""
    suggested = set()
    for d in found:
        args = dict(d.args)
        if d.code in ("S102", "S110") and args.get("suggestion"):
            suggested.add((d.pointer.rsplit("/", 1)[0], args["suggestion"]))
    return [d for d in found if not (d.code == "S103" and (d.pointer, dict(d.args).get("key")) in suggested)]
