"""Mistakes in a command's arguments are told in words with exit 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("mysql://shop@localhost/crm", "works with a SQLite file"),
        ("sqlite+aiosqlite:///x.sqlite", "works with a SQLite file"),
        ("postgresql://u:secret@no-such-host.invalid/db", "cannot open"),
        ("postgresql://u@127.0.0.1:1/db", "cannot open"),
    ],
)
def test_a_database_that_cannot_be_used(url: str, says: str, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (("db", "status"), ("db", "upgrade"), ("client", "show", "1"), ("calls",)):
        code, err = run(capsys, *argv, "--db", url, "--lang", "en")
        assert code == 2 and says in err, (argv, err)
        assert "secret" not in err and "Traceback" not in err


def test_an_unknown_schema_revision(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "r.sqlite")
    code, err = run(capsys, "db", "upgrade", "--db", db, "--revision", "nope", "--lang", "en")
    assert code == 2 and "no schema revision 'nope'" in err and "0001" in err
    assert not Path(db).exists() or run(capsys, "db", "status", "--db", db)[0] == 1


def test_the_calls_of_a_manager_who_does_not_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "c.sqlite")
    run(capsys, "manager", "add", "ivanov", "--name", "Иван", "--role", "sales_manager", "--db", db)
    assert run(capsys, "calls", "--manager", "ivanov", "--db", db)[0] == 0
    code, err = run(capsys, "calls", "--manager", "ivanoff", "--db", db, "--lang", "en")
    assert code == 2 and "there is no manager 'ivanoff'" in err


def test_a_database_held_by_another_writer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from engine.store import database

    db = str(tmp_path / "busy.sqlite")
    card = ("company_name=Ромашка", "phone=+79123456789")
    assert run(capsys, "client", "add", *card, "--db", db)[0] == 0
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
    try:
        code, err = run(capsys, "client", "set", "1", "city=Пермь", "--db", db, "--lang", "en")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 2 and "database is locked" in err and "nothing was changed" in err
    assert "Traceback" not in err
    assert run(capsys, "client", "set", "1", "city=Пермь", "--db", db)[0] == 0
