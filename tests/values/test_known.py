"""Phones and INNs read through :mod:`engine.values.known` (#18) are what ``parse_value`` makes of
them, whether read now, remembered in this process or read back from the cache folder; a refused
one stays refused and an empty one stays empty."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.model.card import FieldType
from engine.resources import CACHE_ENV
from engine.values import known
from engine.values.fieldtypes import parse_value
from tests.values.test_fieldtypes import field_of

CASES = [
    (FieldType.PHONE, "+7 495 123-45-67"),
    (FieldType.PHONE, "8 (912) 000-00-01"),
    (FieldType.PHONE, "+7 000"),
    (FieldType.PHONE, "   "),
    (FieldType.INN, "7707083893"),
    (FieldType.INN, 7707083893),
    (FieldType.INN, "7707083894"),
    (FieldType.TEXT, "not remembered"),
]


def _as_parse_value(kind: FieldType, raw: object) -> tuple[object, bool]:
    value, problem = parse_value(field_of(kind), raw)
    return value, problem is not None


def _forget(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new process: nothing read yet."""
    monkeypatch.setattr(known, "_READ", {})
    monkeypatch.setattr(known, "_NEW", [])
    monkeypatch.setattr(known, "_LOADED", [])


def test_a_remembered_value_is_what_parse_value_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    _forget(monkeypatch)
    expected = [_as_parse_value(kind, raw) for kind, raw in CASES]
    assert [known.parse(field_of(kind), raw) for kind, raw in CASES] == expected
    assert [known.parse(field_of(kind), raw) for kind, raw in CASES] == expected
    known.keep()
    assert len(list(tmp_path.glob(f"{known.KIND}-*.json"))) == 1
    _forget(monkeypatch)
    monkeypatch.setattr(known.fieldtypes, "parse_value", lambda *args: pytest.fail("read again"))
    remembered = [(kind, raw) for kind, raw in CASES if kind in known.REMEMBERED]
    assert [known.parse(field_of(kind), raw) for kind, raw in remembered] == [
        _as_parse_value(kind, raw) for kind, raw in remembered
    ]
