"""Every block kind draws at narrow and wide sizes, inside its width."""

from __future__ import annotations

import pytest

from reader.document.model import Block, BlockKind, Document, Sentence
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.layout import SEPARATOR

from .conftest import make_app

PARTS = [
    (BlockKind.HEADING, "東京 and Zürich: a heading with wide characters", 1, ""),
    (BlockKind.PARAGRAPH, "A paragraph\nhard-wrapped\nin a file: verylongwordthatcannotfit", 0, ""),
    (BlockKind.QUOTE, "A nested quote that has to wrap over more than one row of text.", 2, ""),
    (BlockKind.LIST_ITEM, "A list item whose text wraps under its marker, indented.", 1, "•"),
    (BlockKind.LIST_ITEM, "A numbered, nested item.", 2, "12."),
    (BlockKind.CODE, "def f(x):\n\treturn x  # a tab\n" + "y = 1 + " * 12, 0, ""),
    (BlockKind.RULE, "---", 0, ""),
    (BlockKind.PARAGRAPH, "The end.", 0, ""),
]


def kinds_document() -> Document:
    text, blocks = "", []
    for kind, body, level, marker in PARTS:
        if text:
            text += "\n\n"
        blocks.append(Block(kind, len(text), len(text) + len(body), level, marker))
        text += body
    sentences = tuple(Sentence(b.start, b.end) for b in blocks)
    return Document(text=text, title="Kinds", blocks=tuple(blocks), sentences=sentences)


@pytest.mark.parametrize("width", [44, 70, 130])
async def test_every_row_draws_within_the_view(width: int) -> None:
    document = kinds_document()
    app = make_app(document)
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        layout = view.layout
        words: list[str] = []
        for index in range(len(layout)):
            view.scroll_to(y=max(0, index - 1), animate=False, immediate=True)
            strip = view.render_line(index - round(view.scroll_y))
            assert strip.cell_length == view.scrollable_content_region.width
            row = layout.row(index)
            if row.block != SEPARATOR and document.blocks[row.block].kind is not BlockKind.RULE:
                words.extend(strip.text.replace("│", " ").split())
        shown = " ".join(words)
        for _, body, _, _ in PARTS[:-3]:
            for word in body.split():
                if len(word) < 6:  # narrow views cut longer words (the side panel is wide)
                    assert word in shown, word
        assert "verylongwo" in shown  # cut, not lost
