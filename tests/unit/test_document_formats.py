"""Each input format becomes the canonical text, blocks and styles a reader sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.document import BlockKind, Document, InlineKind, load, load_text

FIXTURES = Path(__file__).parent.parent / "fixtures" / "documents"


def block_texts(doc: Document, kind: BlockKind | None = None) -> list[str]:
    return [doc.text[b.start : b.end] for b in doc.blocks if kind is None or b.kind is kind]


def styled(doc: Document, kind: InlineKind) -> list[str]:
    return [doc.text[s.start : s.end] for s in doc.styles if s.kind is kind]


class TestMarkdown:
    @pytest.fixture()
    def doc(self) -> Document:
        return load(str(FIXTURES / "article.md"))

    def test_front_matter_gives_title_date_source(self, doc: Document) -> None:
        assert (doc.title, doc.date, doc.source) == (
            "Harbour Deal Under Scrutiny",
            "2025-03-14",
            "The Coastal Ledger",
        )
        assert doc.format == "markdown"

    def test_text_has_no_markup_and_soft_breaks_are_spaces(self, doc: Document) -> None:
        assert "*" not in doc.text and "#" not in doc.text and "](" not in doc.text
        assert "expansion on Tuesday, according" in doc.text
        assert doc.text.startswith("Harbour Deal Under Scrutiny\n\nThe port authority")

    def test_blocks_kinds_levels_markers(self, doc: Document) -> None:
        summary = [(b.kind, b.level, b.marker) for b in doc.blocks]
        assert summary == [
            (BlockKind.HEADING, 1, ""),
            (BlockKind.PARAGRAPH, 0, ""),
            (BlockKind.HEADING, 2, ""),
            (BlockKind.QUOTE, 1, ""),
            (BlockKind.LIST_ITEM, 1, "1."),
            (BlockKind.LIST_ITEM, 1, "2."),
            (BlockKind.LIST_ITEM, 2, "•"),
            (BlockKind.RULE, 0, ""),
            (BlockKind.CODE, 0, ""),
        ]
        assert block_texts(doc, BlockKind.CODE) == ["budget = 3.5e9"]
        assert block_texts(doc, BlockKind.LIST_ITEM)[1] == "Dredging of the north channel."

    def test_blocks_are_joined_by_one_blank_line(self, doc: Document) -> None:
        for before, after in zip(doc.blocks, doc.blocks[1:], strict=False):
            assert doc.text[before.end : after.start] == "\n\n"

    def test_inline_styles(self, doc: Document) -> None:
        assert styled(doc, InlineKind.EMPHASIS) == ["Westhaven"]
        assert styled(doc, InlineKind.STRONG) == ["$3.5 billion"]
        assert styled(doc, InlineKind.CODE) == ["north channel"]
        links = [s for s in doc.styles if s.kind is InlineKind.LINK]
        assert [(doc.text[s.start : s.end], s.href) for s in links] == [
            ("The Ledger", "https://example.org/ledger")
        ]

    def test_title_falls_back_to_first_h1_then_first_line(self) -> None:
        assert load_text("Intro line.\n\n# Real Title\n", source="x.md").title == "Real Title"
        assert load_text("Just a line\nand more.\n", source="x.md").title == "Just a line and more."

    def test_broken_front_matter_is_ignored(self) -> None:
        doc = load_text("---\ntitle: [unclosed\n---\nBody text.\n", source="x.md")
        assert doc.text == "Body text."
        assert doc.title == "Body text."


class TestPlainText:
    def test_seed_style_date_line_is_metadata_not_text(self) -> None:
        doc = load(str(FIXTURES / "dated.txt"))
        assert doc.date == "2024-10-26"
        assert doc.text.startswith("Officials in Westhaven said")
        assert "date" not in doc.text[:20]
        assert doc.title == "dated"

    def test_text_is_not_reflowed(self) -> None:
        doc = load(str(FIXTURES / "headed.txt"))
        raw = (FIXTURES / "headed.txt").read_text(encoding="utf-8")
        assert doc.text == raw.rstrip("\n") or doc.text == raw
        paragraph = block_texts(doc, BlockKind.PARAGRAPH)[0]
        assert paragraph == (
            "The ferry left at 7 a.m. and was late again. Passengers\n"
            "complained to the operator, which blamed the weather."
        )

    def test_short_first_line_is_title_and_chapter_lines_are_headings(self) -> None:
        doc = load(str(FIXTURES / "headed.txt"))
        assert doc.title == "A Quiet Morning in Westhaven"
        headings = [(doc.text[b.start : b.end], b.level) for b in doc.blocks if b.kind == "heading"]
        assert headings == [("A Quiet Morning in Westhaven", 1), ("CHAPTER I", 2)]

    def test_header_lines_at_top(self) -> None:
        raw = "Title: Port News\nDate: 2025-01-05\nSource: Ledger\n\nThe body starts here.\n"
        doc = load_text(raw, source="n.txt")
        assert (doc.title, doc.date, doc.source) == ("Port News", "2025-01-05", "Ledger")
        assert doc.text == "The body starts here.\n"

    def test_long_first_line_is_not_a_title(self) -> None:
        doc = load_text("It was a dark night, and the harbour was empty.\n\nMore.", source="s.txt")
        assert doc.blocks[0].kind is BlockKind.PARAGRAPH
        assert doc.title == "s"

    def test_marked_lines_become_list_items_with_the_text_as_written(self) -> None:
        raw = "Intro.\n\n- first item\n  wraps here\n- second\n    - nested\n1. one\n2) two\n"
        doc = load_text(raw, source="list.txt")
        assert doc.text == raw
        items = [(b.level, b.marker, doc.text[b.start : b.end]) for b in doc.blocks[1:]]
        assert items == [
            (1, "•", "first item\n  wraps here"),
            (1, "•", "second"),
            (2, "•", "nested"),
            (1, "1.", "one"),
            (1, "2.", "two"),
        ]
        assert all(b.kind is BlockKind.LIST_ITEM for b in doc.blocks[1:])

    def test_scene_breaks_are_rules(self) -> None:
        doc = load_text("Before.\n\n* * *\n\nAfter.\n\n-----\n\nEnd.", source="r.txt")
        rules = [doc.text[b.start : b.end] for b in doc.blocks if b.kind is BlockKind.RULE]
        assert rules == ["* * *", "-----"]

    def test_a_year_or_a_dash_in_prose_is_not_a_list(self) -> None:
        doc = load_text("1805 was a year of war.\n\n-- and then peace.\n", source="y.txt")
        assert [b.kind for b in doc.blocks] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]

    def test_paragraphs_split_on_blank_lines_with_spaces(self) -> None:
        doc = load_text("One.\n  \nTwo\nlines.\n\n\n\nThree.", source="p.txt")
        assert block_texts(doc) == ["One.", "Two\nlines.", "Three."]


def test_markdown_containers_and_breaks() -> None:
    src = (
        "- first item\n\n  second paragraph of the first item\n\n"
        "> - list in quote\n>\n> plain quote text\n\n"
        "line one\\\nline two ![a chart](c.png)\n\n"
        "<div>raw <b>html</b> block &amp; more</div>\n"
    )
    doc = load_text(src, source="m.md")
    summary = [(b.kind, b.level, b.marker, doc.text[b.start : b.end]) for b in doc.blocks]
    assert summary == [
        (BlockKind.LIST_ITEM, 1, "•", "first item"),
        (BlockKind.LIST_ITEM, 1, "", "second paragraph of the first item"),
        (BlockKind.LIST_ITEM, 1, "•", "list in quote"),
        (BlockKind.QUOTE, 1, "", "plain quote text"),
        (BlockKind.PARAGRAPH, 0, "", "line one\nline two a chart"),
        (BlockKind.PARAGRAPH, 0, "", "raw html block & more"),
    ]


def test_html_quote_with_loose_text_keeps_every_part() -> None:
    filler = "<p>" + "Body sentence about the harbour. " * 10 + "</p>"
    html = (
        "<html><body><article><h1>Title here</h1><blockquote>Loose words in a quote. "
        "<p>A paragraph inside the quote.</p> tail text</blockquote>"
        f"{filler}</article></body></html>"
    )
    doc = load_text(html, source="q.html")
    quotes = [doc.text[b.start : b.end] for b in doc.blocks if b.kind is BlockKind.QUOTE]
    assert quotes == ["Loose words in a quote.", "A paragraph inside the quote.", "tail text"]
