"""The engine's own messages in Russian and English.

Messages live in ``engine/locale/<lang>.yaml`` (one file per language, so a translator works on
one file). A message is a template with ``{name}`` placeholders; a plural message is a map of
CLDR plural categories (``one``, ``few``, ``many``, ``other``) chosen by Babel's rules.
Placeholders are filled by a plain lookup (:func:`fill`), never by ``str.format``, so a
template written in a regulation cannot reach into Python objects.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

import yaml
from babel import Locale
from babel.lists import format_list

from engine.resources import LOCALE_DIR

LANGUAGES = ("ru", "en")
DEFAULT_LANGUAGE = "ru"
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def fill(template: str, values: Mapping[str, object]) -> str:
    """Replace ``{name}`` with ``values[name]``; unknown names are left as written."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(values[name]) if name in values else match.group(0)

    return _PLACEHOLDER.sub(one, template)


def placeholders(template: str) -> list[str]:
    return _PLACEHOLDER.findall(template)


def brace_groups(template: str) -> list[str]:
    """Everything written in braces, placeholder-shaped or not."""
    return re.findall(r"\{([^{}]*)\}", template)


@cache
def catalog(lang: str) -> Mapping[str, Any]:
    path = LOCALE_DIR / f"{lang if lang in LANGUAGES else 'en'}.yaml"
    with path.open(encoding="utf-8") as stream:
        data = yaml.load(stream, Loader=yaml.CSafeLoader)
    return _flatten(data)


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and not _is_plural(value):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


def _is_plural(value: Mapping[str, Any]) -> bool:
    return "other" in value and set(value) <= {"zero", "one", "two", "few", "many", "other"}


def has(key: str, lang: str = "en") -> bool:
    return key in catalog(lang)


def tr(key: str, lang: str, /, **values: object) -> str:
    """The message ``key`` in ``lang`` with placeholders filled; English if untranslated."""
    template = catalog(lang).get(key)
    if template is None:
        template = catalog("en").get(key, key)
    if isinstance(template, Mapping):
        count = values.get("n", 0)
        template = template.get(plural_form(count, lang), template["other"])
    return fill(str(template), values)


def plural_form(count: object, lang: str) -> str:
    number = count if isinstance(count, int | float) else 0
    return str(Locale.parse(lang).plural_form(abs(number)))


def join_words(items: list[str], lang: str, style: str = "standard") -> str:
    """ "a, b, and c" / «a, b и c»; ``style="or"`` for alternatives."""
    return format_list(items, style=style, locale=lang) if items else ""  # type: ignore[arg-type]
