"""The options every verb shares, declared once: ``@verb()`` adds them to a command.

A command declares only its own arguments and a first parameter ``run``; the decorator gives it
``--db``, ``--regulations``, ``--draft``, ``--format`` and ``--lang`` (and, for writes, ``--as``,
``--key`` and ``--version``), and hands them over as one :class:`Run`. A command on the database
alone (tokens, webhooks, events) takes ``@verb(regulation=False)``: ``--db``, ``--format`` and
``--lang``.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from engine.cli.app import LangOption
from engine.cli.common import (
    ActorOption,
    DbOption,
    DraftOption,
    FormatOption,
    KeyOption,
    Output,
    RegOption,
    VersionOption,
    actor,
    next_step,
    open_database,
    output,
    today_of,
    workspace,
)

if TYPE_CHECKING:  # loaded with the first command that uses them
    from engine.service.workspace import Workspace
    from engine.store.database import Database

T = TypeVar("T")
Step = tuple[str | None, str | None, str | None]
"""--next, --due and --time as given."""


@dataclass(frozen=True, slots=True)
class Run:
    """What the shared options say: where, under which regulation, for whom, as whom."""

    db: str | None
    regulations: Path | None
    draft: bool
    out: Output
    who: str | None = None
    key: str | None = None
    version: int | None = None

    @property
    def lang(self) -> str:
        return self.out.lang

    @property
    def actor(self) -> str:
        return actor(self.who)

    def emit(self, data: Any, text: str | None = None) -> None:
        self.out.emit(data, text)

    def answer(self, command: Callable[[Workspace], T], text: Callable[[Workspace, T], str]) -> int:
        """Run a command under the regulation and show its answer, said in words by ``text``."""
        with self.workspace() as ws:
            data = command(ws)
            self.emit(data, text(ws, data))
        return 0

    def change_client(self, command: Callable[[Workspace], Any]) -> int:
        """Run a command that changes one client and show the client after it."""
        return self.answer(command, lambda ws, data: _client_text(ws, data.client, self.lang))

    def change(
        self,
        command: Callable[..., Any],
        client_id: int,
        *args: Any,
        step: Step | None = None,
        **options: Any,
    ) -> int:
        """Run a service command on one client as this caller, at the version and with the key
        given, and show the client after it: ``command(ws, actor, client_id, *args, **options,
        expected_version=…, key=…)``. ``step``: --next, --due and --time, read on the regulation's
        calendar, given as ``next_step``."""

        def on(ws: Workspace) -> Any:
            steps = {} if step is None else {"next_step": next_step(*step, today_of(ws))}
            bound = {**options, **steps, "expected_version": self.version, "key": self.key}
            return command(ws, self.actor, client_id, *args, **bound)

        return self.change_client(on)

    def stored(self, command: Callable[[Database], T]) -> T:
        """Run a command on the database alone (no regulation needed)."""
        with open_database(self.db) as database:
            return command(database)

    @contextmanager
    def workspace(self, *, check_stages: bool = True) -> Iterator[Workspace]:
        with workspace(self.db, self.regulations, draft=self.draft, check_stages=check_stages) as ws:
            yield ws


def _option(name: str, annotation: Any, default: Any) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)


_DB = [_option("db", DbOption, None)]
_REGULATION = [_option("regulations", RegOption, None), _option("draft", DraftOption, False)]
_OUT = [_option("fmt", FormatOption, "text"), _option("lang", LangOption, None)]
_ACTS = [_option("who", ActorOption, None)]
_KEYED = [_option("key", KeyOption, None)]
_VERSIONED = [_option("version", VersionOption, None)]

Command = Callable[..., int]


def verb(
    *,
    regulation: bool = True,
    acts: bool = False,
    keyed: bool = False,
    versioned: bool = False,
    formats: tuple[str, ...] = ("text", "json"),
) -> Callable[[Command], Command]:
    """Add the shared options to a command whose first parameter is ``run: Run``.
    ``regulation``: it runs under a regulation (``--regulations``, ``--draft``); ``acts``: it
    writes as someone (``--as``); ``keyed``: it takes an idempotency key; ``versioned``: it
    applies only to a given client version; ``formats``: what ``--format`` may say."""
    extra = _DB + (_REGULATION if regulation else []) + _OUT
    extra += (_ACTS if acts else []) + (_KEYED if keyed else []) + (_VERSIONED if versioned else [])

    def wrap(command: Command) -> Command:
        own = list(inspect.signature(command, eval_str=True).parameters.values())[1:]

        @functools.wraps(command)
        def run_command(**given: Any) -> int:
            shared = {p.name: given.pop(p.name) for p in extra}
            run = Run(
                db=shared["db"],
                regulations=shared.get("regulations"),
                draft=shared.get("draft", False),
                out=output(shared["fmt"], shared["lang"], formats),
                who=shared.get("who"),
                key=shared.get("key"),
                version=shared.get("version"),
            )
            return command(run, **given)

        parameters = own + extra
        run_command.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        run_command.__annotations__ = {p.name: p.annotation for p in parameters} | {"return": int}
        return run_command

    return wrap


def _client_text(ws: Workspace, client: Any, lang: str) -> str:
    from engine.cli import render  # the client views only: database-only verbs start without it

    return render.client_text(ws.regulation, client, lang)
