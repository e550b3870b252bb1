"""The cache folder keeps only what can be recomputed, and a kept file that is not whole and ours
(torn, edited, or another program's) is never used: the value is made anew."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import resources


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(resources.CACHE_ENV, str(tmp_path))
    return tmp_path


def test_a_kept_value_is_read_back_for_the_same_bytes_only(folder: Path) -> None:
    made: list[int] = []

    def make() -> dict[str, int]:
        made.append(1)
        return {"one": 1}

    assert resources.cached_json("kind", b"source", make) == {"one": 1}
    assert resources.cached_json("kind", b"source", make) == {"one": 1}
    assert len(made) == 1
    assert resources.kept_json("kind", b"other source") is None


@pytest.mark.parametrize("damage", ["[]", '{"one": 2}', "", "not json at all", "0" * 64 + "\n[]"])
def test_a_damaged_or_foreign_file_is_not_used(folder: Path, damage: str) -> None:
    resources.keep_json("kind", b"source", {"one": 1})
    (kept,) = folder.glob("kind-*.json")
    kept.write_text(damage, encoding="utf-8")
    assert resources.kept_json("kind", b"source") is None
    assert resources.cached_json("kind", b"source", lambda: {"one": 1}) == {"one": 1}


def test_an_edited_value_under_a_whole_seal_is_refused(folder: Path) -> None:
    resources.keep_json("kind", b"source", {"one": 1})
    (kept,) = folder.glob("kind-*.json")
    seal, text = kept.read_text(encoding="utf-8").split("\n", 1)
    kept.write_text(seal + "\n" + text.replace("1", "2"), encoding="utf-8")
    assert resources.kept_json("kind", b"source") is None


def test_no_folder_keeps_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(resources.CACHE_ENV, "off")
    resources.keep_json("kind", b"source", {"one": 1})
    assert resources.kept_json("kind", b"source") is None
