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
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from textual import work
from textual.binding import Binding
from textual.message import Message
from textual.timer import Timer

from reader.document.model import Document
from reader.errors import StoreError
from reader.tui.article_view import ArticleView
from reader.tui.notes_tab import NotesList
from reader.tui.reading_place import ReadingPlace
from reader.tui.reading_screen import ReadingScreen

if TYPE_CHECKING:
    # The store (tinydb, filelock) and the editor are imported when first needed,
    # after the first frame: they cost start-up time the first paint does not need.
    from reader.notes.model import Note
    from reader.notes.session import ArticleNotes, PlacedNote
    from reader.notes.store import NoteStore
    from reader.notes.verdicts import VerdictBook

T = TypeVar("T")
POSITION_DELAY = 1.0
"""Seconds of stillness before the reading position is saved."""


class StoreDone(Message):
    """A store call made in a thread has finished; run `callback(value)` on the loop."""

    bubble = False

    def __init__(self, callback: Callable[[Any], Any], value: Any) -> None:
        super().__init__()
        self.callback = callback
        """What to do with the result."""
        self.value = value
        """The result (or the error message for `notify_error`)."""


class NotedReadingScreen(ReadingScreen):
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

    def __init__(self, document: Document, *, origin: str | None = None, db: str | None = None):
        """Read `document`, loaded from `origin` (the path or URL given), with notes in `db`."""
        super().__init__(document)
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

    @cached_property
    def store(self) -> NoteStore:
        """The note store (nothing is read until first use; see `NoteStore`)."""
        from reader.notes.store import NoteStore

        return NoteStore(db=self.store_path)

    def on_mount(self) -> None:
        # ReadingScreen.on_mount has run already (Textual calls each class's handler).
        self.place = ReadingPlace(self.article)
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
        if self.place is not None:
            self.place.restore(self.notes.article.position)
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

    # -- thread work ------------------------------------------------------

    def _run(
        self,
        job: Callable[[], T],
        done: Callable[[T], Any],
        failed: Callable[[str], Any] | None = None,
    ) -> None:
        """Run `job` in a thread under the store lock, then `done` (or `failed` with the
        error message; by default it is shown) on the event loop."""
        self._worker(job, done, failed or self.notify_error)

    @work(thread=True, group="notes")
    def _worker(
        self, job: Callable[[], Any], done: Callable[[Any], Any], failed: Callable[[str], Any]
    ) -> None:
        # Results go back as messages, not call_from_thread: posting never blocks, and a
        # save finishing as the app closes is simply not shown (it is saved all the same).
        try:
            result = self.locked(job)
        except StoreError as error:
            self.post_message(StoreDone(failed, str(error)))
            return
        self.post_message(StoreDone(done, result))

    def on_store_done(self, message: StoreDone) -> None:
        self._show_warnings()
        message.callback(message.value)

    def notify_error(self, message: str) -> None:
        """Show a store error (the text the reader typed is kept by the caller)."""
        self.notify(message, severity="error", timeout=15)

    def _show_warnings(self) -> None:
        """Tell the reader about store trouble (a damaged file set aside) once each."""
        for warning in self.store.warnings[self._warned :]:
            self.notify(warning, severity="warning", timeout=15)
        self._warned = len(self.store.warnings)

    def locked(self, job: Callable[[], T]) -> T:
        """Run `job` holding the store lock (call from a thread, not the event loop)."""
        with self._lock:
            return job()

    # -- drawing ----------------------------------------------------------

    def _show_notes(self) -> None:
        if self.notes is None:
            return
        spans = self.notes.spans
        if spans or self._marked:  # with no notes, leave the margin to others
            self._marked = bool(spans)
            self.article.set_marks(spans)
            self.article.set_highlights("note", spans, "article-view--note")
        for notes_list in self.query(NotesList):
            notes_list.show(self.notes.placed)

    # -- keys -------------------------------------------------------------

    def _ready(self, retry: Callable[[], Any] | None = None) -> ArticleNotes | None:
        """The notes, or None after saying why; `retry` runs once they have loaded."""
        if self.notes is None:
            self._not_ready(retry)
        return self.notes

    def _not_ready(self, retry: Callable[[], Any] | None = None) -> None:
        if self.unavailable:
            self.notify_error(f"Notes are off for this article: {self.unavailable}")
        elif retry is not None:
            # The store opens just after the first frame: a key pressed that early
            # is kept and acted on once the notes are there.
            self._retry = retry
        else:
            self.notify("Notes are still loading.", severity="warning")

    def _cursor_span(self) -> tuple[int, int] | None:
        view = self.article
        if view.selection is not None:
            return view.selection
        if view.cursor_sentence < 0:
            return None
        sentence = self.document.sentences[view.cursor_sentence]
        return sentence.start, sentence.end

    def _note_under_cursor(self) -> PlacedNote | None:
        """The note highlighted in a focused notes list, else the one at the cursor."""
        notes, span = self._ready(), self._cursor_span()
        focused = self.focused
        if notes is not None and isinstance(focused, NotesList) and focused.current is not None:
            return focused.current
        if notes is None or span is None:
            return None
        found = notes.at(*span)
        if found is None:
            self.notify("No note here: } and { jump to notes.", severity="warning")
        return found

    def action_annotate(self) -> None:
        """Write a note on the sentence under the cursor, or on the selection."""
        notes, span = self._ready(retry=self.action_annotate), self._cursor_span()
        if notes is None:
            return
        if span is None:
            self.notify("Move to a sentence first (J / K).", severity="warning")
            return
        start, end = span
        from reader.tui.notes_editor import NoteEditor

        save = lambda body: self.locked(lambda: notes.add(start, end, body))  # noqa: E731
        editor = NoteEditor(self.document.text[start:end], save)
        self.app.push_screen(editor, lambda note: self._saved(note, "Note saved."))

    def action_edit_note(self) -> None:
        """Edit the note under the cursor."""
        found = self._note_under_cursor()
        if found is not None:
            self.edit(found.note, "Edit note" if found.span else "Edit orphan note")

    def edit(self, note: Note, title: str = "Edit note") -> None:
        """Open the editor on `note` (placed or orphan); it saves before closing."""
        notes = self.notes
        if notes is None:
            return
        from reader.tui.notes_editor import NoteEditor

        save = lambda body: self.locked(lambda: notes.edit(note, body))  # noqa: E731
        editor = NoteEditor(note.anchor.exact, save, body=note.body, title=title)
        self.app.push_screen(editor, lambda saved: self._saved(saved, "Note updated."))

    def _saved(self, note: Note | None, message: str) -> None:
        if note is None:
            return
        if self.article.selection is not None:
            self.article.action_toggle_selection()
        self._show_notes()
        self.notify(message)

    def action_delete_note(self) -> None:
        """Delete the note under the cursor (`u` brings it back)."""
        found = self._note_under_cursor()
        if found is None or self.notes is None:
            return
        notes, note = self.notes, found.note
        self._run(lambda: notes.delete(note), lambda _: self._changed("Note deleted: u to undo."))

    def action_undo_delete(self) -> None:
        """Bring back the last deleted note."""
        notes = self._ready()
        if notes is None:
            return
        self._run(notes.undo_delete, self._undone)

    def _undone(self, note: Note | None) -> None:
        self._changed("Note restored." if note else "Nothing to undo.")

    def _changed(self, message: str) -> None:
        self._show_notes()
        self.notify(message)

    def action_next_note(self) -> None:
        """Jump to the next note."""
        self._jump_note(forward=True)

    def action_previous_note(self) -> None:
        """Jump to the previous note."""
        self._jump_note(forward=False)

    def _jump_note(self, forward: bool) -> None:
        notes, span = self._ready(retry=lambda: self._jump_note(forward)), self._cursor_span()
        if notes is None:
            return
        here = span[0] if span else self.article.top_offset
        found = notes.next_after(here) if forward else notes.previous_before(here)
        if found is None or found.span is None:
            self.notify("No notes in this article yet: a writes one.", severity="warning")
            return
        self.go_to(found.span[0])

    def go_to(self, offset: int) -> None:
        """Put the cursor on `offset` and show it."""
        self.article.move_cursor_to_offset(offset)
        self.article.scroll_to_offset(offset, center=True)
        self.article.focus()

    def on_notes_list_ready(self, event: NotesList.Ready) -> None:
        if self.notes is not None:
            event.notes_list.show(self.notes.placed)

    def on_notes_list_chosen(self, event: NotesList.Chosen) -> None:
        if event.placed.span is not None:
            self.go_to(event.placed.span[0])
        else:
            self.edit(event.placed.note, "Edit orphan note")

    def action_library(self) -> None:
        """Go (back) to the library of articles."""
        from reader.tui.library import LibraryScreen

        stack = self.app.screen_stack
        if len(stack) > 1 and isinstance(stack[-2], LibraryScreen):
            self.app.pop_screen()
        else:
            self.app.push_screen(LibraryScreen(db=self.store_path))

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

    # -- verdict API (for the side panel) ----------------------------------

    def when_verdicts_loaded(self, callback: Callable[[], Any]) -> None:
        """Run `callback` once the verdicts are loaded (now, if they are already)."""
        if self.verdicts is not None:
            callback()
        elif not self.unavailable:
            self._verdict_waiters.append(callback)

    def verdict_at(self, start: int, end: int) -> str | None:
        """The reader's verdict on the claim at `start..end`, if any."""
        return self.verdicts.get(start, end) if self.verdicts else None

    def cycle_verdict(
        self,
        start: int,
        end: int,
        claim_id: str | None = None,
        done: Callable[[str | None], Any] | None = None,
    ) -> None:
        """Move the claim's verdict to the next one (none → supported → ... → none), saved
        in a thread; `done` gets the new verdict on the event loop."""
        book = self.verdicts
        if book is None:
            self._not_ready()
            return
        self._run(lambda: book.cycle(start, end, claim_id), done or (lambda _: None))
