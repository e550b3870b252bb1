"""Human-facing text in several languages, and where a piece of the regulation was written."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Origin:
    """The clause of the regulation an element comes from: file, line, column, JSON pointer."""

    file: str
    line: int
    column: int
    pointer: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


NOWHERE = Origin("", 0, 0, "")


@dataclass(frozen=True, slots=True)
class Text:
    """A string per language; :meth:`get` falls back to the first language written."""

    values: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, **values: str) -> Text:
        return cls(tuple(values.items()))

    @classmethod
    def plain(cls, value: str, lang: str) -> Text:
        return cls(((lang, value),))

    def get(self, lang: str) -> str:
        for code, value in self.values:
            if code == lang:
                return value
        return self.values[0][1] if self.values else ""

    def render(self, lang: str) -> str:
        """The text in ``lang`` (a :class:`engine.i18n.Localized`)."""
        return self.get(lang)

    def languages(self) -> frozenset[str]:
        return frozenset(code for code, _ in self.values)

    def as_dict(self) -> dict[str, str]:
        return dict(self.values)

    def __bool__(self) -> bool:
        return bool(self.values)


EMPTY = Text(())
