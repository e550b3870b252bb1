"""Plausible Russian B2B data for the demo: people, companies, cities, valid phones and INNs."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from stdnum.ru import inn as ru_inn

from engine.model.card import Field, FieldType

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


def phone(rng: random.Random) -> str:
    return f"+79{rng.randint(10, 99)}{rng.randint(1000000, 9999999)}"


def inn(rng: random.Random) -> str:
    base = f"{rng.randint(10, 99)}{rng.randint(1000000, 9999999)}"
    return base + str(ru_inn.calc_company_check_digit(base))


def value(field: Field, rng: random.Random, today: date, context: dict[str, Any]) -> Any:
    """A plausible value for any card field: by its id when it is a known kind, else by its type."""
    hint = field.id
    if field.type is FieldType.ENUM:
        return rng.choice(field.value_ids()) if field.values else None
    if field.type is FieldType.BOOLEAN:
        return rng.random() < 0.5
    if field.type is FieldType.PHONE:
        return phone(rng)
    if field.type is FieldType.INN:
        return inn(rng)
    if field.type is FieldType.EMAIL:
        return f"zakupki{rng.randint(1, 99)}@example.ru"
    if field.type is FieldType.URL:
        return f"https://example-{rng.randint(100, 999)}.ru"
    if field.type in (FieldType.DATE, FieldType.DATETIME):
        ahead = "return" in hint or "next" in hint
        offset = timedelta(days=rng.randint(30, 120)) if ahead else -timedelta(days=rng.randint(0, 5))
        return (today + offset).isoformat()
    if field.type in (FieldType.INTEGER, FieldType.DECIMAL, FieldType.MONEY):
        return _number(field, rng, context)
    return _text(field, rng, context)


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
        number = min(int(rng.lognormvariate(3.3, 1.2)), int(high))
    elif "branch" in hint:
        number = rng.choice([0, 1, 1, 2, 3, 5])
    else:
        number = rng.randint(int(low), int(min(high, low + 100)))
    return max(int(low), number)


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
    text = "Демо"
    return text[: field.max_length] if field.max_length else text
