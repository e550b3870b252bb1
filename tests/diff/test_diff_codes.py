"""Every change the diff can report has its text in both languages, with the same placeholders."""

from __future__ import annotations

import ast
import re

from engine import i18n
from engine.resources import PACKAGE_DIR

PREFIXES = ("stage_", "transition_", "field_", "reason_", "cell_", "bucket_", "order_", "segments_", "entry")


def codes() -> set[str]:
    found: set[str] = set()
    for path in (PACKAGE_DIR / "diffing").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value.startswith(PREFIXES)
                and re.fullmatch(r"[a-z_]+[a-z]", node.value)
            ):
                found.add(node.value)
    # the codes built from parts (f"{concept}_requires", f"cell_{action}", f"field_{bound}"…)
    found |= {f"{c}_{w}" for c in ("stage", "transition") for w in ("requires", "no_longer_requires")}
    found |= {f"{k}_{a}" for k in ("segments", "cell") for a in ("added", "removed")}
    found |= {f"field_{b}" for b in ("min", "max", "max_length")}
    return found


def test_every_diff_code_is_said_in_both_languages() -> None:
    used = codes()
    assert len(used) > 40
    for code in sorted(used):
        texts = [i18n.catalog(lang).get(f"diff.{code}") for lang in i18n.LANGUAGES]
        assert all(texts), f"diff.{code} lacks a text"
        holes = [set(re.findall(r"\{([a-z_]+)\}", str(t))) for t in texts]
        assert holes[0] == holes[1], f"diff.{code}: {holes}"
