"""Publishing warns about each role the ownership rules give clients to that has no active
manager in the base (a deactivated one does not count); the head, who owns none, is not named."""

from __future__ import annotations

from engine.resources import bundled_regulations
from engine.service import staff
from engine.service.listing import add_manager
from engine.service.regulations import Regulations, folder_files
from engine.service.workspace import Workspace


def test_roles_without_active_managers_are_named_at_publish(ws: Workspace) -> None:
    add_manager(ws, "sm1", "Продавец", "sales_manager")
    add_manager(ws, "tm1", "Оператор", "telemarketer")
    add_manager(ws, "boss", "Руководитель", "head")
    staff.deactivate(ws, "head", "tm1")
    published = Regulations(ws.db, bundled_regulations(), ws.clock).publish(
        folder_files(bundled_regulations()), "admin"
    )
    said = [w.render("en") for w in published.ws.warnings]
    assert [dict(w.args)["role"] for w in published.ws.warnings] == [
        "key_account_manager",
        "telemarketer",
    ]
    assert "the cell AX (Large and regular), the cell AY (Large and irregular)" in said[0], said[0]
    assert "the stage «New lead»" in said[1], said[1]
    russian = published.ws.warnings[0].render("ru")
    assert russian.startswith("роль «Менеджер ключевых клиентов» ведёт клиентов по правилам ячейки AX")
