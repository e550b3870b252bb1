"""Which column goes where, and why: given with --map, or matched by a target's id, label or alias.

Each kind of import has its own names (aliases): «Клиент» is the company name for clients when
``card.yaml`` says so, and the client's code for sales. Every column of the file must become a
target or be ignored on purpose (``--ignore``); unknown columns are refused before anything is
read further, all of them at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from engine.importing.errors import MappingError
from engine.model.regulation import Regulation

CLIENT_EXTRA: dict[str, tuple[str, ...]] = {
    "external_id": ("Код", "Код клиента", "Код контрагента", "id"),
    "owner": ("Менеджер", "Ответственный", "Основной менеджер", "manager"),
    "timezone": ("Часовой пояс", "time zone"),
    "stage": ("Этап", "Этап воронки"),
    "next_action": ("Следующий шаг", "next step"),
    "next_due": ("Срок следующего шага", "Срок"),
    "next_time": ("Время следующего шага",),
}
SALE_TARGETS: dict[str, tuple[str, ...]] = {
    "client": ("Клиент", "Код клиента", "Код контрагента", "Контрагент код", "Покупатель код", "external_id"),
    "inn": ("ИНН", "ИНН контрагента", "ИНН покупателя"),
    "client_name": ("Наименование клиента", "Контрагент", "Покупатель", "Наименование"),
    "day": ("Дата", "Период", "Дата документа", "Дата продажи", "date"),
    "amount": ("Сумма", "Выручка", "Сумма с НДС", "Сумма продажи", "revenue"),
    "quantity": ("Количество", "Кол-во", "qty"),
    "margin": ("Маржа", "Валовая прибыль", "Прибыль"),
    "product": ("Номенклатура", "Товар", "Продукт"),
    "document": ("Документ", "Номер документа", "Регистратор"),
    "line": ("Номер строки", "Строка", "№ строки", "НомерСтроки", "line number"),
}


@dataclass(frozen=True, slots=True)
class Target:
    """Something a column can fill, with the names it is known by and why each counts."""

    id: str
    names: tuple[tuple[str, str], ...]
    """(name, why): why is ``id``, ``label``, ``card_alias`` or ``import_alias``."""


@dataclass(frozen=True, slots=True)
class Column:
    index: int
    header: str
    target: str | None
    why: str
    """``map``, ``id``, ``label``, ``card_alias``, ``import_alias``, ``ignored`` or ``empty``."""


@dataclass(frozen=True, slots=True)
class ColumnPlan:
    columns: tuple[Column, ...]

    def index(self) -> dict[str, int]:
        return {c.target: c.index for c in self.columns if c.target is not None}

    def header(self, target: str) -> str:
        return next((c.header for c in self.columns if c.target == target), target)

    def unnamed(self) -> tuple[int, ...]:
        return tuple(c.index for c in self.columns if c.why == "empty")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", str(text).strip().lower().replace("ё", "е"))


def client_targets(reg: Regulation) -> dict[str, Target]:
    targets = {
        f.id: Target(
            f.id,
            (
                (f.id, "id"),
                *((label, "label") for _, label in f.label.values),
                *((alias, "card_alias") for alias in f.aliases),
            ),
        )
        for f in reg.card.fields
    }
    for target, names in CLIENT_EXTRA.items():
        targets[target] = Target(target, ((target, "id"), *((n, "import_alias") for n in names)))
    return targets


def sale_targets() -> dict[str, Target]:
    return {
        target: Target(target, ((target, "id"), *((n, "import_alias") for n in names)))
        for target, names in SALE_TARGETS.items()
    }


def known_names(targets: Mapping[str, Target], explicit: Mapping[str, str]) -> set[str]:
    return {norm(n) for t in targets.values() for n, _ in t.names} | {norm(c) for c in explicit}


def plan(
    header: Sequence[str],
    explicit: Mapping[str, str],
    ignore: Iterable[str],
    targets: Mapping[str, Target],
) -> ColumnPlan:
    """Every column with its target and why; unknown or ambiguous columns are a MappingError."""
    chosen: dict[int, tuple[str | None, str]] = {}
    for column, target in explicit.items():
        if target not in targets:
            known = ", ".join(sorted(targets))
            raise MappingError("unknown_target", target=target, column=column, known=known)
        chosen[_find(header, column)] = (target, "map")
    for column in ignore:
        chosen[_find(header, column)] = (None, "ignored")
    by_name: dict[str, tuple[str, str]] = {}
    for known_target in targets.values():
        for name, why in known_target.names:
            by_name.setdefault(norm(name), (known_target.id, why))
    unknown: list[str] = []
    for index, name in enumerate(header):
        if index in chosen:
            continue
        if not name.strip():
            chosen[index] = (None, "empty")
        elif norm(name) in by_name:
            chosen[index] = by_name[norm(name)]
        else:
            unknown.append(name)
    if unknown:
        raise MappingError("unknown_columns", columns=", ".join(f"«{u}»" for u in unknown), first=unknown[0])
    columns = tuple(Column(i, header[i], *chosen[i]) for i in range(len(header)))
    _one_column_each(columns)
    return ColumnPlan(columns)


def _find(header: Sequence[str], column: str) -> int:
    if column.startswith("#") and column[1:].isdigit() and 0 < int(column[1:]) <= len(header):
        return int(column[1:]) - 1
    matches = [i for i, h in enumerate(header) if norm(h) == norm(column)]
    if not matches:
        raise MappingError("no_column", column=column, known=", ".join(header))
    if len(matches) > 1:
        numbers = ", ".join(f"#{i + 1}" for i in matches)
        raise MappingError("twice_column", column=column, numbers=numbers)
    return matches[0]


def _one_column_each(columns: Sequence[Column]) -> None:
    seen: dict[str, Column] = {}
    for column in columns:
        if column.target is None:
            continue
        if column.target in seen:
            first = seen[column.target]
            raise MappingError(
                "same_target",
                target=column.target,
                first=first.header or f"#{first.index + 1}",
                second=column.header or f"#{column.index + 1}",
                number=column.index + 1,
            )
        seen[column.target] = column


def _why(err: Exception) -> str:
    mark = getattr(err, "problem_mark", None)
    if isinstance(err, yaml.MarkedYAMLError) and mark is not None:
        return f"line {mark.line + 1}, column {mark.column + 1}: {err.problem}"
    return str(err)


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
