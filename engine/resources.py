"""Where the bundled regulation, templates and schemas live.

In a wheel they are inside the package (``engine/_bundled/...``); in a source checkout or an
editable install they are the top-level ``regulations/`` and ``templates/`` folders beside
``engine/``. Everything that needs them asks here, so neither layout leaks elsewhere.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

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


def cached_json(kind: str, source: bytes, make: Callable[[], Any]) -> Any:
    """``make()``, which is made from the bytes ``source`` only, kept as JSON in the cache folder
    under ``kind`` and the digest of ``source``: a later process with the same bytes reads it
    back; other bytes make it anew, replacing what was kept for ``kind``. What JSON would not
    give back equal is not kept."""
    found = kept_json(kind, source)
    if found is not None:
        return found
    value = make()
    keep_json(kind, source, value)
    return value


def _kept_at(kind: str, source: bytes) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"{kind}-{hashlib.sha256(source).hexdigest()[:40]}.json"


def kept_json(kind: str, source: bytes) -> Any:
    """What :func:`keep_json` kept for ``kind`` and ``source``; None when nothing is, or when the
    file is not whole and ours (its first line seals the rest to ``source``)."""
    kept = _kept_at(kind, source)
    try:
        seal, _, text = (b"" if kept is None else kept.read_bytes()).partition(b"\n")
        if not text or seal.decode("ascii") != _seal(source, text):
            return None  # nothing kept, torn, edited or not ours: make it anew
        return json.loads(text)
    except (OSError, ValueError):  # unreadable
        return None


def keep_json(kind: str, source: bytes, value: Any) -> None:
    """Keep ``value`` for ``kind`` and ``source`` (replacing what was kept for ``kind``), if JSON
    gives it back equal and there is a cache folder."""
    kept = _kept_at(kind, source)
    if kept is None:
        return
    try:
        text = json.dumps(value, ensure_ascii=False)
        if json.loads(text) == value:
            _keep(kept.parent, kept, kind, _seal(source, text.encode()) + "\n" + text)
    except (OSError, TypeError, ValueError):
        pass


def _seal(source: bytes, text: bytes) -> str:
    """The digest that ties a kept text to the bytes it was made from."""
    return hashlib.sha256(hashlib.sha256(source).digest() + text).hexdigest()


def _keep(folder: Path, kept: Path, kind: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=folder, delete=False, encoding="utf-8", suffix=".tmp") as out:
        out.write(text)
    os.replace(out.name, kept)  # whole, even with another process writing
    for old in folder.glob(f"{kind}-*.json"):
        if old != kept:
            old.unlink(missing_ok=True)
