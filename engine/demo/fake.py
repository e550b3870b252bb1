"""Plausible Russian B2B data for the demo: people, companies, cities, valid phones and INNs."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from engine.model.card import Field, FieldType
from engine.values.fieldtypes import FIELD_TYPES, Family
from engine.values.samples import inn, phone

__all__ = ["inn", "phone", "value"]

FIRST = [
    "Андрей",
    "Сергей",
    "Дмитрий",
    "Алексей",
    "Ирина",
    "Елена",
    "Ольга",
    "Наталья",
    "Михаил",
    "Павел",
    "Татьяна",
    "Светлана",
    "Игорь",
    "Юлия",
    "Николай",
    "Анна",
    "Виктор",
    "Марина",
    "Роман",
    "Екатерина",
]
LAST = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
]
MIDDLE = ["Андреевич", "Сергеевич", "Викторович", "Игоревич", "Павлович", "Николаевич"]
ROOTS = [
    "Север",
    "Вектор",
    "Гранит",
    "Альфа",
    "Стройресурс",
    "Техноком",
    "Монолит",
    "Уралснаб",
    "Профиль",
    "Бетон-Сервис",
    "Метиз",
    "Кровля Плюс",
    "Инжиниринг",
    "ТрейдЛайн",
    "Сибстрой",
    "Волга-Комплект",
    "Агроснаб",
    "Энергомаш",
    "Промтех",
    "Оптима",
    "Маяк",
    "Рубеж",
    "Меридиан",
    "Кварц",
    "Прогресс",
]
FORMS = ["ООО", "ООО", "ООО", "АО", "ИП"]
CITIES = [  # city, IANA zone, weight
    ("Москва", "Europe/Moscow", 30),
    ("Санкт-Петербург", "Europe/Moscow", 14),
    ("Казань", "Europe/Moscow", 6),
    ("Нижний Новгород", "Europe/Moscow", 5),
    ("Самара", "Europe/Samara", 5),
    ("Екатеринбург", "Asia/Yekaterinburg", 9),
    ("Челябинск", "Asia/Yekaterinburg", 5),
    ("Новосибирск", "Asia/Novosibirsk", 7),
    ("Красноярск", "Asia/Krasnoyarsk", 4),
    ("Иркутск", "Asia/Irkutsk", 3),
    ("Владивосток", "Asia/Vladivostok", 3),
    ("Калининград", "Europe/Kaliningrad", 2),
    ("Краснодар", "Europe/Moscow", 7),
]
NEEDS = [
    "Кирпич и блоки на объект, 40 т в квартал",
    "Сухие смеси для сети магазинов, ежемесячно",
    "Метизы и крепёж для производства, партии по 2 т",
    "Кровельные материалы под сезон",
    "Утеплитель для каркасного домостроения",
    "Комплектующие для сборки оборудования",
]
SUPPLIERS = ["Петрович", "Леруа Мерлен Про", "Стройторг", "местный дилер", "завод напрямую"]


def person(rng: random.Random) -> str:
    last, first = rng.choice(LAST), rng.choice(FIRST)
    if first[-1] in "аяь" and first not in ("Игорь",):
        last = last + ("а" if not last.endswith("ий") else "")
    return f"{last} {first}"


def company(rng: random.Random) -> tuple[str, str]:
    root = rng.choice(ROOTS)
    form = rng.choice(FORMS)
    if form == "ИП":
        name = person(rng)
        return f"ИП {name}", f"Индивидуальный предприниматель {name}"
    suffix = rng.choice(["", "", " Групп", "-М", " Торг", " Снаб"])
    return f"{root}{suffix}", f"{form} «{root}{suffix}»"


def city(rng: random.Random) -> tuple[str, str]:
    name, zone, _ = rng.choices(CITIES, weights=[w for *_, w in CITIES])[0]
    return name, zone


def value(field: Field, rng: random.Random, today: date, context: dict[str, Any]) -> Any:
    """A plausible value for any card field: by its id when it is a known kind, else its type's
    demo value (:mod:`engine.values.fieldtypes`)."""
    spec = FIELD_TYPES[field.type]
    if field.type is FieldType.TEXT:
        return _text(field, rng, context)
    if field.type in (FieldType.MONEY, FieldType.INTEGER, FieldType.DECIMAL):
        return _number(field, rng, context)
    ahead = "return" in field.id or "next" in field.id
    if ahead and spec.family in (Family.DATE, Family.DATETIME):
        return (today + timedelta(days=rng.randint(30, 120))).isoformat()
    return spec.demo(field, rng, today)


def _number(field: Field, rng: random.Random, context: dict[str, Any]) -> Any:
    hint = field.id
    if field.type is FieldType.MONEY:
        scale = context.get("scale", 1.0)
        if "annual" in hint or "volume" in hint:
            amount = rng.lognormvariate(14.2, 1.1) * scale
        elif "budget" in hint:
            amount = rng.lognormvariate(12.6, 1.0) * scale
        else:
            amount = context.setdefault("deal", rng.lognormvariate(12.2, 0.9) * scale)
        return str(round(amount, -3) or 1000)
    if "discount" in hint:
        return str(rng.choice([0, 3, 5, 5, 7, 10, 12, 15]))
    low = field.min if field.min is not None else 0
    high = field.max if field.max is not None else 1000
    if "employee" in hint or "staff" in hint or "computer" in hint:
        return max(int(low), min(int(rng.lognormvariate(3.3, 1.2)), int(high)))
    if "branch" in hint:
        return max(int(low), rng.choice([0, 1, 1, 2, 3, 5]))
    return FIELD_TYPES[field.type].demo(field, rng, date.today())


def _text(field: Field, rng: random.Random, context: dict[str, Any]) -> str:
    hint = field.id
    if "person" in hint or "decision" in hint:
        return (
            f"{person(rng)} ({rng.choice(['директор', 'нач. снабжения', 'закупщик'])})"
            if "decision" in hint
            else person(rng)
        )
    if "legal" in hint:
        return str(context.get("legal_name", "ООО «Демо»"))
    if "need" in hint:
        return rng.choice(NEEDS)
    if "competitor" in hint or "supplier" in hint:
        return rng.choice(SUPPLIERS)
    if "contract" in hint or "number" in hint:
        return f"Д-{rng.randint(2024, 2026)}/{rng.randint(1, 999):03d}"
    if "city" in hint:
        return str(context.get("city", "Москва"))
    return str(FIELD_TYPES[field.type].demo(field, rng, date.today()))
