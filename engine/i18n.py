"""The engine's own messages in Russian and English, in ``engine/locale/<lang>.yaml`` (one file
per language, so a translator works on one file). A message is a template with ``{name}``
placeholders, filled by a plain lookup (:func:`fill`), never by ``str.format``, so a template
written in a regulation cannot reach into Python objects; a plural message is a map of CLDR plural
categories (``one``, ``few``, ``many``, ``other``) chosen by Babel's rules. Babel is imported by
the functions that use it: most commands say no number, date or list (#18).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime, time
from enum import Enum
from functools import cache
from typing import Any, Protocol, runtime_checkable

from engine.resources import LOCALE_DIR, cached_json

LANGUAGES = ("ru", "en")
DEFAULT_LANGUAGE = "ru"
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


@runtime_checkable
class Localized(Protocol):
    """Anything a reader sees that is said in the reader's language when it is shown: a
    :class:`Message`, a label written in several languages, a condition said in words."""

    def render(self, lang: str) -> str: ...


@dataclass(frozen=True, slots=True)
class Message:
    """A message as a catalog code with arguments, rendered at the edge in the reader's language.
    Arguments may themselves be :class:`Localized` (labels, nested messages)."""

    code: str
    args: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, code: str, /, **args: object) -> Message:
        return cls(code, tuple(args.items()))

    def render(self, lang: str) -> str:
        return tr(self.code, lang, **dict(self.args))


@dataclass(frozen=True, slots=True)
class Joined:
    """Several localized items said as a list in the reader's language: «a, b или c»."""

    items: tuple[Localized | str, ...]
    style: str = "standard"

    def render(self, lang: str) -> str:
        words = [i.render(lang) if isinstance(i, Localized) else str(i) for i in self.items]
        return join_words(words, lang, style=self.style)


def fill(template: str, values: Mapping[str, object], lang: str = DEFAULT_LANGUAGE) -> str:
    """Replace ``{name}`` with ``values[name]`` (rendered in ``lang`` when it is
    :class:`Localized`); unknown names are left as written."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            return match.group(0)
        value = values[name]
        return value.render(lang) if isinstance(value, Localized) else str(value)

    return _PLACEHOLDER.sub(one, template)


PLAIN = frozenset({str, int, float, bool, type(None)})
"""The types of JSON scalars: passed on as they are, never asked whether they are localised."""
_LOCALIZED: dict[type, bool] = {}


def localized(value: object) -> bool:
    """``isinstance(value, Localized)``, decided once per type (a protocol check costs tens of
    microseconds, and answers hold dozens of values; the protocol's one member is a method)."""
    kind = type(value)
    known = _LOCALIZED.get(kind)
    if known is None:
        known = _LOCALIZED[kind] = isinstance(value, Localized)
    return known


def plain(value: Any, lang: str) -> Any:
    """An answer as JSON-able data in ``lang``: records (dataclasses) become objects, everything
    :class:`Localized` becomes text, enums their values, times ``HH:MM``; dates and moments stay
    as they are (each edge writes them its way)."""
    if type(value) in PLAIN:
        return value
    if localized(value):
        return value.render(lang)
    if is_dataclass(value) and not isinstance(value, type):
        return {
            f.metadata.get("json", f.name): plain(getattr(value, f.name), lang)
            for f in fields(value)
            if not f.metadata.get("hidden")
        }
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, Mapping):
        return {str(k): plain(v, lang) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v, lang) for v in value]
    return value


def iso(value: object) -> str:
    """A JSON encoder's fallback: dates and moments in ISO 8601."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


_QUOTES = (("«", "»"), ("“", "”"), ('"', '"'))


def unquote(text: str) -> str:
    """``text`` without one pair of outer quotes: «Стройбаза «Север»» → Стройбаза «Север». Only a
    pair that encloses the whole text goes, so a quote inside a name is kept."""
    for left, right in _QUOTES:
        if len(text) >= 2 and text.startswith(left) and text.endswith(right):
            return text[1:-1]
    return text


def placeholders(template: str) -> list[str]:
    return _PLACEHOLDER.findall(template)


def brace_groups(template: str) -> list[str]:
    """Everything written in braces, placeholder-shaped or not."""
    return re.findall(r"\{([^{}]*)\}", template)


@cache
def catalog(lang: str) -> Mapping[str, Any]:
    """The flat catalog of ``lang``, kept as JSON in the cache folder by the YAML's digest."""
    path = LOCALE_DIR / f"{lang if lang in LANGUAGES else 'en'}.yaml"
    raw = path.read_bytes()
    found = cached_json(f"catalog-{path.stem}", raw, lambda: _flatten(_yaml(raw)))
    return found if isinstance(found, dict) else _flatten(_yaml(raw))


def _yaml(raw: bytes) -> Any:
    import yaml  # only when the catalog is not in the cache: a --help reads no YAML (#18)

    return yaml.load(raw, Loader=yaml.CSafeLoader)


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
        form = plural_rule(lang)(abs(count) if isinstance(count, int | float) else 0)
        template = template.get(form, template["other"])
    return fill(str(template), values, lang)


class CodedError(Exception):
    """An error said by a catalog code (under the class's ``catalog``) and its arguments, in the
    reader's language; its ``str`` is the English text."""

    catalog = "error"

    def __init__(self, code: str, **args: object) -> None:
        self.code = code
        self.args_ = args
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        return tr(f"{self.catalog}.{self.code}", lang, **self.args_)


@cache
def plural_rule(lang: str) -> Callable[[float], str]:
    """Babel's rule, kept in the cache folder: the locale's data takes tens of ms to load (#18)."""
    import babel
    from babel.plural import PluralRule

    source = f"{babel.__version__}/{lang}".encode()
    rules = cached_json(f"plural-{lang}", source, lambda: babel.Locale.parse(lang).plural_form.rules)
    return PluralRule(rules)


def join_words(items: list[str], lang: str, style: str = "standard") -> str:
    """ "a, b, and c" / «a, b и c»; ``style="or"`` for alternatives."""
    from babel.lists import format_list

    return format_list(items, style=style, locale=lang) if items else ""  # type: ignore[arg-type]


def percent(share: float, lang: str, digits: int = 1) -> str:
    """A share as the reader writes a percentage: «43,3 %» / "43.3%" (Babel)."""
    from babel.numbers import format_percent

    return format_percent(round(share, digits + 2), locale=lang, decimal_quantization=False)


def number(value: float, lang: str, digits: int = 2) -> str:
    """A number as the reader writes it: «26 000,5» / "26,000.5" (Babel), at most ``digits``
    decimals, none when whole."""
    from babel.numbers import format_decimal

    return format_decimal(round(value, digits), format="#,##0." + "#" * digits, locale=lang)


def day(value: date, lang: str) -> str:
    """A date as the reader writes it: «27 ноября 2026 г.» / "November 27, 2026" (Babel)."""
    from babel.dates import format_date

    return format_date(value, format="long", locale=lang)


def moment(value: datetime, lang: str) -> str:
    """A moment (already in the zone it is shown in) as «27 ноября 2026 г. 14:30»."""
    from babel.dates import format_time

    return f"{day(value.date(), lang)} {format_time(value, format='short', locale=lang)}"
