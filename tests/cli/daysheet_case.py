"""One manager's small day, the same every run: what the call-list tests and the golden day
sheet use. Regenerate the golden sheet: python -m tests.cli.daysheet_case"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

from engine.cli import main

GOLDEN = Path(__file__).parent / "golden" / "daysheet.ru.html"
AT = "27.11.2026 17:30"  # a Friday; the regulation's working hours are 09:00–19:00
CLIENTS = [
    ("Стройбаза «Север»", "8 912 345-67-89", "Позвонить по счёту", "27.11.2026", "10:00"),
    ("ИП Петрова Ольга", "8 916 777-22-74", "Уточнить объём", "26.11.2026", None),
    ("Металл-Профиль", "8 999 415-52-94", "Отправить договор", "27.11.2026", None),
]


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def build(db: str) -> None:
    """The manager ivanov and his three clients, each with a next step."""
    code, _, err = cli(
        "manager", "add", "ivanov", "--name", "Иван Иванов", "--role", "Менеджер по продажам", "--db", db
    )
    assert code == 0, err
    for name, phone, action, due, time in CLIENTS:
        at_time = ["--time", time] if time else []
        code, _, err = cli(
            "client", "add", f"Название компании={name}", f"Телефон={phone}", "--owner", "ivanov",
            "--next", action, "--due", due, *at_time, "--db", db,
        )  # fmt: skip
        assert code == 0, err


def day_sheet(db: str) -> str:
    code, out, err = cli("calls", "--manager", "ivanov", "--at", AT, "--format", "html", "--db", db)
    assert code == 0, err
    return out


def main_(folder: Path) -> None:
    db = str(folder / "golden-day.sqlite")
    build(db)
    GOLDEN.write_text(day_sheet(db), encoding="utf-8")
    print(GOLDEN)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        main_(Path(tmp))
    sys.exit(0)
