"""Data for ``bench_segment``: a SQLite file built once and cached under /tmp, a PostgreSQL copy
of it (a template database), and the DuckDB anchor that classifies the same lines."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

from engine.model.segments import Segments

CLIENT_COLUMNS = (
    "id, name, stage, stage_since, owner_id, card, timezone, created_at, updated_at, last_contact_at, "
    "next_action, next_due_date, next_due_time, version, contacts_count"
)
SALE_COLUMNS = "client_id, day, month, amount, quantity"


def cached(lines: int, clients: int) -> Path:
    """The pristine SQLite file with ``clients`` clients and ``lines`` sales lines (built once)."""
    path = Path(f"/tmp/reglament_segment_{lines}_{clients}.sqlite")
    if not path.exists():
        from benchmarks.bench_day import build  # pandas and the rest: only when building

        start = time.perf_counter()
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        build(partial, clients, lines)
        sqlite3.connect(partial).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
        partial.rename(path)
        size = path.stat().st_size / 2**30
        took = time.perf_counter() - start
        print(f"built {clients:,} clients, {lines:,} lines in {took:.0f} s ({size:.1f} GB)")
    upgraded(str(path))
    return path


def upgraded(url: str) -> None:
    """A cached database built by an older schema brought to the newest (its indexes too)."""
    from engine.store import migrate
    from engine.store.database import Database

    db = Database(url)
    if migrate.current(db) != migrate.head():
        start = time.perf_counter()
        migrate.upgrade(db)
        print(f"upgraded {url} to schema {migrate.head()} in {time.perf_counter() - start:.0f} s")
    db.dispose()


def fresh_copy(pristine: Path) -> Path:
    """A copy to segment (every class new in every run: history refuses deletes)."""
    work = pristine.with_name(pristine.stem + "_run.sqlite")
    for suffix in ("", "-wal", "-shm"):
        Path(str(work) + suffix).unlink(missing_ok=True)
    shutil.copyfile(pristine, work)
    _flush(work)
    return work


def _flush(path: Path) -> None:
    """The copy on disk before the run: else the run's first sync (its commit's checkpoint)
    would write the whole copy out, and the engine would be timed for the benchmark's copying."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _admin(url: str) -> Any:
    import psycopg

    return psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True)


def pg_template(url: str, pristine: Path, lines: int) -> str:
    """A PostgreSQL database with the same clients and lines (kept as a template, built once);
    returns its name."""
    import psycopg

    from engine.store import migrate
    from engine.store.database import Database

    name = f"{url.rsplit('/', 1)[1]}_tpl_{lines}"
    target = url.rsplit("/", 1)[0] + "/" + name
    with _admin(url) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            upgraded(target)
            return name
        admin.execute(f'CREATE DATABASE "{name}"')
    start = time.perf_counter()
    db = Database(target)
    migrate.ensure_ready(db)
    db.dispose()
    source = sqlite3.connect(pristine)
    with psycopg.connect(target) as conn:
        for table, columns in (("manager", "id, login, name, role, created_at"), ("client", CLIENT_COLUMNS)):
            _copy(conn, source, table, columns)
        _copy(conn, source, "sale", SALE_COLUMNS)
        conn.execute("SELECT setval('client_id_seq', (SELECT max(id) FROM client))")
    with psycopg.connect(target, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    print(f"copied to PostgreSQL in {time.perf_counter() - start:.0f} s")
    return name


def _copy(conn: Any, source: sqlite3.Connection, table: str, columns: str) -> None:
    with conn.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in source.execute(f"SELECT {columns} FROM {table}"):
            copy.write_row(row)


def pg_fresh(url: str, template: str) -> str:
    """A database copied from the template, to segment; returns its URL."""
    name = f"{url.rsplit('/', 1)[1]}_run"
    with _admin(url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        # copied file by file and checkpointed at once: no pending write-out left to the run
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
    return url.rsplit("/", 1)[0] + "/" + name


def duckdb_connection() -> Any:
    """DuckDB with its SQLite and PostgreSQL scanners (shipped by the ``bench`` extra)."""
    try:
        import duckdb
        import duckdb_ext  # type: ignore[import-not-found]
    except ImportError:
        raise SystemExit("DuckDB is missing: pip install -e '.[bench]'") from None
    conn = duckdb.connect()
    folder = Path(duckdb_ext.__path__[0]) / "extensions" / f"v{duckdb.__version__}"
    for extension in folder.glob("*/*.duckdb_extension"):
        conn.execute(f"LOAD '{extension}'")
    return conn


def with_duckdb(source: str, seg: Segments, first: int, last: int) -> tuple[float, dict[str, int]]:
    """DuckDB loads the lines up to ``last`` from ``source`` (a SQLite file or a PostgreSQL URL)
    and classifies them by the same rules; seconds and clients per cell."""
    conn = duckdb_connection()
    start = time.perf_counter()
    kind = "postgres" if source.startswith("postgresql") else "sqlite"
    conn.execute(f"ATTACH '{source}' AS src (TYPE {kind}, READ_ONLY)")
    conn.execute(f"CREATE TABLE lines AS SELECT client_id, month, amount FROM src.sale WHERE month <= {last}")
    cells = dict(conn.execute(_classify_sql(seg, first, last)).fetchall())
    return time.perf_counter() - start, {str(k): int(v) for k, v in cells.items()}


def _classify_sql(seg: Segments, first: int, last: int) -> str:
    if seg.xyz_method == "frequency":
        xyz = (
            f"CASE WHEN bought / n >= {seg.x} - 1e-9 THEN 'X' "
            f"WHEN bought / n >= {seg.y} - 1e-9 THEN 'Y' ELSE 'Z' END"
        )
    else:
        cv = "sqrt(greatest(q / n - (s / n) * (s / n), 0)) / (s / n)"
        xyz = f"CASE WHEN {cv} <= {seg.x} + 1e-9 THEN 'X' WHEN {cv} <= {seg.y} + 1e-9 THEN 'Y' ELSE 'Z' END"
    short = "NULL" if seg.insufficient_history == "none" else f"'{seg.insufficient_history}'"
    return f"""
WITH per AS (SELECT client_id, month, sum(amount) AS v FROM lines GROUP BY client_id, month),
 tot AS (SELECT client_id, sum(v) FILTER (month >= {first}) AS total,
                sum(greatest(v, 0)) FILTER (month >= {first}) AS s,
                sum(greatest(v, 0) ^ 2) FILTER (month >= {first}) AS q,
                count(*) FILTER (month >= {first} AND v > 0)::DOUBLE AS bought,
                {last} - greatest(min(month), {first}) + 1.0 AS n
         FROM per GROUP BY client_id HAVING count(*) FILTER (month >= {first}) > 0),
 ranked AS (SELECT *, sum(total) FILTER (total > 0) OVER (ORDER BY total DESC)
                     - total * count(*) OVER (PARTITION BY total) AS larger,
                sum(total) FILTER (total > 0) OVER () AS whole FROM tot)
SELECT CASE WHEN total <= 0 THEN 'C' WHEN larger / whole < {seg.a} - 1e-9 THEN 'A'
            WHEN larger / whole < {seg.b} - 1e-9 THEN 'B' ELSE 'C' END
    || coalesce(CASE WHEN n < {seg.min_history} THEN {short} WHEN s <= 0 THEN 'Z' ELSE {xyz} END,
                '-') AS cell,
   count(*) FROM ranked GROUP BY cell
"""
