"""The call list's counts and first rows, made by the database (:mod:`engine.queue.top`).

The facts the conditions ask about are computed once per client in an inner query (an
``OFFSET 0`` keeps the database from inlining them into every condition that reads them); the
bucket is a ``CASE`` of the conditions over those columns (the first that holds, in scope). One
pass counts the clients of each bucket; a second sorts only the buckets the first rows come from
(a top-N sort, the sort keys computed only for their clients), ties by client number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Float, Integer, case, cast, func, literal, not_, select
from sqlalchemy.engine import Connection

from engine.model.card import FieldType
from engine.model.condition import Condition, comparisons
from engine.store.queue_read import logins, owner_of
from engine.store.queue_row import Facts
from engine.store.queue_sql import Setting, is_numeric
from engine.store.queue_where import where
from engine.store.tables import CLIENT


@dataclass(frozen=True, slots=True)
class Rules:
    """The priorities in the terms of the database: the scope, each bucket's condition and sort
    keys (fact or field, descending), and each name's type."""

    scope: Condition | None
    buckets: list[tuple[Condition | None, list[tuple[str, bool]]]]
    kinds: Mapping[str, FieldType]

    def asked(self, upto: int | None = None) -> list[str]:
        """The names the scope and the conditions of the first ``upto`` buckets ask about."""
        conditions = [self.scope, *(when for when, _ in self.buckets[:upto])]
        return list(dict.fromkeys(c.field for cond in conditions for c in comparisons(cond)))


@dataclass(slots=True)
class Picked:
    """The queue as the database made it: clients per bucket, and the first rows in call order
    (client number, bucket, owner's login)."""

    counts: dict[int, int]
    rows: list[tuple[int, int, str | None]]


def pick(
    conn: Connection,
    setting: Setting,
    rules: Rules,
    limit: int,
    *,
    owner: str | None = None,
    except_stages: Iterable[str] = (),
) -> Picked | None:
    """The counts per bucket and the first ``limit`` rows; None when some fact or field has no
    SQL expression (the queue then reads columns)."""
    facts = Facts(setting, conn.dialect.name)
    asked = rules.asked()
    keys = {name for _, sort in rules.buckets for name, _ in sort}
    if any(facts.get(name) is None for name in [*asked, *keys]):
        return None
    filters = [CLIENT.c.stage.not_in(list(except_stages))] if except_stages else []
    if owner is not None:
        filters.append(CLIENT.c.owner_id == owner_of(owner))
    made = [facts.must(name) for name in asked]
    counted = _facts(facts, asked, facts.source(filters, *made))
    bucket = _bucket(counted, facts, rules, len(rules.buckets))
    per = select(bucket.label("b")).select_from(counted).subquery()
    counted_rows = conn.execute(select(per.c.b, func.count()).group_by(per.c.b))
    counts = {int(b): int(n) for b, n in counted_rows if b is not None}
    needed, total = 0, 0
    while needed < len(rules.buckets) and total < limit:
        total += counts.get(needed, 0)
        needed += 1
    if total == 0:
        return Picked(counts, [])
    asked = rules.asked(needed)
    made = [facts.must(name) for name in asked]
    sorted_by = [facts.must(name) for name in keys if name not in asked]
    inner = _facts(facts, asked, facts.source(filters, *made, *sorted_by), passed=True)
    middle = select(*inner.c, _bucket(inner, facts, rules, needed).label("b")).offset(0).subquery()
    order = _keys(middle, facts, rules, needed)
    top = select(middle.c.id, middle.c.b, middle.c.owner_id).where(middle.c.b.is_not(None))
    found = conn.execute(top.order_by(middle.c.b, *order, middle.c.id).limit(limit)).all()
    names = logins(conn) if found else {}
    return Picked(counts, [(int(i), int(b), names.get(o) if o is not None else None) for i, b, o in found])


def _facts(facts: Facts, asked: list[str], source: Any, passed: bool = False) -> Any:
    """The ``asked`` facts of the clients of ``source`` as columns ``f:<name>``, each computed
    once per client, with the client number and owner (``passed``: every column of ``source``)."""
    keys = ("id", "owner_id", "stage", "timezone")
    kept = list(source.c) if passed else [c for c in source.c if c.name in keys]
    computed = [name for name in asked if facts.table(name, source) is None]  # look-ups compare keys
    columns = [facts.bind(facts.must(name), source).label(f"f:{name}") for name in computed]
    return select(*kept, *columns).offset(0).subquery()


def _bucket(inner: Any, facts: Facts, rules: Rules, upto: int) -> Any:
    """The first of the first ``upto`` buckets whose condition holds, in scope (NULL: none)."""

    def lookup(name: str) -> tuple[Any, bool]:
        table = facts.table(name, inner)
        return (inner.c[f"f:{name}"] if table is None else table), is_numeric(name, facts.s.card)

    now, dialect = facts.s.now, facts.dialect
    scope = where(rules.scope, lookup, rules.kinds, now, dialect)
    made = [where(when, lookup, rules.kinds, now, dialect) for when, _ in rules.buckets[:upto]]
    whens = [w for w in made if w is not None]
    assert scope is not None, "pick() checked every name"
    assert len(whens) == len(made), "pick() checked every name"
    branches = [
        (not_(scope), literal(None, Integer)),
        *((w, literal(i, Integer)) for i, w in enumerate(whens)),
    ]
    return case(*branches, else_=literal(None, Integer))


def _keys(middle: Any, facts: Facts, rules: Rules, upto: int) -> list[Any]:
    """Per sort key position: empty values last, then the value (negated when descending), each
    the key of the row's own bucket (positions a bucket does not use: 0). A key the conditions
    computed is read from its column; another is computed here, only for the rows sorted."""
    depth = max((len(sort) for _, sort in rules.buckets[:upto]), default=0)
    bucket, keys = middle.c.b, []
    for position in range(depth):
        values, empties = [], []
        for index, (_, sort) in enumerate(rules.buckets[:upto]):
            if position < len(sort):
                name, descending = sort[position]
                made = (
                    middle.c[f"f:{name}"] if f"f:{name}" in middle.c else facts.bind(facts.must(name), middle)
                )
                value = cast(made, Float)
                values.append((bucket == index, -value if descending else value))
                empties.append((bucket == index, case((value.is_(None), 1), else_=0)))
        keys += [case(*empties, else_=0), case(*values, else_=literal(0.0, Float))]
    return keys
