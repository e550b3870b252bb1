"""Scenario files in a request body (name → YAML text), as `/v1/regulation/test` and
`PUT /v1/regulation` take them."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from engine.api.models import Storable

ScenarioName = Annotated[str, Field(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}\.ya?ml$")]
ScenarioText = Annotated[Storable, Field(max_length=2_000_000)]


def named_texts(schema: dict[str, Any]) -> None:
    """``patternProperties`` would let other names through: say the names' pattern and the
    texts' schema for every property instead."""
    ((pattern, text),) = schema.pop("patternProperties").items()
    schema["propertyNames"] = {"pattern": pattern}
    schema["additionalProperties"] = text
