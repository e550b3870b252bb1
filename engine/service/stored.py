"""Answers kept for idempotent replays: stored without a language, revived as typed records.

A retried command is answered from storage, possibly in another language than the first time,
so labels and messages are kept in every language and the record is rebuilt from its class.
"""

from __future__ import annotations

import types
import typing
from dataclasses import fields, is_dataclass
from datetime import date, datetime, time
from enum import Enum
from typing import Any, TypeVar

from engine import i18n
from engine.model.text import Text

T = TypeVar("T")
FORMAT = 2
"""The storage format; answers stored by an earlier engine cannot be replayed."""


class NotReplayable(Exception):
    """The stored answer was written by an earlier engine in another shape."""


def neutral(value: Any) -> Any:
    """``value`` as JSON without a language: labels and messages in every language."""
    if type(value) in i18n.PLAIN:
        return value
    if i18n.localized(value):
        return {lang: value.render(lang) for lang in i18n.LANGUAGES}
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: neutral(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): neutral(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [neutral(v) for v in value]
    return value


def keep(answer: Any) -> dict[str, Any]:
    return {"format": FORMAT, "answer": neutral(answer)}


def revive(cls: type[T], stored: Any) -> T:
    """The record of class ``cls`` kept by :func:`keep`."""
    if not isinstance(stored, dict) or stored.get("format") != FORMAT:
        raise NotReplayable
    try:
        value: T = _build(cls, stored["answer"])
    except (KeyError, TypeError, ValueError) as err:
        raise NotReplayable from err
    return value


def _build(kind: Any, data: Any) -> Any:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        if data is None:
            return None
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return _build(options[0], data)
    if origin in (list, tuple):
        (item,) = typing.get_args(kind)[:1]
        return [_build(item, v) for v in data]
    if origin is dict or kind is Any:
        return data
    if kind is Text or kind is i18n.Localized:
        return Text(tuple((str(k), str(v)) for k, v in data.items()))
    if isinstance(kind, type) and is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        record: Any = kind
        return record(**{f.name: _build(hints[f.name], data[f.name]) for f in fields(kind)})
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(data)
    if kind is datetime:
        return datetime.fromisoformat(data)
    if kind is date:
        return date.fromisoformat(data)
    if kind is time:
        return time.fromisoformat(data)
    return data
