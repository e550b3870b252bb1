"""Importing clients as a synchronisation: matched by code, INN or a declared key; created,
updated field by field, or left as they are; placed at their real stage when the file says so.

The file is read as a stream in batches; everything is applied in one write transaction that
is committed only when no row was refused (or ``--skip-bad`` was given) and it is no dry run.
"""

from __future__ import annotations

from pathlib import Path

from engine.importing.clientrows import ClientReader, ClientRow, find_stage
from engine.importing.clientsync import ClientSync, SyncContext
from engine.importing.errors import MappingError
from engine.importing.mapping import client_targets
from engine.importing.report import ImportReport, Progress, announce
from engine.importing.sales import ReadOptions, open_mapped
from engine.model.card import FieldType
from engine.service.workspace import Workspace
from engine.store import imports

BATCH = 2_000


def import_clients(
    ws: Workspace,
    path: Path,
    options: ReadOptions,
    *,
    actor: str,
    key: str | None = None,
    stage: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    reg = ws.regulation
    if key is not None and reg.card.field(key) is None:
        raise MappingError("bad_key", key=key)
    if stage is not None and find_stage(reg, stage) is None:
        raise MappingError("bad_stage", stage=stage, known=", ".join(reg.funnel.stage_ids()))
    source, columns = open_mapped(path, options, client_targets(reg))
    index = columns.index()
    inn_field = reg.card.first_of(FieldType.INN)
    inn = inn_field.id if inn_field else None
    if not any(t in index for t in ("external_id", inn, key) if t):
        raise MappingError("no_key_column")
    report = ImportReport(
        "clients", path.name, options.skip_bad, options.dry_run, source.layout, columns.columns
    )
    reader = ClientReader(reg, columns, report, key=key, stage=stage)
    header = {target: columns.header(target) for target in index}
    with imports.session(ws.db) as conn:
        with imports.reading(conn):
            imports.map_keys(conn, [f for f in (inn, key) if f and f in index])
        transaction = (
            imports.reading(conn) if options.dry_run else imports.writing(conn, lambda: report.written)
        )
        with transaction:
            sync = ClientSync(
                SyncContext(ws, conn, report, header, actor, inn, key), write=not options.dry_run
            )
            batch: list[ClientRow] = []
            for raw in source.rows():
                batch.append(reader.parse(raw))
                if len(batch) >= BATCH:
                    sync.batch(batch)
                    batch = []
                    if progress:
                        progress(source.done(), "write")
            sync.batch(batch)
            if report.written:
                announce(conn, ws, report, actor)
    if progress:
        progress(1.0, "done")
    return report


__all__ = ["import_clients"]
