"""The offset contract: every span indexes `Document.text`, sorted and disjoint."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.document import Document, load, load_text
from reader.errors import InputError

FIXTURES = Path(__file__).parent.parent / "fixtures" / "documents"
SHARED = Path("/work/shared")
BOOK = SHARED / "corpus" / "war-and-peace.txt"

MARKDOWN_PIECES = [
    "# Head\n",
    "## Sub *em*\n",
    "Plain words. More words.\n",
    "\n",
    "\n\n",
    "> quote\n",
    "> > deeper. Yes.\n",
    "- item\n",
    "  - nested\n",
    "1. first\n",
    "10) tenth\n",
    "---\n",
    "```\ncode\n\n  x\n```\n",
    "    indented code\n",
    "**bold** and _em_ ",
    "`tick` ",
    "[link](http://x) ",
    "![alt](i.png) ",
    "<div>html</div>\n",
    "line  \nbreak ",
    "Mr. U.S. Dr. ",
    "“Quote.” ",
    "***",
    "---\ntitle: T\n---\n",
    "\\*",
    "&amp; ",
    "é ",
    "| a | b |\n|---|---|\n",
]
TEXT_PIECES = [
    "date 2024-10-26 ",
    "Title: X\n",
    "CHAPTER I\n",
    "\n\n",
    "\n",
    "  \n",
    "Short title\n",
    "A sentence. Another one! ",
    "Mr. Smith, U.S. ",
    "“Quoted.” ",
    "\t",
    "word ",
    "…",
    "- item ",
    "\n  * deep\n",
    "2. two\n",
    "• ",
]


def assert_contract(doc: Document) -> None:
    size = len(doc.text)
    previous = 0
    for block in doc.blocks:
        assert previous <= block.start < block.end <= size
        assert doc.text[block.start : block.end].strip() != ""
        previous = block.end
    previous = 0
    block_iter = iter(doc.blocks)
    block = next(block_iter)
    for sentence in doc.sentences:
        assert previous <= sentence.start < sentence.end <= size
        piece = doc.text[sentence.start : sentence.end]
        assert piece == piece.strip()
        while block.end < sentence.end:
            block = next(block_iter)
        assert block.start <= sentence.start, "a sentence crosses a block boundary"
        previous = sentence.end
    starts = [s.start for s in doc.styles]
    assert starts == sorted(starts)
    for style in doc.styles:
        assert 0 <= style.start < style.end <= size


@pytest.mark.parametrize("name", ["article.md", "dated.txt", "headed.txt", "page.html"])
def test_fixtures_keep_the_contract(name: str) -> None:
    assert_contract(load(str(FIXTURES / name)))


@pytest.mark.skipif(not BOOK.exists(), reason="shared corpus not present")
def test_the_book_keeps_the_contract_and_has_a_table_of_contents() -> None:
    doc = load(str(BOOK))
    assert_contract(doc)
    headings = [doc.text[b.start : b.end] for b in doc.blocks if b.kind == "heading"]
    assert "BOOK TWO: 1805" in headings and "CHAPTER XXVIII" in headings
    assert "FIRST EPILOGUE: 1813 - 20" in headings
    assert len(headings) > 350


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=14), st.sampled_from(["md", "txt"]))
def test_random_documents_never_crash_and_keep_offsets(pieces: list[str], ext: str) -> None:
    raw = "".join(pieces)
    try:
        doc = load_text(raw, source=f"random.{ext}")
    except InputError as error:
        assert "empty" in str(error) or "no readable text" in str(error)
        return
    assert_contract(doc)


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(TEXT_PIECES), min_size=1, max_size=14), st.text(max_size=30))
def test_random_plain_text_never_crashes(pieces: list[str], noise: str) -> None:
    raw = "".join(pieces) + noise
    try:
        doc = load_text(raw.encode("utf-8", "surrogatepass"), source="noise.txt")
    except InputError:
        return
    assert_contract(doc)


HTML_PIECES = [
    "<h1>Head line</h1>",
    "<h3>Small head</h3>",
    "<p>A plain paragraph. With two sentences.</p>",
    "<p>Mixed <b>bold</b> <i>it</i> <a href='http://x'>link</a> <code>c</code>.</p>",
    "<blockquote>Loose <p>inner para.</p> tail</blockquote>",
    "<ul><li>one</li><li>two</li></ul>",
    "<ol><li>first <ul><li>nested</li></ul></li></ol>",
    "<pre><code>x = 1\n\ny = 2</code></pre>",
    "<table><tr><td>a</td><td>b</td></tr></table>",
    "<br>",
    "<hr>",
    "&amp; &eacute; ",
    "<p>Mr. Smith of the U.S. said “no.”</p>",
    "<div>div text</div>",
    "<img src='a.png'>",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(HTML_PIECES), min_size=1, max_size=10))
def test_random_pages_never_crash_and_keep_offsets(pieces: list[str]) -> None:
    body = "".join(pieces) + "<p>" + "Filler words for the extractor to keep. " * 5 + "</p>"
    try:
        doc = load_text(f"<html><body><article>{body}</article></body></html>", source="r.html")
    except InputError as error:
        assert "no readable" in str(error)
        return
    assert_contract(doc)
