"""A process killed in the middle of an import leaves the database whole and the import absent:
a first sales import, a sales import over lines already stored, a clients synchronisation."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

COMMAND = [sys.executable, "-m", "engine", "import"]
CLIENTS = "Код;Наименование;Телефон\n1;Альфа;+79120001122\n"
BIG_SALES = "Клиент;Дата;Сумма;Количество\n" + "".join(
    f"1;{1 + i % 28:02d}.10.2026;{i % 997},50;{1 + i % 7}\n" for i in range(300_000)
)
BIG_CLIENTS = "Код;Наименование;Телефон\n1;Альфа;+79120009999\n" + "".join(
    f"{i};Клиент {i};+7912{i:07d}\n" for i in range(2, 120_000)
)
CASES = {
    # name: (kind, the big file, what is imported before it)
    "first sales": ("sales", BIG_SALES, []),
    "sales over stored lines": ("sales", BIG_SALES, ["Клиент;Дата;Сумма;Количество\n1;01.10.2026;0,50;1\n"]),
    "clients synchronised": ("clients", BIG_CLIENTS, []),
}


def state(db: Path) -> tuple[object, ...]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return tuple(
            conn.execute(query).fetchall()
            for query in (
                "SELECT count(*), coalesce(sum(amount), 0) FROM sale",
                "SELECT id, version, card FROM client ORDER BY id",
                "SELECT count(*) FROM history",
            )
        )


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES))
def test_an_import_killed_while_writing_leaves_nothing_half_written(case: str, tmp_path: Path) -> None:
    kind, big, before = CASES[case]
    db = tmp_path / "base.sqlite"
    env = {**os.environ, "REGLAMENT_DB": str(db), "REGLAMENT_USER": "test"}
    (tmp_path / "c.csv").write_text(CLIENTS, encoding="utf-8")
    subprocess.run([*COMMAND, "clients", str(tmp_path / "c.csv")], env=env, check=True, capture_output=True)
    for n, text in enumerate(before):
        (tmp_path / f"b{n}.csv").write_text(text, encoding="utf-8")
        subprocess.run(
            [*COMMAND, "sales", str(tmp_path / f"b{n}.csv")], env=env, check=True, capture_output=True
        )
    stored = state(db)
    (tmp_path / "big.csv").write_text(big, encoding="utf-8")
    process = subprocess.Popen(
        [*COMMAND, kind, str(tmp_path / "big.csv")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wal = tmp_path / "base.sqlite-wal"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > 1_000_000:  # rows are being written
            break
        time.sleep(0.02)
    assert process.poll() is None, "the import finished before it could be killed: make the file larger"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert state(db) == stored
