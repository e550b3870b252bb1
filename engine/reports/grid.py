"""A report table as text that fits a width (the terminal's, or 100 when not a terminal): aligned
columns when they fit; else the headers, then the longest cells, wrapped inside their column at
word boundaries; else — too many columns for the width — stacked: each row's «column: value»
pairs, « · » between. A word longer than the width is the only thing ever left wider."""

from __future__ import annotations

import textwrap

INDENT = "  "
GAP = "  "
SEP = " · "
WIDTH = 100
"""The width when the output is no terminal (a file, a pipe)."""


def grid(head: list[str], body: list[list[str]], width: int = WIDTH) -> list[str]:
    """The lines of a table with header ``head`` and rows ``body``, at most ``width`` wide."""
    natural = [max(len(r[i]) for r in [head, *body]) for i in range(len(head))]
    widths = natural if _total(natural) <= width else _narrowed(head, body, natural, width)
    if widths is None:
        return _stacked(head, body, width)
    return [line for row in [head, *body] for line in _row(row, widths)]


def _total(widths: list[int]) -> int:
    return len(INDENT) + sum(widths) + len(GAP) * (len(widths) - 1)


def _narrowed(head: list[str], body: list[list[str]], widths: list[int], width: int) -> list[int] | None:
    """Column widths fitting ``width``, taking one character at a time from the widest column
    that can still wrap (no column narrower than its longest word): the headers first, then the
    cells; None when none fit."""
    least = [max(_longest_word(r[i]) for r in [head, *body]) for i in range(len(head))]
    cells = [max(len(r[i]) for r in body) for i in range(len(head))]
    widths = list(widths)
    for floor in ([max(pair) for pair in zip(least, cells, strict=True)], least):
        while _total(widths) > width:
            can = [i for i, w in enumerate(widths) if w > floor[i]]
            if not can:
                break
            widths[max(can, key=lambda i: widths[i])] -= 1
    return widths if _total(widths) <= width else None


def _longest_word(value: str) -> int:
    return max((len(word) for word in value.split(" ")), default=0)  # «10 000 ₽» holds no-break spaces


def _row(row: list[str], widths: list[int]) -> list[str]:
    """One table row: each cell wrapped to its column, the columns side by side."""
    cells = [
        textwrap.wrap(value, w, break_long_words=False, break_on_hyphens=False) or [""]
        for value, w in zip(row, widths, strict=True)
    ]
    height = max(len(c) for c in cells)
    return [
        (
            INDENT
            + GAP.join((c[k] if k < len(c) else "").ljust(w) for c, w in zip(cells, widths, strict=True))
        ).rstrip()
        for k in range(height)
    ]


def _stacked(head: list[str], body: list[list[str]], width: int) -> list[str]:
    """Each row as its first «column: value», then its other pairs indented under it, as many to
    a line as fit, separated by « · »."""
    lines: list[str] = []
    inner = INDENT * 2
    for row in body:
        lines += _wrap(f"{head[0]}: {row[0]}", width, INDENT, INDENT * 2)
        line = ""
        for name, value in zip(head[1:], row[1:], strict=True):
            pair = f"{name}: {value}"
            if line and len(inner + line + SEP + pair) > width:
                lines += _wrap(line, width, inner, inner + INDENT)
                line = ""
            line = f"{line}{SEP}{pair}" if line else pair
        lines += _wrap(line, width, inner, inner + INDENT)
    return lines


def _wrap(value: str, width: int, first: str, then: str) -> list[str]:
    return textwrap.wrap(
        value,
        width,
        initial_indent=first,
        subsequent_indent=then,
        break_long_words=False,
        break_on_hyphens=False,
    )


def lines(value: str, width: int) -> list[str]:
    """A title, wrapped at ``width``."""
    return _wrap(value, width, "", "") or [""]
