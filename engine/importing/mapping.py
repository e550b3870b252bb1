"""Which column goes where: given by the user, or matched by field id or label."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml

from engine.importing.errors import MappingError
from engine.model.regulation import Regulation

CLIENT_EXTRA = ("external_id", "owner", "timezone", "stage", "next_action", "next_due", "next_time")
SALE_COLUMNS = ("client", "inn", "day", "amount", "quantity", "margin", "product", "document")
_SALE_ALIASES = {
    "client": ("client", "клиент", "код клиента", "контрагент код", "external_id"),
    "inn": ("inn", "инн", "инн контрагента"),
    "day": ("day", "date", "дата", "период", "дата документа"),
    "amount": ("amount", "сумма", "выручка", "сумма с ндс", "revenue"),
    "quantity": ("quantity", "количество", "кол-во", "qty"),
    "margin": ("margin", "маржа", "валовая прибыль", "прибыль"),
    "product": ("product", "номенклатура", "товар", "product"),
    "document": ("document", "документ", "номер документа"),
}


def _why(err: Exception) -> str:
    mark = getattr(err, "problem_mark", None)
    if isinstance(err, yaml.MarkedYAMLError) and mark is not None:
        return f"line {mark.line + 1}, column {mark.column + 1}: {err.problem}"
    return str(err)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower().replace("ё", "е"))


def load_mapping(path: Path | None, pairs: Iterable[str]) -> dict[str, str]:
    """column header → target, from a YAML file ({header: target}) and COLUMN=TARGET pairs."""
    mapping: dict[str, str] = {}
    if path is not None:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
            raise MappingError("mapping_not_yaml", path=path, error=_why(err)) from None
        if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in data.items()
        ):
            raise MappingError("mapping_file", path=path)
        mapping.update(data)
    for pair in pairs:
        column, sep, target = pair.partition("=")
        if not sep:
            raise MappingError("mapping_pair", pair=pair)
        mapping[column.strip()] = target.strip()
    return mapping


def resolve(
    header: list[str], explicit: Mapping[str, str], targets: Mapping[str, Iterable[str]]
) -> dict[str, int]:
    """target → column index. Explicit mapping first; then a header equal to a target's id or
    one of its names (case and spaces ignored). Unknown explicit targets are an error."""
    names = {_norm(h): i for i, h in enumerate(header)}
    columns: dict[str, int] = {}
    for column, target in explicit.items():
        if target not in targets:
            raise MappingError(
                "unknown_target", target=target, column=column, known=", ".join(sorted(targets))
            )
        if _norm(column) not in names:
            raise MappingError("no_column", column=column, known=", ".join(header))
        columns[target] = names[_norm(column)]
    for target, aliases in targets.items():
        if target in columns:
            continue
        for alias in (target, *aliases):
            if _norm(alias) in names and names[_norm(alias)] not in columns.values():
                columns[target] = names[_norm(alias)]
                break
    return columns


def client_targets(reg: Regulation) -> dict[str, tuple[str, ...]]:
    targets = {f.id: (*(label for _, label in f.label.values), *f.aliases) for f in reg.card.fields}
    extras = {
        "external_id": ("код", "id", "код клиента", "код контрагента"),
        "owner": ("менеджер", "ответственный"),
        "timezone": ("часовой пояс",),
        "stage": ("этап",),
        "next_action": ("следующий шаг",),
        "next_due": ("срок следующего шага", "срок"),
        "next_time": ("время следующего шага",),
    }
    return {**targets, **extras}


def sale_targets() -> dict[str, tuple[str, ...]]:
    return dict(_SALE_ALIASES)
