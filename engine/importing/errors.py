"""A file or a mapping the import cannot use at all (bad rows are reported, not raised)."""

from __future__ import annotations

from engine import i18n


class ImportFileError(Exception):
    """What is wrong, by a stable code and its arguments; said in the reader's language."""

    def __init__(self, code: str, **args: object) -> None:
        self.code = code
        self.args_ = args
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        return i18n.tr(f"import.{self.code}", lang, **self.args_)


class ReadError(ImportFileError):
    """The file cannot be read as a table."""


class MappingError(ImportFileError):
    """The columns cannot be matched to card fields and import columns."""
