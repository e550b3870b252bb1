"""YAML syntax errors → the editing slip a person made, at the line where it was made.

libyaml notices a slip where parsing can no longer go on, often a line later, and says so in
parser words ("could not find expected ':'"). Here the text around that spot is read the way a
reviewer would: a tab in the indentation, a key without its colon, a colon without a space, a
``#`` that cut a one-line ``{…}`` short, a value with ``: `` inside, a line indented off its
level. Each slip is a stable name with the words its message needs; the parser's own text is
kept only as ``detail`` for the slips not recognised.
"""

from __future__ import annotations

import difflib
import re

import yaml

from engine.language.yamlsource import YamlProblem

SLIPS = (
    "tab",
    "missing_colon",
    "colon_space",
    "colon_in_value",
    "comment_in_flow",
    "unclosed",
    "brackets",
    "flow_comma",
    "quotes",
    "after_quote",
    "after_flow",
    "extra_bracket",
    "indentation",
    "list_item",
    "alias",
    "alias_typo",
    "documents",
    "control",
)
"""Every slip this module names; each has a message (``yaml_problem.<slip>``) and a hint
(``diag.Y001.<slip>``) in both catalogs, and an example in ``tests/regulation/slips.yaml``."""

_KEY_LINE = re.compile(r"^(?P<indent> *)(?:- +)?(?P<key>[^\s:#'\"{}\[\],&*!|>-][^:#]*?)\s*:(?:\s|$)")
_WORD = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[^\s:#]+)(?P<gap>:|\s+)?(?P<rest>.*)$")
_CLOSE = {"{": "}", "[": "]"}


def diagnose(text: str, err: yaml.MarkedYAMLError) -> YamlProblem:
    """The slip behind a parser error, at the position where the slip is."""
    lines = [line.rstrip("\r") for line in text.split("\n")]
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line, mark.column) if mark else (0, 0)
    context = err.context_mark
    detail = " ".join(p for p in (err.context, err.problem) if p)
    words = detail.lower()
    found = (
        _tab(lines, line, column) or _by_words(words, lines, line, column, context) or ("", line, column, {})
    )
    slip, at_line, at_column, args = found
    return YamlProblem(
        "syntax",
        at_line + 1,
        at_column + 1,
        detail=detail,
        slip=slip,
        args=tuple(sorted(args.items())),
    )


Found = tuple[str, int, int, dict[str, str]]


def _tab(lines: list[str], line: int, column: int) -> Found | None:
    """A tab in the indentation of the error's line or the one above it."""
    for i in (line, line - 1):
        if 0 <= i < len(lines):
            indent = re.match(r"^[ \t]*", lines[i])
            if indent and "\t" in indent.group():
                col = indent.group().index("\t")
                return "tab", i, col, {"column": str(col + 1)}
    if 0 <= line < len(lines) and lines[line][column : column + 1] == "\t":
        return "tab", line, column, {"column": str(column + 1)}
    return None


def _by_words(
    words: str, lines: list[str], line: int, column: int, context: yaml.Mark | None
) -> Found | None:
    if "single document" in words:
        return "documents", line, 0, {}
    if "undefined alias" in words:
        return _alias(lines, line, column)
    if context is not None and "quoted scalar" in words:
        return "quotes", context.line, context.column, {}
    if context is not None and "flow" in words:
        return _flow(lines, context.line, context.column, line, column)
    if context is not None and "simple key" in words:
        return _colonless(lines, context.line)
    if "mapping values are not allowed" in words:
        return _stray_colon(lines, line, column)
    if "expected '-' indicator" in words:
        return "list_item", line, _indent(_at(lines, line)), {}
    if context is not None and ("expected key" in words or "block end" in words):
        return _after_value(lines, line, column) or _indentation(lines, line, context.column)
    return None


def _alias(lines: list[str], line: int, column: int) -> Found:
    """``*cel`` where ``&cell`` is defined: the anchor it most likely means."""
    m = re.match(r"\*([^\s,\[\]{}]*)", _at(lines, line)[column:])
    name = m.group(1) if m else ""
    above = "\n".join(lines[:line]) + "\n" + _at(lines, line)[:column]
    anchors = re.findall(r"&([^\s,\[\]{}]+)", above)
    close = difflib.get_close_matches(name, anchors, n=1, cutoff=0.6)
    if close:
        return "alias_typo", line, column, {"name": "*" + name, "suggestion": "*" + close[0]}
    return "alias", line, column, {"name": "*" + name}


def _at(lines: list[str], i: int) -> str:
    return lines[i] if 0 <= i < len(lines) else ""


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _flow(lines: list[str], line: int, column: int, err_line: int, err_column: int) -> Found:
    """A one-line ``{…}`` or ``[…]``: a ``#`` that starts a comment inside it, or no closing."""
    text = _at(lines, line)
    depth, quote, start = 0, "", column
    for i in range(column, len(text)):
        char = text[i]
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth == 0:
                return _flow_comma(lines, err_line, err_column) or ("brackets", err_line, err_column, {})
        elif char in ",:" and depth:
            start = i + 1
        elif char == "#" and text[i - 1 : i] in (" ", "\t"):
            item = re.split(r"[,}\]]", text[start:], maxsplit=1)[0].strip()
            return "comment_in_flow", line, i, {"text": item}
    opening = text[column : column + 1] or "{"
    return "unclosed", line, column, {"bracket": opening, "closing": _CLOSE.get(opening, "}")}


def _flow_comma(lines: list[str], line: int, column: int) -> Found | None:
    """``{a: 1 b: 2}``: the colon libyaml stopped at belongs to a key that lacks its comma."""
    text = _at(lines, line)
    if text[column : column + 1] != ":":
        return None
    m = re.search(r"(\S+)\s*$", text[:column])
    before = text[: m.start()].rstrip() if m else ""
    if not m or before[-1:] in ",{[" or not before:
        return None
    return "flow_comma", line, m.start(), {"key": m.group(1)}


def _colonless(lines: list[str], line: int) -> Found:
    """The line libyaml took for a key that never got its colon."""
    m = _WORD.match(_at(lines, line))
    if not m:
        return "", line, 0, {}
    column = len(m["indent"]) + len(m["dash"] or "")
    return _missing_colon(m, line, column)


def _missing_colon(m: re.Match[str], line: int, column: int) -> Found:
    key, rest = m["key"], (m["rest"] or "").strip()
    if m["gap"] == ":" or ":" in key:
        key, _, value = (key + ":" + rest).partition(":")
        colon = column + len(key)
        return "colon_space", line, colon, {"key": key, "value": value.strip()}
    return "missing_colon", line, column + len(key), {"key": key, "value": rest}


def _stray_colon(lines: list[str], line: int, column: int) -> Found | None:
    """A ``: `` libyaml cannot take: inside a value, after a colonless line, or off-level."""
    text = _at(lines, line)
    own = _KEY_LINE.match(text)
    if own and column > own.end():
        key = own["key"].strip()
        value = text[own.end() :].strip()
        return "colon_in_value", line, column, {"key": key, "value": value}
    for i in range(line - 1, max(line - 6, -1), -1):
        above = _at(lines, i)
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        if _KEY_LINE.match(above):
            break
        m = _WORD.match(above)
        if m and len(m["indent"]) + len(m["dash"] or "") == _indent(text):
            return _missing_colon(m, i, len(m["indent"]) + len(m["dash"] or ""))
        break
    return _indentation(lines, line, None)


def _after_value(lines: list[str], line: int, column: int) -> Found | None:
    """Text left after a closed quote or a closed ``{…}`` on the same line."""
    text = _at(lines, line)
    own = _KEY_LINE.match(text)
    if not own or column <= own.end():
        return None
    key, value = own["key"].strip(), text[own.end() :].strip()
    if value[:1] in "'\"":
        return "after_quote", line, column, {"key": key, "value": value}
    if value[:1] in "{[":
        rest = text[column:].strip()
        if rest and not rest.strip("]}) "):
            return "extra_bracket", line, column, {"bracket": rest[:1]}
        return "after_flow", line, column, {"key": key, "value": value}
    return None


def _indentation(lines: list[str], line: int, parent: int | None) -> Found | None:
    """The line is indented off the levels of the lines above it."""
    found = _indent(_at(lines, line))
    above = [_indent(t) for t in reversed(lines[max(line - 12, 0) : line]) if _is_content(t)]
    if parent is not None:
        above = [parent, *above]
    levels = sorted({n for n in above[:6] if n != found})
    if not above or found in above[:1]:
        return None
    shown = ", ".join(map(str, levels[:3]))
    return "indentation", line, found, {"found": str(found), "levels": shown}


def _is_content(text: str) -> bool:
    return bool(text.strip()) and not text.lstrip().startswith("#")
