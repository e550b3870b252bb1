"""Loading a regulation: files → YAML → schema → typed model → meaning checks.

This is the one loading step. The CLI's ``check``, the runtime and the HTTP API all call it;
after it, code works on the immutable :class:`~engine.model.Regulation`.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from engine.i18n import DEFAULT_LANGUAGE, LANGUAGES
from engine.language.build import Doc, build_regulation
from engine.language.checks import CheckContext, run_checks
from engine.language.diagnostics import Diagnostic, Severity, has_errors
from engine.language.findings import finish
from engine.language.problems import TAINTING, problem_diagnostic
from engine.language.schema import KINDS, check_schema
from engine.language.yamlio import YamlDocument, load_yaml_bytes
from engine.model.regulation import Regulation

FILE_NAMES = {kind: f"{kind}.yaml" for kind in KINDS}
_ORDER = tuple(FILE_NAMES.values())
TEMPLATE_PREFIX = "x-"
"""Top-level keys starting with this hold anchors to merge (``x-cell: &cell {…}``); the engine
reads nothing else from them."""


class RegulationError(Exception):
    """The regulation has errors; ``diagnostics`` says which and where."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.severity is Severity.ERROR]
        first = errors[0] if errors else None
        where = f"{first.file}:{first.line}:{first.column} {first.code}" if first else ""
        super().__init__(f"the regulation has {len(errors)} error(s); first at {where}")


@dataclass(slots=True)
class LoadResult:
    regulation: Regulation | None
    """The model; None only when a file could not be read at all."""
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.regulation is not None and not has_errors(self.diagnostics)


def load_directory(root: Path, display: str | None = None) -> LoadResult:
    """Load every regulation file of ``root``; ``display`` prefixes file names in messages."""
    prefix = display if display is not None else _display_prefix(root)
    files: dict[str, bytes] = {}
    diagnostics: list[Diagnostic] = []
    for path in sorted(root.glob("*.y*ml")):
        if path.name not in FILE_NAMES.values():
            diagnostics.append(_unknown_file(path.name, prefix))
            continue
        try:
            files[path.name] = path.read_bytes()
        except OSError as err:
            diagnostics.append(
                Diagnostic.make(prefix + path.name, 1, 1, "F002", "", detail=err.strerror or str(err))
            )
    result = load_files(files, root=root, prefix=prefix)
    sources = {prefix + name: raw for name, raw in files.items()}
    result.diagnostics = finish([*diagnostics, *result.diagnostics], sources, _ORDER)
    return result


def load_files(files: Mapping[str, bytes], root: Path = Path("."), prefix: str = "") -> LoadResult:
    """Load a regulation given as file name → bytes (a directory, or an upload)."""
    diagnostics: list[Diagnostic] = []
    parsed: dict[str, tuple[YamlDocument, str]] = {}
    for kind, name in FILE_NAMES.items():
        display = prefix + name
        if name not in files:
            diagnostics.append(Diagnostic.make(display, 1, 1, "F001", "", file=name))
            continue
        document, found = _parse_and_validate(kind, files[name], display)
        diagnostics.extend(found)
        parsed[kind] = (document, display)
    lang = _plain_text_language(parsed)
    documents = {
        kind: (document.data, Doc(display, document.source_map, lang))
        for kind, (document, display) in parsed.items()
        if document.ok and isinstance(document.data, dict)  # else only the schema error is told
    }
    broken = {kind for kind in FILE_NAMES if kind not in documents}
    regulation = build_regulation(documents, root, _digest(files))
    source_maps = {doc.file: doc.source_map for _, doc in documents.values()}
    context = CheckContext(source_maps, frozenset(broken), _tainted(diagnostics))
    diagnostics.extend(run_checks(regulation, context))
    sources = {prefix + name: raw for name, raw in files.items()}
    return LoadResult(regulation, finish(diagnostics, sources, _ORDER))


def load_regulation(root: Path) -> Regulation:
    """The checked regulation of ``root``; raises :class:`RegulationError` if it has errors."""
    result = load_directory(root)
    if not result.ok or result.regulation is None:
        raise RegulationError(result.diagnostics)
    return result.regulation


@lru_cache(maxsize=64)
def _parse_and_validate(kind: str, raw: bytes, display: str) -> tuple[YamlDocument, tuple[Diagnostic, ...]]:
    """One file's YAML and schema findings; cached by content, as files rarely change."""
    document = load_yaml_bytes(raw, keep_as=kind)  # one kept copy per kind of file, wherever it is
    if isinstance(document.data, dict):  # anchors kept aside for merging (docker-compose style)
        document.data = {k: v for k, v in document.data.items() if not k.startswith(TEMPLATE_PREFIX)}
    found = [problem_diagnostic(p, display) for p in document.problems]
    if document.ok:
        rejected = [p.pointer for p in document.problems if p.kind in TAINTING]
        found.extend(
            d
            for d in check_schema(kind, document.data, display, document.source_map)
            if not any(_under(d.pointer, r) for r in rejected)
        )
    return document, tuple(found)


def _under(pointer: str, ancestor: str) -> bool:
    return pointer == ancestor or pointer.startswith(ancestor + "/")


_TAINTING = ("S", "Y002", "Y003", "Y008", "Y009", "Y010")


def _tainted(diagnostics: list[Diagnostic]) -> frozenset[tuple[str, str]]:
    """(file, pointer) of every value the schema or the YAML layer found wrong."""
    return frozenset((d.file, d.pointer) for d in diagnostics if d.code.startswith(_TAINTING))


def _plain_text_language(parsed: Mapping[str, tuple[YamlDocument, str]]) -> str:
    manifest = parsed.get("regulation")
    data = manifest[0].data if manifest else None
    lang = data.get("default_language") if isinstance(data, dict) else None
    return lang if isinstance(lang, str) and lang in LANGUAGES else DEFAULT_LANGUAGE


def _unknown_file(name: str, prefix: str) -> Diagnostic:
    close = difflib.get_close_matches(name, list(FILE_NAMES.values()), n=1, cutoff=0.6)
    return Diagnostic.make(
        prefix + name,
        1,
        1,
        "F003",
        "",
        severity=Severity.WARNING,
        hint="did_you_mean" if close else "hint",
        file=name,
        suggestion=close[0] if close else "",
        known=", ".join(FILE_NAMES.values()),
    )


def _digest(files: Mapping[str, bytes]) -> str:
    sha = hashlib.sha256()
    for name in sorted(files):
        sha.update(name.encode() + b"\0" + files[name] + b"\0")
    return sha.hexdigest()


def _display_prefix(root: Path) -> str:
    try:
        relative = os.path.relpath(root.resolve(), Path.cwd())
    except ValueError:  # another drive on Windows
        relative = str(root)
    if relative.startswith(".."):
        relative = str(root.resolve())
    return "" if relative == "." else relative.rstrip(os.sep) + os.sep
