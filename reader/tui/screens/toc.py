"""The table of contents: a modal list of headings that answers an offset.

Invariant: the screen knows headings only as (level, title, offset) and
returns the chosen offset through `dismiss`, or None when cancelled.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.tui.screens.dialog import Dialog

INDENT = "\u00a0\u00a0"
"""Indent per heading level (no-break spaces: the option list strips plain ones)."""


class TocEntry(NamedTuple):
    """One heading in the table of contents."""

    level: int
    """Heading level, 1 for the top."""
    title: str
    """The heading's text."""
    offset: int
    """Offset of the heading in the document text."""


class TocScreen(Dialog[int | None]):
    """Pick a heading; enter jumps to it, escape closes."""

    BINDINGS = [Binding("escape,q,t", "close", "Close")]

    def __init__(self, entries: list[TocEntry]) -> None:
        """List ``entries`` (in document order)."""
        super().__init__()
        self.entries = entries

    def compose(self) -> ComposeResult:
        options = [
            Option(Text(INDENT * (entry.level - 1) + entry.title), id=str(index))
            for index, entry in enumerate(self.entries)
        ]
        toc = OptionList(*options, id="toc")
        toc.border_title = "Contents"
        yield toc

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.close(self.entries[event.option_index].offset)

    def action_close(self) -> None:
        """Close without jumping."""
        self.close(None)
