"""Reglament: sales regulations as code.

The public Python API. Load a regulation once, then work on the typed immutable model::

    from engine import load_regulation
    regulation = load_regulation(Path("regulations"))

The names are imported when first used (PEP 562), so ``import engine.<module>`` — every command
of the ``reglament`` line does it — does not load the regulation language it may not need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from engine.language.diagnostics import Diagnostic, Severity
    from engine.language.loader import (
        LoadResult,
        RegulationError,
        load_directory,
        load_files,
        load_regulation,
    )
    from engine.model import Regulation

_HOMES = {
    "Diagnostic": "engine.language.diagnostics",
    "Severity": "engine.language.diagnostics",
    "LoadResult": "engine.language.loader",
    "RegulationError": "engine.language.loader",
    "load_directory": "engine.language.loader",
    "load_files": "engine.language.loader",
    "load_regulation": "engine.language.loader",
    "Regulation": "engine.model",
}

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


def __getattr__(name: str) -> object:
    """A public name, imported from its module on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'engine' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
