"""Guides over HTTP: the same documents `reglament guide` prints, as HTML, Markdown or PDF."""

from __future__ import annotations

from engine.guides import Guides
from engine.language.loader import load_regulation
from tests.api.conftest import Server
from tests.paths import BUNDLED


def test_handbook_and_sheets(server: Server) -> None:
    guides = Guides(load_regulation(BUNDLED))
    with server.client("manager", lang="en") as http:
        html = http.get("/v1/guides/handbook")
        md_ru = http.get("/v1/guides/handbook", params={"format": "md", "lang": "ru"})
        sheet = http.get("/v1/guides/stages/needs", params={"format": "md"})
        missing = http.get("/v1/guides/stages/nowhere")
    assert html.headers["content-type"].startswith("text/html")
    assert html.headers["content-language"] == "en"
    assert html.text == guides.handbook("en", "html")
    assert md_ru.text == guides.handbook("ru", "md")
    assert sheet.headers["content-type"].startswith("text/markdown")
    assert sheet.text == guides.sheets("en", "md", "needs")[0].text
    assert missing.status_code == 404 and "needs" in missing.json()["detail"]


def test_a_pdf_download(server: Server) -> None:
    with server.client("manager") as http:
        answer = http.get("/v1/guides/stages/new.pdf")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"] == 'attachment; filename="new.pdf"'
    assert answer.content.startswith(b"%PDF-")
