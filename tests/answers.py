"""Service answers as the CLI's --format json shows them: typed records rendered in a language."""

from __future__ import annotations

import json
from typing import Any

from engine import i18n


def seen(answer: Any, lang: str = "ru") -> Any:
    """``answer`` as JSON data in ``lang`` (moments as ISO text), as a reader receives it."""
    return json.loads(json.dumps(i18n.plain(answer, lang), default=i18n.iso))
