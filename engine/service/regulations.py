"""Which regulation rules a database, and publishing a new one.

The regulation in force is the version published last (kept in the database with its files, so
every process sharing the database — CLI, API workers — agrees); before anything is published,
the folder's regulation rules. Each version is compiled once per process and looked up by tag.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from engine import i18n
from engine.language.loader import FILE_NAMES, LoadResult, load_files, load_regulation
from engine.model.regulation import Regulation
from engine.resources import bundled_regulations
from engine.service import events, migration
from engine.service.errors import InvalidInput, ServiceError
from engine.service.publishing import Gate, Published, gate_check, stage_aliases
from engine.service.workspace import Clock, Workspace, system_clock
from engine.store import Tx, versions
from engine.store.database import Database
from engine.store.ownership import active_roles


class RegulationRejected(Exception):
    """A regulation with errors: nothing was published; ``result`` holds its diagnostics."""

    def __init__(self, result: LoadResult) -> None:
        super().__init__("the regulation has errors")
        self.result = result


@dataclass(frozen=True, slots=True)
class InForce:
    ws: Workspace
    source: str
    """``published`` (the version published last), ``folder`` (nothing published yet) or
    ``draft`` (a folder run on purpose instead of the published version)."""
    published: str | None = None
    """The tag of the published version a draft stands in for."""


class Regulations:
    """The regulation versions of one database, compiled once per process."""

    def __init__(self, db: Database, folder: Path | Workspace, clock: Clock = system_clock) -> None:
        self.db = db
        self.clock = clock
        self.folder = (
            folder if isinstance(folder, Workspace) else Workspace(load_regulation(folder), db, clock)
        )
        self._compiled: dict[str, Workspace] = {}
        self._lock = threading.Lock()

    def in_force(self, conn: Tx | None = None) -> InForce:
        """The regulation in force; ``conn``: read it in that transaction."""
        if conn is None:
            with self.db.read() as own:
                return self.in_force(own)
        tag = versions.latest_published_tag(conn)
        if tag is None:
            return InForce(self.folder, "folder")
        if tag == self.folder.tag:
            return InForce(self.folder, "published")
        with self._lock:
            ws = self._compiled.get(tag)
        return InForce(ws or self.compile(tag), "published")

    def files(self, ws: Workspace) -> dict[str, str]:
        """The YAML texts of a version: as stored with it, else as in its folder."""
        with self.db.read() as conn:
            stored = versions.files_of(conn, ws.tag)
        return stored if stored is not None else folder_texts(ws.regulation.root)

    def compile(self, tag: str) -> Workspace:
        with self.db.read() as conn:
            texts = versions.files_of(conn, tag) or {}
        result = load_files({n: t.encode("utf-8") for n, t in texts.items()})
        if result.regulation is None or not result.ok:
            raise RegulationRejected(result)  # published versions were checked; a newer engine may disagree
        ws = Workspace(result.regulation, self.db, self.clock, texts)
        with self._lock:
            return self._compiled.setdefault(tag, ws)

    def publish(
        self,
        files: dict[str, bytes],
        actor: str,
        note: str | None = None,
        rollback_of: int | None = None,
        *,
        gate: Gate | None = None,
        force: bool = False,
        scenarios: Mapping[str, str] | None = None,
    ) -> Published:
        """Check ``files`` and make them the regulation in force, in one transaction that also
        checks no client stands on a stage they drop and numbers the publication (with ``note``;
        ``rollback_of``: the earlier publication whose files these are); refuse a regulation
        with errors, or whose scenarios (``gate``, run over the files ``scenarios`` kept with the
        publication) fail unless ``force`` (then recorded). The version in force already is
        answered as it is, with nothing written."""
        result = load_files(files)
        if not result.ok or result.regulation is None:
            raise RegulationRejected(result)
        texts = {name: raw.decode("utf-8") for name, raw in files.items()}
        ws = Workspace(result.regulation, self.db, self.clock, texts)
        with self.db.read() as conn:  # the version in force already: nothing to run or write
            if versions.latest_published_tag(conn) == ws.tag:
                return Published(self._known(ws), _current_number(conn), unchanged=True)
        forced = gate_check(ws.regulation, gate, force)
        with self.db.write() as conn:
            versions.lock_for_publish(conn)
            previous = versions.latest_published_tag(conn)
            if previous == ws.tag:  # published meanwhile by another process
                return Published(self._known(ws), _current_number(conn), unchanged=True)
            latest = versions.last_publication(conn)
            now = self.clock()
            moment = max(now, latest + timedelta(microseconds=1)) if latest is not None else now
            self._put_in_force(conn, ws, previous, moment, actor)
            number = versions.add_publication(
                conn,
                {
                    "tag": ws.tag,
                    "previous": previous,
                    "published_at": moment,
                    "published_by": actor,
                    "note": note or None,
                    "rollback_of": rollback_of,
                    "forced": list(forced) or None,
                    "scenarios": dict(scenarios or {}) or None,
                },
            )
            events.emit(
                conn,
                "regulation.published",
                moment,
                actor,
                ws.tag,
                {"tag": ws.tag, "regulation": ws.regulation.id, "version": ws.regulation.version},
            )
        with self._lock:
            self._compiled[ws.tag] = ws
        return Published(ws, number, forced=forced)

    def _known(self, ws: Workspace) -> Workspace:
        """The workspace this process already holds for ``ws``'s version, else ``ws``."""
        if ws.tag == self.folder.tag:
            return self.folder
        with self._lock:
            return self._compiled.setdefault(ws.tag, ws)

    def _put_in_force(
        self, conn: Tx, ws: Workspace, previous: str | None, moment: datetime, actor: str
    ) -> None:
        """Carry the clients over by the maps, refuse stranding any, record the version and its
        stage aliases, and put it in force."""
        migration.apply(conn, ws.regulation, moment, actor, previous, ws.tag)
        prior = self._before(previous)
        migration.undo(conn, ws.regulation, prior, moment, actor, previous, ws.tag)
        gone = ws.left_behind(conn)
        if gone:
            raise InvalidInput(migration.stranded(gone, ws.regulation, prior))
        step = migration.stage_step(ws.regulation, prior)
        aliases = stage_aliases(versions.stage_aliases(conn), step, ws.regulation.funnel.stage_ids())
        versions.set_stage_aliases(conn, aliases)
        ws.record(conn)
        versions.set_in_force(conn, ws.tag, moment, actor)
        ws.warnings = unstaffed_roles(ws, conn)

    def _before(self, tag: str | None) -> Regulation | None:
        """The regulation in force before a publish (to guess the map line a publish lacks)."""
        if tag is None:
            return self.folder.regulation
        try:
            return self.folder.regulation if tag == self.folder.tag else self.compile(tag).regulation
        except RegulationRejected:
            return None

    def close(self) -> None:
        self.db.dispose()


class PublishedInForce(ServiceError):
    """A folder was given on a database that runs a published regulation."""

    kind = "published-in-force"
    exit_code = 2


def for_command(
    db: Database, folder: Path | None, draft: bool, clock: Clock = system_clock, *, check_stages: bool = True
) -> InForce:
    """The regulation a command runs on ``db``: the published one; the ``folder`` (or the
    bundled one) when nothing is published; a folder instead of the published one only as a
    ``draft``. A folder or draft that dropped a stage clients stand on is refused."""
    with db.read() as conn:
        published = versions.latest_published(conn)
    ws = Workspace(load_regulation(folder or bundled_regulations()), db, clock, draft=draft)
    if published is not None and not draft:
        if folder is not None and ws.tag != published.tag:
            raise PublishedInForce(
                "published_in_force", folder=folder, tag=published.tag, by=published.published_by or "—"
            )
        return InForce(ws, "published") if ws.tag == published.tag else Regulations(db, ws, clock).in_force()
    if check_stages:
        ws.ensure_stages_kept()
    if draft and published is not None:
        return InForce(ws, "draft", published.tag)
    return InForce(ws, "folder")


def unstaffed_roles(ws: Workspace, conn: Tx) -> list[i18n.Message]:
    """Roles the ownership rules give clients to that have no active manager in the base."""
    reg = ws.regulation
    rules: dict[str, list[i18n.Localized]] = {}
    for stage in reg.funnel.stages:
        if stage.owner_role:
            rules.setdefault(stage.owner_role, []).append(
                i18n.Message.of("shown.rule.stage", stage=stage.label)
            )
    for cell, policy in reg.segments.cells.items() if reg.segments else ():
        if policy.owner_role:
            said = i18n.Message.of("shown.rule.cell", cell=cell, label=policy.label)
            rules.setdefault(policy.owner_role, []).append(said)
    staffed = active_roles(conn)
    return [
        i18n.Message.of(
            "ownership.no_managers", role=role, label=named.label, rules=i18n.Joined(tuple(found))
        )
        for role, found in sorted(rules.items())
        if role not in staffed and (named := reg.role(role)) is not None and named.owns_clients
    ]


def _current_number(conn: Tx) -> int:
    rows = versions.publications(conn, 1)
    return int(rows[0].id) if rows else 0


def folder_texts(root: Path) -> dict[str, str]:
    return {n: (root / n).read_text(encoding="utf-8") for n in FILE_NAMES.values() if (root / n).is_file()}


def folder_files(root: Path) -> dict[str, bytes]:
    return {n: (root / n).read_bytes() for n in FILE_NAMES.values() if (root / n).is_file()}
