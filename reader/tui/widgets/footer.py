"""The footer, with the keys that matter first (issue 14).

Textual's `Footer` shows the bindings of the focused widget first, then its
parents', then the screen's: at 80 columns the article's and the panel's keys
filled the line and `q Quit`, `a Note` and `L Library` never showed. This
footer shows `FIRST` before the rest, in that order; the rest keep theirs. A key
that does not fit is left out whole, with every key after it (Textual's footer
cut the last one mid-word: `J Next senten`); `?` and the palette list them all.
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
    """`Footer` showing quit, help, the panel, note and library keys first, and only
    keys that fit whole."""

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        if any(isinstance(widget, KeyGroup) for widget in widgets):
            yield from widgets  # grouped keys keep Textual's order
            return
        yield from sorted(widgets, key=_rank)  # stable: the rest keep their order
        self.call_after_refresh(self.fit)

    def on_resize(self) -> None:
        """A new width: show the keys that fit now."""
        self.fit()

    def fit(self) -> None:
        """Show the keys, in order, while they fit whole beside the palette's key."""
        keys = [key for key in self.query(FooterKey) if not key.has_class("-command-palette")]
        palette = self.query(FooterKey).filter(".-command-palette")
        room = self.size.width - sum(key.outer_size.width for key in palette)
        used = 0
        fits = True
        for key in keys:
            width = key.render().cell_len + key.styles.margin.width
            fits = fits and used + width <= room
            key.display = fits
            used += width if fits else 0

    @property
    def shown(self) -> list[str]:
        """The labels of the keys shown, left to right, but the palette's (for tests)."""
        keys = self.query(FooterKey)
        return [k.description for k in keys if k.display and not k.has_class("-command-palette")]
