"""The reading screen with notes: keys to write, edit, delete and jump to notes.

Invariant: every store call runs in a thread worker under one lock, never on
the event loop; the marks, tint and notes list are redrawn from
`ArticleNotes.placed` after each saved change, so the screen shows what is
saved. The reading position is saved as a text offset (debounced while
reading, and once more when the screen closes) and restored on open.

Keys: `a` note the sentence (or the `v` selection), `e` edit and `d` delete
the note under the cursor, `u` undo the delete, `}` / `{` next / previous note,
`L` the library.
For the side panel: any `NotesList` in the screen is kept filled, and
`verdict_at` / `cycle_verdict` give the claim verdict API.

The pieces: `notes_store_work` (the thread worker and lock), `note_keys` (the keys and
the marks), `notes_verdict_api` (the verdicts); this module opens the notes and keeps
the reading position. `StoreDone` is re-exported from here.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.timer import Timer

from reader.document.model import Document
from reader.errors import StoreError
from reader.tui.article_view import ArticleView
from reader.tui.note_keys import NoteKeys
from reader.tui.notes_store_work import NotesStoreWork, StoreDone
from reader.tui.notes_verdict_api import VerdictAPI
from reader.tui.reading_place import ReadingPlace
from reader.tui.reading_screen import ReadingScreen

if TYPE_CHECKING:
    # The store (tinydb, filelock) and the editor are imported when first needed,
    # after the first frame: they cost start-up time the first paint does not need.
    from reader.notes.session import ArticleNotes
    from reader.notes.verdicts import VerdictBook

__all__ = ["POSITION_DELAY", "NotedReadingScreen", "StoreDone"]

POSITION_DELAY = 1.0
"""Seconds of stillness before the reading position is saved."""


class NotedReadingScreen(NotesStoreWork, NoteKeys, VerdictAPI, ReadingScreen):
    """`ReadingScreen` plus notes, verdicts and the saved reading position."""

    DEFAULT_CSS = """
    NotedReadingScreen ArticleView > .article-view--note { background: $success 15%; }
    """
    BINDINGS = [
        Binding("a", "annotate", "Note"),
        # e / d stay out of the crowded footer; `?` and the palette list them.
        Binding("e", "edit_note", "Edit note", show=False),
        Binding("d", "delete_note", "Delete note", show=False),
        Binding("u", "undo_delete", "Undo delete", show=False),
        Binding("right_curly_bracket", "next_note", "Next note", show=False),
        Binding("left_curly_bracket", "previous_note", "Previous note", show=False),
        Binding("L", "library", "Library"),
    ]

    def __init__(
        self,
        document: Document,
        *,
        origin: str | None = None,
        db: str | None = None,
        position: int = 0,
    ):
        """Read `document`, loaded from `origin` (the path or URL given), with notes in `db`;
        `position` is the saved place, shown from the first frame (see `notes.peek`)."""
        super().__init__(document)
        self.position = position
        self.origin = origin or document.source
        self.store_path = db
        self.notes: ArticleNotes | None = None
        """The article's notes, once loaded."""
        self.verdicts: VerdictBook | None = None
        """The article's claim verdicts, once loaded."""
        self._lock = threading.Lock()
        self._position_timer: Timer | None = None
        self.unavailable = ""
        """Why the store could not be opened (empty while loading or when it worked)."""
        self.place: ReadingPlace | None = None
        """The reader's place, once the article view exists."""
        self._marked = False  # whether this screen has put note marks in the margin
        self._warned = 0  # store warnings already shown
        self._retry: Callable[[], Any] | None = None  # a note key pressed while loading
        self._verdict_waiters: list[Callable[[], Any]] = []  # see when_verdicts_loaded

    def on_mount(self) -> None:
        # ReadingScreen.on_mount has run already (Textual calls each class's handler).
        self.place = ReadingPlace(self.article)
        self.place.start(self.position)
        self.watch(self.article, "scroll_y", self._position_moved, init=False)
        # After the first frame: the store's imports and the worker thread would
        # otherwise compete with the first paint.
        self.call_after_refresh(self._start_notes)

    def _start_notes(self) -> None:
        self._run(self._open, self._opened, self._open_failed)

    def _open(self) -> tuple[ArticleNotes, VerdictBook]:
        from reader.notes.session import ArticleNotes
        from reader.notes.verdicts import VerdictBook

        document = self.document
        notes = ArticleNotes.open(self.store, self.origin, document.text, document.title)
        return notes, VerdictBook(self.store, notes.article, document.text)

    def _open_failed(self, message: str) -> None:
        self.unavailable = message
        self._retry = None
        self.notify_error(f"Notes are off for this article: {message}")

    def _opened(self, loaded: tuple[ArticleNotes, VerdictBook]) -> None:
        self.notes, self.verdicts = loaded
        saved = self.notes.article.position
        place = self.place
        if place is not None and not self.position and saved and place.at_start():
            place.restore(saved)  # not known before the first frame, and the reader is still
        self._show_notes()
        if self.notes.orphans:
            count = len(self.notes.orphans)
            self.notify(f"{count} note(s) no longer match the text; they are kept as orphans.")
        waiters, self._verdict_waiters = self._verdict_waiters, []
        for waiter in waiters:
            waiter()
        retry, self._retry = self._retry, None
        if retry is not None:
            retry()

    # -- reading position (see ReadingPlace) --------------------------------

    def on_article_view_cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        self._position_moved()

    def _position_moved(self) -> None:
        if self.notes is None or self.place is None:
            return  # not opened yet: restoring the saved place must not overwrite it
        self.place.moved()
        if self._position_timer is not None:
            self._position_timer.stop()
        self._position_timer = self.set_timer(POSITION_DELAY, self._save_position)

    def _save_position(self) -> None:
        notes = self.notes
        offset = self.place.unsaved() if self.place else None
        if notes is not None and offset is not None:
            self._run(lambda: notes.save_position(offset), lambda _: None)

    def on_unmount(self) -> None:
        # The screen is closing: one last small durable write, so the place is never lost.
        # A StoreError here has no screen left to show it; the session already reported
        # the store's errors, so it is deliberately not raised into Textual's shutdown.
        notes = self.notes
        offset = self.place.unsaved() if self.place else None
        if notes is not None and offset is not None:
            with contextlib.suppress(StoreError):
                self.locked(lambda: notes.save_position(offset))
