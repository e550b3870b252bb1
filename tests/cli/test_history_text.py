"""`reglament client history` says each kind of row with the regulation's labels, in local time."""

from __future__ import annotations

from typing import Any

import pytest

from engine.cli.history_text import HistoryText
from engine.language.loader import load_regulation
from tests.paths import BUNDLED


def row(kind: str, data: dict[str, Any], **columns: Any) -> dict[str, Any]:
    base = {"at": "2026-11-23T08:05:00+00:00", "actor": "ivanov", "kind": kind, "trigger": None}
    return {**base, "from_stage": None, "to_stage": None, "regulation": "t", "data": data, **columns}


STEP = {"action": "Позвонить", "due_date": "2026-11-25", "due_time": "14:30"}
CASES = [
    (row("created", {"card": {"company_name": "Ромашка"}}, to_stage="new"), "Created at «New lead»: "),
    (row("card", {"changes": {"contact_person": [None, "Пётр"]}}), "Card: Contact person: empty → Пётр"),
    (
        row(
            "transition",
            {"reason": None, "next_step": STEP},
            trigger="qualify",
            from_stage="new",
            to_stage="qualification",
        ),
        "Move «Start qualification»: New lead → Qualification; "
        "next step: Позвонить, due November 25, 2026 14:30",
    ),
    (
        row("contact", {"kind": "call", "result": "callback", "comment": "после обеда", "next_step": None}),
        "Contact (Call): Asked to call back — «после обеда»",
    ),
    (
        row("refusal", {"reason": "price", "stage": "proposal"}),
        "Refusal reason: Price above the competitors'",
    ),
    (row("segment", {"from": None, "to": "AX", "abc": "A", "xyz": "X"}), "ABC-XYZ class: — → AX"),
    (
        row("task", {"policy": "AX", "action": "Плановый контакт", "due_date": "2026-12-01"}),
        "Planned task: Плановый контакт, due December 1, 2026",
    ),
    (row("owner", {"from": "ivanov", "to": "petrova"}), "Handed over: ivanov → petrova"),
    (row("merged", {"into": 7}), "merged: {'into': 7}"),
]


@pytest.mark.parametrize(("entry", "said"), CASES, ids=[c[0]["kind"] for c in CASES])
def test_each_kind_of_row(entry: dict[str, Any], said: str) -> None:
    line = HistoryText(load_regulation(BUNDLED), "en").line(entry)
    assert line.startswith("November 23, 2026 11:05\u202fAM  ivanov ")  # Moscow time, the regulation's zone
    assert said in line


def test_russian_and_an_empty_history() -> None:
    reg = load_regulation(BUNDLED)
    entry = row("transition", {"reason": "price"}, trigger="lose", from_stage="proposal", to_stage="lost")
    assert "Коммерческое предложение → Отказ; причина отказа: Цена выше, чем у конкурентов" in (
        HistoryText(reg, "ru").line(entry)
    )
    assert HistoryText(reg, "en").render([]) == "No history yet."


CARD = {  # a value of each field type the bundled card has, as a person types it
    "company_name": "Ромашка",
    "phone": "8 916 123-45-67",  # the tester's finding: the history said +79161234567
    "inn": "7707083893",
    "industry": "construction",
    "website": "https://romashka.ru",
    "email": "zakupki@romashka.ru",
    "annual_purchase_volume": "1500000",
    "employees": "120",
    "has_it_department": "да",
    "proposal_date": "27.11.2026",
    "discount_pct": "7,5",
}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_history_says_each_value_as_the_card_does(lang: str, tmp_path: Any) -> None:
    """One rule for a card value at the command line: `client show` and `client history` agree
    on every field type, a phone included."""
    from tests.cli.daysheet_case import cli

    db = str(tmp_path / "h.sqlite")
    code, _, err = cli("client", "add", *(f"{k}={v}" for k, v in CARD.items()), "--db", db, "--lang", lang)
    assert code == 0, err
    _, shown, _ = cli("client", "show", "1", "--db", db, "--lang", lang)
    _, history, _ = cli("client", "history", "1", "--db", db, "--lang", lang)
    card_lines = [line.strip() for line in shown.splitlines() if line.startswith("    ")]
    assert len(card_lines) == len(CARD), shown
    for said in card_lines:
        assert said in history, (said, history)
    assert "+7 916 123-45-67" in history
