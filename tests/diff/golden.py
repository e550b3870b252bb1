"""The diff cases: ``cases/<case>/old`` and ``new`` hold files laid over the minimal regulation
(an empty side is the minimal one itself); ``expected.json`` lists the changes (concept,
action, subject, both clauses) and ``expected.<lang>.txt`` the text report.

Regenerate the expected files after a deliberate change: ``python -m tests.diff.golden``."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from engine.diffing import Change, compare
from engine.diffing.render import RENDERERS
from engine.i18n import LANGUAGES
from engine.language.loader import load_directory
from engine.model.regulation import Regulation
from tests.regulation.overlay import overlay

CASES = Path(__file__).parent / "cases"


def side(case: Path, name: str, work: Path) -> Regulation:
    folder = overlay(case / name, work / name)
    (folder / ".keep").unlink(missing_ok=True)
    result = load_directory(folder, display=f"{name}/")
    assert result.ok and result.regulation is not None, [d.code for d in result.diagnostics]
    return result.regulation


def changes_of(case: Path) -> list[Change]:
    with tempfile.TemporaryDirectory() as work:
        return compare(side(case, "old", Path(work)), side(case, "new", Path(work)))


def listed(changes: list[Change]) -> list[dict[str, Any]]:
    return [
        {
            "concept": c.concept,
            "action": c.action,
            "subject": c.subject,
            "code": c.message.code,
            "old": str(c.old) if c.old else None,
            "new": str(c.new) if c.new else None,
        }
        for c in changes
    ]


def texts(changes: list[Change]) -> dict[str, str]:
    return {lang: RENDERERS["text"](changes, lang, "old", "new") + "\n" for lang in LANGUAGES}


def main() -> None:
    for case in sorted(p for p in CASES.iterdir() if p.is_dir()):
        found = changes_of(case)
        (case / "expected.json").write_text(
            json.dumps(listed(found), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        for lang, report in texts(found).items():
            (case / f"expected.{lang}.txt").write_text(report, encoding="utf-8")
        print(f"{case.name}: {len(found)} changes")


if __name__ == "__main__":
    main()
