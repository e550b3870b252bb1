"""How long `reglament check` takes: the bundled regulation, and a generated 200-stage one.

Run: python -m benchmarks.bench_check
Prints medians of repeated runs: a fresh process's first load (cold: schemas compiled,
nothing cached) and a re-check in the same process (warm: unchanged files are cached).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from engine.language.loader import load_directory
from engine.resources import bundled_regulations

REPEAT = 7


def generated(stages: int, target: Path) -> Path:
    """A valid regulation: ``stages`` open stages in a chain, other files bundled."""
    bundled = bundled_regulations()
    for name in ("regulation.yaml", "card.yaml", "segments.yaml", "priorities.yaml"):
        (target / name).write_text((bundled / name).read_text(encoding="utf-8"), encoding="utf-8")
    ids = [f"step_{i:03d}" for i in range(stages)]
    data = {
        "entry": ids[0],
        "stages": [
            {
                "id": s,
                "label": {"ru": f"Этап {i}", "en": f"Stage {i}"},
                "kind": "open",
                "order": i,
                "probability": round(i / (stages + 1), 3),
                "sla": "7d",
                "required_fields": ["company_name"],
                "refusal_reasons": ["no_need"],
            }
            for i, s in enumerate(ids)
        ]
        + [
            {
                "id": "won",
                "label": {"ru": "Успех", "en": "Won"},
                "kind": "won",
                "order": stages,
                "probability": 1,
            },
            {
                "id": "lost",
                "label": {"ru": "Отказ", "en": "Lost"},
                "kind": "lost",
                "order": stages + 1,
            },
        ],
        "transitions": [
            {
                "trigger": f"advance_{i:03d}",
                "from": s,
                "to": nxt,
                "label": {"ru": "Дальше", "en": "Next"},
                "when": {
                    "all": [
                        {"field": "phone", "filled": True},
                        {"field": "employees", "greater": 0},
                    ]
                },
            }
            for i, (s, nxt) in enumerate(zip(ids, [*ids[1:], "won"], strict=True))
        ]
        + [{"trigger": "lose", "from": "*", "to": "lost", "label": {"ru": "Отказ", "en": "Lost"}}],
        "refusal_reasons": [{"id": "no_need", "label": {"ru": "Нет потребности", "en": "No need"}}],
    }
    (target / "stages.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return target


def cold(root: Path) -> float:
    """Seconds for `python -m engine check` minus the same process doing nothing."""

    def run(args: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], check=False, capture_output=True)
        return time.perf_counter() - start

    check = statistics.median(run(["-m", "engine", "check", str(root)]) for _ in range(REPEAT))
    startup = statistics.median(run(["-c", "import engine.cli"]) for _ in range(REPEAT))
    return check, check - startup


def warm(root: Path) -> float:
    load_directory(root)
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        result = load_directory(root)
        times.append(time.perf_counter() - start)
    assert result.ok, [d.code for d in result.diagnostics][:5]
    return statistics.median(times)


def first_load_in_process(root: Path) -> float:
    code = (
        "import time; from pathlib import Path; from engine.language.loader import load_directory;"
        f"t=time.perf_counter(); load_directory(Path({str(root)!r})); print(time.perf_counter()-t)"
    )
    runs = [
        float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout)
        for _ in range(REPEAT)
    ]
    return statistics.median(runs)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        big = generated(200, Path(tmp))
        lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in big.glob("*.yaml"))
        rows = [
            ("bundled regulation", bundled_regulations()),
            (f"generated, 200 stages ({lines} lines)", big),
        ]
        print(f"{'regulation':42} {'whole command':>14} {'first load':>11} {'re-check':>9}")
        for name, root in rows:
            total, _ = cold(root)
            print(
                f"{name:42} {total * 1000:12.0f} ms {first_load_in_process(root) * 1000:8.0f} ms "
                f"{warm(root) * 1000:6.1f} ms"
            )


if __name__ == "__main__":
    main()
