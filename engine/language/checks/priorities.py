"""The call order: bucket ids, sort keys, reason placeholders, unreachable buckets."""

from __future__ import annotations

from collections.abc import Iterator

from engine.i18n import brace_groups
from engine.language.checks import CheckContext, check, reach
from engine.language.checks.conditions import field_kind
from engine.language.checks.references import duplicates
from engine.language.diagnostics import Diagnostic
from engine.language.suggest import suggestion
from engine.model.card import FieldType
from engine.model.condition import Condition
from engine.model.regulation import Regulation
from engine.values.facts import FACTS
from engine.values.fieldtypes import NUMERIC, TEMPORAL

SORTABLE = NUMERIC | TEMPORAL | {FieldType.BOOLEAN}
TASK_PLACEHOLDERS = (
    "task_time",
    "task_date",
    "task_action",
    "client_time",
    "stage_label",
    "potential_label",
    "segment_label",
)


@check("priorities")
def bucket_ids(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    if reg.priorities is not None:
        yield from duplicates(((b.id, b.origin) for b in reg.priorities.buckets), ctx, "bucket")


@check("priorities", "card")
def sort_keys(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    if reg.priorities is None:
        return
    sortable = [f.id for f in reg.card.fields if f.type in SORTABLE] + [
        f.id for f in FACTS.values() if f.type in SORTABLE
    ]
    for bucket in reg.priorities.buckets:
        for key in bucket.sort:
            kind = field_kind(reg, key.by)
            if kind is None or kind[0] not in SORTABLE:
                yield ctx.report(key.origin, "R206", "by", ref=key.by, **suggestion(key.by, sortable))


@check("priorities", "card")
def reason_placeholders(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    if reg.priorities is None:
        return
    known = [*FACTS, *reg.card.field_ids(), *TASK_PLACEHOLDERS]
    for bucket in reg.priorities.buckets:
        for lang, template in bucket.reason.values:
            for name in brace_groups(template):
                if name not in known:
                    found = suggestion(name, known)
                    found["suggestion"] = "{" + found["suggestion"] + "}"
                    yield ctx.report(bucket.origin, "R207", "reason", lang, name="{" + name + "}", **found)


@check("priorities")
def unreachable_buckets(reg: Regulation, ctx: CheckContext) -> Iterator[Diagnostic]:
    if reg.priorities is None:
        return
    scope = reg.priorities.scope
    earlier: list[tuple[str, Condition | None]] = []
    for bucket in reg.priorities.buckets:
        catch_all = next((bid for bid, cond in earlier if cond is None), None)
        if catch_all is not None:
            yield ctx.report(bucket.origin, "R701", "id", hint="catch_all", bucket=bucket.id, other=catch_all)
        elif reach.never(bucket.when, scope):
            yield ctx.report(bucket.origin, "R701", "when", hint="never", bucket=bucket.id)
        elif earlier and reach.covered(bucket.when, [c for _, c in earlier]):
            others = ", ".join(bid for bid, _ in earlier)
            yield ctx.report(bucket.origin, "R701", "when", hint="covered", bucket=bucket.id, other=others)
        earlier.append((bucket.id, bucket.when))
