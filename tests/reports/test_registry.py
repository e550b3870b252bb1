"""The one list of reports: every report has each of its parts, everywhere it is used."""

from __future__ import annotations

import typing
from datetime import UTC, datetime

import pytest

from engine import i18n
from engine.api.routes.reports import Name
from engine.model.regulation import Regulation
from engine.reports.names import NAMES
from engine.reports.period import filters
from engine.reports.registry import REPORTS
from engine.reports.runner import run
from engine.service.workspace import Workspace

PARTS = ("title",)


def test_the_registry_has_every_name_in_order() -> None:
    assert tuple(REPORTS) == NAMES


def test_the_api_names_every_report() -> None:
    assert set(typing.get_args(Name)) == set(NAMES)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_report_has_its_texts(name: str, lang: str) -> None:
    spec = REPORTS[name]
    assert spec.name == name
    assert spec.chart in ("bars", "heatmap")
    assert spec.tables, f"{name} declares no tables"
    for key in ("title", "chart", *spec.tables):
        assert i18n.has(f"report.{name}.{key}", lang), f"report.{name}.{key} has no {lang} text"


@pytest.mark.parametrize("name", NAMES)
def test_every_report_runs_on_an_empty_base_and_says_every_column(
    name: str, ws: Workspace, regulation: Regulation
) -> None:
    chosen = filters(datetime(2026, 11, 30, 9, tzinfo=UTC), regulation.timezone, last="4w")
    result = run(ws.db, regulation, name, chosen)
    assert tuple(t.key for t in result.tables) == REPORTS[name].tables
    for table in result.tables:
        for column in table.columns:
            for lang in i18n.LANGUAGES:
                assert i18n.has(f"report.col.{column}", lang), f"report.col.{column} has no {lang} text"
