"""How much CPU a whole `reglament` process spends before it does anything (#18, start-up).

Run: python -m benchmarks.bench_startup
Prints, per command, the median CPU seconds (user + system, from the kernel's accounting of the
child process) of `reglament check` on the bundled regulation and of every verb's `--help`, with
the anchor `python -c pass` measured in the same run. Target: each at most 0.3 s.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys

from engine.cli import VERBS
from engine.resources import bundled_regulations

REPEAT = 5


def cpu(args: list[str]) -> float:
    """Median CPU seconds of a process running ``args``."""
    spent = []
    for _ in range(REPEAT):
        before = os.times()
        subprocess.run(args, capture_output=True, check=False)
        after = os.times()
        spent.append(
            (after.children_user - before.children_user) + (after.children_system - before.children_system)
        )
    return statistics.median(spent)


def main() -> None:
    cli = [sys.executable, "-m", "engine"]
    anchor = cpu([sys.executable, "-c", "pass"])
    print(f"{'python -c pass (anchor)':32} {anchor:6.3f} s")
    rows = [
        ("check (bundled regulation)", [*cli, "check", str(bundled_regulations())]),
        ("--help", [*cli, "--help"]),
    ]
    rows += [(f"{verb} --help", [*cli, verb, "--help"]) for verb in sorted(VERBS)]
    worst = 0.0
    for label, args in rows:
        spent = cpu(args)
        worst = max(worst, spent)
        print(f"{label:32} {spent:6.3f} s")
    print(f"{'slowest':32} {worst:6.3f} s (target 0.300 s)")


if __name__ == "__main__":
    main()
