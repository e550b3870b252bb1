"""Finding a client the way a manager remembers one: part of the name, a phone, an INN, an id."""

from __future__ import annotations

import pytest

from engine.service import clients
from engine.service.listing import add_manager, list_clients
from engine.service.workspace import Workspace
from tests.answers import seen


@pytest.fixture
def base(ws: Workspace) -> Workspace:
    add_manager(ws, "ivanov", "Иванов", "sales_manager")
    add_manager(ws, "petrova", "Петрова", "sales_manager")
    cards = [
        ({"company_name": "ООО «Ромашка»", "phone": "+7 912 345-67-89", "inn": "7707083893"}, "ivanov"),
        ({"company_name": "Ромашка-Юг", "phone": "+7 495 000-11-22"}, "petrova"),
        ({"company_name": "Лютик 100%_плюс", "phone": "+7 343 111-22-33"}, "ivanov"),
    ]
    for n, (card, owner) in enumerate(cards, start=1):
        seen(clients.create(ws, "test", card, owner=owner, external_id=f"1C-{n:04d}"))
    return ws


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("РОМАШ", ["Ромашка-Юг", "ООО «Ромашка»"]),  # any case, Cyrillic included
        ("ромашка-юг", ["Ромашка-Юг"]),
        ("8 912 345-67-89", ["ООО «Ромашка»"]),  # as Russians write +7
        ("495 000 11", ["Ромашка-Юг"]),
        ("770708", ["ООО «Ромашка»"]),  # part of the INN
        ("1C-0003", ["Лютик 100%_плюс"]),  # the external id, exactly
        ("100%_", ["Лютик 100%_плюс"]),  # % and _ are plain characters
        ("%", ["Лютик 100%_плюс"]),
        ("_", ["Лютик 100%_плюс"]),
        ("1C-00", []),  # an external id matches only whole
        ("Василёк", []),
    ],
)
def test_search(base: Workspace, text: str, names: list[str]) -> None:
    assert [c["name"] for c in seen(list_clients(base, search=text))] == names


def test_search_with_other_filters(base: Workspace) -> None:
    assert [c["name"] for c in seen(list_clients(base, search="ромашка", owner="petrova"))] == ["Ромашка-Юг"]
    assert seen(list_clients(base, search="   ")) == seen(list_clients(base))
