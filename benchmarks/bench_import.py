"""Importing 10⁶ sales lines: lines per second and peak memory of the import process.

    python -m benchmarks.bench_import [--lines 1000000] [--clients 20000] [--pg URL]

Writes a 1C-style CSV (cp1251, «;», decimal commas, dates as 31.12.2026), imports the clients,
then times ``reglament import sales`` in a separate process (its peak RSS is the import's own),
then the same file again (every line already present) and a dry run.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import text

from engine.store.database import Database

PRODUCTS = ["Кирпич М150", "Блок газобетонный", "Смесь сухая ЦПС", "Утеплитель 100 мм", "Профнастил С8"]


def write_files(folder: Path, lines: int, clients: int) -> tuple[Path, Path]:
    rng = random.Random(7)
    people = folder / "clients.csv"
    with people.open("w", encoding="cp1251", newline="") as out:
        out.write("Код;Наименование;Телефон\r\n")
        for i in range(clients):
            out.write(f"{i + 1:06d};ООО «Клиент {i + 1}»;+7912{i:07d}\r\n")
    sales = folder / "sales.csv"
    start = date(2025, 1, 1)
    with sales.open("w", encoding="cp1251", newline="") as out:
        out.write("Клиент;Дата;Номенклатура;Количество;Сумма\r\n")
        for _ in range(lines):
            day = (start + timedelta(days=rng.randrange(700))).strftime("%d.%m.%Y")
            amount = f"{rng.randrange(100, 10_000_000) / 100:.2f}".replace(".", ",")
            client = f"{rng.randrange(clients) + 1:06d}"
            out.write(f"{client};{day};{rng.choice(PRODUCTS)};{rng.randrange(1, 50)};{amount}\r\n")
    return people, sales


def reglament(*argv: str) -> tuple[float, float, int, str]:
    """Run the CLI in a child process: wall seconds, CPU seconds, peak RSS in MB of the largest
    child so far (the clients import before it is smaller), its last line of output."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "engine", *argv], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(done.stdout + done.stderr)
    cpu = after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime
    return seconds, cpu, after.ru_maxrss // 1024, done.stdout.strip().splitlines()[-1]


def floor(sales: Path, folder: Path) -> float:
    """The same run's anchor: the standard csv module reading the file and raw sqlite3
    ``executemany`` writing its cells, nothing checked. Seconds."""
    import csv
    import sqlite3

    started = time.perf_counter()
    with sqlite3.connect(folder / "floor.sqlite") as conn, sales.open(encoding="cp1251", newline="") as f:
        conn.execute("CREATE TABLE line (client TEXT, day TEXT, product TEXT, quantity TEXT, amount TEXT)")
        rows = csv.reader(f, delimiter=";")
        next(rows)
        conn.executemany("INSERT INTO line VALUES (?, ?, ?, ?, ?)", rows)
    return time.perf_counter() - started


def reset(url: str) -> None:
    if url.startswith("postgresql"):
        with Database(url) as db, db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=20_000)
    parser.add_argument("--pg", help="also on this PostgreSQL database (its schema is dropped!)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        people, sales = write_files(Path(folder), args.lines, args.clients)
        size = sales.stat().st_size / 1e6
        print(f"file: {args.lines:,} lines, {size:.1f} MB (cp1251); {args.clients:,} clients")
        anchor = floor(sales, Path(folder))
        print(f"anchor (csv + raw sqlite3 executemany, nothing checked): {args.lines / anchor:,.0f} lines/s")
        urls = [f"sqlite:///{folder}/bench.sqlite"] + ([args.pg] if args.pg else [])
        for url in urls:
            reset(url)
            name = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
            env = ["--db", url]
            reglament("import", "clients", str(people), *env)
            for label, extra in (("first import", []), ("same file again", []), ("dry run", ["--dry-run"])):
                seconds, cpu, peak, said = reglament(
                    "import", "sales", str(sales), *env, "--lang", "en", *extra
                )
                rate = f"{args.lines / seconds:,.0f} lines/s ({args.lines / cpu:,.0f} per CPU-second)"
                print(f"{name} {label}: {seconds:.1f} s, {rate}, peak RSS {peak} MB | {said}")
    os.environ.pop("REGLAMENT_DB", None)


if __name__ == "__main__":
    main()
