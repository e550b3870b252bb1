"""Reglament: sales regulations as code.

The public Python API. Load a regulation once, then work on the typed immutable model::

    from engine import load_regulation
    regulation = load_regulation(Path("regulations"))
"""

from __future__ import annotations

from engine.language.diagnostics import Diagnostic, Severity
from engine.language.loader import LoadResult, RegulationError, load_directory, load_files, load_regulation
from engine.model import Regulation

__all__ = [
    "Diagnostic",
    "LoadResult",
    "Regulation",
    "RegulationError",
    "Severity",
    "load_directory",
    "load_files",
    "load_regulation",
]
