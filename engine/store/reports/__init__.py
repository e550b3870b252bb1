"""The reports' statements: every figure of ``engine/reports`` is aggregated here, in SQL.

Each function takes a transaction, a :class:`Scope` (the period and the filters) and the few
facts of the regulation it needs as plain values (stage orders, probabilities, SLAs), and
returns grouped rows or columns read in bulk — never clients as objects.
"""

from __future__ import annotations

from engine.store.reports.common import Renamed, Scope, for_reports
from engine.store.reports.flow import cohort_reach, entries_by_owner, owners, stage_durations, stage_flow
from engine.store.reports.people import activity, cells_by_owner, compliance, manager_results
from engine.store.reports.pipeline import pipeline, pipeline_at, stuck_by_stage, stuck_list
from engine.store.reports.refusals import refusal_groups
from engine.store.reports.sales import first_purchases, source_figures, won_by_month

__all__ = [
    "Renamed",
    "Scope",
    "activity",
    "cells_by_owner",
    "cohort_reach",
    "compliance",
    "entries_by_owner",
    "first_purchases",
    "for_reports",
    "manager_results",
    "owners",
    "pipeline",
    "pipeline_at",
    "refusal_groups",
    "source_figures",
    "stage_durations",
    "stage_flow",
    "stuck_by_stage",
    "stuck_list",
    "won_by_month",
]
