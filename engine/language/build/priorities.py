"""priorities.yaml → Priorities."""

from __future__ import annotations

from engine.language.build.conditions import build_condition
from engine.language.build.reader import Node
from engine.model.priorities import Bucket, Priorities, SortKey
from engine.values.durations import parse_duration

DEFAULT_LATE_AFTER = 15 * 60


def build_priorities(root: Node) -> Priorities:
    late = root["late_after"].as_str()
    return Priorities(
        scope=build_condition(root["scope"]) if root.has("scope") else None,
        late_after_seconds=(parse_duration(late) if late else None) or DEFAULT_LATE_AFTER,
        late_after_text=late,
        buckets=tuple(b for b in map(_bucket, root["buckets"].items()) if b is not None),
        origin=root.origin,
    )


def _bucket(n: Node) -> Bucket | None:
    bucket_id = n["id"].as_str()
    if not bucket_id:
        return None
    return Bucket(
        id=bucket_id,
        label=n["label"].text(),
        when=build_condition(n["when"]) if n.has("when") else None,
        sort=tuple(
            SortKey(s["by"].as_str(), s["order"].as_str() == "desc", s.origin)
            for s in n["sort"].items()
            if s["by"].as_str()
        ),
        color=n["color"].as_str("grey"),
        reason=n["reason"].text(),
        origin=n.origin,
    )
