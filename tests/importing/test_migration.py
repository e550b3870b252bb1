"""Schema 0010 gives stored sales lines their identity: data kept, a re-import finds them."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from engine.cli import main
from engine.store import migrate
from engine.store.database import Database

LINES = [  # client, day, amount: two identical lines of client 1 stay two lines
    (1, "2026-01-15", 1000.0),
    (1, "2026-01-15", 1000.0),
    (1, "2026-02-15", 2000.0),
]


def test_sales_stored_before_0010_are_found_by_a_re_import(
    empty_url: str, tmp_path: Path, request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Database(empty_url)
    request.addfinalizer(db.dispose)
    migrate.upgrade(db, "0005")
    with db.write() as conn:  # what the schema before 0010 held
        conn.execute(
            text(
                "INSERT INTO client (external_id, name, stage, stage_since, card, timezone, created_at, "
                "updated_at, version, contacts_count) VALUES ('1001', 'А', 'new', :t, :card, "
                "'Europe/Moscow', :t, :t, 1, 0)"
            ),
            {"t": "2026-01-01 10:00:00", "card": '{"company_name": "А", "phone": "+79120001122"}'},
        )
        for client, day, amount in LINES:
            conn.execute(
                text(
                    "INSERT INTO sale (client_id, day, month, quantity, amount, product) "
                    "VALUES (:c, :d, :m, 1, :a, 'Кирпич')"
                ),
                {"c": client, "d": day, "m": 2026 * 12 + int(day[5:7]) - 1, "a": amount},
            )
    assert main(["db", "upgrade", "--db", empty_url]) == 0
    with db.read() as conn:
        keys = conn.execute(text("SELECT line_key, line_seq FROM sale ORDER BY id")).all()
    assert all(k is not None for k, _ in keys) and [s for _, s in keys] == [0, 1, 0]
    (tmp_path / "s.csv").write_text(
        "Клиент;Дата;Сумма;Количество;Номенклатура\n"
        "1001;15.01.2026;1000;1;Кирпич\n1001;15.01.2026;1000;1;Кирпич\n1001;15.02.2026;2000;1;Кирпич\n"
        "1001;15.03.2026;10;1;Кирпич\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["import", "sales", str(tmp_path / "s.csv"), "--db", empty_url, "--lang", "en"]) == 0
    assert "added 1, already present 3" in capsys.readouterr().out
