"""What one server process holds: the database, the regulation in force, rendered guides.

The regulation in force is the one last published through the API (kept in the database with
its files, so every server process sharing the database agrees), else the server's folder.
Each version is compiled once per process and looked up by its tag on every request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from engine.guides import Guides, PdfUnavailable
from engine.language.loader import FILE_NAMES, LoadResult, load_files, load_regulation
from engine.service.errors import InvalidInput, problem
from engine.service.workspace import LATEST_PUBLISHED, VERSIONS, Clock, Workspace, system_clock
from engine.store.database import Database

GUIDE_CACHE = 64


@dataclass(frozen=True, slots=True)
class Active:
    ws: Workspace
    source: str
    """``published`` or ``folder``."""


class RegulationRejected(Exception):
    def __init__(self, result: LoadResult) -> None:
        super().__init__("the regulation has errors")
        self.result = result


class ApiState:
    def __init__(self, db: Database, folder: Path, clock: Clock = system_clock) -> None:
        self.db = db
        self.clock = clock
        self.folder = Workspace(load_regulation(folder), db, clock)
        if self.folder.folder_in_force():
            self.folder.ensure_stages_kept()
        self._published: dict[str, Workspace] = {}
        self._guides: dict[str, Guides] = {}
        self._rendered: OrderedDict[tuple[str, ...], bytes] = OrderedDict()
        self._lock = threading.Lock()

    def active(self, conn: Connection | None = None) -> Active:
        """The regulation in force; ``conn``: read it in that transaction."""
        if conn is None:
            with self.db.read() as own:
                return self.active(own)
        tag = conn.execute(LATEST_PUBLISHED).scalar()
        if tag is None:
            return Active(self.folder, "folder")
        if tag == self.folder.tag:
            return Active(self.folder, "published")
        with self._lock:
            ws = self._published.get(tag)
        return Active(ws or self._compile(tag), "published")

    def files(self, ws: Workspace) -> dict[str, str]:
        with self.db.read() as conn:
            stored = conn.execute(select(VERSIONS.c.files).where(VERSIONS.c.tag == ws.tag)).scalar()
        if stored is not None:
            return dict(stored)
        root = ws.regulation.root
        return {
            n: (root / n).read_text(encoding="utf-8") for n in FILE_NAMES.values() if (root / n).is_file()
        }

    def publish(self, files: dict[str, bytes], actor: str) -> Workspace:
        """Check ``files`` and make them the regulation in force; refuse a broken one."""
        result = load_files(files)
        if not result.ok or result.regulation is None:
            raise RegulationRejected(result)
        texts = {name: raw.decode("utf-8") for name, raw in files.items()}
        ws = Workspace(result.regulation, self.db, self.clock, texts)
        with self.db.write() as conn:
            gone = [
                problem("stages.yaml", "error.stage_still_occupied", stage=s, clients=n)
                for s, n in sorted(ws.left_behind(conn).items())
            ]
            if gone:
                raise InvalidInput(gone)
            latest = conn.execute(select(func.max(VERSIONS.c.published_at))).scalar()
            now = self.clock()
            moment = max(now, latest + timedelta(microseconds=1)) if latest is not None else now
            ws.register(conn)
            conn.execute(
                update(VERSIONS)
                .where(VERSIONS.c.tag == ws.tag)
                .values(published_at=moment, published_by=actor)
            )
        with self._lock:
            self._published[ws.tag] = ws
        return ws

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

    def _compile(self, tag: str) -> Workspace:
        with self.db.read() as conn:
            stored = conn.execute(select(VERSIONS.c.files).where(VERSIONS.c.tag == tag)).scalar_one()
        texts = dict(stored)
        result = load_files({n: t.encode("utf-8") for n, t in texts.items()})
        if result.regulation is None or not result.ok:
            raise RegulationRejected(result)  # published versions were checked; a newer engine may disagree
        ws = Workspace(result.regulation, self.db, self.clock, texts)
        with self._lock:
            return self._published.setdefault(tag, ws)

    def close(self) -> None:
        self.db.dispose()


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
