"""A long book's side panel is mounted after the first frame: the panel's keys pressed
before it is there do no harm, and once it is mounted it fills as it would have."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from reader.analysis.model import Analysis
from reader.analysis.runner import Child
from reader.document.head import LAZY_BYTES
from reader.document.model import Document
from reader.tui.launch import prepare
from reader.tui.panel import SidePanel, wiring
from reader.tui.panel.wiring import ReadingBody
from reader.tui.widgets.article_view import ArticleView

from .conftest import SIZE
from .waiting import until


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "book.txt"
    sentences = (f"Paragraph {n}. Anna Petrova said the ferry left at {n}." for n in range(10000))
    path.write_text("\n\n".join(sentences) + "\n", "utf-8")
    assert path.stat().st_size > LAZY_BYTES
    return path


async def test_panel_keys_before_the_panel_is_mounted_then_it_fills(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    analysed: list[Document] = []
    children: list[Child | None] = []

    def analyse(document: Document, progress, stopped, child=None) -> Analysis:  # type: ignore[no-untyped-def]
        analysed.append(document)
        children.append(child)
        if child is not None:
            child.close()
        return Analysis(document=document, entities=(), claims=())

    monkeypatch.setattr(wiring, "analyse_in_process", analyse)
    held: list[ReadingBody] = []
    mount_panel = ReadingBody._mount_panel
    monkeypatch.setattr(ReadingBody, "_mount_panel", lambda self: held.append(self))
    app = prepare(str(book), db=str(tmp_path / "notes.json"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        body = app.screen.query_one(ReadingBody)
        view = app.screen.query_one(ArticleView)
        assert held == [body] and not app.screen.query(SidePanel)  # not before the frame
        assert view.cursor_sentence == -1
        await pilot.press("tab", "x", "w", "o", "s", "bracketright", "m", "J", "J")
        assert app.is_running and view.has_focus and view.cursor_sentence == 1  # J did move
        # The whole book's analysis does not wait for the panel (its mount holds the loop).
        await until(pilot, lambda: bool(analysed), "the analysis, before the panel", wait=5.0)

        await mount_panel(body)
        panel = app.screen.query_one(SidePanel)
        await until(pilot, lambda: not view.rest.loading, "the rest of the text", wait=5.0)
        await until(pilot, lambda: body.analysis is not None, "the analysis", wait=5.0)
        assert [len(d.text) for d in analysed] == [len(book.read_text("utf-8"))]
        # The child was started at the first frame, while the rest was being read.
        assert len(children) == 1 and isinstance(children[0], Child)
        assert not children[0].alive()
        await pilot.pause()
        message = str(panel.query_one("#panel-message", Static).render())
        assert "No entities or claims" in message
        await pilot.press("tab")
        assert panel.has_focus_within


async def test_the_analysis_child_starts_only_once_the_first_frame_is_shown(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process busy on the other core slows the first frame even at nice 10: the book's
    child is made as the reader starts, but its process starts after that frame."""
    from reader import child_entry
    from reader.tui.app import ReaderApp

    shown: list[bool] = []
    started: list[bool] = []  # per child: had the first frame been shown?

    class Recorded(child_entry.Child):
        def __init__(self, backend: str = "rules", path: str | None = None) -> None:
            started.append(bool(shown))
            super().__init__(backend, path)

    on_ready = ReaderApp.on_ready

    def ready(self: ReaderApp) -> None:
        shown.append(True)
        on_ready(self)

    monkeypatch.setattr(child_entry, "Child", Recorded)
    monkeypatch.setattr(ReaderApp, "on_ready", ready)
    app = prepare(str(book), db=str(tmp_path / "notes.json"))
    assert app.early is not None and started == []  # made, not started
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: bool(started), "the analysis child", wait=5.0)
        assert started[0] is True
        body = app.screen.query_one(ReadingBody)
        await until(pilot, lambda: body.analysis is not None, "the analysis", wait=60.0)
        assert started == [True]  # and the analysis used that child, not another
        names = {entity.name for entity in body.analysis.entities}
        assert "Anna Petrova" in names


async def test_the_whole_book_is_analysed_while_wrapped_and_fills_the_panel_once_shown(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The analysis gets the whole document as soon as it is read (not after its text is
    wrapped and shown), and its spans fill the panel only once the view shows that text."""
    import threading

    from reader.tui.screens import reading

    started = threading.Event()
    analysed: list[int] = []

    def analyse(document: Document, progress, stopped, child=None) -> Analysis:  # type: ignore[no-untyped-def]
        analysed.append(len(document.text))
        if child is not None:
            child.close()
        started.set()
        return Analysis(document=document, entities=(), claims=())

    def wrap_after_analysis(*args, **kwargs):  # type: ignore[no-untyped-def]
        # The wrap waits for the analysis to have started (bounded: fails, never hangs).
        assert started.wait(10), "the analysis did not start before the wrap ended"
        return layout(*args, **kwargs)

    layout = reading.Layout
    monkeypatch.setattr(reading, "Layout", wrap_after_analysis)
    monkeypatch.setattr(wiring, "analyse_in_process", analyse)
    filled_while_loading: list[bool] = []
    fill = ReadingBody._analysed

    def fill_noting(self: ReadingBody, analysis: Analysis) -> None:
        filled_while_loading.append(self.article.rest.loading)
        fill(self, analysis)

    monkeypatch.setattr(ReadingBody, "_analysed", fill_noting)
    app = prepare(str(book), db=str(tmp_path / "notes.json"))
    async with app.run_test(size=SIZE) as pilot:
        body = app.screen.query_one(ReadingBody)
        view = app.screen.query_one(ArticleView)
        await until(pilot, lambda: body.analysis is not None, "the analysis", wait=10.0)
        assert analysed == [len(book.read_text("utf-8"))]  # once, the whole text
        assert filled_while_loading == [False] and len(view.document.text) == analysed[0]


async def test_the_whole_text_is_read_and_wrapped_without_walking_the_widget_tree_off_the_loop(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The thread that reads and wraps the rest asks the event loop for what it needs: a
    query from that thread raced the panel's mount and the rest never came ("…" for good)."""
    import threading

    from textual.dom import DOMNode

    off_loop: list[str] = []
    query_one = DOMNode.query_one

    def noting(self: DOMNode, *args, **kwargs):  # type: ignore[no-untyped-def]
        if threading.current_thread() is not threading.main_thread():
            off_loop.append(threading.current_thread().name)
        return query_one(self, *args, **kwargs)

    monkeypatch.setattr(DOMNode, "query_one", noting)
    app = prepare(str(book), db=str(tmp_path / "notes.json"))
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ArticleView)
        await until(pilot, lambda: not view.rest.loading, "the rest of the text", wait=10.0)
        assert len(view.document.text) == len(book.read_text("utf-8"))
    assert off_loop == []


async def test_the_book_s_child_reads_the_book_itself_and_the_panel_shows_its_analysis(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The child is started with the book's path before the app runs: it is never sent
    the text, and what the panel shows is what `analyze` finds in the book."""
    from reader.analysis import analyze, runner
    from reader.document import load
    from reader.tui import library_child

    sent: list[int] = []
    send = runner.send_document
    monkeypatch.setattr(runner, "send_document", lambda c, d: (sent.append(1), send(c, d)))
    # Keeping the analysis in the library sends the document to a child of its own.
    sent_before_keeping: list[int] = []
    keep = library_child.keep
    monkeypatch.setattr(
        library_child, "keep", lambda *a: (sent_before_keeping.append(len(sent)), keep(*a))[1]
    )
    app = prepare(str(book), db=str(tmp_path / "notes.json"))
    assert app.early is not None  # started already, before the first frame
    async with app.run_test(size=SIZE) as pilot:
        body = app.screen.query_one(ReadingBody)
        await until(pilot, lambda: body.analysis is not None, "the analysis", wait=60.0)
        assert body.analysis is not None
        assert body.analysis.to_json() == analyze(load(str(book))).to_json()
        assert body.analysis.document is app.screen.query_one(ArticleView).document
    assert (sent_before_keeping or [len(sent)])[0] == 0  # the analysis sent nothing


async def test_the_head_s_start_run_late_never_replaces_the_book_s_analysis(
    book: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The body asks to analyse the document it mounts with (the head) after its first
    refresh; under load that can run after the whole text is in. It must not then cancel
    the book's analysis and fill the panel with the head's (seen once in 25 runs: the
    panel showed the first screen's names, and the book's child was killed)."""
    deferred: list[tuple[object, tuple[object, ...]]] = []
    after_refresh = ReadingBody.call_after_refresh

    def holding(self: ReadingBody, callback, *args, **kwargs):  # type: ignore[no-untyped-def]
        if getattr(callback, "__name__", "") in ("start_analysis", "_analyse_shown"):
            deferred.append((callback, args))  # run by the test, once the rest is in
            return True
        return after_refresh(self, callback, *args, **kwargs)

    analysed: list[int] = []

    def analyse(document: Document, progress, stopped, child=None) -> Analysis:  # type: ignore[no-untyped-def]
        analysed.append(len(document.text))
        if child is not None:
            child.close()
        return Analysis(document=document, entities=(), claims=())

    monkeypatch.setattr(ReadingBody, "call_after_refresh", holding)
    monkeypatch.setattr(wiring, "analyse_in_process", analyse)
    monkeypatch.setattr(wiring, "analyze", lambda document, **_: analyse(document, None, None))
    app = prepare(str(book), db=str(tmp_path / "notes.json"))
    whole = len(book.read_text("utf-8"))
    async with app.run_test(size=SIZE) as pilot:
        body = app.screen.query_one(ReadingBody)
        view = app.screen.query_one(ArticleView)
        await until(pilot, lambda: body.analysis is not None, "the book's analysis", wait=10.0)
        assert not view.rest.loading and len(deferred) == 1
        callback, args = deferred[0]
        callback(*args)  # type: ignore[operator]
        await pilot.pause()
        await pilot.pause()
        assert analysed == [whole]
        assert body.analysis is not None and len(body.analysis.document.text) == whole
