"""A workspace: one regulation version, its compiled machine, a database and a clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from engine import i18n
from engine.language.loader import FILE_NAMES, load_regulation
from engine.model.regulation import Regulation
from engine.resources import bundled_regulations
from engine.runtime.facts import Runtime
from engine.runtime.machine import FunnelMachine
from engine.service import events
from engine.service.errors import RegulationChanged, StagesLeftBehind
from engine.store import Tx, migrate, versions
from engine.store.clients import clients_on, stages_in_use
from engine.store.database import Database

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


class Workspace:
    def __init__(
        self,
        regulation: Regulation,
        db: Database,
        clock: Clock = system_clock,
        files: dict[str, str] | None = None,
        *,
        draft: bool = False,
    ) -> None:
        """``files``: the regulation's texts when they do not come from its folder (published
        versions); recorded with the version the first time it writes. A folder's regulation
        may write while nothing is published; a ``draft`` writes whatever is published."""
        self.regulation = regulation
        self.files = files
        self.draft = draft
        self.runtime = Runtime(regulation)
        self.machine = FunnelMachine(self.runtime)
        self.db = db
        self.clock = clock
        self._registered = False
        self.warnings: list[i18n.Message] = []
        """What publishing found the base lacks for this regulation (roles without managers)."""
        events.install()

    @classmethod
    def open(
        cls, db_url: str | None = None, regulations: Path | None = None, clock: Clock = system_clock
    ) -> Workspace:
        """Load and check the regulation, open the database, create its schema if it is new."""
        regulation = load_regulation(regulations or bundled_regulations())
        db = Database(db_url)
        migrate.ensure_ready(db)
        return cls(regulation, db, clock)

    def left_behind(self, conn: Tx) -> dict[str, int]:
        """Stages clients stand on that this regulation does not have, with their client counts."""
        known = set(self.regulation.funnel.stage_ids())
        gone = [stage for stage in stages_in_use(conn) if stage not in known]
        return clients_on(conn, gone) if gone else {}

    def folder_in_force(self) -> bool:
        """Whether nothing was ever published, so the folder's regulation rules."""
        with self.db.read() as conn:
            return versions.latest_published_tag(conn) is None

    def ensure_stages_kept(self) -> None:
        """Refuse to run a regulation that dropped (or renamed) a stage some client stands on."""
        with self.db.read() as conn:
            gone = self.left_behind(conn)
        if gone:
            stages = ", ".join(f"'{stage}' ({n})" for stage, n in sorted(gone.items()))
            raise StagesLeftBehind(
                "stages_left_behind", file=self.regulation.root / "stages.yaml", stages=stages
            )

    def now(self) -> datetime:
        return self.clock()

    @property
    def tag(self) -> str:
        return self.regulation.version_tag

    def register(self, conn: Tx) -> None:
        """Start a write under this regulation: check, under the lock that publishing takes, that
        it is still the one in force (else :class:`RegulationChanged`, nothing is written), and
        record the version in the transaction of its first write."""
        in_force = versions.in_force_for_write(conn)
        if not self.draft and in_force != self.tag and not (in_force is None and self.files is None):
            raise RegulationChanged("regulation_changed", tag=self.tag, now=in_force or "—")
        self.record(conn)

    def record(self, conn: Tx) -> None:
        """Record this regulation version (with its files) in the transaction of its first write.

        Several server processes may do so at once: the insert yields to a row already there.
        The version counts as recorded once a later transaction sees the row committed (the
        first one may still roll back)."""
        if self._registered:
            return
        if versions.known(conn, self.tag):
            self._registered = True
            return
        root = self.regulation.root
        files = self.files or {
            n: (root / n).read_text(encoding="utf-8") for n in FILE_NAMES.values() if (root / n).is_file()
        }
        versions.record(
            conn,
            {
                "regulation": self.regulation.id,
                "version": self.regulation.version,
                "tag": self.tag,
                "digest": self.regulation.digest,
                "loaded_at": self.now(),
                "files": files,
            },
        )

    def close(self) -> None:
        self.db.dispose()
