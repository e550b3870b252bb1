"""The shipped JSON Schemas, and schema errors turned into diagnostics.

One draft-07 schema per file kind lives in ``engine/schemas/``; ``common.schema.json`` holds
what they share and is reached by relative ``$ref``, which both jsonschema (through a
``referencing`` registry) and editors' YAML language servers resolve.
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from engine.language.diagnostics import Diagnostic, Words
from engine.language.yamlio import SourceMap, escape_pointer_token, pointer_of
from engine.resources import SCHEMAS_DIR

KINDS = ("regulation", "stages", "card", "segments", "priorities")


def schema_path(kind: str) -> Path:
    return SCHEMAS_DIR / f"{kind}.schema.json"


@cache
def _registry() -> Registry:
    resources = []
    for path in sorted(SCHEMAS_DIR.glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, Resource.from_contents(contents, default_specification=DRAFT7)))
    return Registry().with_resources(resources)


@cache
def validator(kind: str) -> Draft7Validator:
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
    found = [d for error in errors for d in _diagnose(error, file, source_map)]
    return _drop_missing_explained_by_misspelling(found)


def _drop_missing_explained_by_misspelling(found: list[Diagnostic]) -> list[Diagnostic]:
    """`lable:` is one mistake: keep "unknown key 'lable', did you mean 'label'?" and drop
    "the key 'label' is missing" at the same place."""
    suggested = set()
    for d in found:
        args = dict(d.args)
        if d.code == "S102" and args.get("suggestion"):
            suggested.add((d.pointer.rsplit("/", 1)[0], args["suggestion"]))
    return [d for d in found if not (d.code == "S103" and (d.pointer, dict(d.args).get("key")) in suggested)]


def _diagnose(error: ValidationError, file: str, sm: SourceMap) -> Iterator[Diagnostic]:
    pointer = pointer_of(list(error.absolute_path))
    kind = str(error.validator)
    if kind in ("anyOf", "oneOf"):
        yield from _diagnose_alternatives(error, file, sm, pointer)
        return
    if kind == "additionalProperties":
        yield from _unknown_keys(error, file, sm, pointer)
        return
    pos = sm.value(pointer)

    def make(code: str, hint: str = "", **args: Any) -> Diagnostic:
        return Diagnostic.make(file, pos.line, pos.column, code, pointer, hint=hint, **args)

    value = _show(error.instance)
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    expected: Any = error.validator_value
    if kind == "type":
        yield make(
            "S101",
            expected=_types(expected),
            found=Words((f"type.{_type_of(error.instance)}",)),
            value=_shown_after(error.instance),
            about=_about(schema),
        )
    elif kind == "required":
        key = _missing_key(error)
        prop = schema.get("properties", {}).get(key, {})
        about = _about(prop if "description" in prop else next(iter(prop.get("allOf", [])), prop))
        yield make("S103", key=key, about=about)
    elif kind in ("enum", "const"):
        allowed = expected if kind == "enum" else [expected]
        yield make(
            "S104",
            hint=_suggest_hint(error.instance, allowed),
            value=value,
            allowed=", ".join(map(str, allowed)),
            suggestion=_closest(error.instance, allowed),
        )
    elif kind == "pattern":
        yield make("S105", value=value, about=_about(schema))
    elif kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        yield make("S106", hint=kind, value=value, limit=expected)
    elif kind in ("minItems", "maxItems", "minProperties", "maxProperties"):
        hint = "comparison" if _is_comparison(schema) else kind
        yield make("S107", hint=hint, limit=expected)
    elif kind in ("minLength", "maxLength"):
        yield make("S108", hint=kind, limit=expected)
    elif kind == "uniqueItems":
        yield make("S109", value=value)
    else:
        yield make("S199", detail=error.message)


def _diagnose_alternatives(
    error: ValidationError, file: str, sm: SourceMap, pointer: str
) -> Iterator[Diagnostic]:
    """For ``anyOf``: report the branch that fits the value's type, else a type error."""
    branches: dict[int, list[ValidationError]] = {}
    for sub in error.context or []:
        branches.setdefault(int(sub.schema_path[0]), []).append(sub)
    fitting = [errs for errs in branches.values() if not any(_root_type_error(e, error) for e in errs)]
    if fitting:
        for sub in min(fitting, key=len):
            yield from _diagnose(sub, file, sm)
        return
    expected: list[str] = []
    alternatives: Any = error.validator_value
    for branch in alternatives:
        for t in _branch_types(branch):
            if t not in expected:
                expected.append(t)
    pos = sm.value(pointer)
    yield Diagnostic.make(
        file,
        pos.line,
        pos.column,
        "S101",
        pointer,
        expected=_types(expected),
        found=Words((f"type.{_type_of(error.instance)}",)),
        value=_shown_after(error.instance),
    )


def _branch_types(branch: dict[str, Any]) -> list[str]:
    if "type" in branch:
        t = branch["type"]
        return [t] if isinstance(t, str) else list(t)
    if "$ref" in branch or "allOf" in branch:
        return ["string"]  # every referenced alternative in the shipped schemas is a string form
    return []


def _root_type_error(sub: ValidationError, parent: ValidationError) -> bool:
    return sub.validator in ("type", "const", "pattern") and list(sub.absolute_path) == list(
        parent.absolute_path
    )


def _unknown_keys(error: ValidationError, file: str, sm: SourceMap, pointer: str) -> Iterator[Diagnostic]:
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    allowed = sorted(schema.get("properties", {}))
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    instance = error.instance if isinstance(error.instance, dict) else {}
    for key in instance:
        if key in allowed or any(p.search(key) for p in patterns):
            continue
        child = f"{pointer}/{escape_pointer_token(key)}"
        pos = sm.key(child)
        hint = "text_map" if patterns else _suggest_hint(key, allowed)
        yield Diagnostic.make(
            file,
            pos.line,
            pos.column,
            "S102",
            child,
            hint=hint,
            key=key,
            allowed=", ".join(allowed),
            suggestion=_closest(key, allowed),
        )


def _missing_key(error: ValidationError) -> str:
    present = error.instance if isinstance(error.instance, dict) else {}
    required: Any = error.validator_value
    missing = [k for k in required if k not in present]
    return missing[0] if missing else str(required)


def _is_comparison(schema: dict[str, Any]) -> bool:
    return "field" in schema.get("properties", {})


def _closest(value: object, allowed: list[Any]) -> str:
    matches = difflib.get_close_matches(str(value), [str(a) for a in allowed], n=1, cutoff=0.6)
    return matches[0] if matches else ""


def _suggest_hint(value: object, allowed: list[Any]) -> str:
    return "did_you_mean" if _closest(value, allowed) else "hint"


def _types(expected: object) -> Words:
    names = [expected] if isinstance(expected, str) else list(expected)  # type: ignore[call-overload]
    return Words(tuple(f"type.{n}" for n in names))


def _about(schema: dict[str, Any]) -> dict[str, str]:
    """The schema's bilingual description ("ru\n\nen") as per-language text."""
    parts = str(schema.get("description", "")).split("\n\n", 1)
    return {"ru": parts[0], "en": parts[-1]}


def _type_of(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _shown_after(value: object) -> str:
    """The value after its type's name: " 'yes'"; nothing for an empty value."""
    return "" if value is None or isinstance(value, dict | list) else " " + _show(value)


def _show(value: object) -> str:
    if isinstance(value, dict | list):
        return _type_of(value)
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"
