"""`reglament impact` on a big base: a new version (the entry stage renamed with a map line, a
field more required at the qualification stage, a move dropped) measured against 1M clients,
without writing.

Prints the seconds of the whole measure and the process's peak resident memory.

Run: python -m benchmarks.bench_impact [--clients 1000000] [--lines 100000] [--db PATH]

The base is the one of ``benchmarks.bench_day`` (200 managers, 5 time zones, stages and next
steps around the moment), built once into --db and reused.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.bench_day import AT, build
from engine.impact import measure
from engine.language.loader import load_regulation
from engine.resources import bundled_regulations
from engine.service.workspace import Workspace
from engine.store.database import Database


def new_version(target: Path) -> Path:
    shutil.copytree(bundled_regulations(), target, ignore=shutil.ignore_patterns("tests"))
    stages = (target / "stages.yaml").read_text(encoding="utf-8")
    stages = stages.replace("  - id: new\n", "  - id: lead\n", 1).replace("entry: new", "entry: lead")
    stages = stages.replace("from: new\n", "from: lead\n").replace(
        "from: [new, qualification]", "from: [lead, qualification]"
    )
    stages = stages.replace(
        "    required_fields: [contact_person]\n", "    required_fields: [contact_person, email]\n", 1
    )
    stages = stages.replace(
        "  - trigger: reopen_terms\n    from: contract\n",
        "  - trigger: reopen_terms\n    from: first_order\n",
    )
    (target / "stages.yaml").write_text(stages, encoding="utf-8")
    with (target / "regulation.yaml").open("a", encoding="utf-8") as out:
        out.write("migrate:\n  stages: {new: lead}\n")
    return target


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=1_000_000)
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--db")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    path = Path(args.db) if args.db else work / "impact.sqlite"
    if not path.exists():
        started = time.perf_counter()
        build(path, args.clients, args.lines)
        print(f"built {args.clients:,} clients in {time.perf_counter() - started:.0f} s")
    db = Database(str(path))
    old = Workspace(load_regulation(bundled_regulations()), db, lambda: AT)
    new = Workspace(load_regulation(new_version(work / "new")), db, lambda: AT, draft=True)
    started = time.perf_counter()
    found = measure(old, new, AT)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"impact of a new version on {args.clients:,} clients: {seconds:.1f} s,"
        f" peak RSS of the process {peak:.0f} MiB"
    )
    print(f"  stages: {[(s.stage, s.clients, s.becomes) for s in found.stages]}")
    print(f"  lacking: {[(x.stage, x.field, x.clients) for x in found.lacking]}")
    print(
        f"  lost moves: {len(found.lost_moves)}; call lists: {len(found.calls)} managers;"
        f" cells: {len(found.cells)}"
    )
    db.dispose()


if __name__ == "__main__":
    main()
