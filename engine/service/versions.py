"""The published versions of a database's regulation: the numbered list of publications, one
of them with its files, and a rollback (publishing an older version's files again)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from engine.service.errors import Conflict, InvalidInput, NotFound, problem
from engine.service.regulations import Regulations
from engine.service.workspace import Workspace
from engine.store import Tx, versions


@dataclass(frozen=True, slots=True)
class Publication:
    """One publication: number ``n``, the version put in force (``tag``: declared version and
    a short digest), the one it replaced, who, when, the note; ``files`` only when asked."""

    n: int
    tag: str
    regulation: str
    version: str
    digest: str
    published_at: datetime
    published_by: str
    note: str | None
    previous: str | None
    rollback_of: int | None
    in_force: bool
    files: dict[str, str] | None = field(default=None)
    forced: list[str] | None = field(default=None)
    """The failing scenarios (``file:line name``) it was published past with the override."""


def _of(row: Any, in_force: str | None, with_files: bool = False) -> Publication:
    return Publication(
        n=int(row.id),
        tag=str(row.tag),
        regulation=str(row.regulation),
        version=str(row.version),
        digest=str(row.digest),
        published_at=row.published_at,
        published_by=str(row.published_by),
        note=row.note,
        previous=row.previous,
        rollback_of=row.rollback_of,
        in_force=False if in_force is None else in_force == row.tag,
        files=dict(row.files) if with_files else None,
        forced=list(row.forced) if row.forced else None,
    )


def listing(conn: Tx, limit: int = 1000) -> list[Publication]:
    """The publications, newest first; the newest is the one in force."""
    rows = versions.publications(conn, limit)
    newest = int(rows[0].id) if rows else None
    return [_of(r, r.tag if r.id == newest else None) for r in rows]


def parse_ref(text: str) -> int | str:
    """A version as people write it: a publication number (``3``, ``#3``, ``v3``) or a tag."""
    bare = text.strip().lstrip("#")
    bare = bare[1:] if bare[:1] in ("v", "V") and bare[1:].isdigit() else bare
    return int(bare) if bare.isdigit() else text.strip()


def one(conn: Tx, ref: int | str) -> Publication:
    """Publication number ``ref``, or the last publication of the version tagged ``ref``, with
    its files; :class:`NotFound` names the numbers that exist."""
    row = versions.publication(conn, ref) if isinstance(ref, int) else versions.publication_of_tag(conn, ref)
    if row is None:
        rows = versions.publications(conn, 1)
        raise NotFound("version_not_found", version=ref, last=int(rows[0].id) if rows else 0)
    newest = versions.publications(conn, 1)[0]
    return _of(row, row.tag if row.id == newest.id else None, with_files=True)


def scenarios_in_force(registry: Regulations) -> dict[str, str]:
    """The scenario files (``tests/…`` → YAML) the publication in force ran; none before any."""
    with registry.db.read() as conn:
        return versions.scenarios_in_force(conn)


def rollback(registry: Regulations, ref: int | str, actor: str, note: str | None = None) -> Workspace:
    """Put publication ``ref``'s version in force again, as a new publication checked like any
    other (a version that drops a stage clients stand on is refused)."""
    with registry.db.read() as conn:
        target = one(conn, ref)
        current = versions.latest_published_tag(conn)
    if target.tag == current:
        raise Conflict("version_already_in_force", version=target.n, tag=target.tag)
    files = {name: text.encode("utf-8") for name, text in (target.files or {}).items()}
    if not files:
        raise InvalidInput([problem("version", "error.version_without_files", version=target.n)])
    return registry.publish(files, actor, note, rollback_of=target.n).ws
