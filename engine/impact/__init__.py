"""What a new regulation would do to the live base, without writing: clients on stages it drops
or renames, clients lacking what their stage now requires, moves that disappear, each manager's
call list (top 20) and each cell's planned contacts and compliance, before and after.

The database aggregates; the call lists and compliance are the queue's and the segmentation's
own column computations, run once with each regulation (no per-client objects)."""

from __future__ import annotations

from engine.impact.measure import measure
from engine.impact.records import CallChange, CellChange, Impact, Lacking, LostMove, StageShift

__all__ = ["CallChange", "CellChange", "Impact", "Lacking", "LostMove", "StageShift", "measure"]
