"""Pilot tests of the panel wired to the article in the real reading screen.

The analysis is replaced by the hand-built demo one (or by fakes that are
slow or fail), so these tests fail only for a wiring reason.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from panel_demo import demo_analysis
from textual.widgets import Input

from reader.analysis.model import Analysis
from reader.document.model import Document
from reader.errors import AnalysisError
from reader.tui.app import ReaderApp, style_paths
from reader.tui.contrast import ReadableApp
from reader.tui.panel import SidePanel, wiring
from reader.tui.panel.tabs.claims import ClaimRows
from reader.tui.panel.tabs.entities import EntityRows
from reader.tui.panel.wiring import ReadingBody
from reader.tui.screens.reading import ReadingScreen
from reader.tui.widgets.article_view import ArticleView

from .waiting import until

SIZE = (120, 30)


@pytest.fixture(autouse=True)
def still_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """No blinking cursor in the filter box."""
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture
def demo(monkeypatch: pytest.MonkeyPatch) -> Analysis:
    """The demo analysis, returned by the patched `analyze`."""
    analysis = demo_analysis()
    monkeypatch.setattr(wiring, "analyze", lambda document, progress=None: analysis)
    return analysis


def layers(app: ReaderApp) -> dict:  # type: ignore[type-arg]
    return app.screen.query_one(ArticleView)._layers


def message_of(app: ReaderApp) -> str:
    return str(app.screen.query_one("#panel-message").render())


def spans(app: ReaderApp, layer: str) -> list[tuple[int, int]]:
    return list(layers(app)[layer][0].spans)


async def ready(pilot, app: ReaderApp) -> ReadingBody:  # noqa: ANN001
    """Wait for the analysis to reach the panel."""
    body = app.screen.query_one(ReadingBody)
    await until(pilot, lambda: body.analysis is not None, "the analysis")
    return body


async def test_panel_fills_and_tints_mentions(demo: Analysis) -> None:
    app = ReaderApp(demo.document)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        assert not app.screen.query_one("#panel-status").display
        assert "mention" in layers(app) and "mention-org" in layers(app)
        assert app.screen.query_one(ArticleView).has_focus
        await pilot.press("m")
        assert "mention" not in layers(app)
        await pilot.press("m")
        assert "mention-place" in layers(app)


async def test_entity_selection_highlights_and_steps(demo: Analysis) -> None:
    app = ReaderApp(demo.document)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await pilot.press("tab")
        assert app.screen.query_one(EntityRows).has_focus
        await pilot.press("down", "enter")  # Piet Osterhout
        await pilot.pause()
        osterhout = demo.entity("e3")
        assert spans(app, "entity") == list(osterhout.mentions)
        assert layers(app)["entity"][1] == "article-view--match"
        assert spans(app, "entity-current") == [osterhout.mentions[0]]
        view = app.screen.query_one(ArticleView)
        first_top = view.scroll_y
        await pilot.press("enter")
        await pilot.pause()
        assert spans(app, "entity-current") == [osterhout.mentions[1]]
        current = demo.document.text[osterhout.mentions[1][0] :]
        assert current.startswith("Osterhout denied")
        assert view.scroll_y >= first_top


async def test_claim_selection_scrolls_and_marks(demo: Analysis) -> None:
    app = ReaderApp(demo.document)
    async with app.run_test(size=SIZE) as pilot:
        body = await ready(pilot, app)
        view = app.screen.query_one(ArticleView)
        assert view.scroll_y == 0
        await pilot.press("tab", "w", "down", "down", "down", "enter")  # c4, the denial
        await pilot.pause()
        assert body.selected_claim.id == "c4"
        assert view.scroll_y > 0
        claim = demo.claims[3]
        assert spans(app, "claim") == [(claim.start, claim.end)]
        assert spans(app, "claim-source") == [claim.source_span]
        assert spans(app, "claim-cue") == [claim.cue]
        sentence = demo.document.sentences[view.cursor_sentence]
        assert demo.document.text[sentence.start :].startswith("Osterhout denied")


async def test_brackets_step_through_claims(demo: Analysis) -> None:
    app = ReaderApp(demo.document)
    async with app.run_test(size=SIZE) as pilot:
        body = await ready(pilot, app)
        await pilot.press("right_square_bracket")
        assert body.selected_claim.id == "c1"
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert body.selected_claim.id == "c3"
        assert app.screen.query_one(ClaimRows).cursor_row.claim.id == "c3"
        await pilot.press("left_square_bracket")
        assert body.selected_claim.id == "c2"


async def test_cursor_follows_claim(demo: Analysis) -> None:
    app = ReaderApp(demo.document)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        view = app.screen.query_one(ArticleView)
        offset = demo.document.text.index("Critics in Riga")
        view.scroll_to_offset(offset)
        view.move_cursor_to_offset(offset)
        await pilot.pause()
        assert app.screen.query_one(ClaimRows).cursor_row.claim.id == "c5"
        await pilot.press("K")  # previous sentence: the denial
        await pilot.pause()
        assert app.screen.query_one(ClaimRows).cursor_row.claim.id == "c4"


async def test_tab_panel_toggle_and_resize(demo: Analysis) -> None:
    app = ReaderApp(demo.document)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        host = app.screen.query_one("#side-panel")
        width = host.outer_size.width
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert host.outer_size.width == width + 4
        await pilot.press("greater_than_sign", "greater_than_sign")
        await pilot.pause()
        assert host.outer_size.width == width - 4
        for _ in range(40):
            await pilot.press("greater_than_sign")
        await pilot.pause()
        assert host.outer_size.width == wiring.PANEL_WIDTH[0]
        await pilot.press("tab")
        assert app.screen.query_one(SidePanel).has_focus_within
        await pilot.press("tab")
        assert app.screen.query_one(ArticleView).has_focus
        await pilot.press("tab", "escape")  # escape in the panel goes back too
        assert app.screen.query_one(ArticleView).has_focus
        await pilot.press("p")
        await pilot.pause()
        assert not host.display
        await pilot.press("tab")
        assert app.screen.query_one(ArticleView).has_focus
        await pilot.press("p")
        await pilot.pause()
        assert host.display


async def test_typing_p_in_filter_does_not_hide_panel(demo: Analysis) -> None:
    app = ReaderApp(demo.document)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await pilot.press("tab", "slash", "p", "i", "e", "t", "m", "enter")
        assert app.screen.query_one("#side-panel").display
        names = [
            r.entity.name for r in app.screen.query_one(EntityRows).rows if hasattr(r, "entity")
        ]
        assert names == []  # "pietm" matches nothing, and the keys went to the box


def fake(analyse: Callable[..., Analysis]) -> Callable[..., Analysis]:
    return lambda document, progress=None: analyse(document, progress)


async def test_failure_is_a_message_and_the_article_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(document: Document, progress: object) -> Analysis:
        raise AnalysisError("the spaCy model is not installed")

    monkeypatch.setattr(wiring, "analyze", fake(broken))
    document = demo_analysis().document
    app = ReaderApp(document)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "failed" in message_of(app), "the failure message")
        assert message_of(app) == "Analysis failed: the spaCy model is not installed"
        await pilot.press("J", "J")  # the first J shows the cursor, the second moves it
        assert app.screen.query_one(ArticleView).cursor_sentence == 1


async def test_a_bug_in_the_analysis_is_no_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def buggy(document: Document, progress: object) -> Analysis:
        raise ValueError("min() arg is an empty sequence")

    monkeypatch.setattr(wiring, "analyze", fake(buggy))
    app = ReaderApp(demo_analysis().document)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "internal error" in message_of(app), "the error message")
        assert "internal error in the analysis (ValueError)" in message_of(app)
        await pilot.press("right_square_bracket")  # says "not ready", no crash
        assert app.is_running


async def test_progress_then_cancel_when_another_article_opens(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gate = threading.Event()
    stopped = threading.Event()

    def slow(document: Document, progress) -> Analysis:  # noqa: ANN001
        progress(0.3)
        gate.wait(5)
        try:
            progress(0.6)  # the worker was cancelled: this raises
        finally:
            stopped.set()
        return demo_analysis()

    monkeypatch.setattr(wiring, "analyze", fake(slow))
    document = demo_analysis().document

    class Library(ReadableApp[None]):
        """Opens articles the way the library does: push, then pop to go back."""

        CSS_PATH = style_paths()  # type: ignore[assignment]

    app = Library()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(ReadingScreen(document))
        bar = app.screen.query_one("#panel-progress")
        await until(pilot, lambda: bar.percentage == pytest.approx(0.3), "the progress bar")
        first = app.screen.query_one(ReadingBody)
        assert "Analysing Harbour talks" in str(app.screen.query_one("#panel-message").render())
        workers = list(first.workers)
        await app.pop_screen()  # back to the library, then another article
        await app.push_screen(ReadingScreen(document))
        gate.set()
        assert stopped.wait(5)
        await pilot.pause(0.1)
        assert all(w.is_cancelled for w in workers)
        assert app.screen.query_one(ArticleView).document is document


async def test_panel_keys_in_help_and_palette(demo: Analysis) -> None:
    from reader.tui.screens.help import binding_rows

    app = ReaderApp(demo.document)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        titles = [command.title.split(" · ")[0] for command in app.get_system_commands(app.screen)]
        wanted = ("Article/panel", "Panel", "Wider panel", "Narrower panel", "Previous claim")
        for title in (*wanted, "Next claim", "Tint mentions"):
            assert title in titles
        described = [description for _, description in binding_rows(app.screen.active_bindings)]
        assert "Next claim" in described and "Panel" in described
        await pilot.press("tab")  # in the panel: its own keys join the list
        titles = [command.title.split(" · ")[0] for command in app.get_system_commands(app.screen)]
        for title in ("Group/sort", "Filter", "Other side", "Next panel tab"):
            assert title in titles
        await pilot.press("ctrl+p")
        await pilot.press(*"Next claim")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(ReadingBody).selected_claim is not None
