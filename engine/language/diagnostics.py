"""The Diagnostic record and its text, JSON and GitHub renderings.

A diagnostic keeps its message as a catalog code plus arguments, so the same finding can be
shown in Russian or English. Renderers never decide the exit code; :func:`exit_code` does.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from engine import i18n


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding: what is wrong, where, and how to fix it."""

    file: str
    line: int
    column: int
    severity: Severity
    code: str
    pointer: str
    args: tuple[tuple[str, str], ...] = ()
    hint_key: str = ""
    excerpt: str = ""
    """The source line the diagnostic points into, quoted by the text rendering."""

    @classmethod
    def make(
        cls,
        file: str,
        line: int,
        column: int,
        code: str,
        pointer: str,
        /,
        *,
        severity: Severity = Severity.ERROR,
        hint: str = "",
        **args: object,
    ) -> Diagnostic:
        """A diagnostic whose message arguments are given as keywords."""
        pairs = tuple(sorted((k, _encode(v)) for k, v in args.items()))
        return cls(file, line, column, severity, code, pointer, pairs, hint)

    def _args(self, lang: str) -> dict[str, str]:
        return {k: _decode(v, lang) for k, v in self.args}

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.code, self.pointer)

    def message(self, lang: str) -> str:
        return i18n.tr(f"diag.{self.code}.message", lang, **self._args(lang))

    def hint(self, lang: str) -> str:
        key = f"diag.{self.code}.{self.hint_key or 'hint'}"
        return i18n.tr(key, lang, **self._args(lang)) if i18n.has(key) else ""

    def as_dict(self, lang: str) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "pointer": self.pointer,
            "message": self.message(lang),
            "hint": self.hint(lang),
        }


@dataclass(frozen=True, slots=True)
class Words:
    """A message argument named by catalog keys, shown in the reader's language ("a or b")."""

    keys: tuple[str, ...]


_LOCALIZED, _WORDS, _PLAIN = "\x00", "\x01", "\x02"


def _encode(value: object) -> str:
    if isinstance(value, Words):
        return _WORDS + "|".join(value.keys)
    if isinstance(value, dict):  # per-language text, {"ru": ..., "en": ...}
        return _LOCALIZED + json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)  # 100, not 100.0: numbers as a person writes them
    text = str(value)
    return _PLAIN + text if text[:1] in (_LOCALIZED, _WORDS, _PLAIN) else text


def _decode(value: str, lang: str) -> str:
    if value.startswith(_PLAIN):  # a text of the user's that happens to start like a marker
        return value[1:]
    if value.startswith(_WORDS):
        words = [i18n.tr(key, lang) for key in value[1:].split("|") if key]
        return i18n.join_words(words, lang, style="or")
    if value.startswith(_LOCALIZED):
        texts: dict[str, str] = json.loads(value[1:])
        return texts.get(lang) or next(iter(texts.values()), "")
    return value


def sort_diagnostics(items: Iterable[Diagnostic], order: Sequence[str] = ()) -> list[Diagnostic]:
    """Without exact repeats, in reading order: files by ``order`` (their names; other files
    after them), then by place."""

    def rank(d: Diagnostic) -> tuple[int, tuple[str, int, int, str, str]]:
        name = d.file.replace("\\", "/").rsplit("/", 1)[-1]
        return (order.index(name) if name in order else len(order), d.sort_key)

    return sorted(set(items), key=rank)


def has_errors(items: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in items)


def render_text(items: Sequence[Diagnostic], lang: str) -> str:
    """For people: place, severity, code and message; the source line with a caret under the
    column; the hint. (The JSON pointer is for machines: ``render_json`` has it.)"""
    lines: list[str] = []
    for d in items:
        severity = i18n.tr(f"severity.{d.severity.value}", lang)
        where = f"{d.file}:{d.line}:{d.column}"
        lines.append(f"{where}: {severity}[{d.code}] {d.message(lang)}")
        lines.extend(_quote(d))
        hint = d.hint(lang)
        if hint:
            lines.append(f"  {i18n.tr('severity.hint', lang)}: {hint}")
    lines.append(summary_line(items, lang))
    return "\n".join(lines)


_WIDTH = 100


def _quote(d: Diagnostic) -> list[str]:
    """The source line (a window of it when long) and a caret under the column."""
    text = "".join(c if c == "\t" or c.isprintable() else "\ufffd" for c in d.excerpt)
    if not text.strip():
        return []
    start = 0
    if len(text) > _WIDTH:
        start = max(0, min(d.column - 1 - _WIDTH // 2, len(text) - _WIDTH))
    shown = text[start : start + _WIDTH]
    before = text[start : max(start, d.column - 1)]
    pad = "".join(c if c == "\t" else " " for c in before)
    number = str(d.line)
    lead, tail = ("…" if start else ""), ("…" if start + _WIDTH < len(text) else "")
    return [
        f"  {number} | {lead}{shown}{tail}",
        f"  {' ' * len(number)} | {' ' if lead else ''}{pad}^",
    ]


def summary_line(items: Sequence[Diagnostic], lang: str) -> str:
    errors = sum(d.severity is Severity.ERROR for d in items)
    warnings = len(items) - errors
    if not items:
        return i18n.tr("check.clean", lang)
    return i18n.tr(
        "check.found",
        lang,
        errors=i18n.tr("check.n_errors", lang, n=errors),
        warnings=i18n.tr("check.n_warnings", lang, n=warnings),
    )


def render_json(items: Sequence[Diagnostic], lang: str) -> str:
    return json.dumps({"diagnostics": [d.as_dict(lang) for d in items]}, ensure_ascii=False, indent=2)


def render_github(items: Sequence[Diagnostic], lang: str) -> str:
    """GitHub Actions workflow commands: annotations on the pull request's files."""
    out = []
    for d in items:
        text = d.message(lang)
        hint = d.hint(lang)
        if hint:
            text += "\n" + hint
        props = f"file={_gh(d.file, True)},line={d.line},col={d.column},title={_gh(d.code, True)}"
        out.append(f"::{d.severity.value} {props}::{_gh(text, False)}")
    return "\n".join(out)


def _gh(value: str, is_property: bool) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if is_property:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


RENDERERS = {"text": render_text, "json": render_json, "github": render_github}
