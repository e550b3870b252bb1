"""Property-based fuzzing: arbitrary input yields diagnostics, never an exception."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import i18n
from engine.language.diagnostics import Diagnostic
from engine.language.loader import FILE_NAMES, load_files
from engine.language.yamlio import load_yaml_bytes, load_yaml_text
from tests.conftest import BUNDLED

BUNDLED_FILES = {n: (BUNDLED / n).read_bytes() for n in FILE_NAMES.values()}
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(["new", "lost", "*", "3d", "open", "revenue", "AX", "field", "all"]),
)
keys = st.one_of(
    st.sampled_from(
        [
            "id",
            "label",
            "kind",
            "from",
            "to",
            "when",
            "field",
            "all",
            "any",
            "not",
            "equals",
            "in",
            "greater",
            "within",
            "stages",
            "transitions",
            "fields",
            "type",
            "values",
            "cells",
            "buckets",
            "sort",
            "by",
            "reason",
            "entry",
            "abc",
            "xyz",
            "thresholds",
            "ru",
            "en",
        ]
    ),
    st.text(min_size=1, max_size=8),
)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=40,
)


@given(st.binary(max_size=400))
@SETTINGS
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    load_yaml_bytes(raw)


@given(st.text(max_size=400))
@SETTINGS
def test_arbitrary_text_never_raises(text: str) -> None:
    load_yaml_text(text)


@given(st.sampled_from(sorted(FILE_NAMES.values())), documents)
@SETTINGS
def test_an_arbitrary_document_in_any_file_gives_diagnostics_not_exceptions(name: str, data: object) -> None:
    files = dict(BUNDLED_FILES)
    files[name] = yaml.safe_dump(data, allow_unicode=True).encode()
    result = load_files(files)
    for d in result.diagnostics:
        assert d.line >= 1
        assert d.column >= 1
        assert d.message("ru")
        assert d.message("en")
        assert_every_word_filled(d)


def assert_every_word_filled(d: Diagnostic) -> None:
    """No literal ``{about}`` reaches a reader: every placeholder of the message and the hint
    chosen has its argument."""
    args = {name for name, _ in d.args}
    for lang in i18n.LANGUAGES:
        for key in (f"diag.{d.code}.message", f"diag.{d.code}.{d.hint_key or 'hint'}"):
            missing = set(i18n.placeholders(str(i18n.catalog(lang).get(key, "")))) - args
            assert not missing, f"{key} in {lang} lacks {missing}"


@given(st.sampled_from(sorted(FILE_NAMES.values())), st.data())
@SETTINGS
def test_a_bundled_file_with_a_random_line_removed_or_duplicated_never_raises(
    name: str, data: st.DataObject
) -> None:
    lines = BUNDLED_FILES[name].decode().split("\n")
    i = data.draw(st.integers(0, len(lines) - 1))
    edit = data.draw(st.sampled_from(["drop", "dup", "indent", "dedent"]))
    if edit == "drop":
        del lines[i]
    elif edit == "dup":
        lines.insert(i, lines[i])
    elif edit == "indent":
        lines[i] = "  " + lines[i]
    else:
        lines[i] = lines[i][2:]
    files = dict(BUNDLED_FILES)
    files[name] = "\n".join(lines).encode()
    for d in load_files(files).diagnostics:
        assert_every_word_filled(d)
