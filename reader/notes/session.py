"""One open article's notes: placed on its current text, kept in step with the store.

Invariant: `ArticleNotes` changes its in-memory list only after the store has
made the change durable, so what the screen shows is what is saved. Every
note of the article is in `placed`, placed or orphan (`span is None`); an
orphan is never dropped.

Re-anchoring is stored: when the notes are placed on the text (`open`,
`reload`), every note that moved gets its new anchor (offsets, quote and
context of the text it sits on now) and every note that no longer fits is
marked `orphan`, in one durable write to the article's file, so `notes list`,
the export and the Notes tab show where the notes are now. An orphan keeps its
last anchor, so it is found again if the text comes back. Plain Python: the
TUI calls these methods from a thread worker, never on the event loop.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace

from reader.errors import StoreError
from reader.notes.anchor import anchor_for, place
from reader.notes.model import Article, Note
from reader.notes.store import NoteStore


@dataclass(frozen=True, slots=True)
class PlacedNote:
    """A note and where it sits in the current text."""

    note: Note
    """The stored note."""
    span: tuple[int, int] | None
    """Its span in the current text, or None for an orphan."""


class ArticleNotes:
    """The notes of one article as the reader sees them."""

    def __init__(
        self,
        store: NoteStore,
        article: Article,
        text: str,
        pages: Sequence[int] | None = None,
    ) -> None:
        """Load and place the article's notes on `text`; ``pages``: its page map
        (`Document.pages`, empty for a format without pages; None: not known, so a
        note keeps the page its anchor says)."""
        self.store = store
        self.article = article
        self.text = text
        self.pages = pages
        self.placed: list[PlacedNote] = []
        self._deleted: list[Note] = []
        self.reload()

    @classmethod
    def open(
        cls,
        store: NoteStore,
        source: str,
        text: str,
        title: str = "",
        pages: Sequence[int] | None = None,
    ) -> ArticleNotes:
        """Record the article as opened (durably) and load its notes."""
        return cls(store, store.open_article(source, text, title), text, pages)

    def reload(self) -> None:
        """Re-read the notes from the store (another window may have written), place
        them on the text and store the anchors that changed (see the module doc).

        A failure to store them is reported as a store warning: the notes are still
        shown where they are, and the next open tries again.
        """
        stored = self.store.notes(self.article.id)
        placed = [self._place(note) for note in stored]
        moved = [p.note for p, old in zip(placed, stored, strict=True) if p.note != old]
        if moved:
            try:
                self.store.save_anchors(self.article.id, moved)
            except StoreError as error:
                self.store.warn(f"could not store where the notes sit now: {error}")
        self.placed = sorted(placed, key=_order)

    def _place(self, note: Note) -> PlacedNote:
        """`note` placed on the text, with its anchor and orphan flag as they are now."""
        found = place(note.anchor, self.text)
        if found is None or found.end <= found.start:
            return PlacedNote(replace(note, orphan=True) if not note.orphan else note, None)
        if self.pages is None:
            anchor = replace(anchor_for(self.text, found.start, found.end), page=note.anchor.page)
        else:
            anchor = anchor_for(self.text, found.start, found.end, self.pages)
        if anchor != note.anchor or note.orphan:
            note = replace(note, anchor=anchor, orphan=False)
        return PlacedNote(note, (found.start, found.end))

    # -- changes --------------------------------------------------------

    def add(self, start: int, end: int, body: str) -> Note:
        """Save a note on `text[start:end]`."""
        anchor = anchor_for(self.text, start, end, self.pages or ())
        note = self.store.add_note(self.article.id, anchor, body)
        self._insert(PlacedNote(note, (start, end)))
        return note

    def edit(self, note: Note, body: str) -> Note:
        """Save a new body for `note`."""
        changed = self.store.update_note(note, body)
        self.placed = [
            PlacedNote(changed, p.span) if p.note.id == note.id else p for p in self.placed
        ]
        return changed

    def delete(self, note: Note) -> None:
        """Delete `note`; `undo_delete` brings it back."""
        self.store.delete_note(note)
        self._deleted.append(note)
        self.placed = [p for p in self.placed if p.note.id != note.id]

    def undo_delete(self) -> Note | None:
        """Restore the last deleted note, if any."""
        if not self._deleted:
            return None
        placed = self._place(self._deleted.pop())
        self.store.put_note(placed.note)
        self._insert(placed)
        return placed.note

    def save_position(self, offset: int) -> None:
        """Save the reading position (a text offset)."""
        self.store.set_position(self.article.id, offset)

    # -- queries --------------------------------------------------------

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Spans of the placed notes, in text order."""
        return [p.span for p in self.placed if p.span is not None]

    @property
    def orphans(self) -> list[Note]:
        """Notes that could not be placed on the current text."""
        return [p.note for p in self.placed if p.span is None]

    def at(self, start: int, end: int) -> PlacedNote | None:
        """The first placed note overlapping `start..end`."""
        for placed in self.placed:
            if placed.span and placed.span[0] < end and start < placed.span[1]:
                return placed
        return None

    def next_after(self, offset: int) -> PlacedNote | None:
        """The first placed note starting after `offset` (wrapping to the first)."""
        starts = [span[0] for span in self.spans]
        if not starts:
            return None
        index = bisect_right(starts, offset)
        return self._placed_only()[index % len(starts)]

    def previous_before(self, offset: int) -> PlacedNote | None:
        """The last placed note starting before `offset` (wrapping to the last)."""
        starts = [span[0] for span in self.spans]
        if not starts:
            return None
        index = bisect_right(starts, offset - 1) - 1
        return self._placed_only()[index % len(starts)]

    def _placed_only(self) -> list[PlacedNote]:
        return [p for p in self.placed if p.span is not None]

    def _insert(self, placed: PlacedNote) -> None:
        self.placed = sorted([*self.placed, placed], key=_order)


def _order(placed: PlacedNote) -> tuple[int, int, str]:
    """Placed notes in text order, orphans last."""
    if placed.span is None:
        return (1, placed.note.anchor.start, placed.note.created)
    return (0, placed.span[0], placed.note.created)
