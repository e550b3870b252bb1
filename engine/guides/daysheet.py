"""A manager's day sheet: the call list printed on A4 with tick boxes and room for notes.

The CLI hands over plain rows (the queue is a layer above the guides); this module says the
words of the page in one language and renders ``daysheet.html.j2``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from engine import i18n
from engine.model.regulation import Regulation


@dataclass(frozen=True, slots=True)
class SheetRow:
    position: int
    client: str
    """The name with the client's number."""
    phone: str
    reason: str
    stage: str
    color: str


@dataclass(frozen=True, slots=True)
class DaySheet:
    manager: str
    """The manager's name and login, or «everyone»."""
    at: datetime
    total: int
    rows: tuple[SheetRow, ...]
    empty: str = ""
    """Why there is nothing to call, for an empty sheet."""


def page_words(reg: Regulation, lang: str, printed: date) -> dict[str, str]:
    """The words every day sheet shows, in ``lang``."""
    words = {
        key: i18n.tr(f"shown.sheet.{key}", lang)
        for key in ("title", "done", "n", "client", "phone", "why", "notes")
    }
    words["footer"] = i18n.tr(
        "shown.sheet.footer",
        lang,
        regulation=reg.title.get(lang),
        version=shown_version(reg, lang),
        printed=i18n.day(printed, lang),
    )
    return words


def shown_version(reg: Regulation, lang: str) -> str:
    """The version as a footer prints it: with the day it takes effect, when the regulation says."""
    if reg.effective_from is None:
        return reg.version
    return i18n.tr(
        "shown.version_effective", lang, version=reg.version, day=i18n.day(reg.effective_from, lang)
    )
