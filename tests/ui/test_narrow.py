"""Issue 14: every screen usable at 80x24, every key discoverable."""

from __future__ import annotations

from reader.tui.app import ReaderApp

from .builder import FIXTURES, build, fixture
from .screen_text import screen_rows
from .waiting import until

NARROW = (80, 24)


async def test_footer_shows_the_keys_that_matter_at_80_columns() -> None:
    app = ReaderApp(fixture())
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        footer = screen_rows(app)[-1]
        for shown in ("q Quit", "? Help", "p Panel", "a Note", "L Library"):
            assert shown in footer, footer
        assert footer.index("q Quit") < footer.index("? Help") < footer.index("a Note")
        await pilot.press("tab")  # the panel focused: its keys come after these
        await pilot.pause()
        footer = screen_rows(app)[-1]
        for shown in ("q Quit", "? Help", "p Panel", "a Note"):
            assert shown in footer, footer


async def test_palette_lists_each_action_once_with_its_keys() -> None:
    app = ReaderApp(fixture())
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        commands = list(app.get_system_commands(app.screen))
        titles = [command.title for command in commands]
        assert len(titles) == len(set(titles))
        quits = [title for title in titles if title.startswith("Quit")]
        assert len(quits) == 1 and "q" in quits[0].split(" · ")[1].split(", "), quits
        assert "Next sentence · J, )" in titles
        names = [title.split(" · ")[0] for title in titles]
        assert len(names) == len(set(names)), names
        # no second line repeating the title ("All tags" over "All tags (key: 0)")
        assert all(not command.help for command in commands if " · " in command.title)


async def test_screenshot_saves_in_the_data_directory_and_says_where(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("READER_HOME", str(tmp_path))
    app = ReaderApp(fixture())
    shown: list[str] = []
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        monkeypatch.setattr(app, "notify", lambda message, **_: shown.append(message))
        app.action_screenshot()
        await pilot.pause()
    saved = list((tmp_path / "screenshots").glob("*.svg"))
    assert len(saved) == 1
    assert shown == [f"Screenshot saved: {saved[0]}"]


async def test_screenshot_failure_says_why(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "screenshots").write_text("a file where the folder should be")
    monkeypatch.setenv("READER_HOME", str(tmp_path))
    app = ReaderApp(fixture())
    shown: list[str] = []
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        monkeypatch.setattr(app, "notify", lambda message, **_: shown.append(message))
        app.action_screenshot()
    assert len(shown) == 1 and shown[0].startswith("Screenshot not saved in "), shown


async def test_header_keeps_title_then_date_then_source() -> None:
    from .builder import build

    document = build(
        "Body text here. More text.",
        title="Council delays the harbour bridge vote again",
        date="2026-11-24",
        where="https://example.org/news/2026/11/harbour-bridge",
    )
    app = ReaderApp(document)
    async with app.run_test(size=(160, 24)) as pilot:
        await pilot.pause()
        top = screen_rows(app)[0]
        assert "vote again — 2026-11-24 · https://example.org/news/2026/11/harbour-bridge" in top
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        top = screen_rows(app)[0]
        assert "Council delays the harbour bridge vote again — 2026-11-24" in top
        assert "example.org" not in top and "…" not in top
        await pilot.resize_terminal(50, 24)
        await pilot.pause()
        top = screen_rows(app)[0]
        assert "Council delays the harbour…" in top and "2026" not in top, top


def test_fit_header_cuts_the_title_at_a_word_only_when_alone() -> None:
    from reader.tui.widgets.header_fit import HEADER_CHROME, fit_header

    title = "Harbour council delays the bridge vote"
    assert fit_header(title, ["2026-11-24", "paper"], 200) == (title, "2026-11-24 · paper")
    assert fit_header(title, ["2026-11-24", "paper"], HEADER_CHROME + 38 + 3 + 10) == (
        title,
        "2026-11-24",
    )
    assert fit_header(title, ["2026-11-24"], HEADER_CHROME + 38) == (title, "")
    assert fit_header(title, [], HEADER_CHROME + 20) == ("Harbour council…", "")
    assert fit_header("x" * 30, [], HEADER_CHROME + 10) == ("x" * 9 + "…", "")


async def test_narrow_layout_swaps_article_and_full_width_panel() -> None:
    from reader.tui.panel.tabs.claims import ClaimList
    from reader.tui.panel.wiring import ReadingBody
    from reader.tui.widgets.article_view import ArticleView

    # the fixture with one claim longer than a row at its end (the analysis no longer reads
    # "The revised estimate reflects ..." as a claim, which was the long one)
    long_claim = (
        "\n\nTomas Reed said the council had ignored three written warnings from its own "
        "engineers about the state of the old pier.\n"
    )
    source = (FIXTURES / "article.md").read_text(encoding="utf-8").rstrip("\n") + long_claim
    app = ReaderApp(build(source, title="Harbour council delays the bridge vote"))
    async with app.run_test(size=NARROW) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        body = app.screen.query_one(ReadingBody)
        article = app.screen.query_one(ArticleView)
        host = app.screen.query_one("#side-panel")
        assert body.narrow and not host.display and article.size.width >= 76
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.pause()
        place = (article.cursor_sentence, article.scroll_y)
        await pilot.press("p", "w")  # the panel instead of the article, on its Claims tab
        await pilot.pause()
        assert host.display and not article.display and host.size.width == 80
        assert host.has_focus_within
        claims = app.screen.query_one(ClaimList)
        for _ in range(8):  # to a claim longer than a row
            content = claims.index.content_text(claims.rows.cursor_row.claim)
            if len(content) > 76:
                break
            await pilot.press("down")
        assert len(content) > 76  # shown in full, wrapped, on the chosen row
        shown = " ".join(row.strip() for row in screen_rows(app))
        assert " ".join(content.split()) in " ".join(shown.split())
        await pilot.press("tab")  # tab swaps back too; the article kept its place
        await pilot.pause()
        assert article.display and not host.display and article.has_focus
        assert (article.cursor_sentence, article.scroll_y) == place
        await pilot.press("tab", "escape")  # escape in the panel: back to the article
        await pilot.pause()
        assert article.display and not host.display


async def test_wide_layout_keeps_the_panel_beside_the_article() -> None:
    from reader.tui.panel.wiring import ReadingBody, default_width
    from reader.tui.widgets.article_view import ArticleView

    app = ReaderApp(fixture())
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        body = app.screen.query_one(ReadingBody)
        host = app.screen.query_one("#side-panel")
        assert not body.narrow and host.display and app.screen.query_one(ArticleView).display
        assert host.outer_size.width == default_width(120)


async def test_library_shows_title_and_note_count_first_at_80_columns(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reader.notes.store import NoteStore

    db = str(tmp_path / "notes.json")
    store = NoteStore(db=db)
    long_source = str(tmp_path / ("a-very-long-folder-name-" * 3) / "harbour.md")
    store.open_article(long_source, "Some text here.", "Harbour council delays the bridge vote")
    app = ReaderApp(None, db=db)
    async with app.run_test(size=NARROW) as pilot:
        title = "Harbour council delays the bridge vote"
        await until(pilot, lambda: title in "".join(screen_rows(app)), "the library's rows")
        rows = screen_rows(app)
        assert "reader · library" in rows[0]  # the header, not hidden under the filter
        heading = next(row for row in rows if "Title" in row)
        assert "Notes" in heading and "Last opened (UTC)" in heading
        line = next(row for row in rows if title in row)
        assert " 0 " in line
        await pilot.resize_terminal(160, 30)
        await pilot.pause()
        heading = next(row for row in screen_rows(app) if "Title" in row)
        assert heading.index("Notes") < heading.index("Last opened") < heading.index("Source")
        assert any("harbour.md" in row for row in screen_rows(app))


def test_library_column_widths() -> None:
    from reader.tui.screens.library import FIXED_CELLS, column_widths

    assert column_widths(80) == (48, 0)  # no room for the source: left out, not squeezed
    assert column_widths(160) == (48, 36)
    title, source = column_widths(60)
    assert title + FIXED_CELLS <= 60 and source == 0


async def test_theme_and_panel_width_survive_a_restart(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "notes.json")
    app = ReaderApp(fixture(), db=db)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        host = app.screen.query_one("#side-panel")
        before = host.outer_size.width
        app.theme = "textual-light"
        await pilot.press("less_than_sign", "less_than_sign")
        await pilot.pause()
        assert host.outer_size.width == before + 8
        await app.workers.wait_for_complete()
    again = ReaderApp(fixture(), db=db)
    async with again.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert again.theme == "textual-light"
        assert again.screen.query_one("#side-panel").outer_size.width == before + 8
        await pilot.resize_terminal(80, 24)  # narrow: full width when shown, not the saved one
        await pilot.press("p")
        await pilot.pause()
        assert again.screen.query_one("#side-panel").outer_size.width == 80


async def test_library_columns_hold_still_while_a_filter_is_typed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reader.notes.store import NoteStore

    db = str(tmp_path / "notes.json")
    store = NoteStore(db=db)
    store.open_article(str(tmp_path / "a.md"), "Text.", "Harbour council delays the bridge vote")
    store.open_article(str(tmp_path / "b.md"), "Text.", "Tide tables")
    app = ReaderApp(None, db=db)
    async with app.run_test(size=NARROW) as pilot:
        await until(pilot, lambda: "Tide tables" in "".join(screen_rows(app)), "the rows")
        before = next(row for row in screen_rows(app) if "Title" in row).index("Notes")
        await pilot.press("slash", *"tide")
        await until(pilot, lambda: "Harbour" not in "".join(screen_rows(app)), "the filter")
        heading = next(row for row in screen_rows(app) if "Title" in row)
        assert heading.index("Notes") == before
