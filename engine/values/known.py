"""Phones and INNs as their libraries read them, remembered in the cache folder (#18).

phonenumbers and python-stdnum take tens of milliseconds to import (stdnum loads ``ssl`` and
``pydoc``), and a regulation's scenarios give the same few phones and INNs on every `check`.
What :func:`engine.values.fieldtypes.parse_value` made of such a text depends on the text only,
so it is kept under a stamp of the libraries' installed files and of the engine's readers: a
library upgraded or a reader edited reads every value again.
"""

from __future__ import annotations

import importlib.util
import os
from datetime import tzinfo
from typing import Any

from engine.model.card import Field, FieldType
from engine.resources import keep_json, kept_json
from engine.values import card as readers
from engine.values import fieldtypes

KIND = "library-values"
REMEMBERED = frozenset({FieldType.PHONE, FieldType.INN})
_READ: dict[str, list[Any]] = {}  # "phone:str:+7 495 …" → [value, refused]
_NEW: list[str] = []
_LOADED: list[bytes] = []


def _stamp() -> bytes:
    """The installed files of the libraries and the engine's readers, by path, time and size."""
    files = [readers.__file__, fieldtypes.__file__]
    for name in ("phonenumbers", "stdnum"):
        spec = importlib.util.find_spec(name)  # finds the package without importing it
        files.append(str(spec.origin if spec else name))
    said = []
    for path in files:
        try:
            info = os.stat(path)
        except OSError:
            said.append(path)
            continue
        said.append(f"{path}:{info.st_mtime_ns}:{info.st_size}")
    return "\n".join(said).encode()


def parse(field: Field, raw: object, zone: tzinfo | None = None) -> tuple[Any, bool]:
    """(canonical value, whether ``raw`` is refused), as ``parse_value`` says it; a phone or an
    INN read before, in this process or one that kept it, is not read again."""
    if field.type not in REMEMBERED or type(raw) not in (str, int):
        value, problem = fieldtypes.parse_value(field, raw, zone)
        return value, problem is not None
    if not _LOADED:
        _LOADED.append(_stamp())
        found = kept_json(KIND, _LOADED[0])
        _READ.update(found if isinstance(found, dict) else {})
    key = f"{field.type.value}:{type(raw).__name__}:{raw}"
    if key not in _READ:
        value, problem = fieldtypes.parse_value(field, raw, zone)
        _READ[key] = [value, problem is not None]
        _NEW.append(key)
    value, refused = _READ[key]
    return value, bool(refused)


def keep() -> None:
    """Keep what was read since the last call, with everything read before it."""
    if _NEW and _LOADED:
        keep_json(KIND, _LOADED[0], dict(_READ))
        _NEW.clear()
