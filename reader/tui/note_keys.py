"""The note keys of the notes screen: write, edit, delete, undo and jump to notes.

`NoteKeys` is a mixin for `NotedReadingScreen` (see `reader.tui.notes_screen`), which
binds the keys: `a` note the sentence (or the `v` selection), `e` edit and `d` delete
the note under the cursor, `u` undo the delete, `}` / `{` next / previous note, `L` the
library. Any `NotesList` in the screen is kept filled. Every change is saved through
the store worker (`NotesStoreWork`), then the marks are redrawn from what is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reader.tui.notes_tab import NotesList

if TYPE_CHECKING:
    # The store and the editor are imported when first needed, after the first frame.
    from reader.notes.model import Note
    from reader.notes.session import ArticleNotes, PlacedNote
    from reader.tui.notes_store_work import NotesStoreWork

    _Base = NotesStoreWork
else:
    _Base = object


class NoteKeys(_Base):
    """The note actions and the notes list's events, for `NotedReadingScreen`."""

    notes: ArticleNotes | None
    unavailable: str
    _marked: bool
    _retry: Callable[[], Any] | None

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
