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
