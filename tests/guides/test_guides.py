"""Guides printed from the regulation: golden files, completeness, PDF, overrides, one source."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from engine.cli import main
from engine.guides import Guides, to_pdf
from engine.language.loader import load_regulation
from engine.runtime.facts import Runtime
from engine.runtime.machine import FunnelMachine
from tests.guides import golden
from tests.paths import BUNDLED


@pytest.fixture(scope="module")
def guides() -> Guides:
    return Guides(load_regulation(BUNDLED))


@pytest.mark.parametrize(("lang", "fmt"), golden.TARGETS)
def test_the_handbook_matches_its_golden_file(lang: str, fmt: str) -> None:
    expected = golden.path(lang, fmt).read_text(encoding="utf-8")
    assert golden.render(lang, fmt) == expected, (
        "run `python -m tests.guides.golden` if the change is intended"
    )


def visible(text: str, fmt: str) -> str:
    if fmt == "html":
        text = re.sub(r"<style>.*?</style>|<svg.*?</svg>", " ", text, flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return text


def raw_ids(reg) -> set[str]:  # type: ignore[no-untyped-def]
    ids = (
        {f.id for f in reg.card.fields}
        | {t.trigger for t in reg.funnel.transitions}
        | set(reg.funnel.stage_ids())
    )
    ids |= {v.id for f in reg.card.fields for v in f.values} | {r.id for r in reg.funnel.refusal_reasons}
    return {i for i in ids if "_" in i}  # ids that are also plain words ("new", "needs") may appear in prose


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_sheet_renders_with_no_missing_text_or_raw_ids(guides: Guides, lang: str, fmt: str) -> None:
    reg = guides.regulation
    docs = guides.documents(lang, fmt)
    assert len(docs) == 1 + len(reg.funnel.stages)
    leftovers = re.compile(r"\{\{|\}\}|\{%|%\}|\bNone\b|\bnan\b|guide\.|words\.|\[\]|\(\)")
    for doc in docs:
        text = visible(doc.text, fmt)
        assert not leftovers.search(text), (doc.name, leftovers.search(text))
        found = [i for i in raw_ids(reg) if re.search(rf"\b{re.escape(i)}\b", text)]
        assert found == [], (doc.name, found)
    for stage in reg.funnel.stages:
        [sheet] = guides.sheets(lang, fmt, stage.id)
        assert stage.label.get(lang) in sheet.text
        for t in reg.funnel.transitions:
            if stage.id in reg.funnel.sources_of(t):
                label = t.label.get(lang)
                assert (html.escape(label, quote=False) if fmt == "html" else label) in sheet.text


def test_a_changed_condition_changes_the_sentence_and_the_engine_alike(tmp_path: Path) -> None:
    target = tmp_path / "reg"
    shutil.copytree(BUNDLED, target)
    stages = target / "stages.yaml"
    stages.write_text(
        stages.read_text(encoding="utf-8").replace(
            "        - {field: discount_pct, less_or_equal: 10}",
            "        - {field: discount_pct, less_or_equal: 12}",
        ),
        encoding="utf-8",
    )
    before = Guides(load_regulation(BUNDLED)).sheets("ru", "md", "negotiation")[0].text
    reg = load_regulation(target)
    after = Guides(reg).sheets("ru", "md", "negotiation")[0].text
    said = "поле «Скидка, %» не заполнено или не больше"
    assert f"{said} 10" in before and f"{said} 12" in after
    assert f"{said} 10" not in after
    from datetime import UTC, datetime

    from engine.values.client import ClientState

    client = ClientState(
        1,
        "x",
        "negotiation",
        datetime(2026, 1, 1, tzinfo=UTC),
        datetime(2026, 1, 1, tzinfo=UTC),
        "Europe/Moscow",
        {"payment_terms": "prepayment", "legal_name": "ООО", "inn": "7707083893", "discount_pct": "15"},
    )
    outcome = FunnelMachine(Runtime(reg)).fire(client, "agree_terms", datetime(2026, 1, 2, tzinfo=UTC))
    assert any(f"{said} 12" in r.message("ru") for r in outcome.reasons)


def test_own_templates_override_some_and_the_bundled_fill_in_the_rest(tmp_path: Path, guides: Guides) -> None:
    (tmp_path / "guide.css").write_text("body { color: #123456; } /* our brand */", encoding="utf-8")
    own = Guides(guides.regulation, tmp_path)
    text = own.handbook("ru", "html")
    assert "our brand" in text and "Воронка продаж" in text
    assert "our brand" not in guides.handbook("ru", "html")


def test_regulation_texts_are_escaped_and_never_evaluated(tmp_path: Path) -> None:
    target = tmp_path / "reg"
    shutil.copytree(BUNDLED, target)
    manifest = target / "regulation.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(
            "  ru: Регламент работы с клиентской базой", '  ru: "<script>x</script> {{ 7*7 }} {% raw %}"'
        ),
        encoding="utf-8",
    )
    text = Guides(load_regulation(target)).handbook("ru", "html")
    assert "<script>x</script>" not in text and "&lt;script&gt;" in text
    assert "{{ 7*7 }}" in text and "49" not in text.split("<title>")[1].split("</title>")[0]


pdf = pytest.importorskip("weasyprint", reason="the pdf extra is not installed")


@pytest.mark.slow
def test_pdf_of_a_sheet_is_one_a4_page_and_can_be_looked_at(guides: Guides, tmp_path: Path) -> None:
    """Every sheet in both languages, printed to PDF and turned into images with pdftoppm: one
    A4 page each (#14, «done when»)."""
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    for lang in ("ru", "en"):
        for doc in guides.sheets(lang, "html"):
            data = to_pdf(doc.text)
            assert data.startswith(b"%PDF")
            name = f"{lang}-{doc.name.replace('/', '-')}"
            path = tmp_path / f"{name}.pdf"
            path.write_bytes(data)
            subprocess.run(["pdftoppm", "-r", "20", "-png", str(path), str(tmp_path / name)], check=True)
            pages = sorted(tmp_path.glob(f"{name}-*.png"))
            assert len(pages) == 1, f"{path.name} prints on {len(pages)} pages"
            assert pages[0].stat().st_size > 2_000, f"{path.name}: an empty page"
            if shutil.which("pdfinfo"):
                info = subprocess.run(
                    ["pdfinfo", str(path)], capture_output=True, text=True, check=True
                ).stdout
                assert "595.276 x 841.89 pts (A4)" in info
    print(f"pages to look at: {tmp_path}")


@pytest.mark.slow
def test_cli_writes_the_handbook_and_sheets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["guide", "-o", str(tmp_path), "--format", "pdf"]) == 0
    assert (tmp_path / "handbook.pdf").stat().st_size > 50_000
    assert len(list((tmp_path / "sheets").glob("*.pdf"))) == 10
    assert main(["guide", "--format", "pdf"]) == 2
    assert main(["guide", "--stage", "proposal", "--format", "md", "--lang", "en"]) == 0
    assert "## Stage 4. Proposal" in capsys.readouterr().out
