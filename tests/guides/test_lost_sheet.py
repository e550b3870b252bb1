"""The lost stage's sheet (#14): its refusal reasons, and how a client who may need us later is
kept and brought back — the deferral moves and the reactivation moves, read from the funnel."""

from __future__ import annotations

import pytest

from engine.guides import Guides
from engine.guides.path import ways_back
from engine.language.loader import load_regulation
from tests.paths import BUNDLED, MINIMAL


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "ru",
            [
                "Как вернуть клиента",
                "Отложить до появления потребности</strong> → Отложен",
                "заполнить «Когда вернуться к клиенту»",
                "Вернуться к клиенту</strong> → Квалификация",
                "У клиента появилась потребность</strong> → Выявление потребностей",
                "Дубль карточки",
            ],
        ),
        ("en", ["Bringing a client back", "Come back to the client</strong> → Qualification"]),
    ],
)
def test_the_lost_sheet_says_how_a_client_comes_back(lang: str, said: list[str]) -> None:
    [sheet] = Guides(load_regulation(BUNDLED)).sheets(lang, "html", stage="lost")
    for text in said:
        assert text in sheet.text, text


def test_the_ways_back_are_read_from_the_funnel() -> None:
    into, back = ways_back(load_regulation(BUNDLED))
    assert [t.trigger for t in into] == ["defer"]
    assert [t.trigger for t in back] == ["reactivate", "need_appeared"]


def test_a_funnel_without_a_waiting_stage_prints_no_way_back() -> None:
    reg = load_regulation(MINIMAL)
    assert ways_back(reg) == ([], [])
    for doc in Guides(reg).sheets("ru", "md"):
        assert "Как вернуть клиента" not in doc.text
