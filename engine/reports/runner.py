"""Computing reports: one report, or every report of the registry, in one read transaction."""

from __future__ import annotations

from dataclasses import replace

from engine.model.regulation import Regulation
from engine.reports.registry import REPORTS
from engine.reports.spec import Filters, ReportSpec, Result
from engine.store.database import Database
from engine.store.reports import for_reports


class UnknownReport(LookupError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def spec(name: str) -> ReportSpec:
    found = REPORTS.get(name)
    if found is None:
        raise UnknownReport(name)
    return found


def run(db: Database, regulation: Regulation, name: str, filters: Filters) -> Result:
    """One report, read in one transaction (a consistent snapshot on PostgreSQL)."""
    report = spec(name)
    with db.read() as conn:
        for_reports(conn)
        return replace(report.compute(conn, regulation, filters), currency=regulation.currency)


def run_all(db: Database, regulation: Regulation, filters: Filters) -> list[Result]:
    with db.read() as conn:
        for_reports(conn)
        return [
            replace(report.compute(conn, regulation, filters), currency=regulation.currency)
            for report in REPORTS.values()
        ]
