"""Where a problem with the input is, in the reader's words: the one place the CLI renders the
problems of :class:`~engine.service.errors.InvalidInput`.

The service names a problem's place by the API's parameter or card field id (``result``,
``next_step``, ``inn``); a person at the command line reads the option they typed (``--result``)
or a word of the catalog (``cli.where.trigger`` → «действие»). A card field's problem already
names its label («ИНН»: …), so it is shown without a prefix.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine import i18n

if TYPE_CHECKING:
    from engine.service.errors import InvalidInput, Problem

OPTIONS: dict[str, str] = {
    "kind": "--kind",
    "result": "--result",
    "reason": "--reason",
    "next_step": "--next",
    "owner": "--owner",
    "manager": "--manager",
    "role": "--role",
    "stage": "--stage",
    "timezone": "--timezone",
    "external_id": "--external-id",
    "until": "--until",
    "types": "--type",
}
"""Parameters the commands take as an option of the same meaning."""

WORDS: frozenset[str] = frozenset(
    {"trigger", "login", "card", "version", "url", "event", "after", "regulation.yaml"}
)
"""Parameters said by a catalog word (``cli.where.<name>``): arguments, and API-only ones."""


def where(name: str, lang: str) -> str:
    """A parameter's place as the reader knows it; the name itself when nothing renders it."""
    if name in OPTIONS:
        return OPTIONS[name]
    if name in WORDS:
        return i18n.tr(f"cli.where.{name}", lang)
    return name


def problem_line(found: Problem, lang: str) -> str:
    said = found.message.render(lang)
    if found.section == "card":  # the message names the field by its label
        return f"  {said}"
    return f"  {where(found.field, lang)}: {said}"


def invalid_text(err: InvalidInput, lang: str) -> str:
    """The problems one under another, after how many there are."""
    lines = [i18n.tr("error.invalid_input", lang, n=len(err.problems))]
    return "\n".join(lines + [problem_line(p, lang) for p in err.problems])
