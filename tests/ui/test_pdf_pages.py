"""A PDF's reading screen says which page is at the top ("p. N"); other formats do not."""

from __future__ import annotations

from pathlib import Path

from make_books import PdfBlock, make_pdf
from textual.widgets import Static

from reader.document import load, load_text
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


async def test_a_note_made_in_the_reader_on_a_pdf_keeps_its_page(tmp_path: Path) -> None:
    from textual.widgets import TextArea

    from reader.notes.store import NoteStore
    from reader.tui.screens.editor import NoteEditor
    from reader.tui.screens.noted_reading import NotedReadingScreen

    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(PAGES))
    db = str(tmp_path / "store" / "notes.json")
    app = ReaderApp(load(str(path)), db=db, origin=str(path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, NotedReadingScreen)
        for _ in range(250):  # the store opens in a thread
            if screen.session.notes is not None:
                break
            await pilot.pause(0.02)
        assert screen.session.notes is not None
        await pilot.press("G", "K", "a")  # a sentence on the last screen: page 5
        for _ in range(250):
            if isinstance(app.screen, NoteEditor):
                break
            await pilot.pause(0.02)
        app.screen.query_one(TextArea).insert("rigged?")
        await pilot.press("ctrl+s")
        for _ in range(250):
            if list(NoteStore(db=db).all_notes()):
                break
            await pilot.pause(0.02)
        [note] = NoteStore(db=db).all_notes()
        assert note.anchor.page == 5 and note.anchor.exact.startswith("Page 5 line ")
