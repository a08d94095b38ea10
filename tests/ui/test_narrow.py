"""Issue 14: every screen usable at 80x24, every key discoverable."""

from __future__ import annotations

from reader.tui.app import ReaderApp

from .builder import fixture
from .screen_text import screen_rows

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
