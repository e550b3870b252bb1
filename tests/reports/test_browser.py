"""The head's page in a real browser: headless Chromium prints it on A4, and no chart is wider
than the printable width (so none is cut off). Skipped where Chromium is not installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.reports.golden import render

A4_PRINTABLE_PX = (210 - 2 * 12) / 25.4 * 96  # 12 mm side margins (the page's @page rule), CSS px
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")


def test_no_chart_is_wider_than_the_printable_width() -> None:
    widths = [int(w) for w in re.findall(r'<svg [^>]*width="([0-9]+)"', render("ru"))]
    assert widths, "the page has charts"
    assert max(widths) <= A4_PRINTABLE_PX


@pytest.mark.skipif(BROWSER is None, reason="Chromium is not installed")
def test_chromium_prints_the_page_on_a4(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text(render("en"), encoding="utf-8")
    pdf = tmp_path / "page.pdf"
    subprocess.run(
        [
            str(BROWSER),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]", data)
    assert boxes, "the PDF names its page size"
    for width, height in boxes:
        assert (round(float(width)), round(float(height))) == (595, 842)  # A4 in points
