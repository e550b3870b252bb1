"""Text and path parameters read without pydantic (#18, start-up).

Typer coerces each parameter's value through a pydantic ``TypeAdapter``: importing pydantic and
building the adapters costs a short command (``reglament check``) a third of its start-up. A
text or a path needs nothing of pydantic: a command-line value is already text, and a path is
``Path(text)`` checked by Typer's own :func:`coerce_cli_path` (exists, file or folder…), which
is what Typer's adapter does for it, and a flag is already ``True`` or ``False``. So those
parameters — nearly all of ours — get that coercion directly; every other one (numbers,
choices, lists) keeps Typer's, as does a value of another kind (a flag's text from the
environment).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typer import _click
from typer._coercion import RuntimeParam, build_runtime_param
from typer._param_types import coerce_cli_path
from typer.core import _TyperParameter


@dataclass(frozen=True)
class _Text(RuntimeParam):
    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: _click.Context) -> Any:
        if isinstance(value, str):
            return str(value)
        return _typers(param)._coerce_value(value, param=param, ctx=ctx)


@dataclass(frozen=True)
class _Path(RuntimeParam):
    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: _click.Context) -> Any:
        if isinstance(value, str | Path):
            path = value if isinstance(value, Path) else Path(value)
            return coerce_cli_path(path, self.parameter_info, path_type=Path, param=param, ctx=ctx)
        return _typers(param)._coerce_value(value, param=param, ctx=ctx)


@dataclass(frozen=True)
class _Flag(RuntimeParam):
    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: _click.Context) -> Any:
        if isinstance(value, bool):
            return value
        return _typers(param)._coerce_value(value, param=param, ctx=ctx)


def _typers(param: _TyperParameter) -> RuntimeParam:
    return build_runtime_param(param.type_descriptor)


def plain(param: _click.Parameter) -> None:
    """Give ``param`` the direct coercion when it is a single text, path or flag (not a file, no
    parser of its own, no other path type); leave it to Typer otherwise."""
    descriptor = getattr(param, "type_descriptor", None)
    if not isinstance(param, _TyperParameter) or descriptor is None or param._runtime_param is not None:
        return
    info = descriptor.parameter_info
    single = not param.multiple and param.nargs == 1
    if descriptor.file_annotation is not None or info.parser is not None or not single:
        return
    kind = _KINDS.get(descriptor.annotation)
    if kind is None or (kind is _Path and info.path_type not in (None, Path)):
        return
    param._runtime_param = kind(parameter_info=info, annotation=descriptor.annotation)


_KINDS: dict[object, Callable[..., RuntimeParam]] = {str: _Text, Path: _Path, bool: _Flag}
