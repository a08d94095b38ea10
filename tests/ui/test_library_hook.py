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
from reader.tui.panel.wiring import ReadingBody

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


async def test_an_opened_article_is_kept_in_the_library(tmp_path: Path) -> None:
    path = str(write(tmp_path, "leak.md", LEAK))
    app = ReaderApp(load(path), origin=path)
    async with app.run_test(size=SIZE) as pilot:
        await _analysed(pilot)
    (article,) = Library().articles()
    assert article.title == "Veltra Energy chief accused of hiding pipeline leak"
    assert article.outlet == "Northern Ledger"
    assert {c.article.id for c in Library().claims(about="Maren Holt")} == {article.id}


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
