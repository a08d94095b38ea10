"""The API the side panel and the notes build on: layers, marks, offsets."""

from __future__ import annotations

from reader.document.model import Document
from reader.tui.widgets.article_view import ArticleView

from .conftest import SIZE, make_app


def styles_at(view: ArticleView, offset: int) -> list:  # type: ignore[type-arg]
    """Rich styles of the segments drawn for the row holding ``offset``."""
    row_index = view.layout.row_of(offset)
    return [seg.style for seg in view.render_line(row_index - round(view.scroll_y))]


async def test_highlight_layers_draw_and_clear(article: Document) -> None:
    app = make_app(article)
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ArticleView)
        start = article.text.index("Calder & Moss")
        tint = view.style_of("article-view--match-current").bgcolor
        assert not any(style.bgcolor == tint for style in styles_at(view, start))
        view.set_highlights("probe", [(start, start + 13)], "article-view--match-current")
        await pilot.pause()
        drawn = [seg for seg in view.render_line(view.layout.row_of(start)) if seg.style]
        assert "".join(s.text for s in drawn if s.style.bgcolor == tint) == "Calder & Moss"
        view.clear_highlights("probe")
        await pilot.pause()
        assert not any(style.bgcolor == tint for style in styles_at(view, start))


async def test_later_layers_win_where_they_overlap(article: Document) -> None:
    app = make_app(article)
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ArticleView)
        start = article.text.index("Tomas Reed")
        span = [(start, start + 10)]
        # Registered in the "wrong" order: LAYER_ORDER still puts search above claim.
        view.set_highlights("search", span, "article-view--match")
        view.set_highlights("claim", span, "article-view--claim-selected")
        await pilot.pause()
        match = view.style_of("article-view--match").bgcolor
        assert any(style.bgcolor == match for style in styles_at(view, start))


async def test_marks_go_in_the_left_margin(article: Document) -> None:
    app = make_app(article)
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ArticleView)
        sentence = article.sentences[3]
        view.set_marks([(sentence.start, sentence.end)])
        await pilot.pause()
        row = view.layout.row_of(sentence.start)
        assert view.render_line(row).text.startswith("▌")
        assert not view.render_line(0).text.startswith("▌")


async def test_scroll_to_offset_and_move_cursor(long_document: Document) -> None:
    app = make_app(long_document)
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ArticleView)
        offset = long_document.text.index("Item 25")
        view.scroll_to_offset(offset)
        view.move_cursor_to_offset(offset)
        await pilot.pause()
        row = view.layout.row_of(offset)
        middle = round(view.scroll_y) + view.viewport_height // 2
        assert row == middle
        sentence = long_document.sentences[view.cursor_sentence]
        assert sentence.start <= offset < sentence.end
        view.scroll_to_offset(offset, center=False)
        await pilot.pause()
        assert round(view.scroll_y) == row


async def test_selection_changed_is_posted(article: Document) -> None:
    app = make_app(article)
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ArticleView)
        posted: list[tuple[int, int] | None] = []
        original = view.post_message

        def spy(message):  # type: ignore[no-untyped-def]
            if isinstance(message, ArticleView.SelectionChanged):
                posted.append(message.selection)
            return original(message)

        view.post_message = spy  # type: ignore[method-assign]
        await pilot.press("J", "v", "J", "escape")
        first, second = article.sentences[0], article.sentences[1]
        assert posted == [(first.start, first.end), (first.start, second.end), None]


async def test_a_focus_rule_for_the_view_follows_the_focus(article: Document) -> None:
    """The view skips Textual's restyle on focus while no rule depends on focus; a host's
    stylesheet with such a rule still sees it applied as the focus comes and goes."""
    app = make_app(article)
    app.CSS = "ArticleView:focus { background: #ff0000; }"
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(ArticleView)
        red = "#FF0000"
        for _ in range(100):  # the reading screen focuses the view once it is mounted
            if view.has_focus:
                break
            await pilot.pause(0.05)
        await pilot.pause()
        assert view.has_focus and view.styles.background.hex == red
        app.screen.set_focus(None)
        await pilot.pause()
        assert not view.has_focus and view.styles.background.hex != red
        app.screen.set_focus(view)
        await pilot.pause()
        assert view.styles.background.hex == red
