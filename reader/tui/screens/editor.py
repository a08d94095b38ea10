"""The note editor: a modal that saves before it closes.

Invariant: the editor closes with a saved `Note` only after the store has
made it durable; the save runs in a thread worker, never on the event loop.
If the save fails the editor stays open with the text intact and says why.
`escape` never drops typed text without asking.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static, TextArea

from reader.errors import StoreError
from reader.notes.model import Note, parse_tags
from reader.safe_text import for_terminal, one_line
from reader.tui.screens.dialog import Dialog

SaveNote = Callable[[str], Note]
"""Saves a body durably and returns the saved note; raises `StoreError` on failure."""


class ConfirmDiscard(Dialog[bool]):
    """Ask before dropping typed text; answers True to discard."""

    DEFAULT_CSS = """
    ConfirmDiscard { align: center middle; }
    ConfirmDiscard > Vertical {
        width: 50; height: auto; padding: 1 2; border: thick $warning; background: $surface;
    }
    ConfirmDiscard Horizontal { height: auto; margin-top: 1; }
    ConfirmDiscard Button { margin-right: 2; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", "Discard"),
        Binding("n,escape", "answer(False)", "Keep editing"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Discard the text you typed? (y / n)")
            with Horizontal():
                yield Button("Discard (y)", id="discard", variant="error")
                yield Button("Keep editing (n)", id="keep", variant="primary")

    AUTO_FOCUS = "#keep"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.close(event.button.id == "discard")

    def action_answer(self, discard: bool) -> None:
        """Close with the answer."""
        self.close(discard)


class NoteEditor(Dialog[Note | None]):
    """Write or edit a note; `ctrl+s` saves (then closes), `escape` cancels."""

    DEFAULT_CSS = """
    NoteEditor { align: center middle; }
    NoteEditor > Vertical {
        width: 80%; max-width: 100; height: auto; max-height: 90%;
        padding: 0 1; border: thick $accent; background: $surface;
    }
    NoteEditor #note-quote { color: $text-muted; text-style: italic; max-height: 4; }
    NoteEditor TextArea { height: 10; }
    NoteEditor #note-tags { color: $accent; height: 1; }
    NoteEditor #note-error { color: $error; text-style: bold; height: auto; }
    NoteEditor #note-help { color: $text-muted; height: 1; }
    """
    BINDINGS = [
        # Not a priority binding: those run as soon as the app reads the key, before the
        # TextArea has taken keys typed just earlier (a paste then ctrl+s would lose them).
        Binding("ctrl+s", "save", "Save note"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, quote: str, save: SaveNote, body: str = "", title: str = "New note"):
        """Edit `body` for the text `quote`; `save` is called in a thread with the new body."""
        super().__init__()
        self.quote = quote
        self.initial = for_terminal(body)  # imported controls are edited as their pictures
        self.save_note = save
        self.heading = title
        self.saving = False
        """True while a save is running (further ctrl+s are ignored)."""

    def compose(self) -> ComposeResult:
        excerpt = one_line(" ".join(self.quote.split()))
        excerpt = excerpt if len(excerpt) <= 300 else excerpt[:297] + "..."
        with Vertical():
            yield Static(f"[b]{self.heading}[/b]", id="note-title")
            yield Static(f"“{excerpt}”", id="note-quote", markup=False)
            yield TextArea(self.initial, id="note-body", soft_wrap=True)
            yield Static("", id="note-tags")
            yield Static("", id="note-error")
            yield Static("ctrl+s save · escape cancel · #word adds a tag", id="note-help")

    AUTO_FOCUS = "#note-body"

    def on_mount(self) -> None:
        # Keys typed fast may have closed the editor before it mounted: nothing to set up.
        for area in self.query(TextArea):
            area.move_cursor(area.document.end)
            self._show_tags()

    def on_key(self, event: events.Key) -> None:
        """Keys typed right after `a`, before the text box has focus, are typed into it."""
        area = self.query_one(TextArea)
        if not area.has_focus and event.is_printable and event.character:
            event.stop()
            area.focus()
            area.insert(event.character)

    @property
    def text(self) -> str:
        """The text typed so far."""
        return self.query_one(TextArea).text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._show_tags()

    def _show_tags(self) -> None:
        tags = parse_tags(self.text)
        label = "tags: " + " ".join(f"#{tag}" for tag in tags) if tags else ""
        self.query_one("#note-tags", Static).update(label)

    def action_save(self) -> None:
        """Save the note (in a thread); the editor closes once it is saved."""
        body = self.text
        if self.saving:
            return  # one save at a time: a second ctrl+s must not store the note twice
        if not body.strip():
            self._show_error("The note is empty: type something, or escape to cancel.")
            return
        self.saving = True
        self.query_one("#note-error", Static).update("Saving…")
        self._save(body)

    def _save(self, body: str) -> None:
        # The app owns the worker, not this screen: closing the editor from inside the
        # worker would otherwise cancel the very worker that is closing it.
        self.app.run_worker(partial(self._save_in_thread, body), thread=True, group="note-save")

    def _save_in_thread(self, body: str) -> None:
        try:
            note = self.save_note(body)
        except StoreError as error:
            self.app.call_from_thread(self._failed, f"Not saved: {error}")
            return
        self.app.call_from_thread(self.close, note)

    def _failed(self, message: str) -> None:
        self.saving = False
        self._show_error(message)

    def _show_error(self, message: str) -> None:
        self.query_one("#note-error", Static).update(Text(one_line(message)))
        self.notify(message, severity="error")

    def action_cancel(self) -> None:
        """Close without saving, asking first if text was typed."""
        if self.saving:
            return  # the save decides: the editor closes when it is done, or shows why not
        if self.text == self.initial or not self.text.strip():
            self.close(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.close(None)

        self.app.push_screen(ConfirmDiscard(), answered)
