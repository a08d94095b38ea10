"""Issue 14 at 80x24: a chosen claim is readable in full; the footer drops whole keys."""

from __future__ import annotations

import pytest
from panel_demo import demo_analysis
from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from reader.analysis.model import Analysis
from reader.tui.app import ReaderApp
from reader.tui.panel import wiring
from reader.tui.panel.rows import ClaimRow
from reader.tui.panel.tabs.entities import EntityRows
from reader.tui.widgets.footer import ReaderFooter

from .screen_text import screen_rows

NARROW = (80, 24)


@pytest.fixture
def demo(monkeypatch: pytest.MonkeyPatch) -> Analysis:
    analysis = demo_analysis()
    monkeypatch.setattr(wiring, "analyze", lambda document, progress=None: analysis)
    return analysis


def flat(rows: list[str]) -> str:
    return " ".join(" ".join(rows).split())


async def ready(pilot: Pilot) -> None:  # type: ignore[type-arg]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_claim_under_an_entity_is_shown_in_full_when_chosen(demo: Analysis) -> None:
    app = ReaderApp(demo.document)
    async with app.run_test(size=NARROW) as pilot:
        await ready(pilot)
        await pilot.press("tab", "enter", "down")  # the panel, the first entity, its claim
        await pilot.pause()
        rows = app.screen.query_one(EntityRows)
        row = rows.cursor_row
        assert isinstance(row, ClaimRow) and rows.has_focus
        assert rows.index is not None
        content = rows.index.content_text(row.claim)
        source = rows.index.source_name(row.claim) or ""
        assert len(content) > 40  # longer than what is left on a one-line row
        shown = flat(screen_rows(app))
        assert " ".join(content.split()) in shown and source in shown
        await pilot.press("down")  # the next one: in full now, the first back to one line
        await pilot.pause()
        following = rows.index.content_text(rows.cursor_row.claim)
        shown = flat(screen_rows(app))
        assert " ".join(following.split()) in shown
        assert " ".join(content.split()) not in shown


async def test_the_footer_never_cuts_a_key(demo: Analysis) -> None:
    app = ReaderApp(demo.document)
    async with app.run_test(size=NARROW) as pilot:
        await ready(pilot)
        for keys in ((), ("tab",), ("w",)):  # article; panel, entities; claims
            await pilot.press(*keys)
            await pilot.pause()
            footer = app.screen.query_one(ReaderFooter)
            line = screen_rows(app)[-1]
            for label in footer.shown:
                assert label in line, (label, line)
            for essential in ("Quit", "Help", "Panel", "Note"):
                assert essential in footer.shown
            before_palette = line.split("▏")[0].rstrip()
            assert before_palette.endswith(footer.shown[-1]), line  # nothing cut after it
            if not keys:  # the article's J did not fit: left out whole, not cut
                hidden = [k.description for k in footer.query(FooterKey) if not k.display]
                assert "Next sentence" in hidden and "Next senten" not in line
        await pilot.press("escape", "question_mark")  # the footer under the help, too
        await pilot.pause()
        assert "senten" not in screen_rows(app)[-1], screen_rows(app)[-1]
        await pilot.press("escape", "escape")  # back to the article, then a wider terminal
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        assert "J Next sentence" in screen_rows(app)[-1]  # the keys left out come back
