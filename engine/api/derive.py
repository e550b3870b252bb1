"""The API's response models, derived from the service's answer records (one definition each).

A record's fields become the model's fields: labels and messages (:class:`engine.i18n.Localized`)
are text in the request's language, times are ``HH:MM`` text, enums keep their values, nested
records become nested models; the field's docstring is its description in the OpenAPI document.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import itertools
import textwrap
import types
import typing
from datetime import time
from enum import Enum
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from engine import i18n
from engine.model.text import Text

HH_MM = Annotated[str, Field(pattern=r"^\d\d:\d\d$", description="Local time, HH:MM.", examples=["14:30"])]


@cache
def model_of(record: type) -> type[BaseModel]:
    """The pydantic model of a record class (a frozen dataclass)."""
    hints = typing.get_type_hints(record)
    docs = attribute_docs(record)
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        if f.metadata.get("hidden"):
            continue
        name = f.metadata.get("json", f.name)
        options: dict[str, Any] = {"description": docs.get(f.name)}
        if f.default is not dataclasses.MISSING:
            options["default"] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            options["default_factory"] = f.default_factory
        if name != f.name:
            options["alias"] = name
        fields[f.name] = (_shape(hints[f.name]), Field(**options))
    config = ConfigDict(populate_by_name=True)
    doc = record.__doc__ if record.__doc__ and not record.__doc__.startswith(record.__name__ + "(") else None
    name = record.__name__.removesuffix("Answer")
    model: type[BaseModel] = create_model(name, __config__=config, __doc__=doc, **fields)
    return model


def _shape(kind: Any) -> Any:
    """A record field's type as the API shows it."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = tuple(_shape(a) for a in typing.get_args(kind))
        return typing.Union[options]  # noqa: UP007  (built from a runtime tuple)
    if origin is list:
        return list[_shape(typing.get_args(kind)[0])]  # type: ignore[misc]
    if origin is dict:
        key, value = typing.get_args(kind)
        return dict[key, _shape(value)]  # type: ignore[misc,valid-type]
    if kind is Text or kind is i18n.Localized:
        return str
    if kind is time:
        return HH_MM
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return model_of(kind)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind
    return kind


def attribute_docs(record: type) -> dict[str, str]:
    """Docstrings written under a record's fields (``x: int`` then ``\"\"\"…\"\"\"``)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(record)))
    except (OSError, TypeError):
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for first, second in itertools.pairwise(body):
        if (
            isinstance(first, ast.AnnAssign)
            and isinstance(first.target, ast.Name)
            and isinstance(second, ast.Expr)
            and isinstance(second.value, ast.Constant)
            and isinstance(second.value.value, str)
        ):
            docs[first.target.id] = inspect.cleandoc(second.value.value)
    return docs
