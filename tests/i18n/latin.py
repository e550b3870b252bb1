"""Latin words in Russian text that are not ids, units or names (#14 point 2): what the tests of
the catalogs, the help pages and the Russian CLI session look for. The allow-list is data:
``latin_allowed.txt`` (one word a line, ``#`` comments)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

ALLOWED_FILE = Path(__file__).parent / "latin_allowed.txt"

# What a Russian text may hold in Latin letters because it is written, not said: placeholders,
# quoted ids, commands in backticks, options, variables, paths, file names, URLs, and ids with
# an underscore or a digit.
_WRITTEN = [
    re.compile(p)
    for p in (
        r"\{[^{}]*\}",  # a placeholder
        r"'[^'\n]*'",  # an id as the messages quote it
        r"`[^`\n]*`",  # a command
        r"(?<![\w-])--?[A-Za-z][\w-]*",  # an option: --db, -o
        r"\$[A-Z_]+",  # a variable
        r"\S*(?:://|/|\\)\S*",  # a path or URL
        r"[\w-]+\.[A-Za-z][\w.-]*",  # a file name or a dotted id: stages.yaml, e.g. x.sqlite
        r"\b[A-Za-z]*(?:_|\d)[\w-]*",  # an id with an underscore or a digit
        r"\breglament(?: [a-z]+){0,2}",  # the program and its command
    )
]
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*[A-Za-z]|[A-Za-z]")


@cache
def allowed() -> frozenset[str]:
    lines = ALLOWED_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().casefold() for w in lines if w.strip() and not w.startswith("#"))


def latin_words(text: str) -> list[str]:
    """The Latin words of ``text`` a Russian reader would have to read as English."""
    for written in _WRITTEN:
        text = written.sub(" ", text)
    return [w for w in _WORD.findall(text) if w.casefold() not in allowed() and not w.isupper()]
