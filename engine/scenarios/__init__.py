"""Scenario tests a head writes beside the regulation (``tests/*.yaml``): given a client, when a
trigger or the call list, expect a move, a refusal with its reasons, or a bucket. They run in
memory on the regulation's own machine and facts, and say which stages, transitions, buckets
and cells no scenario exercises."""

from __future__ import annotations

from engine.scenarios.reading import read_folder
from engine.scenarios.run import Coverage, Outcome, Report, run_all

__all__ = ["Coverage", "Outcome", "Report", "read_folder", "run_all"]
