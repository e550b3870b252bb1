"""Sales lines: their identity, a staging table for imports, and the statements around it.

A line's identity is its client plus ``line_key`` and ``line_seq``. The key hashes the document
line (day, document, line number) when the file has one, else the line's day, product,
quantity and amount; the sequence counts identical lines of one client within one file
(0, 1, …). Re-importing the same lines therefore finds them all, and an overlapping re-export
adds only what is new. The unique index ``ix_sale_identity`` holds it in the database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from hashlib import blake2b
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    Float,
    Integer,
    String,
    and_,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection

from engine.store import staging
from engine.store.tables import CLIENT, Sale

SALE = Sale.__table__  # type: ignore[attr-defined]
LINE_COLUMNS = ("client_id", "day", "month", "product", "quantity", "amount", "margin", "document", "line_no")

STAGING = staging.temporary(
    "sale_staging",
    Column("file_row", Integer, primary_key=True),
    *(Column(name, kind) for name, kind in (("client_id", Integer), ("day", Date), ("month", Integer))),
    *(Column(name, Float) for name in ("amount", "quantity", "margin")),
    *(Column(name, String) for name in ("product", "document")),
    Column("line_no", Integer),
    Column("line_key", BigInteger),
    Column("line_seq", Integer, nullable=False, server_default="0"),
)
STAGED = ("file_row", *LINE_COLUMNS, "line_key")


def line_key(
    day: str, document: str | None, line_no: int | None, product: str | None, quantity: float, amount: float
) -> int:
    """The line's key: a signed 64-bit hash (unique per client in practice)."""
    if document and line_no is not None:
        text = f"d\x1f{day}\x1f{document}\x1f{line_no}"
    else:
        text = f"f\x1f{day}\x1f{product or ''}\x1f{float(quantity)!r}\x1f{float(amount)!r}"
    return int.from_bytes(blake2b(text.encode(), digest_size=8).digest(), "big", signed=True)


def keyed(lines: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Lines with their identity, identical lines of a client counted in order."""
    seen: Counter[tuple[int, int]] = Counter()
    out = []
    for line in lines:
        key = line_key(
            _iso(line["day"]),
            line.get("document"),
            line.get("line_no"),
            line.get("product"),
            line.get("quantity", 0.0),
            line["amount"],
        )
        identity = (int(line["client_id"]), key)
        out.append({**line, "line_key": key, "line_seq": seen[identity]})
        seen[identity] += 1
    return out


def _iso(day: object) -> str:
    return day.isoformat() if isinstance(day, date) else str(day)


def stage(conn: Connection) -> None:
    """A fresh staging table, private to this connection; gone when the connection closes."""
    staging.fresh(conn, STAGING)


def add_staged(conn: Connection, rows: Sequence[Sequence[Any]]) -> None:
    """Rows in the order of ``STAGED``, the day as ISO text (as SQLAlchemy stores dates in
    SQLite), through the driver's own bulk path."""
    if rows:
        staging.load(conn, STAGING, STAGED, [rows])


def number_staged(conn: Connection) -> None:
    """Count identical lines of a client within the file: 0 for the first, 1 for the next…"""
    s = STAGING
    ranked = select(
        s.c.file_row,
        (func.row_number().over(partition_by=(s.c.client_id, s.c.line_key), order_by=s.c.file_row) - 1).label(
            "n"
        ),
    ).subquery()
    conn.execute(
        update(s).where(s.c.file_row == ranked.c.file_row, ranked.c.n > 0).values(line_seq=ranked.c.n)
    )


def _same_line() -> Any:
    s, t = STAGING, SALE
    return and_(t.c.client_id == s.c.client_id, t.c.line_key == s.c.line_key, t.c.line_seq == s.c.line_seq)


def staged_count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(STAGING)).scalar_one())


def present_count(conn: Connection) -> int:
    """Staged lines already stored."""
    query = select(func.count()).select_from(STAGING).where(exists().where(_same_line()))
    return int(conn.execute(query).scalar_one())


def _differs() -> Any:
    s, t = STAGING, SALE
    return or_(
        t.c.amount != s.c.amount,
        t.c.quantity != s.c.quantity,
        t.c.product.is_distinct_from(s.c.product),
        t.c.margin.is_distinct_from(s.c.margin),
    )


def changed_lines(conn: Connection, limit: int) -> tuple[int, list[Any]]:
    """Document lines stored before with other values: how many, and the first ``limit``
    as (file_row, stored amount, staged amount)."""
    s, t = STAGING, SALE
    joined = s.join(t, _same_line())
    where = (s.c.line_no.is_not(None), _differs())
    total = conn.execute(select(func.count()).select_from(joined).where(*where)).scalar_one()
    query = (
        select(s.c.file_row, t.c.amount.label("old"), s.c.amount.label("new"))
        .select_from(joined)
        .where(*where)
        .order_by(s.c.file_row)
        .limit(limit)
    )
    return int(total), list(conn.execute(query).all())


def drop_changed(conn: Connection) -> None:
    """Leave the changed document lines out of this import."""
    s = STAGING
    conn.execute(delete(s).where(s.c.line_no.is_not(None), exists().where(_same_line(), _differs())))


def drop_outside(conn: Connection, first: date, last: date) -> None:
    conn.execute(delete(STAGING).where(~STAGING.c.day.between(first, last)))


def insert_new(conn: Connection) -> int:
    """Store the staged lines not stored yet; returns how many."""
    s = STAGING
    columns = [*LINE_COLUMNS, "line_key", "line_seq"]
    new = ~exists().where(_same_line())
    count = conn.execute(select(func.count()).select_from(s).where(new)).scalar_one()
    ordered = select(*(s.c[c] for c in columns)).where(new).order_by(s.c.client_id, s.c.line_key)
    conn.execute(insert(SALE).from_select(columns, ordered))  # in index order: pages are touched once
    return int(count)  # the driver's rowcount of INSERT … SELECT is not reliable (psycopg: -1)


def insert_lines(conn: Connection, lines: Sequence[Mapping[str, Any]]) -> None:
    """Lines written by the engine itself (the demo), with their identity."""
    if lines:
        conn.execute(insert(SALE), keyed(lines))


def remove_period(conn: Connection, first: date, last: date) -> int:
    """Delete every line dated ``first``..``last``; returns how many."""
    count = count_period(conn, first, last)
    conn.execute(delete(SALE).where(SALE.c.day.between(first, last)))
    return count


def count_period(conn: Connection, first: date, last: date) -> int:
    query = select(func.count()).select_from(SALE).where(SALE.c.day.between(first, last))
    return int(conn.execute(query).scalar_one())


def staged_outside(conn: Connection, first: date, last: date, limit: int) -> tuple[int, list[Any]]:
    s = STAGING
    outside = ~s.c.day.between(first, last)
    total = conn.execute(select(func.count()).select_from(s).where(outside)).scalar_one()
    query = select(s.c.file_row, s.c.day).where(outside).order_by(s.c.file_row).limit(limit)
    return int(total), list(conn.execute(query).all())


def last_day(conn: Connection) -> date | None:
    """The day of the last sales line, or None without sales."""
    value = conn.execute(select(func.max(SALE.c.day))).scalar()
    return value if isinstance(value, date) or value is None else date.fromisoformat(str(value))


def exported(conn: Connection, inn_field: str | None, chunk: int = 20_000) -> Iterator[Any]:
    """Every line with its client's code, INN and name, in id order, read in chunks."""
    inn = CLIENT.c.card[inn_field].as_string() if inn_field else None
    columns = [SALE.c.id, CLIENT.c.external_id, CLIENT.c.name, *(SALE.c[c] for c in LINE_COLUMNS[1:])]
    last = 0
    while True:
        query = (
            select(*columns, *([inn.label("inn")] if inn is not None else []))
            .select_from(SALE.join(CLIENT, CLIENT.c.id == SALE.c.client_id))
            .where(SALE.c.id > last)
            .order_by(SALE.c.id)
            .limit(chunk)
        )
        rows = conn.execute(query).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].id
