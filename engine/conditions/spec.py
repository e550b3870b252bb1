"""What an operator of the condition language is: one specification with every part the engine
needs (the value it takes, the fields it applies to, its scalar test, its vectorised mask, what
it allows for the checker's reach analysis, its SQL form and its words). The operators themselves are
:data:`engine.conditions.operators.OPERATORS`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from engine.conditions.ranges import Term
from engine.model.card import FieldType
from engine.model.condition import Compare, Op
from engine.values.fieldtypes import Family

if TYPE_CHECKING:  # numpy is loaded only where masks are computed (the call queue)
    import numpy as np
    import numpy.typing as npt

Facts = Mapping[str, object]
"""Field or fact name → comparable value (float, date, datetime, str, bool) or None."""
Predicate = Callable[[Facts], bool]
Mask: TypeAlias = "npt.NDArray[np.bool_]"


class Shape(StrEnum):
    """The value an operator takes, as the regulation writes it."""

    FLAG = "flag"
    """true or false."""
    SCALAR = "scalar"
    """One value of the field's type."""
    LIST = "list"
    """Values of the field's type."""
    DURATION = "duration"
    """A duration (``14d``), kept as seconds."""
    FRAGMENT = "fragment"
    """A piece of text."""
    FRAGMENTS = "fragments"
    """Pieces of text."""


@dataclass(frozen=True, slots=True)
class Column:
    """One field of every client at once: floats with NaN for empty (numbers, booleans as 1/0,
    dates as epoch days, moments as epoch seconds) or objects with None for empty (texts)."""

    values: npt.NDArray[Any]
    kind: FieldType
    now: datetime

    @property
    def numeric(self) -> bool:
        import numpy as np

        return bool(self.values.dtype == np.float64)

    def present(self) -> Mask:
        import numpy as np

        if self.numeric:
            return np.asarray(~np.isnan(self.values), dtype=bool)
        return np.asarray(self.values != None, dtype=bool)  # noqa: E711


class SqlColumn(Protocol):
    """One field of every client as a database expression, made by the store: what an operator's
    SQL form is built from. Every answer is a condition that is true or false, never NULL, so
    that a negation means what the mask's ``~`` means."""

    @property
    def kind(self) -> FieldType: ...

    @property
    def numeric(self) -> bool:
        """Numbers, booleans (1/0), dates (epoch days), moments (epoch seconds); else text."""

    @property
    def now(self) -> datetime: ...

    def present(self) -> Any: ...

    def compare(self, sign: str, value: float | str, by_day: bool) -> Any:
        """Filled and ``sign`` (``=``, ``<``, ``<=``, ``>``, ``>=``) holds against ``value``
        (``by_day``: a moments' column compared by its day)."""

    def member(self, options: list[tuple[float | str, bool]]) -> Any:
        """Filled and equal to one of the options (value, by day)."""

    def age(self, within: bool, seconds: float) -> Any:
        """Filled and its age at :attr:`now` is at most (``within``) or over ``seconds``."""

    def contains(self, fragments: tuple[str, ...]) -> Any:
        """Filled and its folded text holds one of the (folded) ``fragments``."""

    def negate(self, condition: Any) -> Any: ...

    def never(self) -> Any: ...


class Sayer(Protocol):
    """What an operator's words need: field values said in the reader's language."""

    @property
    def lang(self) -> str: ...

    def value(self, name: str, value: object) -> str: ...


Words = tuple[str, dict[str, object]]
"""A ``words.op.<key>`` catalog key and its arguments besides ``field``."""


@dataclass(frozen=True, slots=True)
class Operator:
    op: Op
    shape: Shape
    families: frozenset[Family]
    """The families of field types (and facts) the operator applies to."""
    test: Callable[[Compare], Predicate]
    """The comparison compiled to a test of one client's facts."""
    mask: Callable[[Compare, Column], Mask]
    """The comparison over a whole column: the same answer as ``test``, client by client."""
    sql: Callable[[Compare, SqlColumn], Any]
    """The comparison as a database condition over a column (the call queue's SQL): the same
    answer as ``mask``, client by client."""
    terms: Callable[[Compare, bool], list[Term]]
    """What the comparison (or, with True, its negation) allows, as a disjunction of conjunctions
    over the fields (text fragments are variables of their own, ``field~fragment``), so that the
    checker's "never" and "covered" stay certain."""
    words: Callable[[Compare, Sayer], Words]
    word_keys: tuple[str, ...]
    """Every ``words.op.<key>`` the words may use (the totality test checks both catalogs)."""
    sample: Callable[[Compare, date], object]
    """A value a person would type to make the comparison hold (the demo's managers do), or
    None when no single value does."""
