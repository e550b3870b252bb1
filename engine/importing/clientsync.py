"""Synchronising client rows with the base: match, then create, update field by field, or leave.

A row is matched by the client's code, then by its normalised INN, then by a declared key
(``--key``). A row that matches nobody creates a client at its stage (the entry stage unless
a column or ``--stage`` says otherwise), checked by the runtime's placement rules. A row that
matches updates what differs and records it in the client's history as an import of the file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from engine import i18n
from engine.importing.clientrows import ClientRow
from engine.importing.clientwrite import Change, write_new, write_update
from engine.importing.report import ImportReport, RowError
from engine.model.labels import Thing, label
from engine.runtime.placement import Placement
from engine.service import cards
from engine.service.workspace import Workspace
from engine.store import Tx as Connection
from engine.store import clients as store
from engine.store import imports
from engine.values.client import ClientState


@dataclass(frozen=True, slots=True)
class SyncContext:
    ws: Workspace
    conn: Connection
    report: ImportReport
    header: Mapping[str, str]
    actor: str
    inn: str | None
    key: str | None


class ClientSync:
    def __init__(self, ctx: SyncContext, *, write: bool) -> None:
        self.ctx, self.report = ctx, ctx.report
        self.placement = Placement(ctx.ws.regulation)
        self.owners = imports.managers(ctx.conn)
        self.write = write
        self.at = ctx.ws.now()
        self.assigned = 0
        """New clients given an owner by the ownership rules."""
        self.seen: dict[tuple[str, str], int] = {}
        self.touched: dict[int, int] = {}
        reg = ctx.ws.regulation
        self.name_field = next((f.id for f in reg.card.fields if f.required and f.type.value == "text"), "")

    def batch(self, rows: Sequence[ClientRow]) -> None:
        conn, ctx = self.ctx.conn, self.ctx
        codes = imports.by_code(conn, {r.code for r in rows if r.code})
        inns = imports.by_key(conn, ctx.inn, {r.inn for r in rows if r.inn}) if ctx.inn else {}
        keys = imports.by_key(conn, ctx.key, {r.key for r in rows if r.key}) if ctx.key else {}
        ids = {
            *codes.values(),
            *(i for v in inns.values() for i in v),
            *(i for v in keys.values() for i in v),
        }
        known = store.load_many(conn, sorted(ids), lock=self.write) if ids else {}
        new: list[ClientRow] = []
        for row in rows:
            self.report.rows += 1
            client = self._match(row, codes, inns, keys, known) if not row.errors else None
            self._duplicates(row, client)
            if not row.errors:
                if client is None:
                    self._check_new(row)
                    new.append(row)
                else:
                    self._update(row, client)
            self._settle(row)
        self._create([r for r in new if not r.errors])

    def _settle(self, row: ClientRow) -> None:
        for error in row.errors:
            self.report.refuse(error)
        if row.errors and not self.report.skip_bad:
            self.write = False  # the transaction is rolled back: stop writing, keep checking

    def _match(
        self,
        row: ClientRow,
        codes: Mapping[str, int],
        inns: Mapping[str, list[int]],
        keys: Mapping[str, list[int]],
        known: Mapping[int, ClientState],
    ) -> ClientState | None:
        by_code = codes.get(row.code) if row.code else None
        for target, value, found in (("inn", row.inn, inns), ("key", row.key, keys)):
            others = found.get(value, []) if value else []
            column = self.ctx.header.get((self.ctx.inn if target == "inn" else self.ctx.key) or "", "")
            if by_code is not None and others and by_code not in others:
                row.refuse(column, value, "import.two_clients", a=by_code, b=others[0])
                return None
            if by_code is None and len(others) > 1:
                row.refuse(
                    column,
                    value,
                    "import.inn_twice_in_base",
                    inn=value,
                    ids=", ".join(f"#{i}" for i in others),
                )
                return None
            if by_code is None and others:
                by_code = others[0]
                stored = known[by_code].external_id
                if row.code and stored and stored != row.code:
                    row.refuse(
                        self.ctx.header["external_id"],
                        row.code,
                        "import.code_taken",
                        client=by_code,
                        old=stored,
                        code=row.code,
                    )
                    return None
        return known.get(by_code) if by_code is not None else None

    def _duplicates(self, row: ClientRow, client: ClientState | None) -> None:
        marks = [
            (t, v)
            for t, v in (("external_id", row.code), (self.ctx.inn, row.inn), (self.ctx.key, row.key))
            if t and v
        ]
        for target, value in marks:
            first = self.seen.get((target, value))
            if first is not None:
                what = f"{self.ctx.header.get(target, target)}: {value}"
                row.refuse(
                    self.ctx.header.get(target, target),
                    value,
                    "import.duplicate_in_file",
                    first=first,
                    what=what,
                )
                return
        if client is not None and client.id in self.touched:
            what = f"#{client.id}"
            row.refuse("", "", "import.duplicate_in_file", first=self.touched[client.id], what=what)
            return
        for mark in marks:
            self.seen.setdefault(mark, row.number)
        if client is not None:
            self.touched[client.id] = row.number

    def _placement(self, row: ClientRow, stage: str, card: Mapping[str, Any]) -> None:
        reg = self.ctx.ws.regulation
        for refusal in self.placement.unmet(stage, card):
            column = self.ctx.header.get(refusal.field or "", refusal.field or "")
            messages = {
                lang: i18n.tr(
                    "import.placed",
                    lang,
                    stage=label(reg, Thing.STAGE, stage, lang),
                    reason=f"{refusal.message(lang)} [{refusal.clause}]",
                )
                for lang in i18n.LANGUAGES
            }
            row.errors.append(RowError(row.number, column, "", messages))

    def _check_new(self, row: ClientRow) -> None:
        if not (row.code or row.inn or row.key):  # the next import could not find it again
            column = self.ctx.header.get("external_id") or self.ctx.header.get(self.ctx.inn or "", "")
            row.refuse(column, "", "import.no_client_ref")
        stage = row.stage or self.ctx.ws.regulation.funnel.entry
        self._placement(row, stage, row.card)
        if row.owner is not None and row.owner not in self.owners:
            row.refuse(self.ctx.header["owner"], row.owner, "error.unknown_manager", login=row.owner)

    def _update(self, row: ClientRow, client: ClientState) -> None:
        stage = row.stage or client.stage
        card = cards.merged(client.card, row.card)
        if stage != client.stage:
            self._placement(row, stage, card)
        owner = self.owners.get(row.owner) if row.owner else None
        if row.owner is not None and owner is None:
            row.refuse(self.ctx.header["owner"], row.owner, "error.unknown_manager", login=row.owner)
        if row.errors:
            return
        change = Change.of(client, row, card, stage, owner)
        if change.empty:
            self.report.count("unchanged")
            return
        self.report.count("updated")
        if self.write:
            write_update(self, client, change, row.number)

    def _create(self, rows: Sequence[ClientRow]) -> None:
        if rows:
            self.report.count("created", len(rows))
        if self.write and rows:
            write_new(self, rows)
