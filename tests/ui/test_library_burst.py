"""The library's filter with keys typed in one burst (a fast typist, a paste, tmux).

`/` and the letters after it, sent before the first is handled, all go into the filter:
none reaches the library's own keys (`e` opens the ledger, `r` fetches again, `f` the
feeds). After `escape` or `enter` leaves the filter, the next key is the library's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from reader.document import load
from reader.notes.store import NoteStore
from reader.tui.app import ReaderApp
from reader.tui.screens.ledger import LedgerScreen
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.noted_reading import NotedReadingScreen
from reader.tui.screens.reading import ArticleBody

from .waiting import until

SAMPLES = Path(__file__).parents[2] / "sample_articles"
CHARACTERS = {"question_mark": "?"}
"""The character a terminal sends with a named key."""


def _library_with(*names: str) -> None:
    store = NoteStore()
    for name in names:
        document = load(str(SAMPLES / name))
        store.open_article(str(SAMPLES / name), document.text, document.title)


def _burst(app: ReaderApp, *keys: str) -> None:
    """Send keys the way a terminal does: all of them before the first is handled."""
    from textual import events

    for key in keys:
        event = events.Key(key, key if len(key) == 1 else CHARACTERS.get(key))
        event.set_sender(app)
        app._driver.send_message(event)  # type: ignore[union-attr]


async def _library(app: ReaderApp, pilot: Pilot[Any]) -> LibraryScreen:
    await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    await until(pilot, lambda: len(screen.shown) == 2, "both articles listed")
    return screen


async def test_a_filter_typed_in_one_burst_opens_its_article_not_the_ledger() -> None:
    _library_with("kremlin-channel.md", "party-donations.md")
    app = ReaderApp(None)
    async with app.run_test(size=(120, 36)) as pilot:
        await _library(app, pilot)
        _burst(app, "slash", *"kremlin", "enter")  # "e" and "r" are library keys too

        # The screen is on the stack before it is composed: wait for its body too (under
        # load, asking for the body as soon as the screen was pushed found none).
        def opened() -> bool:
            return isinstance(app.screen, NotedReadingScreen) and bool(
                app.screen.query(ArticleBody)
            )

        await until(pilot, opened, "the article")
        reading = app.screen
        assert "Kremlin" in reading.document.title  # type: ignore[attr-defined]
        assert not any(isinstance(s, LedgerScreen) for s in app.screen_stack)
        body = reading.query_one(ArticleBody)
        await until(pilot, lambda: body.settled, "the article's analysis")  # then quit


async def test_every_key_of_a_burst_lands_in_the_filter() -> None:
    """`/krem` sent at once filters by "krem", not by what is left after the first keys
    (a refill of the columns per keystroke once lost "kr": the filter read "em")."""
    _library_with("kremlin-channel.md", "party-donations.md")
    app = ReaderApp(None)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _library(app, pilot)
        _burst(app, "slash", *"krem")
        search = screen.query_one(Input)
        await until(pilot, lambda: len(search.value) >= 4, "the filter typed")
        await pilot.pause()
        assert search.value == "krem"
        assert len(screen.shown) == 1 and "Kremlin" in screen.shown[0].title


async def test_the_key_after_escape_in_one_burst_is_the_librarys() -> None:
    _library_with("kremlin-channel.md", "party-donations.md")
    app = ReaderApp(None)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _library(app, pilot)
        _burst(app, "slash", "z", "escape", "e")
        await until(pilot, lambda: isinstance(app.screen, LedgerScreen), "the ledger")
        assert screen.query_one(Input).value == ""  # escape cleared it, "e" did not land there
        assert screen.query_one(DataTable).has_focus
        await app.workers.wait_for_complete()  # the ledger's own load, then quit
        await pilot.pause()


async def test_in_the_ledger_the_key_after_escape_is_the_ledgers(tmp_path: Path) -> None:
    """`/`, a letter, `escape`, `?` at once: `?` opens the help; it does not go into the
    filter that `escape` has just cleared."""
    from reader.cli import main
    from reader.tui.screens.help import HelpScreen

    paths = [str(SAMPLES / n) for n in ("kremlin-channel.md", "party-donations.md")]
    assert main(["add", *paths]) == 0
    app = ReaderApp(None)
    async with app.run_test(size=(120, 36)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, LedgerScreen), "the ledger")
        ledger = app.screen
        assert isinstance(ledger, LedgerScreen)
        await until(pilot, lambda: ledger.entities is not None, "the entities")
        _burst(app, "slash", "z", "escape", "question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        assert ledger.query_one("#ledger-filter", Input).value == ""
        await app.workers.wait_for_complete()
        await pilot.pause()


async def test_the_first_letter_after_slash_is_not_replaced_by_the_second() -> None:
    """`/` focuses the filter at once and the next letter goes in before the focus event is
    handled; an Input that selects its text on focus then let the second letter replace
    the first ("/tycoon" gave "ycoon" under tmux)."""
    _library_with("kremlin-channel.md", "party-donations.md")
    app = ReaderApp(None)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _library(app, pilot)
        search = screen.query_one(Input)
        screen.action_search()  # what `/` does: focus now, its Focus event still queued
        search.insert_text_at_cursor("t")  # what the burst's next key does
        await pilot.pause()  # the Focus event is handled
        await pilot.press("y")
        assert search.value == "ty"
