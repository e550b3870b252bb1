"""The reports' names, in the order the head's page shows them. ``registry.py`` gives each its
module; a test fails when the two differ. Kept apart so the CLI's help names the reports
without loading a database library."""

from __future__ import annotations

NAMES = ("funnel", "stuck", "refusals", "sources", "retention", "forecast", "managers", "handovers")
