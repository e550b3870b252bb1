"""Names people type for the regulation's things: an id, or a label in either language.

Wherever a command takes an id — a trigger, a stage, a card field, a contact kind or result, a
refusal reason, a role — it takes the label too («Начать квалификацию», «дозвонился»,
«Должность контакта»), case-insensitive, with «ё» as «е» and quotes ignored. A label two things
share is refused with the choices listed; an unknown name gets a did-you-mean over ids and
labels.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from engine import i18n
from engine.language.suggest import suggestion
from engine.model.labels import Thing, labelled, per_regulation
from engine.model.regulation import Regulation
from engine.model.text import Text
from engine.service.errors import InvalidInput, problem

__all__ = ["TYPED", "Names", "Thing", "fold", "manager_login", "names"]

_QUOTES = re.compile(r"[«»\"'“”„]")
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """A name as compared: no case, «ё» as «е», no quotes, single spaces."""
    return _SPACE.sub(" ", _QUOTES.sub("", text)).strip().casefold().replace("ё", "е")


@dataclass(frozen=True, slots=True)
class Names:
    """Every name of one kind of thing: folded name → the ids it may mean."""

    thing: Thing
    ids: tuple[str, ...]
    by_name: dict[str, tuple[str, ...]]
    labels: tuple[Text, ...]

    def resolve(self, given: str, parameter: str) -> str:
        """The id ``given`` names; as given when it names nothing (the caller refuses it in its
        own words); :class:`InvalidInput` when a label names several things."""
        if given in self.ids:
            return given
        found = self.by_name.get(fold(given), ())
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise InvalidInput(
                [problem(parameter, "error.ambiguous_name", name=given, choices=i18n.Joined(found, "or"))]
            )
        return given

    def require(self, given: str, parameter: str) -> str:
        """The id ``given`` names; :class:`InvalidInput` when it names nothing, with what is
        known and the closest id or label."""
        found = self.resolve(given, parameter)
        if found in self.ids:
            return found
        label = dict(zip(self.ids, self.labels, strict=True))  # a trigger of several transitions: once
        close = self.by_name.get(self.hint(given), ())
        maybe = i18n.Message.of("names.maybe", label=label[close[0]]) if len(close) == 1 else ""
        known = i18n.Joined(tuple(i18n.Message.of("words.quote", text=t) for t in label.values()))
        code = _UNKNOWN[self.thing]
        raise InvalidInput([problem(parameter, code, name=given, maybe=maybe, known=known)])

    def hint(self, given: str) -> str:
        """The closest id or label, folded, for a did-you-mean: by spelling, or else the one
        name that starts with the same words (a label shortened at its end: «Отправить КПП»)."""
        folded = fold(given)
        close = str(suggestion(folded, self.by_name)["suggestion"])
        return close or _same_start(folded, self.by_name)


def _same_start(folded: str, known: dict[str, tuple[str, ...]]) -> str:
    """The name sharing the most leading words with ``folded`` (at least one whole word of
    four letters or more) when exactly one thing has it; else ''."""
    words = folded.split()
    best: dict[int, set[str]] = {}
    for name in known:
        shared = 0
        for mine, theirs in zip(words, name.split(), strict=False):
            if mine != theirs:
                break
            shared += 1
        if shared and len(" ".join(words[:shared])) >= 4:
            best.setdefault(shared, set()).add(name)
    if not best:
        return ""
    top = best[max(best)]
    things = {i for name in top for i in known[name]}
    return min(top) if len(things) == 1 else ""


TYPED = (
    Thing.TRIGGER,
    Thing.STAGE,
    Thing.FIELD,
    Thing.CONTACT_KIND,
    Thing.CONTACT_RESULT,
    Thing.REASON,
    Thing.ROLE,
)
"""The kinds of things a user types by name (call-list buckets and cells are only shown)."""

_UNKNOWN = {thing: f"names.unknown.{thing.value}" for thing in TYPED}


def names(regulation: Regulation, thing: Thing) -> Names:
    """The names of one kind of thing in a regulation, built once per regulation."""
    return per_regulation(regulation, thing, _build)


def _build(regulation: Regulation, thing: Thing) -> Names:
    pairs = list(labelled(regulation, thing))
    by_name: dict[str, list[str]] = {}
    for thing_id, label in pairs:
        for key in {fold(thing_id), *(fold(text) for _, text in label.values)}:
            if key and thing_id not in by_name.setdefault(key, []):
                by_name[key].append(thing_id)
    ids, labels = tuple(i for i, _ in pairs), tuple(label for _, label in pairs)
    return Names(thing, ids, {k: tuple(v) for k, v in by_name.items()}, labels)


def manager_login(given: str, people: Mapping[str, str], parameter: str) -> str:
    """The login of the manager ``given`` names: the login, the full name, or a word of the name
    or its start («Петрова», «петр»), case-insensitive, «ё» as «е». A whole word beats a start
    («Петров» is Petrov, not Petrova too); several managers are refused with their names, none
    with a did-you-mean (:class:`InvalidInput` either way)."""
    if given in people:
        return given
    folded = fold(given)
    for check in (_login_is, _name_is, _words_are, _words_start):
        found = sorted(login for login, name in people.items() if check(folded, login, fold(name)))
        if len(found) == 1:
            return found[0]
        if found:
            who = i18n.Joined(tuple(f"{people[login]} ({login})" for login in found), "or")
            raise InvalidInput([problem(parameter, "names.ambiguous_manager", name=given, choices=who)])
    spelled = {fold(n): login for login, name in people.items() for n in (login, name, *name.split())}
    close = str(suggestion(folded, spelled)["suggestion"])
    maybe = i18n.Message.of("names.maybe", label=people[spelled[close]]) if close else ""
    raise InvalidInput([problem(parameter, "names.unknown_manager", name=given, maybe=maybe)])


def _login_is(folded: str, login: str, _name: str) -> bool:
    return fold(login) == folded


def _name_is(folded: str, _login: str, name: str) -> bool:
    return name == folded


def _words_are(folded: str, _login: str, name: str) -> bool:
    """Every word typed is a word of the name («Петрова», «Анна Петрова»)."""
    return bool(folded) and set(folded.split()) <= set(name.split())


def _words_start(folded: str, _login: str, name: str) -> bool:
    """Every word typed starts a word of the name («Петр», «Петр А»)."""
    words = name.split()
    return bool(folded) and all(any(w.startswith(typed) for w in words) for typed in folded.split())
