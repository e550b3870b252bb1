"""What a head prints unedited (#14 point 5, the parts done): every page's footer names the
regulation, its version and the print date; intervals in natural words; English money spaced."""

from __future__ import annotations

from datetime import date

import pytest

from engine.conditions.words import Speaker
from engine.guides import Guides
from engine.language.loader import load_regulation
from engine.model.card import FieldType
from engine.values.durations import every
from tests.paths import BUNDLED

DAY = 86400


@pytest.mark.parametrize(
    ("seconds", "ru", "en"),
    [
        (7 * DAY, "раз в неделю", "every week"),
        (DAY, "раз в день", "every day"),
        (31 * DAY, "каждый 31 день", "every 31 days"),
        (21 * DAY, "каждые 3 недели", "every 3 weeks"),
        (2 * DAY, "каждые 2 дня", "every 2 days"),
        (10 * DAY, "каждые 10 дней", "every 10 days"),
        (36 * 3600, "каждые 36 часов", "every 36 hours"),
        (21 * 60, "каждую 21 минуту", "every 21 minutes"),
    ],
)
def test_intervals_in_natural_words(seconds: int, ru: str, en: str) -> None:
    assert (every(seconds, "ru"), every(seconds, "en")) == (ru, en)


@pytest.mark.parametrize(("lang", "said"), [("en", "RUB\xa02,500,000"), ("ru", "2\xa0500\xa0000\xa0₽")])
def test_money_as_the_reader_writes_it(lang: str, said: str) -> None:
    assert Speaker(load_regulation(BUNDLED), lang).number(FieldType.MONEY, 2500000) == said


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_page_footer_names_the_regulation_version_and_print_date(lang: str) -> None:
    guides = Guides(load_regulation(BUNDLED), printed=date(2026, 12, 1))
    expected = {
        "ru": "Регламент работы с клиентской базой, версия 2026.11, действует с 1 декабря 2026\u202fг."
        " · напечатано 1 декабря 2026\u202fг.",
        "en": "Client base regulation, version 2026.11, in effect from December 1, 2026"
        " · printed December 1, 2026",
    }[lang]
    assert f'<p class="footer-info">{expected}</p>' in guides.handbook(lang, "html")
    for sheet in guides.sheets(lang, "html"):
        assert f'<p class="footer-info">{expected}</p>' in sheet.text, sheet.name


def test_no_contact_every_one_week_in_the_handbook() -> None:
    text = Guides(load_regulation(BUNDLED)).handbook("ru", "md")
    assert "каждые 1 " not in text and "Связываться раз в неделю" in text
