"""How much CPU a whole `reglament` process spends before it does anything (#18, start-up).

Run: python -m benchmarks.bench_startup
Prints, per command, the median CPU seconds (user + system, from the kernel's accounting of the
child process) of `reglament check` on the bundled regulation — once with the cache folder
(``$REGLAMENT_CACHE``, a fresh temporary one, warmed by one run: the parsed YAML and schema
validation of unchanged files, the scenarios' phones and INNs and the plural rule are kept
there) and once with ``REGLAMENT_CACHE=off`` (every file parsed and validated, as on a first
run) — and of every verb's `--help`, with the anchor `python -c pass` measured in the same run
and the load average before and after. Target: each at most 0.3 s.

The processes run as an installed package does, with their bytecode compiled: into a temporary
``PYTHONPYCACHEPREFIX`` (so a ``PYTHONDONTWRITEBYTECODE`` environment does not make every run
compile the engine again, and the source tree gets no ``__pycache__``), warmed by one run each.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from engine.cli import VERBS
from engine.resources import CACHE_ENV, bundled_regulations

REPEAT = 5


def cpu(args: list[str], env: dict[str, str]) -> float:
    """Median CPU seconds of a process running ``args`` (after one warm-up run)."""
    subprocess.run(args, capture_output=True, check=False, env=env)
    spent = []
    for _ in range(REPEAT):
        before = os.times()
        subprocess.run(args, capture_output=True, check=False, env=env)
        after = os.times()
        spent.append(
            (after.children_user - before.children_user) + (after.children_system - before.children_system)
        )
    return statistics.median(spent)


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env |= {"PYTHONPYCACHEPREFIX": str(Path(scratch) / "pyc"), CACHE_ENV: str(Path(scratch) / "cache")}
        cli = [sys.executable, "-m", "engine"]
        check = [*cli, "check", str(bundled_regulations())]
        print(f"load average before: {load()}")
        anchor = cpu([sys.executable, "-c", "pass"], env)
        print(f"{'python -c pass (anchor)':32} {anchor:6.3f} s")
        rows = [
            ("check (bundled regulation)", check, env),
            ("check, REGLAMENT_CACHE=off", check, env | {CACHE_ENV: "off"}),
            ("--help", [*cli, "--help"], env),
        ]
        rows += [(f"{verb} --help", [*cli, verb, "--help"], env) for verb in sorted(VERBS)]
        worst = ("", 0.0)
        for label, args, environment in rows:
            spent = cpu(args, environment)
            if label.endswith("--help"):
                worst = max(worst, (label, spent), key=lambda row: row[1])
            print(f"{label:32} {spent:6.3f} s")
        print(f"slowest --help: {worst[0]} {worst[1]:.3f} s (target 0.300 s)")
        print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
