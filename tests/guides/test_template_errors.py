"""A sales head's own template that does not compile or render is named with its line, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.cli import main

CASES = {
    "syntax": ("intro\n{% if %}\n", "sheet.md.j2:2", "Expected an expression"),
    "undefined": ("{{ stage.label }}\n{{ stage.no_such_thing }}\n", "sheet.md.j2:2", "no_such_thing"),
    "runtime": ("x\n\n{{ 1 // 0 }}\n", "sheet.md.j2:3", "ZeroDivisionError"),
    "include": ('a\n{% include "missing.md.j2" %}\n', "sheet.md.j2:2", "no template named 'missing.md.j2'"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_broken_template(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text, where, why = CASES[case]
    (tmp_path / "sheet.md.j2").write_text(text, encoding="utf-8")
    code = main(["guide", "--templates", str(tmp_path), "--format", "md", "--stage", "new"])
    err = capsys.readouterr().err
    assert code == 1 and f"{where}: template error:" in err and why in err
    assert "delete your copy" in err and "Traceback" not in err


def test_an_output_folder_that_cannot_be_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    code = main(["guide", "--format", "md", "--stage", "new", "-o", str(blocker / "out")])
    err = capsys.readouterr().err
    assert code == 2 and str(blocker) in err and "Traceback" not in err
