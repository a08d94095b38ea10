"""The footer, with the keys that matter first (issue 14).

Textual's `Footer` shows the bindings of the focused widget first, then its
parents', then the screen's: at 80 columns the article's and the panel's keys
filled the line and `q Quit`, `a Note` and `L Library` never showed. This
footer shows `FIRST` before the rest, in that order; the rest keep theirs.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, KeyGroup

FIRST = ("quit", "help", "toggle_panel", "annotate", "library", "search")
"""Actions shown first, most wanted first (without their `app.` / `screen.` namespace)."""


def _rank(widget: Widget) -> int:
    if not isinstance(widget, FooterKey) or widget.has_class("-command-palette"):
        return len(FIRST) + 1 if widget.has_class("-command-palette") else len(FIRST)
    action = widget.action.rpartition(".")[2]
    return FIRST.index(action) if action in FIRST else len(FIRST)


class ReaderFooter(Footer):
    """`Footer` showing quit, help, the panel, note and library keys first."""

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        if any(isinstance(widget, KeyGroup) for widget in widgets):
            yield from widgets  # grouped keys keep Textual's order
            return
        yield from sorted(widgets, key=_rank)  # stable: the rest keep their order
