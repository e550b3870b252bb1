"""What one server process holds: the database, the regulation in force, rendered guides.

The regulation in force is the one last published through the API (kept in the database with
its files, so every server process sharing the database agrees), else the server's folder.
Each version is compiled once per process and looked up by its tag on every request.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime
from pathlib import Path

from engine.guides import Guides, PdfUnavailable
from engine.service.regulations import InForce, RegulationRejected, Regulations
from engine.service.workspace import Clock, Workspace, system_clock
from engine.store import Tx
from engine.store.database import Database

GUIDE_CACHE = 64


Active = InForce


class ApiState(Regulations):
    """The regulation versions of the database, and guides rendered once per version."""

    def __init__(self, db: Database, folder: Path, clock: Clock = system_clock) -> None:
        super().__init__(db, folder, clock)
        if self.folder.folder_in_force():
            self.folder.ensure_stages_kept()
        self._guides: dict[str, Guides] = {}
        self._rendered: OrderedDict[tuple[str, ...], bytes] = OrderedDict()

    def active(self, conn: Tx | None = None) -> InForce:
        return self.in_force(conn)

    def guide(self, ws: Workspace, lang: str, fmt: str, stage: str | None) -> bytes:
        """The handbook (or one stage's sheet) rendered once per regulation version."""
        key = (ws.tag, lang, fmt, stage or "")
        with self._lock:
            if key in self._rendered:
                self._rendered.move_to_end(key)
                return self._rendered[key]
            guides = self._guides.setdefault(ws.tag, Guides(ws.regulation))
        data = _render(guides, lang, fmt, stage)
        with self._lock:
            self._rendered[key] = data
            while len(self._rendered) > GUIDE_CACHE:
                self._rendered.popitem(last=False)
        return data


def _render(guides: Guides, lang: str, fmt: str, stage: str | None) -> bytes:
    from engine.guides import to_pdf

    if fmt == "pdf":
        html = guides.sheets(lang, "html", stage)[0].text if stage else guides.handbook(lang, "html")
        return to_pdf(html)
    text = guides.sheets(lang, fmt, stage)[0].text if stage else guides.handbook(lang, fmt)
    return text.encode("utf-8")


def at_or_now(state: ApiState, ws: Workspace, at: datetime | None) -> datetime:
    from engine.runtime.facts import zone

    if at is None:
        return state.clock()
    return at if at.tzinfo else at.replace(tzinfo=zone(ws.regulation.timezone))


__all__ = ["Active", "ApiState", "PdfUnavailable", "RegulationRejected", "at_or_now"]
