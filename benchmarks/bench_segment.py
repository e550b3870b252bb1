"""ABC-XYZ (`reglament segment`) against DuckDB loading the same lines and classifying them.

Run: python -m benchmarks.bench_segment [--lines 2000000] [--clients N] [--pg URL] [--no-sqlite]

Needs DuckDB with its SQLite and PostgreSQL scanners: ``pip install -e '.[bench]'``.

Builds the sales once (``--clients``, default a tenth of the lines, 24 months of lines, through
``bench_day``) into a SQLite file cached under /tmp, and with ``--pg`` a PostgreSQL template
database holding the same rows. Each run segments a fresh copy (every class new: the worst
case, each buyer's class and history entry written), in a child process, with the bundled
regulation; the child's peak RSS is the whole process's (VmHWM). In the same run, DuckDB
attaches the same database, loads every line up to the window's end and classifies them by the
same rules (the cells must agree). Prints the seconds, the engine's steps, the ratio and the peak RSS.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from typing import Any

AT = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def child(url: str) -> None:
    """Segment the database at ``url`` once; print the timings and the matrix as JSON."""
    from engine.language.loader import load_regulation
    from engine.resources import bundled_regulations
    from engine.segmentation.run import segment
    from engine.service.workspace import Workspace
    from engine.store.database import Database

    ws = Workspace(load_regulation(bundled_regulations()), Database(url), lambda: AT)
    start, cpu = time.perf_counter(), time.process_time()
    result = segment(ws, "bench", AT)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    ws.close()
    cells = {k: v for k, v in result.matrix.clients.items() if v}
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu": cpu,
                "steps": result.seconds,
                "cells": cells,
                "classified": result.classified,
                "changed": result.changed,
                "peak_mb": _peak_mb(),
            }
        )
    )


def _peak_mb() -> float:
    """This process's peak RSS since its ``exec`` (``VmHWM``: unlike ``ru_maxrss``, it does not
    count the parent's pages the child held between fork and exec)."""
    with open("/proc/self/status") as status:
        line = next(x for x in status if x.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def run_child(url: str) -> tuple[dict[str, Any], float]:
    """The engine in a child process: its report and its peak RSS in MB."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_segment", "--child", url],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report, float(report["peak_mb"])


def measure(name: str, fresh: Any, anchor: Any, runs: int) -> None:
    """``runs`` engine runs on fresh copies, interleaved with the anchor; medians."""
    engine_s, duck_s, peaks, reports, cpus = [], [], [], [], []
    for _ in range(runs):
        report, peak = run_child(fresh())
        cpu = time.process_time()
        seconds, cells = anchor()
        cpus.append((report["cpu"], time.process_time() - cpu))
        engine_s.append(report["seconds"])
        duck_s.append(seconds)
        peaks.append(peak)
        reports.append(report)
    report = reports[-1]
    agree = report["cells"] == {k: v for k, v in cells.items() if "-" not in k}
    engine, duck = statistics.median(engine_s), statistics.median(duck_s)
    print(f"\n{name}: {report['classified']:,} buyers in the window, {report['changed']:,} classes written")
    steps = ", ".join(f"{k} {v:.2f}" for k, v in report["steps"].items())
    print(f"  {'engine segment (whole)':40} {engine:7.2f} s   {steps}")
    print(f"  {'DuckDB: load lines + classify':40} {duck:7.2f} s")
    print(f"  ratio engine / DuckDB: {engine / duck:.2f} (target ≤ 1.5); cells agree: {agree}")
    cpu_engine, cpu_duck = (statistics.median(c[i] for c in cpus) for i in (0, 1))
    print(
        f"  CPU seconds (user + system; DuckDB's threads summed; the database server's not "
        f"counted): engine {cpu_engine:.2f}, DuckDB {cpu_duck:.2f}"
    )
    runs_s = ", ".join(f"{e:.2f}" for e in engine_s)
    print(f"  peak RSS of the segment process: {max(peaks):.0f} MB (runs: {runs_s} s)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child")
    parser.add_argument("--lines", type=int, default=2_000_000)
    parser.add_argument("--clients", type=int)
    parser.add_argument("--pg", help="also on PostgreSQL (a server URL; databases <name>_tpl_N, <name>_run)")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    from benchmarks import segment_data as data
    from engine.language.loader import load_regulation
    from engine.resources import bundled_regulations
    from engine.segmentation.periods import period_of

    data.duckdb_connection()  # says how to install it before building anything
    clients = args.clients or args.lines // 10
    pristine = data.cached(args.lines, clients)
    seg = load_regulation(bundled_regulations()).segments
    assert seg is not None
    last = period_of(seg.step, AT.date())
    first = last - seg.period + 1
    print(f"ABC-XYZ of {args.lines:,} sales lines over {clients:,} clients, bundled regulation")
    if not args.no_sqlite:
        copy = data.fresh_copy(pristine)
        measure(
            "SQLite",
            lambda: str(data.fresh_copy(pristine)),
            lambda: data.with_duckdb(str(copy), seg, first, last),
            args.runs,
        )
    if args.pg:
        template = data.pg_template(args.pg, pristine, args.lines)
        tpl_url = args.pg.rsplit("/", 1)[0] + "/" + template
        measure(
            "PostgreSQL",
            lambda: data.pg_fresh(args.pg, template),
            lambda: data.with_duckdb(tpl_url, seg, first, last),
            args.runs,
        )


if __name__ == "__main__":
    main()
