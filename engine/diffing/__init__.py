"""The difference between two regulations, by concept and in words: what a head changed (stages,
required fields, moves and their conditions, SLAs, cell policies, the call order), each change
with the clause on both sides. Formatting and comments make no difference: the typed models are
compared, not the files."""

from __future__ import annotations

from engine.diffing.changes import Change
from engine.diffing.compare import compare

__all__ = ["Change", "compare"]
