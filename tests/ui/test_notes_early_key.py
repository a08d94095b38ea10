"""Pilot test: a note key pressed before the note store has opened is not lost.

The reading screen opens the store just after the first frame (start-up time); a
reader quick on the `a` key gets the editor at once, and the note is saved once
the notes are there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from reader.document import load
from reader.tui.app import ReaderApp
from reader.tui.screens.editor import NoteEditor
from reader.tui.screens.noted_reading import NotedReadingScreen

from .waiting import until

# Written for this test.
ARTICLE = "The ferry left at dawn. The crew counted the crates. Nobody spoke.\n"


async def test_a_pressed_while_the_store_opens_opens_the_editor_and_saves_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    held: list[NotedReadingScreen] = []
    # Hold the store's opening back until the key has been pressed.
    monkeypatch.setattr(NotedReadingScreen, "_start_notes", lambda self: held.append(self))
    app = ReaderApp(load(str(path)), db=str(tmp_path / "notes.json"), origin=str(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, NotedReadingScreen) and held == [screen]
        assert screen.session.notes is None
        await pilot.press("J", "J", "a")
        editor = pilot.app.screen
        assert isinstance(editor, NoteEditor)  # at once: what is typed is not lost
        quoted = " ".join(str(s.render()) for s in editor.query(Static))
        assert "The crew counted the crates." in quoted
        await pilot.press(*"counted twice", "ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is editor  # the save waits for the store

        monkeypatch.undo()
        screen._start_notes()
        await until(pilot, lambda: pilot.app.screen is screen, "the note to be saved")
        notes = screen.session.notes
        assert notes is not None
        assert [(p.note.body, p.note.anchor.exact) for p in notes.placed] == [
            ("counted twice", "The crew counted the crates.")
        ]
