"""Scenario files read strictly (the regulation's YAML rules), each mistake at its line."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from engine.language.yamlio import SourceMap, load_yaml_bytes
from engine.model.regulation import Regulation
from engine.model.text import Origin
from engine.scenarios.lines import Bad, contact, count_of, sales, zone_of
from engine.scenarios.model import Broken, Expect, Scenario
from engine.values import known
from engine.values.client import ClientState, NextStep
from engine.values.when import NotAWhen, parse_clock, parse_day, parse_moment

GIVEN = frozenset(
    {
        "stage",
        "card",
        "at",
        "stage_since",
        "owner",
        "last_contact",
        "contacts",
        "next_step",
        "segment",
        "potential",
        "timezone",
        "handed_over_at",
        "sales",
        "name",
        "others",
    }
)
EXPECT = frozenset({"moved", "refused", "bucket", "cell", "next_step", "order"})


def folder_tests(root: Path) -> dict[str, bytes]:
    """The scenario files of a regulation folder, by the name they are said with (tests/…)."""
    folder = root / "tests"
    found = sorted(folder.glob("*.y*ml")) if folder.is_dir() else []
    return {f"tests/{path.name}": path.read_bytes() for path in found}


def read_all(tests: Mapping[str, bytes], reg: Regulation) -> list[Scenario | Broken]:
    """Every scenario of ``tests`` (name → YAML), in the order of their names."""
    found = [s for name, raw in sorted(tests.items()) for s in read_file(raw, name, reg)]
    known.keep()  # the phones and INNs read, for the next `check` (#18)
    return found


def read_folder(root: Path, reg: Regulation) -> list[Scenario | Broken]:
    """Every scenario of ``root/tests/*.yaml`` (none when there is no such folder)."""
    return read_all(folder_tests(root), reg)


def read_file(raw: bytes, name: str, reg: Regulation) -> Iterator[Scenario | Broken]:
    doc = load_yaml_bytes(raw, keep_as=name)
    if not doc.ok or doc.problems:
        p = doc.problems[0]
        yield Broken(Origin(name, p.line, p.column, ""), "scenario.bad_yaml", (("detail", p.kind),))
        return
    items = doc.data.get("scenarios") if isinstance(doc.data, dict) else doc.data
    base = "/scenarios" if isinstance(doc.data, dict) else ""
    if not isinstance(items, list):
        yield Broken(_at(name, doc.source_map, base), "scenario.not_a_list")
        return
    for i, item in enumerate(items):
        pointer = f"{base}/{i}"
        try:
            yield _scenario(item, pointer, name, doc.source_map, reg)
        except Bad as bad:
            said = item.get("name") if isinstance(item, dict) else None
            where = _at(name, doc.source_map, bad.pointer)
            yield Broken(where, bad.code, tuple(bad.args_.items()), said if isinstance(said, str) else "")


def _at(name: str, source: SourceMap, pointer: str) -> Origin:
    pos = source.value(pointer)
    return Origin(name, pos.line, pos.column, pointer)


def _scenario(item: Any, pointer: str, name: str, source: SourceMap, reg: Regulation) -> Scenario:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        raise Bad(pointer, "scenario.needs_name")
    given = _mapping(item.get("given"), f"{pointer}/given", GIVEN)
    when = item.get("when")
    expect = _mapping(item.get("expect"), f"{pointer}/expect", EXPECT)
    if not expect:
        raise Bad(f"{pointer}/expect", "scenario.needs_expect")
    zone = zone_of(given.get("timezone") or reg.timezone, f"{pointer}/given/timezone")
    at = _moment(given.get("at"), f"{pointer}/given/at", zone)
    client = _client(given, f"{pointer}/given", reg, at, zone)
    if given.get("sales") is not None and given.get("segment") is not None:
        raise Bad(f"{pointer}/given/segment", "scenario.segment_and_sales")
    others = _others(given.get("others"), f"{pointer}/given/others", reg, at, zone)
    segmentation = when == "segmentation"
    found = None
    if isinstance(when, dict) and "contact" in when:
        if len(when) != 1:
            raise Bad(f"{pointer}/when", "scenario.bad_when")
        found = contact(when["contact"], f"{pointer}/when/contact", at, _step)
    plain = None if segmentation or found is not None else when
    trigger, reason, step = _when(plain, f"{pointer}/when", at)
    refused = expect.get("refused")
    order = expect.get("order")
    if order is not None and not isinstance(order, list):
        raise Bad(f"{pointer}/expect/order", "scenario.bad_order")
    return Scenario(
        name=item["name"],
        origin=_at(name, source, pointer),
        client=client,
        at=at,
        trigger=trigger,
        reason=reason,
        next_step=step,
        expect=Expect(
            moved=_opt_str(expect.get("moved")),
            refused=tuple(str(r) for r in refused)
            if isinstance(refused, list)
            else (() if refused else None),
            bucket=_opt_str(expect.get("bucket")),
            cell=_opt_str(expect.get("cell")),
            next_step=_step(expect.get("next_step"), f"{pointer}/expect/next_step", at),
            order=tuple(str(n) for n in order) if isinstance(order, list) else None,
        ),
        sales=sales(given.get("sales"), f"{pointer}/given/sales", at.astimezone(zone).date()),
        segmentation=segmentation,
        contact=found,
        others=others,
    )


def _mapping(value: Any, pointer: str, known: frozenset[str]) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise Bad(pointer, "scenario.not_a_mapping")
    for key in value:
        if key not in known:
            raise Bad(f"{pointer}/{key}", "scenario.unknown_key", key=key, known=", ".join(sorted(known)))
    return value


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _moment(value: Any, pointer: str, zone: ZoneInfo, default: datetime | None = None) -> datetime:
    if value is None:
        return default or datetime(2026, 11, 2, 10, 0, tzinfo=zone).astimezone(UTC)
    try:
        return parse_moment(str(value), datetime.now(UTC), zone).astimezone(UTC)
    except (NotAWhen, OverflowError):
        raise Bad(pointer, "scenario.bad_moment", given=value) from None


def _others(
    value: Any, pointer: str, reg: Regulation, at: datetime, zone: ZoneInfo
) -> tuple[ClientState, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise Bad(pointer, "scenario.bad_others")
    found = []
    for i, item in enumerate(value):
        given = _mapping(item, f"{pointer}/{i}", GIVEN - {"at", "timezone", "others", "sales"})
        if not isinstance(given.get("name"), str):
            raise Bad(f"{pointer}/{i}", "scenario.bad_others")
        found.append(_client(given, f"{pointer}/{i}", reg, at, zone, i + 2))
    return tuple(found)


def _client(
    given: Mapping[str, Any], pointer: str, reg: Regulation, at: datetime, zone: ZoneInfo, number: int = 1
) -> ClientState:
    stage = str(given.get("stage") or reg.funnel.entry)
    if reg.funnel.stage(stage) is None:
        raise Bad(
            f"{pointer}/stage", "scenario.unknown_stage", stage=stage, known=", ".join(reg.funnel.stage_ids())
        )
    card: dict[str, Any] = {}
    given_card = given.get("card") or {}
    if not isinstance(given_card, dict):
        raise Bad(f"{pointer}/card", "scenario.not_a_mapping")
    for key, raw in given_card.items():
        field = reg.card.field(key)
        if field is None:
            raise Bad(f"{pointer}/card/{key}", "scenario.unknown_field", field=key)
        value, refused = known.parse(field, raw, zone)
        if refused:
            raise Bad(f"{pointer}/card/{key}", "scenario.bad_value", field=key, given=raw)
        card[key] = value
    segment = str(given.get("segment") or "")
    return ClientState(
        id=number,
        name=str(given.get("name") or card.get("company_name") or card.get("name") or "test"),
        stage=stage,
        stage_since=_moment(given.get("stage_since"), f"{pointer}/stage_since", zone, at),
        created_at=_moment(given.get("stage_since"), f"{pointer}/stage_since", zone, at),
        timezone=str(zone),
        card=card,
        owner=_opt_str(given.get("owner")),
        potential=_opt_str(given.get("potential")),
        last_contact_at=_moment(given["last_contact"], f"{pointer}/last_contact", zone)
        if given.get("last_contact") is not None
        else None,
        contacts_count=count_of(given.get("contacts"), f"{pointer}/contacts"),
        next_step=_step(given.get("next_step"), f"{pointer}/next_step", at),
        abc=segment[:1] or None,
        xyz=segment[1:2] or None,
        handed_over_at=_moment(given["handed_over_at"], f"{pointer}/handed_over_at", zone)
        if given.get("handed_over_at") is not None
        else None,
    )


def _step(value: Any, pointer: str, at: datetime) -> NextStep | None:
    if value is None:
        return None
    if not isinstance(value, dict) or "action" not in value or "due" not in value:
        raise Bad(pointer, "scenario.bad_step")
    try:
        day: date = parse_day(str(value["due"]), at.date())
        clock: time | None = parse_clock(str(value["time"])) if value.get("time") else None
    except NotAWhen:
        raise Bad(pointer, "scenario.bad_step") from None
    return NextStep(str(value["action"]), day, clock)


def _when(value: Any, pointer: str, at: datetime) -> tuple[str | None, str | None, NextStep | None]:
    if value == "calls" or value is None:
        return None, None, None
    if isinstance(value, str):
        return value, None, None
    if not isinstance(value, dict) or not isinstance(value.get("trigger"), str):
        raise Bad(pointer, "scenario.bad_when")
    return (
        value["trigger"],
        _opt_str(value.get("reason")),
        _step(value.get("next_step"), f"{pointer}/next_step", at),
    )
