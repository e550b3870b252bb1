"""The scenarios a publish must pass: a regulation folder's ``tests/*.yaml`` (or the files an API
request sends), run on the regulation to publish, the failed ones answered to the service."""

from __future__ import annotations

from collections.abc import Mapping

from engine.model.regulation import Regulation
from engine.scenarios.reading import read_all
from engine.scenarios.run import run_all
from engine.service.publishing import Failed, Gate


def gate(tests: Mapping[str, bytes]) -> Gate:
    """A check that runs ``tests`` (name → YAML) on a regulation and answers the failed ones —
    a scenario file that cannot be read fails at its line too."""

    def failing(reg: Regulation) -> list[Failed]:
        found = read_all(tests, reg)
        if not found:
            return []
        report = run_all(reg, found)
        return [
            Failed(o.origin.file, o.origin.line, o.name, o.problems) for o in report.outcomes if not o.passed
        ]

    return failing
