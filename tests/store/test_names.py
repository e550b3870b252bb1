"""Labels are accepted wherever ids are: triggers, card fields, contact kinds and results,
refusal reasons, stages, roles — in either language, any case, «ё» as «е»; a label two things
share is refused with the choices."""

from __future__ import annotations

from datetime import date

import pytest

from engine.service import clients, contacts, moves
from engine.service.errors import InvalidInput
from engine.service.listing import add_manager, list_clients, managers
from engine.service.names import Names, Thing, fold
from engine.service.workspace import Workspace
from engine.values.client import NextStep
from tests.answers import seen
from tests.store.test_commands import CARD

STEP = NextStep("Позвонить", date(2026, 11, 25))


def test_a_head_types_labels_instead_of_ids(ws: Workspace) -> None:
    add_manager(ws, "ivanov", "Иван Иванов", "Менеджер по продажам")
    assert managers(ws)[0]["role"] == "sales_manager"
    client_id = clients.create(ws, "ivanov", CARD).client.id
    changed = seen(clients.update_card(ws, "ivanov", client_id, {"Контактное лицо": "Пётр"}))
    assert changed["changed"] == ["contact_person"]
    moved = seen(moves.move(ws, "ivanov", client_id, "НАЧАТЬ КВАЛИФИКАЦИЮ", next_step=STEP))
    assert moved["outcome"]["trigger"] == "qualify" and moved["client"]["stage"]["id"] == "qualification"
    done = contacts.record(ws, "ivanov", client_id, kind="Звонок", result="Не дозвонились", next_step=STEP)
    assert done.contact > 0
    history = clients.client_history(ws, client_id)
    assert history[-1]["data"]["kind"] == "call" and history[-1]["data"]["result"] == "no_answer"
    assert [c.id for c in list_clients(ws, stage="Квалификация")] == [client_id]


def test_english_labels_and_yo_work_too(ws: Workspace) -> None:
    client_id = clients.create(ws, "ivanov", {**CARD, "contact person": "Пётр"}).client.id
    moved = moves.move(ws, "ivanov", client_id, "Start qualification", next_step=STEP)
    assert moved.client.stage.id == "qualification"
    lost = moves.move(ws, "ivanov", client_id, "клиент отказался", reason="«Нет потребности»")
    assert lost.client.stage.id == "lost"
    assert fold("«Ещё  раз»") == "еще раз"


def test_a_label_two_things_share_is_refused_with_the_choices() -> None:
    shared = Names(
        Thing.TRIGGER, ("send_offer", "send_quote"), {"отправить": ("send_offer", "send_quote")}, ()
    )
    with pytest.raises(InvalidInput) as caught:
        shared.resolve("Отправить", "trigger")
    message = caught.value.message("ru")
    assert "send_offer" in message and "send_quote" in message
    assert shared.resolve("что-то другое", "trigger") == "что-то другое", "unknown names pass on as typed"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Отправить КПП", "отправить коммерческое предложение"),
        ("начать квалиф", "начать квалификацию"),
        ("Отложить ХЗ", ""),  # two moves start so: no guess
        ("совсем другое", ""),
    ],
)
def test_a_label_shortened_at_its_end_is_suggested_only_when_one_thing_starts_so(
    typed: str, meant: str
) -> None:
    by_name = {
        "отправить коммерческое предложение": ("send_offer",),
        "начать квалификацию": ("start",),
        "отложить до окончания бюджетного периода": ("defer",),
        "отложить до появления потребности у клиента": ("defer_need",),
    }
    known = Names(Thing.TRIGGER, ("send_offer", "start", "defer", "defer_need"), by_name, ())
    assert known.hint(typed) == meant
