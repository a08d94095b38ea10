"""Issue 14: every key discoverable without the README.

Help lists every pane's keys under a heading per pane whatever has the focus, with
the panel's legend; the legend is hinted once, the first time the panel ever fills;
the panel's `w`, `o` and `s` act (or say where they do) from the article too.
(The theme surviving a restart: tests/ui/test_narrow.py.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from panel_demo import demo_analysis
from textual.binding import Binding
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static, TabbedContent, TabPane

from reader.analysis.model import Analysis
from reader.notes.settings import settings_path
from reader.paths import store_path
from reader.tui.app import ReaderApp
from reader.tui.panel import SidePanel, wiring
from reader.tui.panel.legend import HINT_SETTING
from reader.tui.panel.tabs.entities import EntityList
from reader.tui.panel.wiring import ReadingBody
from reader.tui.screens.help import HelpScreen, help_sections
from reader.tui.widgets.article_view import ArticleView

from .screen_text import screen_rows
from .waiting import until

SIZE = (120, 36)
PANES = ("Article", "Panel: Entities tab", "Panel: Claims tab", "Panel: Notes tab", "Everywhere")


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "store" / "notes.json")


@pytest.fixture
def demo(monkeypatch: pytest.MonkeyPatch) -> Analysis:
    analysis = demo_analysis()
    monkeypatch.setattr(wiring, "analyze", lambda document, progress=None: analysis)
    return analysis


async def ready(pilot: Pilot) -> None:  # type: ignore[type-arg]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_help(pilot: Pilot) -> HelpScreen:  # type: ignore[type-arg]
    await pilot.press("question_mark")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HelpScreen)
    return screen


def toasts(app: ReaderApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_help_has_a_heading_per_pane_whatever_has_the_focus(demo: Analysis, db: str) -> None:
    app = ReaderApp(demo.document, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        seen = []
        for focus in ("article", "entities", "claims", "notes"):
            if focus != "article":
                app.screen.query_one(SidePanel).action_show_tab(focus)
                await pilot.pause()
            help_screen = await open_help(pilot)
            seen.append((help_screen.titles, help_screen.rows))
            sections = {s.title: dict((d, k) for k, d in s.rows) for s in help_screen.sections}
            await pilot.press("escape")
            await pilot.pause()
        assert all(shown == seen[0] for shown in seen), "help changed with the focus"
        titles = seen[0][0]
        for pane in PANES:
            assert pane in titles, titles
        assert titles[-1] == "Legend"
        assert sections["Panel: Entities tab"]["Group/sort"] == "s"
        assert sections["Panel: Claims tab"]["Only denial"] == "5"
        assert sections["Panel (any tab)"]["Other side"] == "o"
        assert "j" in sections["Article"]["Line down"]
        assert sections["Reading screen (any pane)"]["Note"] == "a"
        assert sections["Everywhere"]["Help"] == "?"
        assert "Focus Next" not in str(seen[0][1])  # Textual's own keys stay out


async def test_help_shows_the_legend_as_the_panel_draws_it(demo: Analysis) -> None:
    app = ReaderApp(demo.document)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        help_screen = await open_help(pilot)
        legend = {mark.plain.strip(): meaning.plain for mark, meaning in help_screen.legend}
        assert legend["denial"].startswith("denied")
        assert "dispute" in legend["⚡"] and "o jumps" in legend["⚡"]
        assert "folded" in legend["▸ ▾"]
        assert legend["●"] == "person" and legend["■"] == "organisation"
        help_screen.query_one("#help").scroll_end(animate=False)
        await pilot.pause()
        shown = "\n".join(screen_rows(app))
        assert "Legend" in shown and "a direct quotation" in shown


async def test_library_help_lists_its_keys_and_a_new_screens_keys_appear(db: str) -> None:
    app = ReaderApp(None, db=db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        help_screen = await open_help(pilot)
        assert help_screen.titles[0] == "Library" and "Legend" not in help_screen.titles
        library = dict((d, k) for k, d in help_screen.sections[0].rows)
        assert library["Search"] == "/" and library["Quit"] == "q"
        assert library["Select"] == "⏎"  # the table's enter: how an article is opened

        class LedgerScreen(Screen[None]):
            BINDINGS = [Binding("r", "refresh", "Refresh the ledger")]

        await pilot.press("escape")
        await app.push_screen(LedgerScreen())
        await pilot.pause()
        sections = help_sections(app.screen)
        assert sections[0].title == "Ledger"
        assert ("r", "Refresh the ledger") in sections[0].rows


async def test_the_legend_hint_is_shown_once_ever(demo: Analysis, db: str) -> None:
    app = ReaderApp(demo.document, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        hints = [t for t in toasts(app) if "⚡" in t and "▸/▾" in t]
        assert len(hints) == 1 and "?" in hints[0]
        await app.workers.wait_for_complete()
    settings = json.loads(settings_path(store_path(db)).read_text(encoding="utf-8"))
    assert settings[HINT_SETTING] is True
    again = ReaderApp(demo.document, db=db)
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert not [t for t in toasts(again) if "▸/▾" in t]


async def test_w_pressed_at_once_still_shows_the_next_tab(demo: Analysis) -> None:
    # Before the tabs have settled, Textual showed no pane at all for an early switch.
    app = ReaderApp(demo.document)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")  # before the first refresh
        await ready(pilot)
        tabs = app.screen.query_one(TabbedContent)
        shown = [pane.id for pane in tabs.query(TabPane) if pane.display]
        assert tabs.active == "claims" and shown == ["claims"]


async def test_w_from_the_article_opens_the_panel_on_its_next_tab(demo: Analysis) -> None:
    app = ReaderApp(demo.document)
    async with app.run_test(size=(80, 24)) as pilot:  # narrow: the panel is hidden
        await ready(pilot)
        article = app.screen.query_one(ArticleView)
        assert article.has_focus and not app.screen.query_one("#side-panel").display
        await pilot.press("w")
        await pilot.pause()
        tabs = app.screen.query_one(TabbedContent)
        assert app.screen.query_one("#side-panel").display and tabs.active == "claims"
        assert app.screen.query_one(SidePanel).has_focus_within


async def test_o_from_the_article_jumps_to_the_other_side_or_says_why(demo: Analysis) -> None:
    app = ReaderApp(demo.document)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        body = app.screen.query_one(ReadingBody)
        article = app.screen.query_one(ArticleView)
        for index in range(len(demo.document.sentences)):  # a sentence without a claim
            article.cursor_sentence = index
            if body.claim_under_cursor() is None:
                break
        assert body.claim_under_cursor() is None
        await pilot.press("o")  # no claim at the cursor: says what o does, and where
        await pilot.pause()
        assert any("o jumps" in t and "]" in t for t in toasts(app)), toasts(app)
        disputed = next(c for c in demo.claims if c.disputes)
        body.show_claim(disputed)
        await pilot.press("o")
        await pilot.pause()
        assert article.has_focus
        assert body.selected_claim is not None and body.selected_claim.id == disputed.disputes[0]


async def test_s_from_the_article_sorts_the_entities_and_says_so(demo: Analysis) -> None:
    app = ReaderApp(demo.document)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        entities = app.screen.query_one(EntityList)
        assert entities.grouped and app.screen.query_one(ArticleView).has_focus
        await pilot.press("s")
        await pilot.pause()
        assert not entities.grouped
        assert "by mentions" in str(app.screen.query_one("#entity-mode", Static).render())
        assert any("Entities tab" in t and "sorted by mentions" in t for t in toasts(app))


async def test_the_legend_hint_waits_for_a_screen_that_shows_the_panel(
    demo: Analysis, db: str
) -> None:
    """At 80 columns the panel takes turns with the article and is hidden at first: a
    toast about marks nobody can see would cover half the article. It waits for `p`
    (and, had the reader not pressed it, for the next article on a wide screen)."""
    app = ReaderApp(demo.document, db=db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert not app.screen.query_one("#side-panel").display
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not [t for t in toasts(app) if "▸/▾" in t]
        await pilot.press("p")
        await until(pilot, lambda: [t for t in toasts(app) if "▸/▾" in t], "the hint")
        await pilot.press("p", "p")
        await pilot.pause()
        assert len([t for t in toasts(app) if "▸/▾" in t]) == 1  # once
    other = str(Path(db).parent / "elsewhere" / "notes.json")  # settings not shared
    wide = ReaderApp(demo.document, db=other)
    async with wide.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert [t for t in toasts(wide) if "▸/▾" in t]
