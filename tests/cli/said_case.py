"""One reader of a CLI case file (``argv``, ``code``, ``says``, ``not_says``): run the command in
Russian and check what it said. Used by the data-driven CLI case folders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.cli.daysheet_case import cli


def run_case(path: Path, db: str) -> tuple[dict[str, Any], str]:
    """The case and what the command said (stdout and stderr), checked against the case."""
    case: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    code, out, err = cli(*case["argv"], "--db", db, "--lang", "ru")
    said = out + err
    assert code == case["code"], said
    for expected in case["says"]:
        assert expected in said, (expected, said)
    for unexpected in case.get("not_says", []):
        assert unexpected not in said, (unexpected, said)
    assert "Traceback" not in said
    return case, said
