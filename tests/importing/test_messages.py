"""Every message code the import and export use has a text in Russian and in English."""

from __future__ import annotations

import re

from engine import i18n
from engine.resources import PACKAGE_DIR
from engine.service.events import TYPES as EVENT_TYPES

SOURCES = [
    *PACKAGE_DIR.glob("importing/*.py"),
    *PACKAGE_DIR.glob("exporting/*.py"),
    PACKAGE_DIR / "cli/importing.py",
]


def test_every_code_has_both_texts() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in SOURCES)
    codes = set(re.findall(r'"((?:import|export|error|value|segment)\.[a-z_.]+[a-z])"', source))
    codes -= set(EVENT_TYPES)  # event type names (``import.completed``) are not messages
    codes |= {f"import.{c}" for c in re.findall(r'(?:Read|Mapping|ImportFile)Error\(\s*"([a-z_]+)"', source)}
    codes |= {f"export.{c}" for c in re.findall(r'ExportError\(\s*"([a-z_]+)"', source)}
    codes |= {f"import.shape_{c}" for c in ("short", "long", "open_quote")}
    codes |= {
        f"import.why.{c}" for c in ("map", "id", "label", "card_alias", "import_alias", "ignored", "empty")
    }
    codes |= {f"import.progress.{c}" for c in ("read", "write", "done")}
    assert len(codes) > 50
    for code in sorted(codes):
        for lang in i18n.LANGUAGES:
            assert i18n.has(code, lang), (code, lang)
