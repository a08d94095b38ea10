"""Pilot tests for the note keys, the editor, the reading position and the library."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea

from reader.document import load
from reader.notes.model import Note
from reader.notes.session import ArticleNotes
from reader.notes.store import NoteStore
from reader.tui.app import ReaderApp
from reader.tui.panel.tabs.notes import NotesList
from reader.tui.screens.editor import ConfirmDiscard, NoteEditor
from reader.tui.screens.library import LibraryScreen
from reader.tui.screens.noted_reading import NotedReadingScreen

# Written for these tests; every sentence is distinct so spans are easy to find.
ARTICLE = """# Harbour notes

The harbour board met on Monday. It approved a new pier. The mayor praised the plan.

Residents objected to the noise. A petition gathered many names. The board will meet again.

Engineers said the pier is safe. Critics asked for a second survey. Nobody set a date.
"""
SIZE = (100, 30)


@pytest.fixture
def article_path(tmp_path: Path) -> Path:
    path = tmp_path / "harbour.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "store" / "notes.json")


def _app(article_path: Path, db: str) -> ReaderApp:
    return ReaderApp(load(str(article_path)), db=db, origin=str(article_path))


async def _settle(pilot: Pilot) -> None:
    """Let thread workers finish and their results reach the screen."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def _reading(pilot: Pilot) -> NotedReadingScreen:
    await _settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, NotedReadingScreen) and screen.session.notes is not None
    return screen


async def _write(pilot: Pilot, text: str) -> None:
    editor = pilot.app.screen
    assert isinstance(editor, NoteEditor)
    editor.query_one(TextArea).insert(text)
    await pilot.press("ctrl+s")
    await _settle(pilot)


def _sentence(screen: NotedReadingScreen) -> str:
    sentence = screen.document.sentences[screen.article.cursor_sentence]
    return screen.document.text[sentence.start : sentence.end]


async def test_a_notes_the_sentence_under_the_cursor(article_path: Path, db: str) -> None:
    async with _app(article_path, db).run_test(size=SIZE) as pilot:
        screen = await _reading(pilot)
        await pilot.press("J", "J")
        noted = _sentence(screen)
        await pilot.press("a")
        assert isinstance(pilot.app.screen, NoteEditor)
        await _write(pilot, "Check the minutes #board #Follow-up")
        assert pilot.app.screen is screen
        [note] = NoteStore(db=db).all_notes()
        assert note.anchor.exact == noted
        assert note.tags == ("board", "follow-up")
        assert screen.session.notes.spans == [(note.anchor.start, note.anchor.end)]
        rows = [screen.article.render_line(y).text for y in range(SIZE[1] - 6)]
        assert any(row.startswith("▌") and noted[:10] in row for row in rows)


async def test_v_selection_then_a_notes_several_sentences(article_path: Path, db: str) -> None:
    async with _app(article_path, db).run_test(size=SIZE) as pilot:
        screen = await _reading(pilot)
        await pilot.press("J", "J", "v", "J", "J")
        start, end = screen.article.selection  # type: ignore[misc]
        await pilot.press("a")
        await _write(pilot, "three sentences")
        [note] = NoteStore(db=db).all_notes()
        assert (note.anchor.start, note.anchor.end) == (start, end)
        assert note.anchor.exact.count(".") == 3
        assert screen.article.selection is None


async def test_escape_asks_before_dropping_typed_text(article_path: Path, db: str) -> None:
    async with _app(article_path, db).run_test(size=SIZE) as pilot:
        await _reading(pilot)
        await pilot.press("J", "a")
        pilot.app.screen.query_one(TextArea).insert("half a thought")
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ConfirmDiscard)
        await pilot.press("n")
        editor = pilot.app.screen
        assert isinstance(editor, NoteEditor) and editor.text == "half a thought"
        await pilot.press("escape", "y")
        assert isinstance(pilot.app.screen, NotedReadingScreen)
        assert list(NoteStore(db=db).all_notes()) == []


async def test_escape_on_an_empty_editor_just_closes(article_path: Path, db: str) -> None:
    async with _app(article_path, db).run_test(size=SIZE) as pilot:
        await _reading(pilot)
        await pilot.press("J", "a", "escape")
        assert isinstance(pilot.app.screen, NotedReadingScreen)


async def test_failed_save_keeps_the_editor_and_the_text(
    article_path: Path, db: str, tmp_path: Path
) -> None:
    async with _app(article_path, db).run_test(size=SIZE) as pilot:
        await _reading(pilot)
        # A file where the articles directory should be: the save must fail.
        (tmp_path / "store" / "notes.articles").write_text("in the way")
        await pilot.press("J", "a")
        await _write(pilot, "precious words")
        editor = pilot.app.screen
        assert isinstance(editor, NoteEditor)
        assert editor.text == "precious words"
        assert "Not saved" in str(editor.query_one("#note-error").render())


async def test_jump_edit_delete_and_undo(article_path: Path, db: str) -> None:
    async with _app(article_path, db).run_test(size=SIZE) as pilot:
        screen = await _reading(pilot)
        await pilot.press("J", "a")
        await _write(pilot, "first")
        for _ in range(4):
            await pilot.press("J")
        await pilot.press("a")
        await _write(pilot, "second")
        first, second = (p.note for p in screen.session.notes.placed)
        await pilot.press("right_curly_bracket")
        assert _sentence(screen) == first.anchor.exact  # wrapped around past the last note
        await pilot.press("right_curly_bracket")
        assert _sentence(screen) == second.anchor.exact
        await pilot.press("left_curly_bracket")
        assert _sentence(screen) == first.anchor.exact
        await pilot.press("e")
        editor = pilot.app.screen
        assert isinstance(editor, NoteEditor) and editor.text == "first"
        await _write(pilot, " and improved #edited")
        store = NoteStore(db=db)
        assert {n.body for n in store.all_notes()} == {"first and improved #edited", "second"}
        await pilot.press("d")
        await _settle(pilot)
        assert {n.body for n in store.all_notes()} == {"second"}
        await pilot.press("u")
        await _settle(pilot)
        assert {n.body for n in store.all_notes()} == {"first and improved #edited", "second"}
        assert len(screen.session.notes.spans) == 2


async def test_reading_position_is_restored_on_reopen(article_path: Path, db: str) -> None:
    async with _app(article_path, db).run_test(size=SIZE) as pilot:
        screen = await _reading(pilot)
        for _ in range(6):
            await pilot.press("J")
        place = _sentence(screen)
    async with _app(article_path, db).run_test(size=SIZE) as pilot:
        screen = await _reading(pilot)
        assert _sentence(screen) == place
    [article] = NoteStore(db=db).articles()
    assert ARTICLE.find(place) >= 0 and article.position > 0


async def test_notes_list_shows_notes_and_jumps(article_path: Path, db: str) -> None:
    async with _app(article_path, db).run_test(size=SIZE) as pilot:
        screen = await _reading(pilot)
        notes_list = NotesList()
        await screen.query_one("#side-panel").mount(notes_list)
        for _ in range(5):
            await pilot.press("J")
        await pilot.press("a")
        await _write(pilot, "far down")
        assert [p.note.body for p in notes_list.notes] == ["far down"]
        await pilot.press("g", "J")
        notes_list.focus()
        notes_list.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert _sentence(screen) == notes_list.notes[0].note.anchor.exact
        late = NotesList()  # a list mounted after the notes loaded asks for them
        await screen.query_one("#side-panel").mount(late)
        await pilot.pause()
        assert [p.note.body for p in late.notes] == ["far down"]
        notes_list.focus()  # in a focused list, d deletes the highlighted note
        await pilot.press("d")
        await _settle(pilot)
        assert list(NoteStore(db=db).all_notes()) == []
        assert notes_list.notes == []


async def test_verdict_api_cycles_and_saves(article_path: Path, db: str) -> None:
    async with _app(article_path, db).run_test(size=SIZE) as pilot:
        screen = await _reading(pilot)
        claim = screen.document.sentences[3]
        seen: list[str | None] = []
        screen.session.cycle_verdict(claim.start, claim.end, "c4", seen.append)
        await _settle(pilot)
        screen.session.cycle_verdict(claim.start, claim.end, "c4", seen.append)
        await _settle(pilot)
        assert seen == ["supported", "disputed"]
        assert screen.session.verdict_at(claim.start, claim.end) == "disputed"
    store = NoteStore(db=db)
    [article] = store.articles()
    assert [v.verdict for v in store.verdicts(article.id)] == ["disputed"]


async def test_library_lists_filters_and_reopens(
    article_path: Path, db: str, tmp_path: Path
) -> None:
    async with _app(article_path, db).run_test(size=SIZE) as pilot:
        screen = await _reading(pilot)
        for _ in range(4):
            await pilot.press("J")
        await pilot.press("a")
        await _write(pilot, "library note")
        place = _sentence(screen)
    other = tmp_path / "other.md"
    other.write_text("# Other piece\n\nA different article. It has two sentences.\n")
    async with _app(other, db).run_test(size=SIZE) as pilot:
        await _reading(pilot)
    async with ReaderApp(None, db=db).run_test(size=SIZE) as pilot:
        await _settle(pilot)
        library = pilot.app.screen
        assert isinstance(library, LibraryScreen)
        table = library.query_one(DataTable)
        assert table.row_count == 2
        titles = {str(table.get_row_at(i)[0]): table.get_row_at(i)[1] for i in range(2)}
        assert titles == {"Harbour notes": "1", "Other piece": "0"}
        await pilot.press("slash")
        library.query_one(Input).value = "harbour"
        await pilot.pause()
        assert table.row_count == 1
        await pilot.press("enter")
        await pilot.press("enter")
        reading = await _reading(pilot)
        assert reading.session.origin == str(article_path)
        assert _sentence(reading) == place
        assert len(reading.session.notes.spans) == 1
        await pilot.press("a")
        await _write(pilot, "another one")
        await pilot.press("L")
        await _settle(pilot)
        assert pilot.app.screen is library
        assert table.get_row_at(0)[1] == "2"


async def test_a_damaged_store_is_set_aside_and_the_reader_told(
    article_path: Path, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    Path(db).parent.mkdir(parents=True)
    Path(db).write_text("{ this is not json")
    told: list[str] = []
    original = ReaderApp.notify

    def notify(self: ReaderApp, message: str, **kwargs: object) -> None:
        told.append(message)
        original(self, message, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ReaderApp, "notify", notify)
    async with _app(article_path, db).run_test(size=SIZE) as pilot:
        screen = await _reading(pilot)
        assert any("damaged" in message and ".damaged-" in message for message in told)
        await pilot.press("J", "a")
        await _write(pilot, "work goes on")
        assert [n.body for n in NoteStore(db=db).notes(screen.session.notes.article.id)] == [
            "work goes on"
        ]
    assert len(list(Path(db).parent.glob("notes.json.damaged-*"))) == 1


async def test_an_orphan_is_listed_and_editable(article_path: Path, db: str) -> None:
    async with _app(article_path, db).run_test(size=SIZE) as pilot:
        screen = await _reading(pilot)
        await pilot.press("J", "J")
        gone = _sentence(screen)
        await pilot.press("a")
        await _write(pilot, "about a sentence that will vanish")
    article_path.write_text(ARTICLE.replace(gone + " ", ""), encoding="utf-8")
    async with _app(article_path, db).run_test(size=SIZE) as pilot:
        screen = await _reading(pilot)
        assert [n.body for n in screen.session.notes.orphans] == [
            "about a sentence that will vanish"
        ]
        notes_list = NotesList()
        await screen.query_one("#side-panel").mount(notes_list)
        await pilot.pause()
        assert notes_list.notes[0].span is None
        notes_list.focus()
        notes_list.highlighted = 0
        await pilot.press("enter")
        editor = pilot.app.screen
        assert isinstance(editor, NoteEditor) and editor.heading == "Edit orphan note"
        await _write(pilot, " (kept)")
    [note] = NoteStore(db=db).all_notes()
    assert note.body == "about a sentence that will vanish (kept)" and note.anchor.exact == gone


async def test_ctrl_s_twice_saves_once(
    article_path: Path, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = ArticleNotes.add

    def slow_add(self: ArticleNotes, start: int, end: int, body: str) -> Note:
        time.sleep(0.3)  # a slow disk: the second ctrl+s arrives while the first saves
        return original(self, start, end, body)

    monkeypatch.setattr(ArticleNotes, "add", slow_add)
    async with _app(article_path, db).run_test(size=SIZE) as pilot:
        await _reading(pilot)
        await pilot.press("J", "a")
        pilot.app.screen.query_one(TextArea).insert("only once")
        await pilot.press("ctrl+s", "ctrl+s")
        await _settle(pilot)
        assert [n.body for n in NoteStore(db=db).all_notes()] == ["only once"]


async def test_library_does_not_read_stdin_for_a_piped_article(db: str) -> None:
    NoteStore(db=db).open_article("-", "Piped text. Two sentences.", "Piped")
    async with ReaderApp(None, db=db).run_test(size=SIZE) as pilot:
        await _settle(pilot)
        await pilot.press("enter")
        await _settle(pilot)
        assert isinstance(pilot.app.screen, LibraryScreen)


async def test_an_unusable_store_says_so_and_the_article_stays_readable(
    article_path: Path, tmp_path: Path
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the store directory should be")
    app = ReaderApp(load(str(article_path)), db=str(blocked / "notes.json"), origin="x")
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, NotedReadingScreen)
        assert screen.session.notes is None and "note store" in screen.session.unavailable
        await pilot.press("J", "a")
        assert pilot.app.screen is screen  # no editor that could never save
        assert screen.article.cursor_sentence >= 0
