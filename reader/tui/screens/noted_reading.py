"""The reading screen with notes: keys to write, edit, delete and jump to notes.

Invariant: the screen holds no store state; its `ArticleSession` (`reader.tui.session`,
plain Python) owns the store, the lock, the notes, the verdicts and why notes are off,
and runs every store call in a thread worker of this screen. The marks, tint and notes
list are redrawn from `ArticleNotes.placed` after each saved change, so the screen
shows what is saved. The reading position is saved as a text offset (debounced while
reading, and once more when the screen closes) and restored on open.

Keys: `a` note the sentence (or the `v` selection), `e` edit and `d` delete
the note under the cursor, `u` undo the delete, `}` / `{` next / previous note,
`L` the library. Any `NotesList` in the screen is kept filled.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from textual import work
from textual.binding import Binding
from textual.timer import Timer

from reader.document.model import Document
from reader.tui.panel.wiring import ReadingBody
from reader.tui.screens.reading import ArticleBody, Found, ReadingScreen
from reader.tui.screens.reading_messages import LibraryKept, StoreDone
from reader.tui.session import ArticleSession
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.layout import Layout
from reader.tui.widgets.reading_place import ReadingPlace

if TYPE_CHECKING:
    # The store and the editor are imported when first needed, after the first frame.
    from reader.analysis.model import Analysis
    from reader.notes.model import Note
    from reader.notes.session import ArticleNotes, PlacedNote
    from reader.tui.app import ReaderApp
    from reader.tui.panel.early_child import EarlyChild
    from reader.tui.panel.tabs.notes import NotesList

__all__ = ["POSITION_DELAY", "NotedReadingScreen", "StoreDone"]

POSITION_DELAY = 1.0
"""Seconds of stillness before the reading position is saved."""
INDEX_DELAY = 2.0
"""Seconds after the notes opened before the text goes to the search index (in a thread:
keys typed on opening must not wait for it)."""


class NotedReadingScreen(ReadingScreen):
    """`ReadingScreen` plus notes, verdicts and the saved reading position."""

    DEFAULT_CSS = """
    NotedReadingScreen ArticleView > .article-view--note { background: $reader-note; }
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
        found: Found | None = None,
        whole: Callable[[], Document] | None = None,
        early: EarlyChild | None = None,
    ):
        """Read `document`, loaded from `origin` (the path or URL given), with notes in `db`;
        `position` is the saved place, shown from the first frame (see `notes.peek`);
        `found` a library search's matches to step through; with `whole`, `document` is
        the head and the notes open with the whole text (`early`: its analysis child)."""
        super().__init__(document, found, whole=whole, early=early)
        self.position = position
        self._origin, self._db = origin, db
        self.session = self._session(document)
        """The article's notes and verdicts (see `reader.tui.session`)."""
        self.place: ReadingPlace | None = None
        """The reader's place, once the article view exists."""
        self._position_timer: Timer | None = None
        self._marked = False  # whether this screen has put note marks in the margin

    def on_mount(self) -> None:
        # ReadingScreen.on_mount has run already (Textual calls each class's handler).
        self.place = ReadingPlace(self.article)
        self.place.start(self.position)
        self.watch(self.article, "scroll_y", self._position_moved, init=False)
        # After the first frame: the store's imports and the worker thread would
        # otherwise compete with the first paint.
        if self.whole is None:  # else once the whole text is in (`whole_loaded`)
            self.call_after_refresh(self._start_notes)

    def _session(self, document: Document) -> ArticleSession:
        return ArticleSession(
            document,
            self._origin or document.source,
            self._db,
            run_in_thread=self._in_thread,
            hand_back=lambda outcome: self.post_message(StoreDone(outcome)),
            report_error=self.notify_error,
        )

    def whole_loaded(self, document: Document, layout: Layout) -> None:
        """The whole text is in: the notes open on it (never on the head)."""
        super().whole_loaded(document, layout)
        self.session = self._session(document)
        self._start_notes()

    @property
    def reader_app(self) -> ReaderApp:
        """The app, which opens the other screens."""
        return cast("ReaderApp", self.app)

    # -- the store, through the session ------------------------------------------------

    @work(thread=True, group="notes")
    def _in_thread(self, job: Callable[[], None]) -> None:
        # Results go back as messages, not call_from_thread: posting never blocks, and a
        # save finishing as the app closes is simply not shown (it is saved all the same).
        job()

    def on_store_done(self, message: StoreDone) -> None:
        """Show any new store warnings, then hand the result to its callback."""
        for warning in self.session.new_warnings():
            self.notify(warning, severity="warning", timeout=15)
        self.session.finish(message.outcome)

    def notify_error(self, message: str) -> None:
        """Show a store error (the text the reader typed is kept by the caller)."""
        self.notify(message, severity="error", timeout=15)

    def _start_notes(self) -> None:
        self.session.open(self._opened, self._open_failed)

    def _open_failed(self, message: str) -> None:
        self.notify_error(f"Notes are off for this article: {message}")

    def _opened(self) -> None:
        notes = self.session.notes
        assert notes is not None
        saved = notes.article.position
        place = self.place
        if place is not None and not self.position and saved and place.at_start():
            place.restore(saved)  # not known before the first frame, and the reader is still
        self._show_notes()
        # The search index (issue 15) gets the text once the reader has settled in and
        # the analysis is over: a book's would compete with it for the cores, and both at
        # once (a 30 MB text's record and the child's copy) would double the peak memory.
        index = lambda: self._in_thread(self.session.index_text)  # noqa: E731
        self.set_timer(INDEX_DELAY, lambda: self.query_one(ArticleBody).when_settled(index))
        if notes.orphans:
            count = len(notes.orphans)
            self.notify(f"{count} note(s) no longer match the text; they are kept as orphans.")

    # -- verdicts, for the side panel --------------------------------------------------

    @property
    def body(self) -> ReadingBody:
        """The article and its side panel."""
        return self.query_one(ReadingBody)

    def on_reading_body_analysed(self, event: ReadingBody.Analysed) -> None:
        self.session.when_verdicts_loaded(lambda: self.body.show_verdicts(self.session.verdict_at))
        # After the filled panel's frame: storing a book's analysis holds the interpreter
        # for seconds in its thread, and the frame waited ~0.9 s for it.
        keep = lambda: self.call_after_refresh(self._keep_in_library, event.analysis)  # noqa: E731
        self.session.when_verdicts_loaded(keep)

    @work(thread=True, group="library", exit_on_error=False, description="library")
    def _keep_in_library(self, analysis: Analysis) -> None:
        """Keep the analysis in the library (the ledger), in a thread of its own: not
        under the notes' lock, so a note save never waits for it. A long document's is
        kept from a child process (`reader.tui.library_child`: storing a book's claims
        was the UI process's peak memory)."""
        notes = self.session.notes
        if notes is None:
            return
        from reader.tui.library_child import keep

        warning, across = keep(self.session.db, analysis, notes.article, self.session.origin)
        self.post_message(LibraryKept(warning, across))

    def on_library_kept(self, message: LibraryKept) -> None:
        if self.body.analysis is not None:
            self.body.panel.show_across(message.across)
        if message.warning:
            self.notify(message.warning, severity="warning", timeout=10)

    def set_verdict(self, wanted: ReadingBody.VerdictWanted) -> None:
        """Move the wanted claim's verdict on, saved in a thread, then show it."""
        claim = wanted.claim
        if claim is None:
            self.notify(f"Verdicts go on claims: {wanted.hint}.", timeout=3)
            return
        done = lambda verdict: self.body.verdict_saved(claim, verdict)  # noqa: E731
        if not self.session.cycle_verdict(claim.start, claim.end, claim.id, done):
            self._not_ready()

    # -- drawing -------------------------------------------------------------------------

    def _show_notes(self) -> None:
        notes = self.session.notes
        if notes is None:
            return
        spans = notes.spans
        if spans or self._marked:  # with no notes, leave the margin to others
            self._marked = bool(spans)
            self.article.set_marks(spans)
            self.article.set_highlights("note", spans, "article-view--note")
        from reader.tui.panel.tabs.notes import NotesList

        for notes_list in self.query(NotesList):
            notes_list.show(notes.placed)

    # -- keys ------------------------------------------------------------------------------

    def _ready(self, retry: Callable[[], Any] | None = None) -> ArticleNotes | None:
        """The notes, or None after saying why; `retry` runs once they have loaded."""
        if self.session.notes is None:
            self._not_ready(retry)
        return self.session.notes

    def _not_ready(self, retry: Callable[[], Any] | None = None) -> None:
        if self.session.unavailable:
            self.notify_error(f"Notes are off for this article: {self.session.unavailable}")
        elif retry is not None:
            # The store opens just after the first frame: a key pressed that early
            # is kept and acted on once the notes are there.
            self.session.hold(retry)
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
        from reader.tui.panel.tabs.notes import NotesList

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
        session, span = self.session, self._cursor_span()
        if session.unavailable:
            self._not_ready()
            return
        if span is None:
            self.notify("Move to a sentence first (J / K).", severity="warning")
            return
        start, end = span
        from reader.tui.screens.editor import NoteEditor

        def save(body: str) -> Note:
            # The editor opens at once, even while the notes load: what is typed is kept.
            notes = session.wait_for_notes()
            return session.locked(lambda: notes.add(start, end, body))

        editor = NoteEditor(self.document.text[start:end], save)
        self.app.push_screen(editor, lambda note: self._saved(note, "Note saved."))

    def action_edit_note(self) -> None:
        """Edit the note under the cursor."""
        found = self._note_under_cursor()
        if found is not None:
            self.edit(found.note, "Edit note" if found.span else "Edit orphan note")

    def edit(self, note: Note, title: str = "Edit note") -> None:
        """Open the editor on `note` (placed or orphan); it saves before closing."""
        notes = self.session.notes
        if notes is None:
            return
        from reader.tui.screens.editor import NoteEditor

        save = lambda body: self.session.locked(lambda: notes.edit(note, body))  # noqa: E731
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
        found, notes = self._note_under_cursor(), self.session.notes
        if found is None or notes is None:
            return
        note = found.note
        self.session.run(
            lambda: notes.delete(note), lambda _: self._changed("Note deleted: u to undo.")
        )

    def action_undo_delete(self) -> None:
        """Bring back the last deleted note."""
        notes = self._ready()
        if notes is not None:
            self.session.run(notes.undo_delete, self._undone)

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
        if self.session.notes is not None:
            event.notes_list.show(self.session.notes.placed)

    def on_notes_list_chosen(self, event: NotesList.Chosen) -> None:
        if event.placed.span is not None:
            self.go_to(event.placed.span[0])
        else:
            self.edit(event.placed.note, "Edit orphan note")

    def article_id(self) -> str | None:
        """The note store's id of this article, once the notes are open."""
        return self.session.notes.article.id if self.session.notes else None

    def action_library(self) -> None:
        """Go (back) to the library of articles."""
        self.reader_app.show_library()

    # -- reading position (see ReadingPlace) ------------------------------------------------

    def on_article_view_cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        self._position_moved()

    def _position_moved(self) -> None:
        if self.session.notes is None or self.place is None:
            return  # not opened yet: restoring the saved place must not overwrite it
        self.place.moved()
        if self._position_timer is not None:
            self._position_timer.stop()
        self._position_timer = self.set_timer(POSITION_DELAY, self._save_position)

    def _save_position(self) -> None:
        offset = self.place.unsaved() if self.place else None
        if offset is not None:
            self.session.save_position(offset)

    def on_unmount(self) -> None:
        # The screen is closing: one last small durable write, so the place is never lost.
        offset = self.place.unsaved() if self.place else None
        if offset is not None:
            self.session.save_position_now(offset)
