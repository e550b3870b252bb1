"""Problems of the YAML layer → diagnostics, with stable codes.

A syntax error becomes ``Y001`` whose message and hint depend on the slip found
(:mod:`engine.language.slips`): both are written in the reader's language from the catalogs,
never from the parser's English text.
"""

from __future__ import annotations

from typing import Any

from engine import i18n
from engine.language.diagnostics import Diagnostic
from engine.language.yamlsource import YamlProblem

PROBLEM_CODES = {
    "syntax": "Y001",
    "duplicate_key": "Y002",
    "tag": "Y003",
    "encoding": "Y004",
    "too_large": "Y005",
    "too_deep": "Y006",
    "alias_bomb": "Y007",
    "key_type": "Y008",
    "bad_scalar": "Y009",
    "merge": "Y010",
}
TAINTING = frozenset({"tag", "bad_scalar", "key_type", "merge"})
"""Problems that leave a value wrong: the schema's findings under it would only repeat them."""


def problem_diagnostic(problem: YamlProblem, file: str) -> Diagnostic:
    code = PROBLEM_CODES[problem.kind]
    if problem.kind != "syntax":
        return Diagnostic.make(
            file,
            problem.line,
            problem.column,
            code,
            problem.pointer,
            detail=problem.detail,
            first_line=problem.other_line,
        )
    slip = problem.slip or "hint"
    args: dict[str, Any] = dict(problem.args)
    detail = {
        lang: i18n.tr(f"yaml_problem.{slip}", lang, detail=problem.detail, **args) for lang in i18n.LANGUAGES
    }
    return Diagnostic.make(
        file, problem.line, problem.column, code, problem.pointer, hint=slip, detail=detail, **args
    )
