"""A PDF's reading screen says which page is at the top ("p. N"); other formats do not."""

from __future__ import annotations

from make_books import PdfBlock, make_pdf
from textual.widgets import Static

from reader.document import load_text
from reader.tui.app import ReaderApp

PAGES: list[list[PdfBlock]] = [
    [(11, [f"Page {page} line {n} of the harbour report, the auditors said." for n in range(40)])]
    for page in range(1, 6)
]


def position(app: ReaderApp) -> str:
    return str(app.screen.query_one("#position", Static).render())


async def test_the_status_line_shows_the_page_at_the_top() -> None:
    doc = load_text(make_pdf(PAGES), source="report.pdf")
    assert doc.page_at(0) == 1 and doc.page_at(len(doc.text) - 1) == 5
    app = ReaderApp(doc, origin="report.pdf")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        assert position(app).startswith("p. 1 · ")
        await pilot.press("G")
        await pilot.pause(0.3)
        assert position(app) == "p. 5 · 100%"


async def test_no_page_for_text() -> None:
    doc = load_text(b"One paragraph.\n\nAnother one.", source="plain.txt")
    assert doc.page_at(3) is None
    app = ReaderApp(doc, origin="plain.txt")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        assert position(app) == "100%"
