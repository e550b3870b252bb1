"""A scenario run as text, JSON or JUnit XML (for CI), in the reader's language."""

from __future__ import annotations

import json
from collections.abc import Callable

from engine import i18n
from engine.scenarios.run import Report

KINDS = ("stages", "transitions", "buckets", "cells")


def text(report: Report, lang: str, failed_only: bool = False) -> str:
    """Each scenario with its mark (only the failed ones if ``failed_only``), then the coverage."""
    lines = []
    for o in report.outcomes:
        if failed_only and o.passed:
            continue
        mark = "✓" if o.passed else "✗"
        lines.append(f"{mark} {o.origin.file}:{o.origin.line}  {o.name}")
        lines += [f"    {p.render(lang)}" for p in o.problems]
    failed = sum(not o.passed for o in report.outcomes)
    if lines:
        lines.append("")
    lines.append(i18n.tr("scenario.summary", lang, n=len(report.outcomes), failed=failed))
    cov = report.coverage
    for kind in KINDS:
        missing = getattr(cov, kind)
        line = i18n.tr(f"scenario.coverage_{kind}", lang, percent=cov.percent(kind), total=cov.totals[kind])
        if missing:
            line += " — " + i18n.tr("scenario.not_exercised", lang, ids=", ".join(missing))
        lines.append("  " + line)
    return "\n".join(lines)


def as_json(report: Report, lang: str) -> str:
    return json.dumps(as_dict(report, lang), ensure_ascii=False, indent=2)


def as_dict(report: Report, lang: str) -> dict[str, object]:
    """The results and the coverage as plain data (the JSON format, the API's answer)."""
    cov = report.coverage
    return {
        "ok": report.ok,
        "scenarios": [
            {
                "name": o.name,
                "file": o.origin.file,
                "line": o.origin.line,
                "passed": o.passed,
                "problems": [p.render(lang) for p in o.problems],
            }
            for o in report.outcomes
        ],
        "coverage": {
            k: {"percent": cov.percent(k), "total": cov.totals[k], "not_exercised": list(getattr(cov, k))}
            for k in KINDS
        },
    }


def junit(report: Report, lang: str) -> str:
    from xml.etree import ElementTree  # here: only the JUnit report loads it (#18)

    failed = sum(not o.passed for o in report.outcomes)
    suite = ElementTree.Element(
        "testsuite", name="reglament", tests=str(len(report.outcomes)), failures=str(failed)
    )
    for o in report.outcomes:
        case = ElementTree.SubElement(
            suite,
            "testcase",
            classname=o.origin.file,
            name=o.name,
            file=o.origin.file,
            line=str(o.origin.line),
        )
        if not o.passed:
            said = "\n".join(p.render(lang) for p in o.problems)
            failure = ElementTree.SubElement(case, "failure", message=said.splitlines()[0] if said else "")
            failure.text = said
    ElementTree.indent(suite)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(suite, encoding="unicode")


RENDERERS: dict[str, Callable[[Report, str], str]] = {"text": text, "json": as_json, "junit": junit}
