"""Importing clients: each row is checked like a client created by hand."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import insert, select

from engine import i18n
from engine.importing.errors import MappingError
from engine.importing.mapping import client_targets, resolve
from engine.importing.readers import iter_cells, read_table
from engine.importing.report import ImportReport, Progress, RowError, row_error
from engine.service import cards
from engine.service.clients import potential_of
from engine.service.workspace import Workspace
from engine.store import history
from engine.store.tables import CLIENT, MANAGER, TASK
from engine.values.card import BadValue, parse_date
from engine.values.client import ClientState, NextStep

CHUNK = 2_000


def import_clients(
    ws: Workspace,
    path: Path,
    *,
    mapping: Mapping[str, str],
    actor: str,
    skip_bad: bool = False,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    table = read_table(path, encoding=encoding, delimiter=delimiter, sheet=sheet)
    columns = resolve(table.header, mapping, client_targets(ws.regulation))
    required = [f.id for f in ws.regulation.card.fields if f.required]
    absent = [f for f in required if f not in columns]
    if absent:
        raise MappingError("no_required_columns", fields=", ".join(absent), first=absent[0])
    report = ImportReport(
        "clients", len(table.rows), skip_bad=skip_bad, encoding=table.encoding, delimiter=table.delimiter
    )
    header = {target: table.header[i] for target, i in columns.items()}
    with ws.db.read() as conn:
        owners = {r.login: r.id for r in conn.execute(select(MANAGER.c.login, MANAGER.c.id))}
    good: list[dict[str, Any]] = []
    seen: set[str] = set()
    for done, (number, cells) in enumerate(iter_cells(table, columns), start=1):
        row, errors = _row(ws, number, cells, header, owners, seen)
        report.errors.extend(errors)
        if row is not None and not errors:
            good.append(row)
        if progress and done % 500 == 0:
            progress(done, len(table.rows))
    _existing_ids(ws, good, header, report)
    if report.errors and not skip_bad:
        return report
    bad = {e.row for e in report.errors}
    _write(ws, [r for r in good if r["row"] not in bad], actor, report, progress)
    return report


def _row(
    ws: Workspace,
    number: int,
    cells: dict[str, Any],
    header: Mapping[str, str],
    owners: Mapping[str, int],
    seen: set[str],
) -> tuple[dict[str, Any] | None, list[RowError]]:
    reg = ws.regulation
    errors: list[RowError] = []
    extra = {
        k: cells.pop(k)
        for k in list(cells)
        if k in ("external_id", "owner", "timezone", "stage", "next_action", "next_due", "next_time")
    }
    zone = str(extra.get("timezone") or reg.timezone).strip()
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        errors.append(row_error(number, header["timezone"], zone, "error.bad_timezone", zone=zone))
        zone = reg.timezone
    values, problems = cards.parse_card(reg, {k: _cell(v) for k, v in cells.items()}, zone)
    errors += [
        RowError(number, header.get(p.field, p.field), _shown(cells.get(p.field)), p.messages)
        for p in problems
    ]
    stage_id = str(extra.get("stage") or reg.funnel.entry).strip()
    stage = reg.funnel.stage(stage_id) or next(
        (s for s in reg.funnel.stages if stage_id.lower() in {x.lower() for _, x in s.label.values}), None
    )
    if stage is None:
        errors.append(
            row_error(
                number,
                header.get("stage", "stage"),
                stage_id,
                "import.unknown_stage",
                known=", ".join(reg.funnel.stage_ids()),
            )
        )
    else:
        unparsed = {p.field for p in problems}
        needed = [
            f
            for f in [f.id for f in reg.card.fields if f.required] + list(stage.required_fields)
            if f not in unparsed
        ]
        for p in cards.missing(
            reg,
            values,
            dict.fromkeys(needed),
            {lang: i18n.tr("why.stage", lang, stage=stage.label.get(lang)) for lang in i18n.LANGUAGES},
        ):
            errors.append(RowError(number, header.get(p.field, p.field), "", p.messages))
    owner = _cell(extra.get("owner"))
    if owner is not None and owner not in owners:
        errors.append(row_error(number, header["owner"], owner, "error.unknown_manager", login=owner))
    raw_external = _cell(extra.get("external_id"))
    external = None if raw_external is None else str(raw_external)
    if external is not None:
        if external in seen:
            errors.append(
                row_error(number, header["external_id"], external, "import.duplicate_id", id=external)
            )
        seen.add(external)
    step, trouble = _next_step(extra)
    if trouble:
        errors.append(row_error(number, header.get("next_due", "next_due"), extra.get("next_due"), trouble))
    if errors or stage is None:
        return None, errors
    name_field = required_text(ws)
    return {
        "row": number,
        "card": values,
        "zone": zone,
        "stage": stage.id,
        "owner": owners.get(owner or ""),
        "external_id": external,
        "next_step": step,
        "name": str(values.get(name_field, external or "")),
    }, []


def required_text(ws: Workspace) -> str:
    return next((f.id for f in ws.regulation.card.fields if f.required and f.type.value == "text"), "")


def _next_step(extra: Mapping[str, Any]) -> tuple[NextStep | None, str]:
    action, due = _cell(extra.get("next_action")), extra.get("next_due")
    if due in (None, ""):
        return None, ""
    try:
        day = parse_date(due)
    except BadValue:
        return None, "import.bad_due"
    moment = None
    if extra.get("next_time") not in (None, ""):
        try:
            moment = datetime.strptime(str(extra["next_time"]).strip()[:5], "%H:%M").time()
        except ValueError:
            return None, "import.bad_due"
    return NextStep(action or i18n.tr("import.default_action", "ru"), day, moment), ""


def _existing_ids(
    ws: Workspace, rows: list[dict[str, Any]], header: Mapping[str, str], report: ImportReport
) -> None:
    ids = [r["external_id"] for r in rows if r["external_id"] is not None]
    taken: set[str] = set()
    with ws.db.read() as conn:
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            taken |= {
                v
                for (v,) in conn.execute(select(CLIENT.c.external_id).where(CLIENT.c.external_id.in_(chunk)))
            }
    for r in rows:
        if r["external_id"] in taken:
            report.errors.append(
                row_error(
                    r["row"], header["external_id"], r["external_id"], "import.exists", id=r["external_id"]
                )
            )


def _write(
    ws: Workspace, rows: list[dict[str, Any]], actor: str, report: ImportReport, progress: Progress | None
) -> None:
    """Everything in one transaction: a file is imported whole or not at all."""
    at = ws.now()
    with ws.db.write() as conn:
        ws.register(conn)
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            values = []
            for r in chunk:
                probe = ClientState(0, r["name"], r["stage"], at, at, r["zone"], r["card"])
                step = r["next_step"]
                values.append(
                    {
                        "external_id": r["external_id"],
                        "name": r["name"],
                        "stage": r["stage"],
                        "stage_since": at,
                        "owner_id": r["owner"],
                        "card": r["card"],
                        "potential": potential_of(ws, probe, r["card"], at),
                        "timezone": r["zone"],
                        "created_at": at,
                        "updated_at": at,
                        "version": 1,
                        "contacts_count": 0,
                        "next_action": step.action if step else None,
                        "next_due_date": step.due_date if step else None,
                        "next_due_time": step.due_time if step else None,
                    }
                )
            ids = (
                conn.execute(insert(CLIENT).returning(CLIENT.c.id, sort_by_parameter_order=True), values)
                .scalars()
                .all()
            )
            tasks = [
                {
                    "client_id": i,
                    "kind": "next_step",
                    "action": r["next_step"].action,
                    "due_date": r["next_step"].due_date,
                    "due_time": r["next_step"].due_time,
                    "status": "open",
                    "created_at": at,
                    "created_by": actor,
                }
                for i, r in zip(ids, chunk, strict=True)
                if r["next_step"] is not None
            ]
            if tasks:
                conn.execute(insert(TASK), tasks)
            history.append(
                conn,
                [
                    history.entry(
                        i,
                        at,
                        actor,
                        "imported",
                        ws.tag,
                        to_stage=r["stage"],
                        data={"card": r["card"], "row": r["row"]},
                    )
                    for i, r in zip(ids, chunk, strict=True)
                ],
            )
            report.imported += len(chunk)
            if progress:
                progress(report.imported, len(rows))


def _cell(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)  # spreadsheets keep codes like 10001 as 10001.0
    return value.strip() if isinstance(value, str) else value


def _shown(value: Any) -> str:
    return "" if value is None else str(value)


__all__ = ["import_clients"]
