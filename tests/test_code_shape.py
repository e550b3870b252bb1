"""The engine stays cut by concept (#11): no module over 250 lines, no function over 60."""

from __future__ import annotations

import ast

import pytest

from engine.resources import PACKAGE_DIR

MODULES = sorted(PACKAGE_DIR.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE_DIR)))
def test_module_and_functions_are_small(path: object) -> None:
    source = path.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert source.count("\n") <= 250, f"{path}: over 250 lines — split it by concept"
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > 60
    ]
    assert not long, f"{path}: functions over 60 lines: {', '.join(long)}"
