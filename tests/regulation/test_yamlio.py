"""Strict YAML: scalars people mean, duplicate keys, positions, and nothing executable."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from engine.language.loader import FILE_NAMES, load_files
from engine.language.yamlio import load_yaml_bytes, load_yaml_text
from tests.conftest import BUNDLED


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("off", "off"),
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("y", "y"),
        ("true", True),
        ("False", False),
        ("TRUE", True),
        ("12:30", "12:30"),
        ("1:20:00", "1:20:00"),
        ("0712", "0712"),
        ("0o17", "0o17"),
        ("0x1F", "0x1F"),
        ("007", "007"),
        ("1_000", "1_000"),
        (".5", ".5"),
        (".inf", ".inf"),
        (".nan", ".nan"),
        ("2026-01-01", "2026-01-01"),
        ("~", None),
        ("null", None),
        ("", None),
        ("12", 12),
        ("-3", -3),
        ("0", 0),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("+7", 7),
        ('"12"', "12"),
        ("'true'", "true"),
    ],
)
def test_scalars_resolve_as_a_person_means_them(source: str, value: object) -> None:
    document = load_yaml_text(f"key: {source}\n")
    assert document.problems == []
    assert document.data == {"key": value}
    assert type(document.data["key"]) is type(value)


def test_duplicate_key_is_reported_with_both_lines_and_the_first_value_kept() -> None:
    document = load_yaml_text("a: 1\nb: 2\na: 3\n")
    assert document.data == {"a": 1, "b": 2}
    [problem] = document.problems
    assert (problem.kind, problem.line, problem.column, problem.other_line) == (
        "duplicate_key",
        3,
        1,
        1,
    )
    assert problem.pointer == "/a"


def test_positions_are_kept_for_values_and_keys() -> None:
    document = load_yaml_text("stages:\n  - id: new\n    label: Новый\n")
    sm = document.source_map
    assert (sm.value("/stages/0/label").line, sm.value("/stages/0/label").column) == (3, 12)
    assert (sm.key("/stages/0/label").line, sm.key("/stages/0/label").column) == (3, 5)
    assert sm.value("/stages/0/missing/deeper").line == 2, "falls back to the nearest ancestor"


def test_pointer_tokens_are_escaped() -> None:
    document = load_yaml_text("'a/b': {'c~d': 1}\n")
    assert "/a~1b/c~0d" in document.source_map.values


def test_not_utf8_is_reported_at_the_byte() -> None:
    document = load_yaml_bytes("a: 1\nb: Ромашка\n".encode("cp1251"))
    [problem] = document.problems
    assert (problem.kind, problem.line, problem.column) == ("encoding", 2, 4)


def test_utf8_byte_order_mark_is_accepted() -> None:
    assert load_yaml_bytes(b"\xef\xbb\xbfa: 1\n").data == {"a": 1}


def test_empty_document_is_none_without_problems() -> None:
    document = load_yaml_text("# only a comment\n")
    assert document.data is None
    assert document.problems == []


def test_an_explicitly_tagged_int_that_is_not_a_number_is_a_problem() -> None:
    document = load_yaml_text("a: !!int abc\nb: !!float 1e999\nc: !!bool maybe\n")
    assert [p.kind for p in document.problems] == ["bad_scalar"] * 3


def test_aliases_expand_within_limits() -> None:
    assert load_yaml_text("a: &x [1, 2]\nb: *x\n").data == {"a": [1, 2], "b": [1, 2]}


VECTORS = yaml.safe_load((Path(__file__).parent / "escape_vectors.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_no_yaml_construct_executes_code_or_imports_a_module(vector: dict[str, str], tmp_path: Path) -> None:
    canary = tmp_path / "canary"
    text = vector["yaml"].replace("{canary}", str(canary))
    modules_before = set(sys.modules)
    document = load_yaml_text(text)
    assert not _holds_objects(document.data)
    for name in FILE_NAMES.values():  # the same text in every file position of a regulation
        files = {n: (BUNDLED / n).read_bytes() for n in FILE_NAMES.values()}
        files[name] = text.encode()
        result = load_files(files)
        assert not result.ok or (name == "regulation.yaml" and "title" in text)
    assert not canary.exists()
    assert {"this", "subprocess"} & (set(sys.modules) - modules_before) == set()


def _holds_objects(value: object) -> bool:
    if isinstance(value, dict):
        return any(_holds_objects(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_objects(v) for v in value)
    return not isinstance(value, str | int | float | bool | type(None))


def test_merge_keys_merge_with_written_keys_winning() -> None:
    text = "base: &b {x: 1, y: 1}\nother: &o {y: 2, z: 2}\nc:\n  <<: [*b, *o]\n  x: 3\n"
    document = load_yaml_text(text)
    assert document.problems == []
    assert document.data["c"] == {"x": 3, "y": 1, "z": 2}, "written keys win; earlier merges win"


def test_a_merged_value_keeps_the_position_where_it_is_written() -> None:
    document = load_yaml_text("base: &b\n  x: 1\nc:\n  <<: *b\n  y: 2\n")
    sm = document.source_map
    assert (sm.value("/c/x").line, sm.key("/c/x").line) == (2, 2), "in the anchored mapping"
    assert sm.value("/c/y").line == 5


def test_nested_merges_resolve() -> None:
    text = "a: &a {x: 1}\nb: &b {<<: *a, y: 2}\nc: {<<: *b, z: 3}\n"
    assert load_yaml_text(text).data["c"] == {"x": 1, "y": 2, "z": 3}


def test_merging_a_scalar_or_a_list_of_scalars_is_a_problem_at_the_value() -> None:
    for text in ("c:\n  <<: 5\n  x: 1\n", "c:\n  <<: [1, 2]\n  x: 1\n"):
        document = load_yaml_text(text)
        assert [(p.kind, p.line) for p in document.problems][:1] == [("merge", 2)]
        assert document.data == {"c": {"x": 1}}


def test_a_quoted_merge_key_is_an_ordinary_key() -> None:
    assert load_yaml_text("c: {'<<': 1}\n").data == {"c": {"<<": 1}}


def test_merges_cannot_expand_into_a_bomb() -> None:
    lines = ["a0: &a0 {k0: 1, k1: 1}"]
    for i in range(1, 30):
        lines.append(f"a{i}: &a{i} {{<<: [*a{i - 1}, *a{i - 1}, *a{i - 1}], n{i}: 1}}")
    document = load_yaml_text("\n".join(lines) + "\n")
    assert [p.kind for p in document.problems] == ["alias_bomb"]


def test_a_duplicate_key_next_to_a_merge_is_still_reported() -> None:
    document = load_yaml_text("b: &b {x: 1}\nc:\n  <<: *b\n  y: 1\n  y: 2\n")
    assert [(p.kind, p.line) for p in document.problems] == [("duplicate_key", 5)]
