"""Snapshots of every screen a new user meets (issue 14), at 80x24 and 160x45, in the
dark and the light theme: the reading screen with the panel on each of its tabs, the
library and help.

The analysis is the hand-built demo one and the clock is fixed, so the screens change
only when the reader's drawing does; the analysis has finished (and the store has
opened) before each picture. At 80x24 each reading screen is also checked in words:
the footer's essentials are there and the chosen claim is shown in full.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from panel_demo import demo_analysis
from textual.pilot import Pilot
from textual.widgets import Input

from reader.notes import store as note_store
from reader.notes.store import NoteStore
from reader.tui.app import ReaderApp
from reader.tui.panel import wiring
from reader.tui.panel.legend import HINT_SETTING
from reader.tui.panel.panel import SidePanel
from reader.tui.widgets.footer import ReaderFooter

from .screen_text import screen_rows

SIZES = {"80x24": (80, 24), "160x45": (160, 45)}
THEMES = ("textual-dark", "textual-light")
VIEWS = ("entities", "claims", "notes", "library", "help")
ESSENTIALS = ("Quit", "Help", "Panel", "Note")
"""What the footer must show at 80 columns."""

Step = Callable[[Pilot], Awaitable[None]]  # type: ignore[type-arg]


@pytest.fixture(autouse=True)
def still(monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo analysis instead of the rule backend, a fixed clock, no blinking cursor."""
    analysis = demo_analysis()
    monkeypatch.setattr(wiring, "analyze", lambda document, progress=None: analysis)
    monkeypatch.setattr(note_store, "now", lambda: "2026-11-24T09:30:00+00:00")
    monkeypatch.setattr(Input, "cursor_blink", False)


async def settled(pilot: Pilot) -> None:  # type: ignore[type-arg]
    """Every worker done (analysis, store), then one more frame."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def shows_in_full(pilot: Pilot) -> None:  # type: ignore[type-arg]
    """At 80 columns: the footer essentials, and the chosen claim's whole text."""
    app = pilot.app
    if app.size.width > 80:
        return
    footer = app.screen.query_one(ReaderFooter)
    assert all(essential in footer.shown for essential in ESSENTIALS), footer.shown
    panel = app.screen.query_one(SidePanel)
    claim = panel.focused_claim(fallback=False)
    assert claim is not None and panel.index is not None
    content = " ".join(panel.index.content_text(claim).split())
    assert content in " ".join(" ".join(screen_rows(app)).split()), content


async def on_entities(pilot: Pilot) -> None:  # type: ignore[type-arg]
    await pilot.press("tab", "enter", "down")  # the panel, its first entity open, a claim
    await pilot.pause()
    shows_in_full(pilot)


async def on_claims(pilot: Pilot) -> None:  # type: ignore[type-arg]
    await pilot.press(*["right_square_bracket"] * 4, "tab", "w")  # the 4th claim chosen
    await pilot.pause()
    shows_in_full(pilot)


async def on_notes(pilot: Pilot) -> None:  # type: ignore[type-arg]
    await pilot.press("J", "J", "a", *"Check the ferry figures", "ctrl+s")
    await settled(pilot)
    await pilot.press("tab", "w", "w")
    await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.pause()


async def on_help(pilot: Pilot) -> None:  # type: ignore[type-arg]
    await pilot.press("question_mark")
    await pilot.pause()


STEPS: dict[str, Step] = {
    "entities": on_entities,
    "claims": on_claims,
    "notes": on_notes,
    "help": on_help,
}


def make(view: str) -> ReaderApp:
    if view == "library":
        store = NoteStore()
        text = demo_analysis().document.text
        store.open_article("https://example.org/harbour-talks", text, "Harbour talks")
        store.open_article("https://example.org/ferry", "The ferry runs.", "Ferry timetable")
        return ReaderApp(None)
    app = ReaderApp(demo_analysis().document)
    app.settings[HINT_SETTING] = True  # the one-time legend hint would cover the picture
    return app


def run_before(view: str, theme: str) -> Step:
    async def before(pilot: Pilot) -> None:  # type: ignore[type-arg]
        pilot.app.theme = theme
        await settled(pilot)
        step = STEPS.get(view)
        if step is not None:
            await step(pilot)
        await settled(pilot)

    return before


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
@pytest.mark.parametrize("theme", THEMES)
def test_screen(snap_compare, view: str, size: tuple[int, int], theme: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make(view), terminal_size=size, run_before=run_before(view, theme))
