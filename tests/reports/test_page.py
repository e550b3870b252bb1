"""The head's page: the golden HTML, and that it stands alone (no scripts, no outside files)."""

from __future__ import annotations

import re

import pytest

from tests.reports.golden import LANGS, path, render


@pytest.mark.parametrize("lang", LANGS)
def test_page_matches_golden(lang: str) -> None:
    assert render(lang) == path(lang).read_text(encoding="utf-8"), (
        "the head's page changed: check it, then run `python -m tests.reports.golden`"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_page_is_self_contained(lang: str) -> None:
    html = render(lang)
    assert "<script" not in html
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert html.count("<svg") == 7  # a chart per report: six bar charts and the retention heat map
    assert "@page { size: A4" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="heat"' in html
