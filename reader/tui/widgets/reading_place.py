"""The reader's place in an article: a text offset, restored on open, saved when still.

Invariant: the place is a character offset into `Document.text` (the start of
the cursor sentence when it is on screen, else the offset of the top row),
never a row, so it survives a different terminal width. `ReadingPlace` only
computes and remembers the place; the screen decides when to save it and
does the saving off the event loop.
"""

from __future__ import annotations

from reader.tui.widgets.article_view import ArticleView


class ReadingPlace:
    """Tracks where the reader is in one `ArticleView`."""

    def __init__(self, view: ArticleView) -> None:
        """Follow `view`."""
        self.view = view
        self._offset: int | None = None
        self._saved: int | None = None

    def current(self) -> int:
        """The place now: the cursor sentence if it is on screen, else the top row."""
        view = self.view
        if view.cursor_sentence >= 0:
            start = view.document.sentences[view.cursor_sentence].start
            row, top = view.layout.row_of(start), round(view.scroll_y)
            if top <= row < top + view.viewport_height:
                return start
        return view.top_offset

    def start(self, offset: int) -> None:
        """Open at the saved `offset` before the first frame (the view is not laid out)."""
        if 0 < offset < len(self.view.document.text):
            self.view.start_at(offset)
            self.view.move_cursor_to_offset(offset)
        self._offset = self._saved = offset

    def at_start(self) -> bool:
        """True while the view shows the top with no cursor moved (the reader has not moved)."""
        return round(self.view.scroll_y) == 0 and self.view.cursor_sentence <= 0

    def restore(self, offset: int) -> None:
        """Show `offset` at the top with the cursor on its sentence (a saved place)."""
        if 0 < offset < len(self.view.document.text):
            self.view.scroll_to_offset(offset, center=False)
            self.view.move_cursor_to_offset(offset)
        self._offset = self._saved = offset

    def moved(self) -> None:
        """Remember the place after the reader moved."""
        self._offset = self.current()

    def unsaved(self) -> int | None:
        """The remembered place if it was not saved yet (it now counts as saved)."""
        if self._offset is None or self._offset == self._saved:
            return None
        self._saved = self._offset
        return self._offset
