"""The reading screen keeps each article's analysis in the library, off the event loop,
and a library that cannot be written is one warning, never the end of the reading."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.document import load
from reader.library import intake
from reader.library.library import Library
from reader.tui.app import ReaderApp
from reader.tui.panel.wiring import SUBPROCESS_CHARS, ReadingBody

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from library_articles import LEAK, write  # noqa: E402

SIZE = (120, 30)


async def _analysed(pilot: Pilot) -> None:
    body = pilot.app.screen.query_one(ReadingBody)
    for _ in range(200):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.02)
        if body.analysis is not None and Library().articles():
            break
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _kept_as_the_leak_article() -> None:
    """The library holds the one article, `LEAK`, with its title, outlet and claims."""
    (article,) = Library().articles()
    assert article.title == "Veltra Energy chief accused of hiding pipeline leak"
    assert article.outlet == "Northern Ledger"
    assert {c.article.id for c in Library().claims(about="Maren Holt")} == {article.id}


async def test_an_opened_article_is_kept_in_the_library(tmp_path: Path) -> None:
    path = str(write(tmp_path, "leak.md", LEAK))
    app = ReaderApp(load(path), origin=path)
    async with app.run_test(size=SIZE) as pilot:
        await _analysed(pilot)
    _kept_as_the_leak_article()


async def test_a_library_that_cannot_be_kept_is_one_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> bool:
        raise RuntimeError("boom")

    monkeypatch.setattr(intake, "store_opened", broken)
    path = str(write(tmp_path, "leak.md", LEAK))
    app = ReaderApp(load(path), origin=path)
    shown: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        original = app.notify
        monkeypatch.setattr(
            app, "notify", lambda message, **kw: (shown.append(message), original(message, **kw))
        )
        body = app.screen.query_one(ReadingBody)
        for _ in range(200):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause(0.02)
            if body.analysis is not None and any("library" in m for m in shown):
                break
        assert app.is_running
    kept = [m for m in shown if "library" in m]  # the panel's one-time legend hint aside
    assert kept == ["Not kept in the library (internal error: RuntimeError)"]
    assert Library().articles() == []


async def test_a_long_article_is_kept_from_a_child_process(tmp_path: Path) -> None:
    """A book's analysis is stored by a child process (`reader.tui.library_child`: its
    JSON record was the UI process's peak memory), with the same outcome."""
    filler = "".join(f"The ferry left the harbour at {n} o'clock.\n\n" for n in range(6000))
    assert len(LEAK) + len(filler) > SUBPROCESS_CHARS
    path = str(write(tmp_path, "leak.md", LEAK + "\n" + filler))
    app = ReaderApp(load(path), origin=path)
    async with app.run_test(size=SIZE) as pilot:
        await _analysed(pilot)
    _kept_as_the_leak_article()


def test_the_child_keeps_what_the_thread_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.analysis import analyze
    from reader.notes.store import NoteStore
    from reader.tui.library_child import keep_in_child

    path = str(write(tmp_path, "leak.md", LEAK))
    analysis = analyze(load(path))
    kept = []
    for home, in_child in ((tmp_path / "thread", False), (tmp_path / "child", True)):
        monkeypatch.setenv("READER_HOME", str(home))
        article = NoteStore().open_article(path, analysis.document.text, analysis.document.title)
        if in_child:
            assert keep_in_child(None, analysis, article, path) == (None, {})
        else:
            assert intake.keep_opened(None, analysis, article, path) is None
        (stored,) = Library().articles()
        claims = Library().claims(about="Maren Holt")
        kept.append((stored.title, stored.outlet, stored.words, [c.text for c in claims]))
    assert kept[0] == kept[1] and kept[0][3]


def test_a_failure_in_the_library_child_is_one_warning_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """The child's stderr is the reader's terminal: a bug there must come back as the one
    warning, never as a traceback drawn over the article (run here in a thread)."""
    import threading
    from multiprocessing import Pipe

    from reader.analysis import analyze
    from reader.analysis.runner import pack_found, send_document
    from reader.notes.store import NoteStore
    from reader.tui import library_child
    from reader.tui.panel import across

    def broken(db: object, article_id: str) -> dict[str, object]:
        raise RuntimeError("a bug in the ledger's query")

    monkeypatch.setattr(across, "across_lines", broken)
    path = str(write(tmp_path, "leak.md", LEAK))
    analysis = analyze(load(path))
    article = NoteStore().open_article(path, analysis.document.text, analysis.document.title)
    mine, theirs = Pipe()
    child = threading.Thread(target=library_child._child, args=(theirs,))
    child.start()
    mine.send((None, article, path))
    send_document(mine, analysis.document)
    for rows in pack_found(analysis.entities, analysis.claims):
        library_child._send_rows(mine, rows)
    assert mine.recv() == ("Not kept in the library (internal error: RuntimeError)", {})
    child.join(timeout=10)
    assert "Traceback" not in capfd.readouterr().err
