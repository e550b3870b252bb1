"""``reglament check``, ``schema`` and ``init`` as a user runs them: exit codes and outputs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from engine.cli import main
from engine.language.schema import KINDS
from tests.conftest import BUNDLED, ROOT


def _broken(tmp_path: Path) -> Path:
    target = tmp_path / "reg"
    shutil.copytree(BUNDLED, target)
    card = target / "card.yaml"
    card.write_text(
        card.read_text(encoding="utf-8").replace("    type: inn\n", "    type: inn\n    type: text\n"),
        encoding="utf-8",
    )
    return target


def test_json_format_prints_only_json_with_every_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(_broken(tmp_path)), "--format", "json", "--lang", "en"]) == 1
    payload = json.loads(capsys.readouterr().out)
    [d] = payload["diagnostics"]
    assert set(d) == {"file", "line", "column", "severity", "code", "pointer", "message", "hint"}
    assert d["code"] == "Y002"
    assert d["severity"] == "error"
    assert d["file"].endswith("card.yaml")
    assert d["hint"]


def test_json_format_on_a_clean_regulation_is_an_empty_list(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", str(BUNDLED), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"diagnostics": []}


def test_github_format_writes_annotations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(_broken(tmp_path)), "--format", "github"]) == 1
    line = capsys.readouterr().out.strip()
    assert line.startswith("::error file=")
    assert ",title=Y002::" in line


def test_text_format_names_file_line_column_code_and_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(_broken(tmp_path)), "--lang", "ru"]) == 1
    out = capsys.readouterr().out
    assert "card.yaml:" in out
    assert "ошибка[Y002]" in out
    assert "подсказка:" in out
    assert "Найдено: 1 ошибка, 0 предупреждений." in out


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["check", "/no/such/folder"], 2),
        (["check", "--format", "xml"], 2),
        (["check", "--lang", "de"], 2),
        (["check", "--no-such-option"], 2),
    ],
)
def test_usage_and_input_errors_exit_two(
    argv: list[str], code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == code
    assert "Traceback" not in capsys.readouterr().err


def test_unreadable_file_exits_two(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    target = _broken(tmp_path)
    (target / "card.yaml").chmod(0)
    assert main(["check", str(target)]) == 2


def test_schema_writes_every_schema(tmp_path: Path) -> None:
    assert main(["schema", str(tmp_path / "schemas")]) == 0
    names = {p.name for p in (tmp_path / "schemas").iterdir()}
    assert names == {f"{k}.schema.json" for k in (*KINDS, "common")}


def test_init_makes_a_regulation_that_checks_clean_and_points_editors_at_local_schemas(
    tmp_path: Path,
) -> None:
    target = tmp_path / "mine"
    assert main(["init", str(target)]) == 0
    assert main(["check", str(target)]) == 0
    first = (target / "stages.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./schemas/stages.schema.json"
    assert (target / "schemas" / "stages.schema.json").is_file()
    scenarios = sorted(p.name for p in (BUNDLED / "tests").glob("*.yaml"))
    assert scenarios, "the bundled regulation ships scenario tests"
    assert sorted(p.name for p in (target / "tests").glob("*.yaml")) == scenarios, "init copies them"
    assert main(["init", str(target)]) == 2, "refuses a folder that is not empty"


def test_console_script_and_python_dash_m_work(tmp_path: Path) -> None:
    for command in ([sys.executable, "-m", "engine", "check", str(BUNDLED)],):
        done = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, check=False)
        assert done.returncode == 0, done.stderr
    script = Path(sys.executable).parent / "reglament"
    if script.exists():
        done = subprocess.run(
            [str(script), "check", "--lang", "en"],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            check=False,
        )
        assert done.returncode == 0 and "No problems found" in done.stdout, done.stderr


def test_the_default_folder_is_the_bundled_regulation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--lang", "en"]) == 0
    assert "Client base regulation" in capsys.readouterr().out
    assert ROOT.exists()


def test_text_quotes_the_line_with_a_caret_and_leaves_the_pointer_to_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "reg"
    shutil.copytree(BUNDLED, target)
    stages = target / "stages.yaml"
    text = stages.read_text(encoding="utf-8")
    stages.write_text(text.replace("to: negotiation", "to: negotiaton", 1), encoding="utf-8")
    assert main(["check", str(target), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    line = text.split("\n").index(next(t for t in text.split("\n") if "to: negotiation" in t)) + 1
    quoted = next(t for t in text.split("\n") if "to: negotiation" in t).replace("negotiation", "negotiaton")
    column = quoted.index("negotiaton")
    assert f"stages.yaml:{line}:{column + 1}: error[R201] unknown stage 'negotiaton'\n" in out
    assert f"  {line} | {quoted}\n  {' ' * len(str(line))} | {' ' * column}^\n" in out
    assert "/transitions/" not in out, "the JSON pointer is for the json format"
    assert main(["check", str(target), "--format", "json"]) == 1
    [d] = json.loads(capsys.readouterr().out)["diagnostics"]
    assert d["pointer"].startswith("/transitions/") and d["pointer"].endswith("/to")


def test_diagnostics_come_in_reading_order_of_the_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "reg"
    shutil.copytree(BUNDLED, target)
    for name, old, new in (
        ("priorities.yaml", "color: red", "color: redd"),
        ("card.yaml", "type: inn", "type: inm"),
        ("regulation.yaml", "currency: RUB", "currency: RUR"),
        ("segments.yaml", "step: month", "step: monht"),
        ("stages.yaml", "kind: won", "kind: wonn"),
    ):
        path = target / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    assert main(["check", str(target), "--format", "json"]) == 1
    files = [d["file"].rsplit("/", 1)[-1] for d in json.loads(capsys.readouterr().out)["diagnostics"]]
    order = ["regulation.yaml", "stages.yaml", "card.yaml", "segments.yaml", "priorities.yaml"]
    assert files == sorted(files, key=order.index) and set(files) == set(order)
