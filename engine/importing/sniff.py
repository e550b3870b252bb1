"""Guessing how a text table is written: its encoding, its delimiter and its header row.

1C writes Windows-1251 by default, Excel's «CSV UTF-8» starts with a byte-order mark and its
«Unicode text» is UTF-16 with tabs. Reports saved from 1C often carry title lines above the
header («Продажи за октябрь», «Параметры: …»): the header is the first row, among the first
few, whose cells name the most known columns.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from collections.abc import Callable, Sequence

from engine.importing.errors import ReadError

DELIMITERS = ";,\t|"
SAMPLE_BYTES = 256 * 1024
HEADER_SEARCH = 30
"""Rows looked at for the header: a report's title block is never longer."""

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def encoding_of(sample: bytes, given: str | None) -> str:
    """The encoding to read with: the given one (checked), a BOM's, UTF-8 if the sample is, else cp1251."""
    if given:
        try:
            codecs.lookup(given)
        except LookupError as err:
            raise ReadError("bad_encoding", encoding=given, error=err) from None
        return given
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return "cp1251"  # every byte decodes: 1C's default for Russian
    return "utf-8"


def decode_sample(sample: bytes, encoding: str) -> str:
    try:
        return codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
    except UnicodeDecodeError as err:
        raise ReadError("bad_encoding", encoding=encoding, error=err) from None


def delimiter_of(text: str, given: str | None) -> str:
    """The delimiter that splits the most rows into the same number (more than one) of cells."""
    if given:
        return "\t" if given in ("tab", "\\t") else given
    lines = text.splitlines()[:200]
    if len(lines) > 1 and not text.endswith(("\n", "\r")):
        lines = lines[:-1]  # the sample may end in the middle of a row
    best, score = ";", (-1, 0)
    for candidate in DELIMITERS:
        counts = Counter(len(row) for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=candidate))
        width, rows = max(((w, n) for w, n in counts.items() if w > 1), key=lambda p: p[1], default=(0, 0))
        if (rows, width) > score:
            best, score = candidate, (rows, width)
    return best


def header_index(rows: Sequence[Sequence[object]], known: Callable[[str], bool]) -> int:
    """Which of the first rows is the header: the one naming the most known columns (the first
    filled row when none names any)."""
    best, best_hits = -1, 0
    for index, row in enumerate(rows[:HEADER_SEARCH]):
        cells = [str(c).strip() for c in row if c is not None and str(c).strip()]
        if best < 0 and cells:
            best = index
        hits = sum(1 for c in cells if known(c))
        if hits > best_hits:
            best, best_hits = index, hits
    return max(best, 0)
