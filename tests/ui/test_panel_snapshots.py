"""Snapshots of the reading screen with the side panel, on the demo article.

The analysis is the hand-built demo one, so the screens change only when the
panel or the reading view changes. Two sizes, both themes; the denial claim is
chosen (article marks) and the Claims tab is open.
"""

from __future__ import annotations

import pytest
from panel_demo import demo_analysis
from textual.pilot import Pilot
from textual.widgets import Input

from reader.tui.app import ReaderApp
from reader.tui.panel import wiring


@pytest.fixture(autouse=True)
def demo_analyze(monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo analysis instead of the rule backend; no blinking cursor."""
    analysis = demo_analysis()
    monkeypatch.setattr(wiring, "analyze", lambda document, progress=None: analysis)
    monkeypatch.setattr(Input, "cursor_blink", False)


def settle(theme: str):  # type: ignore[no-untyped-def]
    """Apply `theme`, wait for the analysis, choose the 4th claim, open the Claims tab."""

    async def run_before(pilot: Pilot) -> None:  # type: ignore[type-arg]
        pilot.app.theme = theme
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*["right_square_bracket"] * 4, "tab", "w")
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_panel_screen(snap_compare, size: tuple[int, int], theme: str) -> None:  # type: ignore[no-untyped-def]
    app = ReaderApp(demo_analysis().document)
    assert snap_compare(app, terminal_size=size, run_before=settle(theme))
