"""Pilot tests: every reading key does what the help screen says."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Static

from reader.document.model import Document
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.toc import TocScreen
from reader.tui.widgets.article_view import ArticleView

from .conftest import SIZE, make_app


def view_of(app) -> ArticleView:  # type: ignore[no-untyped-def]
    return app.screen.query_one(ArticleView)


def visible_text(view: ArticleView) -> list[str]:
    return [view.render_line(y).text.strip() for y in range(view.viewport_height)]


async def test_line_keys_scroll_one_row(long_document: Document) -> None:
    app = make_app(long_document)
    async with app.run_test(size=SIZE) as pilot:
        view = view_of(app)
        await pilot.press("j", "j", "down")
        assert view.scroll_y == 3
        await pilot.press("k", "up")
        assert view.scroll_y == 1


async def test_page_keys_scroll_a_screen_less_one_row(long_document: Document) -> None:
    app = make_app(long_document)
    async with app.run_test(size=SIZE) as pilot:
        view = view_of(app)
        page = view.viewport_height - 1
        await pilot.press("space")
        assert view.scroll_y == page
        await pilot.press("pagedown")
        assert view.scroll_y == 2 * page
        await pilot.press("b")
        assert view.scroll_y == page
        await pilot.press("pageup")
        assert view.scroll_y == 0


async def test_half_page_keys(long_document: Document) -> None:
    app = make_app(long_document)
    async with app.run_test(size=SIZE) as pilot:
        view = view_of(app)
        half = view.viewport_height // 2
        await pilot.press("ctrl+d", "ctrl+d")
        assert view.scroll_y == 2 * half
        await pilot.press("ctrl+u")
        assert view.scroll_y == half


async def test_end_and_start_keys(long_document: Document) -> None:
    app = make_app(long_document)
    async with app.run_test(size=SIZE) as pilot:
        view = view_of(app)
        for end_key, start_key in (("G", "g"), ("end", "home")):
            await pilot.press(end_key)
            assert view.scroll_y == view.max_scroll_y > 0
            assert " ".join(visible_text(view)[-3:]).endswith("Item 39 closes the paragraph.")
            assert app.screen.query_one("#position", Static).content == "100%"
            await pilot.press(start_key)
            assert view.scroll_y == 0
            assert visible_text(view)[0].startswith("Paragraph 0 opens here.")


async def test_sentence_keys_move_a_visible_cursor(article: Document) -> None:
    app = make_app(article)
    moves: list[tuple[int, int, int]] = []
    async with app.run_test(size=SIZE) as pilot:
        view = view_of(app)
        app.screen.on_article_view_cursor_moved = lambda m: moves.append(  # type: ignore[attr-defined]
            (m.index, m.start, m.end)
        )
        await pilot.press("J", "J")
        assert view.cursor_sentence == 1
        sentence = article.sentences[1]
        assert article.text[sentence.start : sentence.end].startswith("Councillors in Port Alder")
        await pilot.press("right_parenthesis")
        assert view.cursor_sentence == 2
        await pilot.press("K", "left_parenthesis")
        assert view.cursor_sentence == 0
        tinted = view.style_of("article-view--cursor").bgcolor
        row = view.layout.row_of(article.sentences[0].start)
        assert any(seg.style and seg.style.bgcolor == tinted for seg in view.render_line(row))
        assert not any(
            seg.style and seg.style.bgcolor == tinted for seg in view.render_line(row + 2)
        )


async def test_cursor_moved_message_carries_the_span(article: Document) -> None:
    app = make_app(article)
    async with app.run_test(size=SIZE) as pilot:
        view = view_of(app)
        seen: list[ArticleView.CursorMoved] = []
        original = view.post_message

        def spy(message):  # type: ignore[no-untyped-def]
            if isinstance(message, ArticleView.CursorMoved):
                seen.append(message)
            return original(message)

        view.post_message = spy  # type: ignore[method-assign]
        await pilot.press("J", "J")
        last = seen[-1]
        assert (last.index, last.start, last.end) == (
            1,
            article.sentences[1].start,
            article.sentences[1].end,
        )


async def test_sentence_cursor_follows_into_view(long_document: Document) -> None:
    app = make_app(long_document)
    async with app.run_test(size=SIZE) as pilot:
        view = view_of(app)
        await pilot.press("G", "J")
        sentence = long_document.sentences[view.cursor_sentence]
        assert sentence.start >= view.top_offset  # started from the screen, not sentence 0
        await pilot.press(*["J"] * 5)
        row = view.layout.row_of(long_document.sentences[view.cursor_sentence].start)
        assert view.scroll_y <= row < view.scroll_y + view.viewport_height


async def test_search_jumps_highlights_and_steps(long_document: Document) -> None:
    app = make_app(long_document)
    async with app.run_test(size=SIZE) as pilot:
        view = view_of(app)
        await pilot.press("slash")
        search = app.screen.query_one("#search", Input)
        assert search.has_focus and search.display
        await pilot.press(*"item 3", "enter")
        assert not search.display and view.has_focus
        info = app.screen.query_one("#status-info", Static).content
        assert "match 1 of 11" in str(info)  # Item 3, Item 30..39
        sentence = long_document.sentences[view.cursor_sentence]
        assert "Item 3 closes" in long_document.text[sentence.start : sentence.end]
        await pilot.press("n")
        assert "match 2 of 11" in str(app.screen.query_one("#status-info", Static).content)
        sentence = long_document.sentences[view.cursor_sentence]
        assert "Item 30 closes" in long_document.text[sentence.start : sentence.end]
        await pilot.press("N", "N")
        assert "match 11 of 11" in str(app.screen.query_one("#status-info", Static).content)
        match_bg = view.style_of("article-view--match").bgcolor
        current_bg = view.style_of("article-view--match-current").bgcolor
        backgrounds = {
            seg.style.bgcolor
            for y in range(view.viewport_height)
            for seg in view.render_line(y)
            if seg.style
        }
        assert current_bg in backgrounds and match_bg in backgrounds


async def test_search_that_finds_nothing_says_so(article: Document) -> None:
    app = make_app(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"zebra", "enter")
        assert any("Not found: zebra" in str(n.message) for n in app._notifications)


async def test_escape_closes_search_without_searching(article: Document) -> None:
    app = make_app(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "x", "escape")
        assert not app.screen.query_one("#search", Input).display
        assert view_of(app).has_focus


async def test_contents_lists_headings_and_jumps(article: Document) -> None:
    app = make_app(article)
    async with app.run_test(size=(100, 12)) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, TocScreen)
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels == [
            "Harbour council delays the bridge vote",
            "\u00a0\u00a0What the report says",
            "\u00a0\u00a0What comes next",
        ]
        await pilot.press("down", "down", "enter")
        assert not isinstance(app.screen, TocScreen)
        view = view_of(app)
        assert "What comes next" in visible_text(view)
        assert "Harbour council delays the bridge vote" not in visible_text(view)
        sentence = article.sentences[view.cursor_sentence]
        assert article.text[sentence.start : sentence.end] == "What comes next"


async def test_contents_without_headings_says_so(long_document: Document) -> None:
    app = make_app(long_document)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        assert not isinstance(app.screen, TocScreen)
        assert any("no headings" in str(n.message) for n in app._notifications)


async def test_help_lists_every_binding(article: Document) -> None:
    app = make_app(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = dict((label, keys) for keys, label in app.screen.rows)
        for label in ArticleView.BINDINGS:
            assert label.description in rows  # type: ignore[union-attr]
        assert "j" in rows["Line down"] and "↓" in rows["Line down"]
        assert "G" in rows["End"]
        assert "/" in rows["Search"] and "t" in rows["Contents"] and "q" in rows["Quit"]
        assert "Scroll Left" not in rows and "Page Right" not in rows  # text wraps
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits(article: Document) -> None:
    app = make_app(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_command_palette_lists_reading_actions(article: Document) -> None:
    app = make_app(article)
    async with app.run_test(size=SIZE) as pilot:
        titles = [command.title.split(" · ")[0] for command in app.get_system_commands(app.screen)]
        for title in ("Next sentence", "Search", "Contents", "Help", "Quit", "End"):
            assert title in titles
        await pilot.press("ctrl+p")
        await pilot.press(*"Contents")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TocScreen)


async def test_mouse_wheel_scrolls(long_document: Document) -> None:
    from textual import events

    app = make_app(long_document)
    async with app.run_test(size=SIZE) as pilot:
        view = view_of(app)
        await pilot._post_mouse_events([events.MouseScrollDown], view, offset=(10, 5))
        assert view.scroll_y > 0


async def test_click_places_the_cursor(article: Document) -> None:
    app = make_app(article)
    async with app.run_test(size=SIZE) as pilot:
        view = view_of(app)
        target = article.text.index("Mayor Ines Varga")
        row = view.layout.row_of(target)
        column = target - view.layout.row(row).start + 2
        await pilot.click(ArticleView, offset=(column + 1, row))
        sentence = article.sentences[view.cursor_sentence]
        assert article.text[sentence.start : sentence.end].startswith("Mayor Ines Varga said")


async def test_selection_extends_with_sentence_and_line_keys(article: Document) -> None:
    app = make_app(article)
    async with app.run_test(size=SIZE) as pilot:
        view = view_of(app)
        await pilot.press("J", "J", "v")
        first = article.sentences[1]
        assert view.selection == (first.start, first.end)
        await pilot.press("J")
        assert view.selection == (first.start, article.sentences[2].end)
        await pilot.press("j")
        assert view.selection is not None and view.selection[1] > article.sentences[2].end
        await pilot.press("escape")
        assert view.selection is None


async def test_resize_rewraps_and_keeps_the_place(long_document: Document) -> None:
    app = make_app(long_document)
    async with app.run_test(size=(140, 30)) as pilot:
        view = view_of(app)
        view.scroll_to_offset(long_document.text.index("Paragraph 20"), center=False)
        await pilot.pause()
        before = view.top_offset
        rows_before, width_before = len(view.layout), view.size.width
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert view.size.width < width_before
        assert len(view.layout) > rows_before  # narrower: more rows
        row = view.layout.row(round(view.scroll_y))
        assert row.start <= before <= row.end + 1
        assert visible_text(view)[0].startswith("Paragraph 20")
        assert all(len(line) <= view.size.width for line in visible_text(view))


async def test_repeated_resizes_do_not_drift(long_document: Document) -> None:
    app = make_app(long_document)
    async with app.run_test(size=(140, 30)) as pilot:
        view = view_of(app)
        target = long_document.text.index("Item 20 closes")
        view.scroll_to_offset(target, center=False)
        await pilot.pause()
        for width in (120, 100, 110, 90, 130, 140):
            await pilot.resize_terminal(width, 30)
            await pilot.pause()
            row = view.layout.row(round(view.scroll_y))
            assert row.start <= target <= row.end, width
