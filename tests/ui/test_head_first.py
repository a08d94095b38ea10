"""A long book paints from its head; keys typed before the rest is in land where they
would have landed on the whole book, and the document shown at the end is `load()`'s."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.widgets import Static

from reader.document import load
from reader.document.head import LAZY_BYTES, load_head
from reader.tui.app import ReaderApp
from reader.tui.launch import prepare
from reader.tui.widgets.article_view import ArticleView

from .conftest import SIZE
from .late_loading import gated, loaded

PARAGRAPHS = 8000


def paragraph(n: int) -> str:
    return f"Paragraph {n} opens here. The ferry left the quay at dawn. It came back at {n}."


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "book.txt"
    path.write_text("\n\n".join(paragraph(n) for n in range(PARAGRAPHS)) + "\n", "utf-8")
    assert path.stat().st_size > LAZY_BYTES
    return path


def shown(view: ArticleView) -> list[str]:
    return [view.render_line(y).text.strip() for y in range(view.viewport_height)]


async def test_the_first_frame_is_the_head_and_the_rest_replaces_it_in_place(book: Path) -> None:
    app = prepare(str(book))
    gate = gated(app)
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ArticleView)
        view.focus()
        await pilot.pause()
        assert view.rest.loading and len(view.document.text) < len(book.read_text())
        assert shown(view)[0].startswith("Paragraph 0 opens here.")
        assert str(app.screen.query_one("#position", Static).render()) == "…"
        await pilot.press("space", "space", "J")  # inside the head: at once
        top, cursor = view.top_offset, view.cursor_sentence
        assert top > 0
        gate.set()
        await loaded(pilot, view)
        assert view.document == load(str(book))  # exactly the eager document
        assert (view.top_offset, view.cursor_sentence) == (top, cursor)
        assert str(app.screen.query_one("#position", Static).render()).endswith("%")


async def test_keys_during_the_load_land_where_they_land_on_the_whole_book(book: Path) -> None:
    keys = ["space", "G", "b", "b", "K"]

    async def after(app: ReaderApp, gate: threading.Event | None) -> tuple[int, int, list[str]]:
        async with app.run_test(size=SIZE) as pilot:
            view = app.screen.query_one(ArticleView)
            view.focus()
            await pilot.pause()
            await pilot.press(*keys)
            if gate is not None:
                assert view.rest.loading  # G waited: the end of the head is not the end
                assert view.scroll_y < view.max_scroll_y or len(view.rest.actions) > 0
                gate.set()
            await loaded(pilot, view)
            return view.top_offset, view.cursor_sentence, shown(view)

    lazy = prepare(str(book))
    lazy_place = await after(lazy, gated(lazy))
    eager = ReaderApp(load(str(book)))
    eager_place = await after(eager, None)
    assert lazy_place == eager_place
    assert lazy_place[0] > len(load_head(str(book)).text)  # type: ignore[union-attr]


async def test_a_search_typed_during_the_load_finds_text_past_the_head(book: Path) -> None:
    app = prepare(str(book))
    gate = gated(app)
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ArticleView)
        view.focus()
        await pilot.pause()
        await pilot.press("slash", *"came back at 7999", "enter")
        info = str(app.screen.query_one("#status-info", Static).render())
        assert "loading" in info
        gate.set()
        await loaded(pilot, view)
        await pilot.pause()
        assert view.matches and view.document.text[view.matches[0][0] :].startswith(
            "came back at 7999"
        )
        assert any("came back at 7999" in row for row in shown(view))
        info = str(app.screen.query_one("#status-info", Static).render())
        assert "match 1 of 1" in info


def test_small_files_urls_stdin_and_html_load_whole(tmp_path: Path, book: Path) -> None:
    small = tmp_path / "small.txt"
    small.write_text(paragraph(1), "utf-8")
    html = tmp_path / "page.html"
    html.write_text("<html><body>" + "<p>x. y.</p>\n\n" * 60_000 + "</body></html>", "utf-8")
    assert load_head(str(small)) is None
    assert load_head(str(html)) is None
    assert load_head("-") is None
    assert load_head("https://example.org/book.txt") is None
    assert load_head(str(tmp_path / "missing.txt")) is None
    assert load_head(str(tmp_path)) is None
    utf16 = tmp_path / "wide.txt"
    utf16.write_text("\n\n".join(paragraph(n) for n in range(PARAGRAPHS)), "utf-16")
    assert load_head(str(utf16)) is None


def test_the_head_is_a_prefix_of_the_whole_document(book: Path) -> None:
    head, whole = load_head(str(book)), load(str(book))
    assert head is not None and whole.text.startswith(head.text)
    assert head.blocks == whole.blocks[: len(head.blocks)]
    assert head.sentences == whole.sentences[: len(head.sentences)]


def test_a_bigger_terminal_gets_a_bigger_head(book: Path) -> None:
    small, large = load_head(str(book), 80 * 24), load_head(str(book), 200 * 60)
    assert small is not None and large is not None
    assert len(small.text) < len(large.text)
    # 4 screens of 200 x 60 cells at least (cut at the blank line before), and a prefix
    assert (
        len(large.text) > 4 * 200 * 60 - 200
        and large.text == load(str(book)).text[: len(large.text)]
    )
