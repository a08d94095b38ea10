"""Pilot tests for the library-wide search screen (issue 15)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from reader.document import load
from reader.notes.anchor import anchor_for
from reader.notes.store import NoteStore
from reader.tui.app import ReaderApp
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.noted_reading import NotedReadingScreen
from reader.tui.screens.search import SearchScreen

HARBOUR = """# Harbour notes

The harbour board met on Monday. It approved a new pier. The mayor praised the plan.

Residents objected to the noise. A petition gathered many names. The board will meet again.

Engineers said the pier is safe. Critics asked for a second survey. Nobody set a date.
"""
FERRY = """# Ferry notes

The ferry company raised its fares. Passengers complained about the pier at Élan Bay.
"""


def _store(tmp_path: Path) -> tuple[str, Path]:
    db = str(tmp_path / "store" / "notes.json")
    store = NoteStore(db=db)
    paths = []
    for name, text in (("harbour.md", HARBOUR), ("ferry.md", FERRY)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        document = load(str(path))
        article = store.open_article(str(path), document.text, document.title)
        paths.append(path)
        if name == "harbour.md":
            start = document.text.index("Critics asked")
            store.add_note(
                article.id,
                anchor_for(document.text, start, start + 30),
                "Who are the critics? #followup",
            )
    return db, paths[0]


async def _settle(pilot: Pilot, rounds: int = 4) -> None:
    for _ in range(rounds):
        await pilot.pause(0.25)
        await pilot.app.workers.wait_for_complete()


async def _open_search(pilot: Pilot) -> SearchScreen:
    """`s` in the library: the search screen."""
    await pilot.press("s")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    return screen


async def test_s_in_the_library_opens_search_and_results_follow_the_typing(
    tmp_path: Path,
) -> None:
    db, _ = _store(tmp_path)
    app = ReaderApp(None, db=db)
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(pilot, 1)
        assert isinstance(app.screen, LibraryScreen)
        screen = await _open_search(pilot)
        await pilot.press(*"elan")  # the accent is not needed
        await _settle(pilot)
        assert [hit.title for hit in screen.hits] == ["Ferry notes"]
        assert screen.hits[0].kind == "text"
        # Typing on replaces the results: "critics" is in a note and in the harbour text.
        screen.query_one(Input).value = "critics"
        await _settle(pilot)
        kinds = sorted(hit.kind for hit in screen.hits)
        assert kinds == ["note", "text"]
        assert screen.query_one(OptionList).option_count == 2
        screen.query_one(Input).value = "!!!"
        await _settle(pilot)
        assert screen.hits == []
        assert "punctuation" in str(screen.query_one("#search-status").render())


async def test_enter_opens_the_article_at_the_match_and_n_steps_through_its_matches(
    tmp_path: Path,
) -> None:
    db, harbour = _store(tmp_path)
    app = ReaderApp(None, db=db)
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(pilot, 1)
        screen = await _open_search(pilot)
        await pilot.press(*"pier")
        await _settle(pilot)
        titles = [hit.title for hit in screen.hits]
        target = titles.index("Harbour notes")
        await pilot.press("enter")  # from the query line to the results
        results = screen.query_one(OptionList)
        assert results.has_focus
        results.highlighted = target
        await pilot.press("enter")
        await _settle(pilot)
        reading = app.screen
        assert isinstance(reading, NotedReadingScreen)
        view = reading.article
        text = view.document.text
        assert [text[s:e].lower() for s, e in view.matches] == ["pier", "pier"]
        first = view.finder.current
        assert text[slice(*view.matches[first])].lower() == "pier"
        await pilot.press("n")
        await pilot.pause()
        assert view.finder.current == (first + 1) % 2
        await pilot.press("N")
        await pilot.pause()
        assert view.finder.current == first


async def test_a_note_result_opens_at_the_note(tmp_path: Path) -> None:
    db, _ = _store(tmp_path)
    app = ReaderApp(None, db=db)
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(pilot, 1)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press(*"#followup", "enter")
        await _settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert [hit.kind for hit in screen.hits] == ["note"]
        await pilot.press("enter")
        await _settle(pilot)
        reading = app.screen
        assert isinstance(reading, NotedReadingScreen)
        view = reading.article
        start, end = view.matches[view.finder.current]
        assert view.document.text[start:end].startswith("Critics asked")
        await pilot.press("escape")  # escape clears the search; the screens stay
        await pilot.press("L")
        await pilot.pause()


async def test_a_late_answer_or_key_while_the_screen_is_torn_down_does_no_harm(
    tmp_path: Path,
) -> None:
    """A search's answer, enter or escape can come while the screen's widgets are being
    removed (escape typed in a burst): nothing is left to update, and nothing crashes."""
    db, _ = _store(tmp_path)
    app = ReaderApp(None, db=db)
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(pilot, 1)
        screen = await _open_search(pilot)
        await screen.query_one(OptionList).remove()  # as when the screen is torn down
        screen._show("", [], "Type to search.")
        screen.action_focus_query()
        screen.post_message(Input.Submitted(screen.query_one(Input), "pier"))
        await _settle(pilot)
        assert app.screen is screen and screen.hits == []
        screen.action_back()  # nothing to focus: back to the library
        await _settle(pilot, 1)
        assert app.is_running and isinstance(app.screen, LibraryScreen)
