"""`reglament diff` by case: each folder of tests/diff/cases is two versions of a regulation and
the changes expected between them, by concept, with both clauses, in both languages."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from engine.diffing import compare
from engine.diffing.changes import ACTIONS, CONCEPTS
from engine.diffing.render import RENDERERS
from tests.diff.golden import CASES, changes_of, listed, side, texts

NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())


@pytest.mark.parametrize("name", NAMES)
def test_the_changes_of_a_case(name: str) -> None:
    case = CASES / name
    found = changes_of(case)
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    assert listed(found) == expected
    for lang, report in texts(found).items():
        assert report == (case / f"expected.{lang}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_the_reverse_diff_mirrors_the_case(name: str, tmp_path: Path) -> None:
    case = CASES / name
    old, new = side(case, "old", tmp_path), side(case, "new", tmp_path)
    forward, backward = compare(old, new), compare(new, old)
    assert len(forward) == 0 or backward, "what changed one way must change back"
    added = {(c.concept, c.subject) for c in forward if c.action == "added"}
    removed = {(c.concept, c.subject) for c in backward if c.action == "removed"}
    if not new.migration:  # a map names renames one way only: back, they are a removal and an addition
        assert added == removed
    for c in forward:
        assert c.concept in CONCEPTS and c.action in ACTIONS
        assert c.old is not None or c.action == "added"
        assert c.new is not None or c.action == "removed"


@pytest.mark.parametrize("name", NAMES)
def test_each_side_of_a_change_points_into_its_own_version(name: str, tmp_path: Path) -> None:
    old, new = side(CASES / name, "old", tmp_path), side(CASES / name, "new", tmp_path)
    for first, second, changes in (("old/", "new/", compare(old, new)), ("new/", "old/", compare(new, old))):
        for c in changes:
            assert c.old is None or c.old.file.startswith(first), (c.message.code, str(c.old))
            assert c.new is None or c.new.file.startswith(second), (c.message.code, str(c.new))


def test_renamed_and_removed_things_are_named_by_their_old_labels() -> None:
    said = {c.message.code: c.message.render("ru") for c in changes_of(CASES / "labels_and_both_sides")}
    assert said["diff.stage_label"].startswith("этап «Предложение» (offer) теперь называется «КП отправлено»")
    assert "«Название»" in said["diff.stage_no_longer_requires"]
    assert "«Цена»" in said["diff.stage_reasons"]


def test_a_version_compared_with_itself_has_no_change(tmp_path: Path) -> None:
    reg = side(CASES / "formatting_only", "old", tmp_path)
    assert compare(reg, reg) == []


@pytest.mark.parametrize("fmt", sorted(set(RENDERERS) - {"json"}))
def test_every_format_says_every_change(fmt: str) -> None:
    found = changes_of(CASES / "cells_and_call_order")
    for lang in ("ru", "en"):
        report = RENDERERS[fmt](found, lang, "v1", "v2")
        for c in found:
            said = c.message.render(lang)
            assert said in report or said.replace("|", "\\|") in report or html.escape(said) in report
            assert str(c.new or c.old) in report


def test_the_json_format_has_each_change_with_both_clauses() -> None:
    found = changes_of(CASES / "stage_and_move_added")
    body = json.loads(RENDERERS["json"](found, "en", "v1", "v2"))
    assert body["count"] == len(found) == len(body["changes"])
    first = body["changes"][0]
    assert first["concept"] == "stage" and first["action"] == "added" and first["old"] is None
    assert first["new"]["file"] == "new/stages.yaml" and first["new"]["line"] == found[0].new.line  # type: ignore[union-attr]
    assert first["message"] == "stage «Meeting» (meeting) added"
