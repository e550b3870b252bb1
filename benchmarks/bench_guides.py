"""How long printing the guides takes: every sheet and the handbook, HTML, Markdown and PDF.

Run: python -m benchmarks.bench_guides
"""

from __future__ import annotations

import statistics
import time

from engine.guides import Guides, to_pdf
from engine.language.loader import load_regulation
from engine.resources import bundled_regulations

REPEAT = 7


def timed(work) -> float:  # type: ignore[no-untyped-def]
    runs = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        work()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    reg = load_regulation(bundled_regulations())
    start = time.perf_counter()
    guides = Guides(reg)
    guides.sheets("ru", "html")
    first = time.perf_counter() - start
    sheets = len(reg.funnel.stages)
    print(f"{'work':58} {'time':>10}")
    print(f"{'first render of every sheet (templates compiled)':58} {first * 1000:8.0f} ms")
    for fmt in ("html", "md"):
        every = timed(lambda f=fmt: guides.sheets("ru", f))
        print(f"{f'every sheet ({sheets}), {fmt}':58} {every * 1000:8.0f} ms")
        print(f"{f'the handbook, {fmt}':58} {timed(lambda f=fmt: guides.handbook('ru', f)) * 1000:8.0f} ms")
    try:
        html = guides.handbook("ru", "html")
        start = time.perf_counter()
        pages = to_pdf(html)
        print(
            f"{'the handbook, PDF (WeasyPrint)':58} {(time.perf_counter() - start) * 1000:8.0f} ms   "
            f"({len(pages) // 1024} KB)"
        )
    except Exception as err:
        print(f"PDF: not measured ({err})")


if __name__ == "__main__":
    main()
