"""Holding and awaiting the whole text of an article opened on its head (text, Markdown,
PDF or EPUB), for the head-first tests."""

from __future__ import annotations

import threading

from textual.pilot import Pilot

from reader.document import Document
from reader.tui.app import ReaderApp
from reader.tui.widgets.article_view import ArticleView


def gated(app: ReaderApp) -> threading.Event:
    """Hold the whole-text load until the returned event is set."""
    gate = threading.Event()
    whole = app.whole
    assert whole is not None, "a long book must open on its head"

    def held() -> Document:
        assert gate.wait(30)
        return whole()

    app.whole = held
    return gate


async def loaded(pilot: Pilot[object], view: ArticleView) -> None:
    """Wait (at most 12 s) until `view` shows the whole text."""
    for _ in range(600):
        if not view.rest.loading:
            break
        await pilot.pause(0.02)
    await pilot.pause()
    assert not view.rest.loading
