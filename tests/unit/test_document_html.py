"""HTML pages: the main article becomes the same blocks and styles as Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.document import BlockKind, Document, InlineKind, load, load_text
from reader.errors import InputError

FIXTURES = Path(__file__).parent.parent / "fixtures" / "documents"


@pytest.fixture(scope="module")
def page() -> Document:
    return load(str(FIXTURES / "page.html"))


def test_metadata_from_the_page(page: Document) -> None:
    assert page.format == "html"
    assert page.title == "Harbour Vote Delayed"
    assert page.date == "2025-04-02"
    assert page.source == "https://example.org/harbour-vote"


def test_boilerplate_is_dropped(page: Document) -> None:
    assert "Copyright" not in page.text
    assert "Sport" not in page.text
    assert "<" not in page.text


def test_blocks_follow_the_article_structure(page: Document) -> None:
    kinds = [(b.kind, b.level, b.marker) for b in page.blocks]
    assert kinds == [
        (BlockKind.HEADING, 1, ""),
        (BlockKind.PARAGRAPH, 0, ""),
        (BlockKind.PARAGRAPH, 0, ""),
        (BlockKind.QUOTE, 1, ""),
        (BlockKind.HEADING, 2, ""),
        (BlockKind.LIST_ITEM, 1, "•"),
        (BlockKind.LIST_ITEM, 1, "•"),
        (BlockKind.PARAGRAPH, 0, ""),
    ]
    first = page.blocks[1]
    assert page.text[first.start : first.end].startswith(
        "The Westhaven Port Authority postponed its vote on the expansion plan, a spokesman told"
    )


def test_inline_styles_and_links(page: Document) -> None:
    found = [(s.kind, page.text[s.start : s.end], s.href) for s in page.styles]
    assert found == [
        (InlineKind.STRONG, "Westhaven Port Authority", None),
        (InlineKind.LINK, "the Ledger", "https://example.org/ledger"),
        (InlineKind.EMPHASIS, "allegedly", None),
    ]


def test_ordered_lists_code_and_line_breaks() -> None:
    body = "<p>" + "Filler sentence about the harbour and its many ships. " * 6 + "</p>"
    html = (
        "<html><head><title>Steps</title></head><body><article><h1>Steps</h1>"
        + body
        + "<ol><li>Open the gate before the tide.</li><li>Close it after the tide.</li></ol>"
        + "<p>First line of the address<br>Second line of the address here.</p>"
        + "<pre><code>tide = high\nboats = 3</code></pre>"
        + body
        + "</article></body></html>"
    )
    doc = load_text(html, source="steps.html")
    items = [(b.marker, doc.text[b.start : b.end]) for b in doc.blocks if b.kind == "list_item"]
    assert items == [("1.", "Open the gate before the tide."), ("2.", "Close it after the tide.")]
    assert "First line of the address\nSecond line" in doc.text
    code = [doc.text[b.start : b.end] for b in doc.blocks if b.kind is BlockKind.CODE]
    assert code == ["tide = high\nboats = 3"]


def test_page_without_article_text_is_an_input_error() -> None:
    html = "<html><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(InputError, match="no readable article text found in menu.html"):
        load_text(html, source="menu.html")


def test_html_is_sniffed_without_an_extension() -> None:
    body = "<p>" + "The council met on Monday and argued for hours. " * 8 + "</p>"
    doc = load_text(
        f"<!doctype html><html><body><article>{body}</article></body></html>", source="page"
    )
    assert doc.format == "html"
