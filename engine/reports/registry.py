"""The one list of reports: the CLI (``reglament report NAME``), the API (``/v1/reports/NAME``)
and the head's page read it. Adding a report is one module exposing ``SPEC`` plus its texts
in the catalogs (``report.NAME.title`` and a title per table); ``tests/reports`` fails when a
part is missing."""

from __future__ import annotations

from engine.reports import forecast, funnel, handovers, managers, refusals, retention, sources, stuck
from engine.reports.spec import ReportSpec

REPORTS: dict[str, ReportSpec] = {
    spec.name: spec
    for spec in (
        funnel.SPEC,
        stuck.SPEC,
        refusals.SPEC,
        sources.SPEC,
        retention.SPEC,
        forecast.SPEC,
        managers.SPEC,
        handovers.SPEC,
    )
}
