"""Where the bundled regulation, templates and schemas live.

In a wheel they are inside the package (``engine/_bundled/...``); in a source checkout or an
editable install they are the top-level ``regulations/`` and ``templates/`` folders beside
``engine/``. Everything that needs them asks here, so neither layout leaks elsewhere.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SCHEMAS_DIR = PACKAGE_DIR / "schemas"
LOCALE_DIR = PACKAGE_DIR / "locale"


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
