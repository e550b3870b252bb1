"""Segmentation refuses nonsense: a moment far after the last sale, or a window with no sales.

Either would classify nobody and clear every stored class (a year typed wrong in ``--at``
wipes the base's ABC-XYZ). ``force`` runs it anyway, knowingly.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from engine.model.segments import Segments
from engine.segmentation.periods import period_of, period_start
from engine.service.errors import ServiceError
from engine.service.workspace import Workspace
from engine.store import sales


class SegmentationRefused(ServiceError):
    """The run would classify nothing sensible; nothing was changed."""

    kind = "segmentation-refused"


def window(seg: Segments, local_day: date) -> tuple[int, int]:
    """The first and last period of the window ending at ``local_day``."""
    last = period_of(seg.step, local_day)
    return last - seg.period + 1, last


def check(ws: Workspace, seg: Segments, moment: datetime, local_day: date, *, force: bool) -> None:
    if force:
        return
    first, last = window(seg, local_day)
    with ws.db.read() as conn:
        newest = sales.last_day(conn)
        in_window = sales.count_period(
            conn, period_start(seg.step, first), period_start(seg.step, last + 1) - timedelta(days=1)
        )
    at = local_day.strftime("%d.%m.%Y")
    if newest is None:
        raise SegmentationRefused("segment_no_sales")
    if period_of(seg.step, local_day) > period_of(seg.step, newest) + 1:
        raise SegmentationRefused(
            "segment_after_sales", at=at, last=newest.strftime("%d.%m.%Y"), step=seg.step
        )
    if in_window == 0:
        start = period_start(seg.step, first).strftime("%d.%m.%Y")
        raise SegmentationRefused("segment_empty_window", at=at, first=start)
