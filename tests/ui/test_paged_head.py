"""A long PDF or EPUB paints from its first pages or chapters; the document shown once the
rest is in is `load()`'s, and the place read meanwhile is kept."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from make_books import PdfBlock, make_epub, make_pdf
from textual.widgets import Static

from reader.document import load, paged_head
from reader.document.paged_head import (
    HEAD_CHARS,
    HEAD_PAGES,
    MIN_BYTES,
    load_in_child,
    load_paged_head,
    whole_loader,
)
from reader.errors import InputError
from reader.tui.app import ReaderApp
from reader.tui.launch import prepare
from reader.tui.widgets.article_view import ArticleView

from .conftest import SIZE
from .late_loading import gated, loaded

PAGES = 30


def line(page: int, n: int) -> str:
    """A line no other page repeats (a letter per page: digits alone would look like a
    running header with its page number)."""
    return f"Page {page} line {n} ({chr(96 + page)}): the auditors said the tender was rigged."


@pytest.fixture
def long_pdf(tmp_path: Path) -> Path:
    pages: list[list[PdfBlock]] = [
        [(11.0, [line(page, n) for n in range(40)])] for page in range(1, PAGES + 1)
    ]
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(pages, title="Harbour report", header="HARBOUR REPORT"))
    assert path.stat().st_size >= MIN_BYTES["pdf"]
    return path


def chapters(count: int, paragraphs: int) -> list[tuple[str, list[str]]]:
    """Chapters of numbered paragraphs, each with a digest (so the zip cannot squeeze them)."""
    return [
        (
            f"Chapter {c}",
            [
                f"Chapter {c} paragraph {p}. The ferry left the quay at dawn with cargo "
                f"{hashlib.sha256(f'{c}.{p}'.encode()).hexdigest()}."
                for p in range(paragraphs)
            ],
        )
        for c in range(1, count + 1)
    ]


@pytest.fixture
def long_epub(tmp_path: Path) -> Path:
    path = tmp_path / "book.epub"
    path.write_bytes(make_epub(chapters(40, 120), title="The Ferry"))
    assert path.stat().st_size >= MIN_BYTES["epub"]
    return path


def position(app: ReaderApp) -> str:
    return str(app.screen.query_one("#position", Static).render())


def test_a_pdf_head_is_its_first_pages_read_as_the_whole_file_reads_them(long_pdf: Path) -> None:
    head, whole = load_paged_head(str(long_pdf)), load(str(long_pdf))
    assert head is not None and len(head.pages) == HEAD_PAGES and len(whole.pages) == PAGES
    assert whole.text.startswith(head.text)
    assert head.pages == whole.pages[:HEAD_PAGES]
    assert head.title == whole.title == "Harbour report"
    assert "HARBOUR REPORT" not in head.text  # the running header is dropped in the head too
    assert line(HEAD_PAGES, 39) in head.text and line(HEAD_PAGES + 1, 0) not in head.text


def test_an_epub_head_is_its_first_chapters(long_epub: Path) -> None:
    head, whole = load_paged_head(str(long_epub)), load(str(long_epub))
    assert head is not None and HEAD_CHARS <= len(head.text) < len(whole.text)
    assert whole.text.startswith(head.text)
    assert head.blocks == whole.blocks[: len(head.blocks)]
    assert head.sentences == whole.sentences[: len(head.sentences)]


def test_short_or_broken_books_load_whole(tmp_path: Path, long_pdf: Path) -> None:
    short = tmp_path / "short.pdf"
    short.write_bytes(make_pdf([[(11.0, [line(1, 0)])]]))
    one = tmp_path / "one.epub"  # big, but all of it is one chapter: nothing to defer
    one.write_bytes(make_epub(chapters(1, 6000)))
    assert one.stat().st_size >= MIN_BYTES["epub"]
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(long_pdf.read_bytes()[: 100 * 1024])
    for path in (short, one, broken, tmp_path / "missing.pdf", tmp_path):
        assert load_paged_head(str(path)) is None, path.name
    assert load_paged_head("https://example.org/report.pdf") is None
    assert load_paged_head("-") is None


async def test_a_long_pdf_opens_on_its_first_pages_then_shows_load_s_document(
    long_pdf: Path,
) -> None:
    app = prepare(str(long_pdf))
    gate = gated(app)
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ArticleView)
        view.focus()
        await pilot.pause()
        assert view.rest.loading and len(view.document.pages) == HEAD_PAGES
        assert view.render_line(0).text.strip().startswith("Page 1 line 0 (a):")
        await pilot.press("space", "J")  # inside the head: at once
        top, cursor = view.top_offset, view.cursor_sentence
        assert top > 0
        gate.set()
        await loaded(pilot, view)
        assert view.document == load(str(long_pdf))
        assert (view.top_offset, view.cursor_sentence) == (top, cursor)
        await pilot.press("G")
        for _ in range(250):
            if position(app).startswith(f"p. {PAGES} "):
                break
            await pilot.pause(0.02)
        assert position(app) == f"p. {PAGES} · 100%"


async def test_a_long_epub_opens_on_its_first_chapters_then_shows_load_s_document(
    long_epub: Path,
) -> None:
    app = prepare(str(long_epub))
    gate = gated(app)
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ArticleView)
        await pilot.pause()
        assert view.rest.loading and "Chapter 40" not in view.document.text
        gate.set()
        await loaded(pilot, view)
        assert view.document == load(str(long_epub))


def test_the_rest_of_a_pdf_loads_in_a_child_process_with_load_s_result_or_message(
    tmp_path: Path, long_pdf: Path
) -> None:
    head = load_paged_head(str(long_pdf))
    assert head is not None and whole_loader(head) is paged_head.load_pdf  # in a child
    assert load_in_child(str(long_pdf)) == load(str(long_pdf))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(long_pdf.read_bytes()[: 100 * 1024])
    with pytest.raises(InputError) as eager:
        load(str(broken))
    with pytest.raises(InputError) as child:
        load_in_child(str(broken))
    assert str(child.value) == str(eager.value)
