"""jsonschema errors → diagnostics at the key or value, each with the fix to write.

The shape of the error (wrong type, unknown key, missing key, value not allowed…) picks the
code; :mod:`engine.language.schema_fixes` reads the wrong value and says what to write
instead. A value that is wrong only because some of its letters are Cyrillic is reported as
that (S110), whatever rule it broke.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from engine.i18n import LANGUAGES
from engine.language import lookalikes
from engine.language.diagnostics import Diagnostic, Words
from engine.language.schema_fixes import (
    about,
    closest,
    pattern_fix,
    range_fix,
    shown,
    shown_after,
    type_fix,
    type_of,
    types,
)
from engine.language.yamlsource import SourceMap, escape_pointer_token, pointer_of

if TYPE_CHECKING:  # the errors come from jsonschema, which the validator loads (#18)
    from jsonschema.exceptions import ValidationError

Make = Callable[..., Diagnostic]


def diagnose(error: ValidationError, file: str, sm: SourceMap) -> Iterator[Diagnostic]:
    pointer = pointer_of(list(error.absolute_path))
    kind = str(error.validator)
    if kind in ("anyOf", "oneOf"):
        yield from _alternatives(error, file, sm, pointer)
        return
    if kind == "additionalProperties":
        yield from _unknown_keys(error, file, sm, pointer)
        return
    pos = sm.value(pointer)
    make = partial(_at, file, pos.line, pos.column, pointer)
    yield _VALUE_ERRORS.get(kind, _other)(error, make)


def _schema(error: ValidationError) -> dict[str, Any]:
    return error.schema if isinstance(error.schema, dict) else {}


def _type(error: ValidationError, make: Make) -> Diagnostic:
    hint, suggestion = type_fix(error.instance, error.validator_value, _schema(error))
    return make(
        "S101",
        hint=hint,
        expected=types(error.validator_value),
        found=Words((f"type.{type_of(error.instance)}",)),
        value=shown_after(error.instance),
        written=str(error.instance),
        suggestion=suggestion,
        about=about(_schema(error)),
    )


def _required(error: ValidationError, make: Make) -> Diagnostic:
    present = error.instance if isinstance(error.instance, dict) else {}
    required: Any = error.validator_value
    missing = [k for k in required if k not in present]
    key = missing[0] if missing else str(required)
    prop = _schema(error).get("properties", {}).get(key, {})
    described = prop if "description" in prop else next(iter(prop.get("allOf", [])), prop)
    return make("S103", key=key, about=about(described))


def _enum(error: ValidationError, make: Make) -> Diagnostic:
    expected: Any = error.validator_value
    allowed = list(expected) if error.validator == "enum" else [expected]
    value: Any = error.instance
    twin = lookalikes.lookalike_of(value) if isinstance(value, str) else None
    if twin is not None and twin in allowed:
        return _lookalike(make, value, twin)
    suggestion = closest(value, allowed)
    return make(
        "S104",
        hint="did_you_mean" if suggestion else "hint",
        value=shown(value),
        allowed=", ".join(map(str, allowed)),
        suggestion=suggestion,
    )


def _pattern(error: ValidationError, make: Make) -> Diagnostic:
    value, pattern = error.instance, str(error.validator_value)
    if isinstance(value, str) and lookalikes.is_mixed(value):
        twin = lookalikes.latin(value)
        return _lookalike(make, value, twin if re.search(pattern, twin) else "")
    hint, suggestion = pattern_fix(value, pattern)
    return make("S105", hint=hint, value=shown(value), suggestion=suggestion, about=about(_schema(error)))


def _lookalike(make: Make, value: str, twin: str) -> Diagnostic:
    suggestion = twin if twin and not lookalikes.cyrillic_places(twin) else lookalikes.retyped(value)
    return make(
        "S110",
        hint="hint" if suggestion else "retype",
        value=value,
        letters=lookalikes.letters_words(value),
        suggestion=suggestion,
    )


def _range(error: ValidationError, make: Make) -> Diagnostic:
    kind = str(error.validator)
    hint, suggestion = range_fix(error.instance, kind, error.validator_value)
    return make(
        "S106", hint=hint, value=shown(error.instance), limit=error.validator_value, suggestion=suggestion
    )


def _count(error: ValidationError, make: Make) -> Diagnostic:
    kind = str(error.validator)
    hint = "comparison" if "field" in _schema(error).get("properties", {}) else kind
    count = len(error.instance) if isinstance(error.instance, list | dict) else 0
    return make("S107", hint=hint, limit=error.validator_value, count=count)


def _length(error: ValidationError, make: Make) -> Diagnostic:
    return make("S108", hint=str(error.validator), limit=error.validator_value)


def _unique(error: ValidationError, make: Make) -> Diagnostic:
    items = error.instance if isinstance(error.instance, list) else []
    repeated = next((v for i, v in enumerate(items) if v in items[:i]), "")
    return make("S109", value=shown(repeated))


def _other(error: ValidationError, make: Make) -> Diagnostic:
    return make("S199", detail=error.message)


_VALUE_ERRORS: dict[str, Callable[[ValidationError, Make], Diagnostic]] = {
    "type": _type,
    "required": _required,
    "enum": _enum,
    "const": _enum,
    "pattern": _pattern,
    "minimum": _range,
    "maximum": _range,
    "exclusiveMinimum": _range,
    "exclusiveMaximum": _range,
    "minItems": _count,
    "maxItems": _count,
    "minProperties": _count,
    "maxProperties": _count,
    "minLength": _length,
    "maxLength": _length,
    "uniqueItems": _unique,
}


def _alternatives(error: ValidationError, file: str, sm: SourceMap, pointer: str) -> Iterator[Diagnostic]:
    """For ``anyOf``: report the branch that fits the value's type, else a type error."""
    branches: dict[int, list[ValidationError]] = {}
    for sub in error.context or []:
        branches.setdefault(int(sub.schema_path[0]), []).append(sub)
    fitting = [errs for errs in branches.values() if not any(_root_type_error(e, error) for e in errs)]
    if fitting:
        for sub in min(fitting, key=len):
            yield from diagnose(sub, file, sm)
        return
    expected: list[str] = []
    alternatives: Any = error.validator_value
    for branch in alternatives:
        for t in _branch_types(branch):
            if t not in expected:
                expected.append(t)
    pos = sm.value(pointer)
    hint, suggestion = type_fix(error.instance, expected, _schema(error))
    yield Diagnostic.make(
        file,
        pos.line,
        pos.column,
        "S101",
        pointer,
        hint=hint,
        expected=types(expected),
        found=Words((f"type.{type_of(error.instance)}",)),
        value=shown_after(error.instance),
        written=str(error.instance),
        suggestion=suggestion,
        about=about(_schema(error)),
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
    schema = _schema(error)
    allowed = sorted(schema.get("properties", {}))
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    instance = error.instance if isinstance(error.instance, dict) else {}
    for key in instance:
        if not (key in allowed or any(p.search(key) for p in patterns)):
            child = f"{pointer}/{escape_pointer_token(key)}"
            pos = sm.key(child)
            make = partial(_at, file, pos.line, pos.column, child)
            yield _unknown_key(make, key, allowed, patterns)


def _at(
    file: str, line: int, column: int, pointer: str, code: str, hint: str = "", **args: Any
) -> Diagnostic:
    return Diagnostic.make(file, line, column, code, pointer, hint=hint, **args)


def _unknown_key(make: Make, key: str, allowed: list[str], patterns: list[re.Pattern[str]]) -> Diagnostic:
    """A key the schema does not know: a look-alike of an allowed one, a misspelling, or neither.
    Where keys are languages (a text's ``{ru: …, en: …}``) the known ones are the languages."""
    twin = lookalikes.lookalike_of(key)
    if twin is not None and (twin in allowed or any(p.search(twin) for p in patterns)):
        return _lookalike(make, key, twin)
    known = list(LANGUAGES) if patterns else allowed
    suggestion = closest(key, known)
    variant = "text_map" if patterns else "hint"
    if suggestion:
        variant = "text_map_did_you_mean" if patterns else "did_you_mean"
    return make("S102", hint=variant, key=key, allowed=", ".join(known), suggestion=suggestion)
