"""Every message the engine emits is a catalog code with arguments: each code written in the
source has a text in both languages, and no text has a placeholder its call never fills."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from engine import i18n
from engine.resources import PACKAGE_DIR

# How each way of emitting a message names its code: (argument position, catalog prefix).
EMITTERS = {
    "tr": (0, ""),
    "of": (0, ""),  # Message.of
    "problem": (1, ""),
    "refusal": (0, "refusal."),
    "NotFound": (0, "error."),
    "Conflict": (0, "error."),
    "Forbidden": (0, "error."),
    "KeyReusedError": (0, "error."),
    "StagesLeftBehind": (0, "error."),
    "DatabaseError": (0, "database."),
    "PublishedInForce": (0, "error."),
    "ServiceError": (0, "error."),
}


@dataclass(frozen=True)
class Use:
    where: str
    key: str
    given: frozenset[str] | None
    """The keyword arguments given; None when some come from ``**mapping``."""


def uses() -> Iterator[Use]:
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in EMITTERS:
                continue
            position, prefix = EMITTERS[name]
            if len(node.args) <= position:
                continue
            arg = node.args[position]
            if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                continue  # a code chosen at run time
            given = (
                None
                if any(k.arg is None for k in node.keywords)
                else frozenset(k.arg for k in node.keywords if k.arg)
            )
            where = f"{path.relative_to(PACKAGE_DIR.parent)}:{node.lineno}"
            yield Use(where, prefix + arg.value, given)


USES = [u for u in uses() if "." in u.key]


def test_the_source_emits_many_codes() -> None:
    assert len({u.key for u in USES}) > 50


@pytest.mark.parametrize("use", USES, ids=[u.where for u in USES])
def test_every_code_has_a_text_in_both_languages(use: Use) -> None:
    for lang in i18n.LANGUAGES:
        assert i18n.has(use.key, lang), f"{use.where}: '{use.key}' has no {lang} text"


def _placeholders(key: str, lang: str) -> set[str]:
    template = i18n.catalog(lang).get(key)
    texts = template.values() if isinstance(template, dict) else [template or ""]
    return {p for text in texts for p in i18n.placeholders(str(text))}


@pytest.mark.parametrize("use", [u for u in USES if u.given is not None], ids=lambda u: u.where)
def test_no_text_has_a_placeholder_its_call_never_fills(use: Use) -> None:
    assert use.given is not None
    for lang in i18n.LANGUAGES:
        missing = _placeholders(use.key, lang) - use.given
        assert not missing, f"{use.where}: '{use.key}' ({lang}) needs {sorted(missing)}"


def test_the_check_fails_on_an_unfilled_placeholder(tmp_path: Path) -> None:
    """The placeholder check itself can fail (a text asking for an argument nobody gives)."""
    use = Use("probe", "error.client_not_found", frozenset())
    assert _placeholders(use.key, "ru") - (use.given or frozenset()) == {"client"}


def test_every_refusal_code_has_a_text() -> None:
    from engine.runtime.refusals import RefusalCode

    for code in RefusalCode:
        for lang in i18n.LANGUAGES:
            assert i18n.has(f"refusal.{code}", lang), (code, lang)
