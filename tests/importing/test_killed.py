"""A process killed in the middle of an import leaves the database whole and the import absent."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest


@pytest.mark.slow
def test_an_import_killed_while_writing_leaves_nothing_half_written(tmp_path: Path) -> None:
    db = tmp_path / "base.sqlite"
    env = {**os.environ, "REGLAMENT_DB": str(db), "REGLAMENT_USER": "test"}
    (tmp_path / "c.csv").write_text("Код;Наименование;Телефон\n1;Альфа;+79120001122\n", encoding="utf-8")
    command = [sys.executable, "-m", "engine", "import"]
    subprocess.run([*command, "clients", str(tmp_path / "c.csv")], env=env, check=True, capture_output=True)
    lines = "".join(f"1;{1 + i % 28:02d}.10.2026;{i % 997},50;1\n" for i in range(300_000))
    (tmp_path / "s.csv").write_text("Клиент;Дата;Сумма;Количество\n" + lines, encoding="utf-8")
    process = subprocess.Popen(
        [*command, "sales", str(tmp_path / "s.csv")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wal = tmp_path / "base.sqlite-wal"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > 1_000_000:  # rows are being written
            break
        time.sleep(0.02)
    assert process.poll() is None, "the import finished before it could be killed: make the file larger"
    process.send_signal(signal.SIGKILL)
    process.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM sale").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM client").fetchone() == (1,)
