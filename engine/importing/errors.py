"""A file or a mapping the import cannot use at all (bad rows are reported, not raised)."""

from __future__ import annotations

from engine import i18n


class ImportFileError(i18n.CodedError):
    """What is wrong, by a stable code and its arguments; said in the reader's language."""

    catalog = "import"


class ReadError(ImportFileError):
    """The file cannot be read as a table."""


class MappingError(ImportFileError):
    """The columns cannot be matched to card fields and import columns."""
