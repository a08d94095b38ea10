"""Monkey test: random keys at random moments never crash the reader.

Keys come from every binding of the screens the reader can reach (reading,
the panel's tabs, library, ledger, note editor, help, contents, palette) plus the
keys an impatient user hits anyway (tab, enter, escape, arrows, letters),
sent straight to the app's driver the way a terminal delivers them: often
several before the first has been handled, from the first frame on, while
the analysis is still running. Fixed seeds, so a failure reproduces.
"""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

import pytest
from textual import events
from textual.command import CommandPalette
from textual.keys import _character_to_key

from reader.document import load
from reader.notes.store import NoteStore
from reader.tui.app import ReaderApp
from reader.tui.screens.editor import NoteEditor
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.ledger import LedgerScreen
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.search import SearchScreen
from reader.tui.screens.toc import TocScreen

SAMPLES = Path(__file__).parents[2] / "sample_articles"
QUIT_KEYS = {"q", "ctrl+q"}
"""Left out: they end the run (ctrl+c stays in: it must only say how to quit)."""
EXTRA_KEYS = [
    *"jkJKgGnNvaedux[]<>mwsopt?/0123456L(){}#xyzl",
    "tab", "shift+tab", "enter", "escape", "space", "backspace", "delete",
    "up", "down", "left", "right", "pageup", "pagedown", "home", "end",
    "ctrl+d", "ctrl+u", "ctrl+p", "ctrl+s", "ctrl+c",
]  # fmt: skip
KEYS_PER_RUN = 160


def _binding_keys(app: ReaderApp) -> list[str]:
    """Every key bound on the screen now shown (its widgets included)."""
    keys = {key for key in app.screen.active_bindings if key not in QUIT_KEYS}
    return sorted(keys)


def _key_event(key: str) -> events.Key:
    if len(key) == 1:
        name = key if key.isalnum() else _character_to_key(key)
        return events.Key(name, key)
    return events.Key(key, " " if key == "space" else None)


async def _pause(rnd: random.Random, burst: bool) -> None:
    """No pause at all (typed ahead), a frame, or a reader's hesitation."""
    roll = 0.0 if burst else rnd.random()
    await asyncio.sleep(
        0 if roll < 0.45 else 0.01 if roll < 0.75 else 0.04 if roll < 0.95 else 0.25
    )


async def _monkey(app: ReaderApp, seed: int, size: tuple[int, int]) -> set[str]:
    """Send keys; return the names of the screens seen. Raises what the app raised."""
    rnd = random.Random(seed)
    seen: set[str] = set()
    async with app.run_test(size=size) as pilot:
        keys = EXTRA_KEYS + _binding_keys(app)
        for sent in range(KEYS_PER_RUN):
            if not app.is_running:
                break
            seen.add(type(app.screen).__name__)
            event = _key_event(rnd.choice(keys))
            event.set_sender(app)
            app._driver.send_message(event)  # type: ignore[union-attr]
            await _pause(rnd, burst=sent < 25)  # the first keys land during start-up
        await pilot.pause(0.2)
        assert app.return_code in (None, 0)
    return seen


@pytest.mark.parametrize("seed", range(6))
async def test_random_keys_on_an_article_never_crash(seed: int) -> None:
    path = SAMPLES / ("kremlin-channel.md" if seed % 2 == 0 else "harbour-tender.txt")
    app = ReaderApp(load(str(path)), origin=str(path))
    size = ((160, 45), (80, 24), (120, 36))[seed % 3]
    seen = await _monkey(app, seed, size)
    assert "NotedReadingScreen" in seen


@pytest.mark.parametrize("seed", range(100, 102))
async def test_random_keys_in_the_library_never_crash(seed: int) -> None:
    store = NoteStore()
    for name in ("kremlin-channel.md", "party-donations.md"):
        document = load(str(SAMPLES / name))
        store.open_article(str(SAMPLES / name), document.text, document.title)
    seen = await _monkey(ReaderApp(None), seed, (100, 30))
    assert "LibraryScreen" in seen


class LedgerApp(ReaderApp):
    """The app started on the ledger (over the library), as `e` in the library opens it."""

    def on_ready(self) -> None:
        super().on_ready()
        self.show_ledger()


@pytest.mark.parametrize("seed", range(200, 203))
async def test_random_keys_in_the_ledger_never_crash(seed: int) -> None:
    from reader.analysis import analyze
    from reader.library.intake import add, prepare
    from reader.library.library import Library

    if seed != 202:  # and one run on an empty library
        ledger = Path(__file__).parents[1] / "fixtures" / "ledger"
        paths = [*sorted(ledger.glob("*.md")), SAMPLES / "kremlin-channel.md"]
        add(Library(), [(str(p), prepare(analyze(load(str(p))))) for p in paths])
    size = ((160, 45), (80, 24), (100, 30))[seed % 3]
    seen = await _monkey(LedgerApp(None), seed, size)
    assert "LedgerScreen" in seen


class _SearchFirst(ReaderApp):
    """The app opened on the search screen (issue 15), over a store with two articles."""

    def get_default_screen(self) -> SearchScreen:
        return SearchScreen()


@pytest.mark.parametrize("seed", range(400, 403))
async def test_random_keys_on_the_feed_screen_never_crash(seed: int, tmp_path: Path) -> None:
    from reader.cli import main
    from reader.tui.launch import prepare

    items = "".join(
        f"<item><title>Item {n} \x1b[2J</title><guid>i{n}</guid>"
        f"<pubDate>{n + 1:02d} Jan 2024 10:00:00 GMT</pubDate>"
        f"<link>{'javascript:x()' if n % 3 == 0 else 'file:///etc/passwd'}</link>"
        + (
            f"<content:encoded>&lt;p&gt;Olsen said {n}.&lt;/p&gt;</content:encoded>"
            if n % 2
            else ""
        )
        + "</item>"
        for n in range(12)
    )
    path = tmp_path / "feed.xml"
    namespace = 'xmlns:content="http://purl.org/rss/1.0/modules/content/"'
    path.write_text(f'<?xml version="1.0"?><rss version="2.0" {namespace}><channel>'
                    f"<title>F</title>{items}</channel></rss>", encoding="utf-8")  # fmt: skip
    if seed != 402:  # subscribed (read marks saved) twice, opened by path only once
        assert main(["feed", "add", str(path)]) == 0
    seen = await _monkey(prepare(str(path)), seed, ((100, 30), (80, 24), (160, 45))[seed % 3])
    assert "FeedScreen" in seen


@pytest.mark.parametrize("seed", range(300, 303))
async def test_random_keys_on_the_search_screen_never_crash(seed: int) -> None:
    store = NoteStore(db=None)
    for name in ("kremlin-channel.md", "party-donations.md"):
        document = load(str(SAMPLES / name))
        store.open_article(str(SAMPLES / name), document.text, document.title)
    seen = await _monkey(_SearchFirst(None), seed, ((100, 30), (80, 24), (160, 45))[seed % 3])
    assert "SearchScreen" in seen


async def test_the_monkey_reaches_every_screen() -> None:
    """The key set opens each screen (so the runs above test them all)."""
    path = SAMPLES / "kremlin-channel.md"
    app = ReaderApp(load(str(path)), origin=str(path))
    opened: dict[str, type] = {
        "?": HelpScreen,
        "t": TocScreen,
        "a": NoteEditor,
        "L": LibraryScreen,
        "ctrl+p": CommandPalette,
    }  # and from the library, `s` the search screen (checked at the end)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.5)
        await pilot.press("J")
        for key, screen in opened.items():
            assert key in EXTRA_KEYS
            await pilot.press(key)
            await pilot.pause(0.3)
            assert isinstance(app.screen, screen), key
            await pilot.press("escape")
            await pilot.pause(0.2)
        await pilot.press("L")
        await pilot.pause(0.3)
        assert "s" in EXTRA_KEYS
        await pilot.press("s")
        await pilot.pause(0.3)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")  # back to the library
        await pilot.pause(0.3)
        await pilot.press("e")  # the ledger, from the library
        await pilot.pause(0.3)
        assert isinstance(app.screen, LedgerScreen)
