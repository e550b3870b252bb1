"""A value outside a fixed set of ids or labels (a trigger, stage, contact kind or result, refusal
reason, role, token role, format, export kind, report, event type) is bad input: exit 2, the
choices named, the closest one offered, and no file location (the tester's finding: an unknown
trigger exited 1 as a refusal pointing at «stages.yaml:1»)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.cli import main
from engine.i18n import LANGUAGES, has
from engine.service.names import _UNKNOWN, TYPED, Thing

CARD = ["company_name=Ромашка", "phone=+79123456789"]

CASES = [
    (
        ["client", "move", "1", "no_such_trigger"],
        "нет действия «no_such_trigger»; действия: «Начать квалификацию»",
    ),
    (["client", "move", "1", "начать квалификацю"], "(может быть, «Начать квалификацию»?)"),
    (["client", "move", "1", "lose", "--reason", "дорог"], "нет причины отказа «дорог»"),
    (["client", "contact", "1", "--kind", "звонк"], "нет вида контакта «звонк» (может быть, «Звонок»?)"),
    (["client", "contact", "1", "--result", "reachd"], "нет результата контакта «reachd» (может быть,"),
    (["client", "list", "--stage", "квалификацыя"], "нет этапа «квалификацыя» (может быть, «Квалификация»?)"),
    (
        ["manager", "add", "p", "--name", "P", "--role", "Менеджер по продажм"],
        "(может быть, «Менеджер по продажам»?)",
    ),
    (
        ["token", "add", "crm", "--role", "hed"],
        "--role: «hed» — не из списка: manager, head, admin (может быть, head?)",
    ),
    (["client", "list", "--format", "jsn"], "--format: «jsn» — не из списка: text, json (может быть, json?)"),
    (
        ["export", "clientz", "-o", "{out}"],
        "«clientz» — не из списка: clients, sales, calls, classes (может быть, clients?)",
    ),
    (["report", "funel"], "report: «funel» — не из списка: funnel,"),
    (["events", "--type", "client.movd"], "(может быть, client.moved?)"),
    (
        ["export", "clients", "-o", "{out}", "--encoding", "cp1215"],
        "«cp1215» — не из списка: utf-8, cp1251 (может быть, cp1251?)",
    ),
    (["client", "list", "--segment", "QX"], "--segment: «QX» — не из списка: A, B, C, AX,"),
    (
        ["serve", "--log-level", "infoo"],
        "--log-level: «infoo» — не из списка: critical, error, warning, info",
    ),
    (["check", "--format", "jsn"], "--format: «jsn» — не из списка: text, json, github (может быть, json?)"),
]


@pytest.mark.parametrize(("argv", "says"), CASES, ids=[" ".join(a) for a, _ in CASES])
def test_a_value_outside_its_choices_is_bad_input_with_a_did_you_mean(
    argv: list[str],
    says: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REGLAMENT_LANG", "ru")
    db = [] if argv[0] == "check" else ["--db", str(tmp_path / "c.sqlite")]
    if argv[0] == "client":
        assert main(["client", "add", *CARD, *db]) == 0
    capsys.readouterr()
    code = main([a.format(out=tmp_path / "x.csv") for a in argv] + db)
    err = capsys.readouterr().err
    assert code == 2 and says in err, err
    assert ".yaml" not in err and "Traceback" not in err


def test_the_same_in_english_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(tmp_path / "c.sqlite")]
    assert main(["client", "add", *CARD, *db]) == 0
    capsys.readouterr()
    assert main(["client", "move", "1", "start_qualifcation", "--lang", "en", "-f", "json", *db]) == 2
    out = capsys.readouterr().out
    assert '"type": "invalid-input"' in out and '"code": "names.unknown.trigger"' in out, out
    assert "(did you mean «Start qualification»?)" in out and "stages.yaml" not in out


def test_a_label_still_names_its_thing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(tmp_path / "c.sqlite")]
    assert main(["manager", "add", "p", "--name", "P", "--role", "менеджер по продажам", *db]) == 0
    assert main(["client", "list", "--stage", "Квалификация", "--format", "json", *db]) == 0


@pytest.mark.parametrize("thing", TYPED)
def test_every_kind_of_name_has_its_refusal_in_every_language(thing: Thing) -> None:
    for lang in LANGUAGES:
        assert has(_UNKNOWN[thing], lang), (thing, lang)


def test_only_the_shown_kinds_are_not_typed() -> None:
    """Call-list buckets and cells are shown by label but never typed: every other kind a
    rendering labels is a kind a user may name."""
    assert set(Thing) - set(TYPED) == {Thing.BUCKET, Thing.CELL}
