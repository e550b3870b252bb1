"""What the printed pages add from the regulation's data: the effective day in every footer,
each stage's objections with their answers on its cheat-sheet."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from engine.guides import Guides
from engine.guides.daysheet import page_words
from engine.language.loader import load_regulation
from engine.model.regulation import Regulation
from tests.paths import BUNDLED

EFFECTIVE = {"ru": "действует с 1 декабря 2026\u202fг.", "en": "in effect from December 1, 2026"}


@pytest.fixture(scope="module")
def reg() -> Regulation:
    return load_regulation(BUNDLED)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_footer_prints_the_effective_day_beside_the_version(reg: Regulation, lang: str) -> None:
    assert reg.effective_from == date(2026, 12, 1)
    footer = Guides(reg).context(lang)["footer"]
    assert f"{reg.version}, {EFFECTIVE[lang]}" in footer
    day_sheet = page_words(reg, lang, datetime(2026, 12, 2).date())["footer"]
    assert f"{reg.version}, {EFFECTIVE[lang]}" in day_sheet
    for doc in Guides(reg).sheets(lang, "html"):
        assert EFFECTIVE[lang] in doc.text, doc.name


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_without_an_effective_day_the_footer_says_only_the_version(reg: Regulation, lang: str) -> None:
    plain = dataclasses.replace(reg, effective_from=None, effective_from_text="")
    footer = Guides(plain).context(lang)["footer"]
    assert EFFECTIVE[lang].rsplit(" ", 3)[0] not in footer and reg.version in footer


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_each_open_stage_sheet_prints_its_objections_and_answers(reg: Regulation, lang: str) -> None:
    guides = Guides(reg)
    for stage in reg.funnel.stages:
        if stage.terminal:
            continue
        assert len(stage.objections) >= 3, stage.id
        sheet = guides.sheets(lang, "html", stage.id)[0].text
        md = guides.sheets(lang, "md", stage.id)[0].text
        for item in stage.objections:
            for text in (item.objection.get(lang), item.answer.get(lang)):
                escaped = text.replace("&", "&amp;").replace('"', "&#34;").replace("'", "&#39;")
                assert escaped in sheet or text in sheet, (stage.id, text)
                assert text in md, (stage.id, text)
