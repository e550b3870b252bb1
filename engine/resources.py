"""Where the bundled regulation, templates and schemas live.

In a wheel they are inside the package (``engine/_bundled/...``); in a source checkout or an
editable install they are the top-level ``regulations/`` and ``templates/`` folders beside
``engine/``. Everything that needs them asks here, so neither layout leaks elsewhere.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SCHEMAS_DIR = PACKAGE_DIR / "schemas"
LOCALE_DIR = PACKAGE_DIR / "locale"
CACHE_ENV = "REGLAMENT_CACHE"
"""The folder where Reglament keeps what it can always recompute; ``off`` keeps nothing."""


def _bundled(name: str) -> Path:
    inside = PACKAGE_DIR / "_bundled" / name
    if inside.is_dir():
        return inside
    beside = PACKAGE_DIR.parent / name
    if beside.is_dir():
        return beside
    raise FileNotFoundError(
        f"the bundled '{name}' folder is missing: looked in {inside} and {beside}; reinstall the package"
    )


@cache
def bundled_regulations() -> Path:
    """The folder of the bundled default regulation."""
    return _bundled("regulations")


@cache
def bundled_templates() -> Path:
    """The folder of the bundled Jinja templates."""
    return _bundled("templates")


def cache_dir() -> Path | None:
    """Where results that can always be recomputed are kept between runs (#18): $REGLAMENT_CACHE
    (``off`` or empty: nowhere), else ``$XDG_CACHE_HOME/reglament``, else ``~/.cache/reglament``."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip() in ("", "off") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reglament"
