"""The notes tab: a list of this article's notes (orphans last) that jumps to each.

Invariant: the list shows exactly the `PlacedNote`s it was last given, in that
order; it never reads the store. Choosing a row posts `NotesList.Chosen`; the
reading screen scrolls there (and keeps every `NotesList` filled). `NotesTab`
puts it in the side panel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.safe_text import one_line
from reader.tui.panel.tabs import PanelTab

if TYPE_CHECKING:  # hints only: the notes store is imported after the first frame
    from reader.notes.session import PlacedNote

QUOTE_WIDTH = 60
"""Characters of the quoted text shown per row."""


class NotesList(OptionList):
    """This article's notes; `enter` jumps to one."""

    BINDINGS = [
        Binding("down,j", "cursor_down", "Next note in the list", show=False),
        Binding("up,k", "cursor_up", "Previous note in the list", show=False),
        Binding("enter", "select", "Go to the note (edit an orphan)", show=False),
    ]
    DEFAULT_CSS = """
    NotesList { height: 1fr; border: none; }
    NotesList > .option-list--option-disabled { color: $reader-muted; }
    """

    class Chosen(Message):
        """The reader chose a note in the list."""

        def __init__(self, placed: PlacedNote) -> None:
            super().__init__()
            self.placed = placed
            """The note and its span (None for an orphan)."""

    class Ready(Message):
        """The list is mounted and wants the notes (it may mount after they loaded)."""

        def __init__(self, notes_list: NotesList) -> None:
            super().__init__()
            self.notes_list = notes_list
            """The list to fill."""

    def __init__(self, **kwargs: object) -> None:
        """An empty list until `show` is called."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._placed: list[PlacedNote] = []

    def show(self, placed: list[PlacedNote]) -> None:
        """Replace the rows with `placed` (keeps the highlighted row's position)."""
        highlighted = self.highlighted
        self._placed = list(placed)
        self.clear_options()
        if not placed:
            self.add_option(Option(Text("No notes yet: press a on a sentence."), disabled=True))
            return
        self.add_options([Option(_row(p), id=p.note.id) for p in placed])
        if highlighted is not None:
            self.highlighted = min(highlighted, len(placed) - 1)

    def on_mount(self) -> None:
        self.show(self._placed)
        self.post_message(self.Ready(self))

    @property
    def notes(self) -> list[PlacedNote]:
        """The notes shown, in row order."""
        return list(self._placed)

    @property
    def current(self) -> PlacedNote | None:
        """The highlighted note, if any."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self._placed):
            return None
        return self._placed[index]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self._placed):
            self.post_message(self.Chosen(self._placed[event.option_index]))


def _row(placed: PlacedNote) -> Text:
    note = placed.note
    quote = one_line(" ".join(note.anchor.exact.split()))
    quote = quote if len(quote) <= QUOTE_WIDTH else quote[: QUOTE_WIDTH - 1] + "…"
    body = one_line(" ".join(note.body.split()))
    row = Text()
    if placed.span is None:
        row.append("orphan", "bold reverse")  # readable in any theme, unlike a fixed colour
        row.append(" ")
    row.append(f"“{quote}”\n", "italic")
    row.append(body)
    return row


class NotesTab(PanelTab):
    """The Notes tab: this article's notes."""

    TITLE = "Notes"
    ID = "notes"

    def compose(self) -> ComposeResult:
        yield NotesList(id="notes-list")
