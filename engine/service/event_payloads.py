"""What the events about no single client carry: one record per type, documented field by field
(docs/EVENTS.md). A client event carries its history kind's record (``history_kinds``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SegmentationCompleted:
    """A segmentation run finished (the summary of the run's segment.changed events)."""

    first_period: int | None = None
    last_period: int | None = None
    classified: int | None = None
    changed: int | None = None
    cleared: int | None = None


@dataclass(frozen=True, slots=True)
class ImportCompleted:
    """An import of clients or sales was committed."""

    kind: str | None = None
    """clients or sales."""
    file: str | None = None
    rows: int | None = None
    counts: dict[str, int] | None = None
    skipped_rows: int | None = None


@dataclass(frozen=True, slots=True)
class RegulationPublished:
    """A regulation version was put in force."""

    tag: str | None = None
    regulation: str | None = None
    version: str | None = None
