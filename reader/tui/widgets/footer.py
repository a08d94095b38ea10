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
    keys that fit whole; composed again only when the keys it shows change."""

    _composed: tuple[object, ...] | None = None
    """What the keys were composed from (see `_keys_shown`)."""

    def _keys_shown(self) -> tuple[object, ...]:
        """Everything `Footer.compose` builds the keys from, in its order."""
        if not self._bindings_ready:
            return ()
        palette = self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE
        return (
            palette,
            self.app.COMMAND_PALETTE_BINDING if palette else None,
            *(
                (b.key, self.app.get_key_display(b), b.description, b.action, b.group, on, tip)
                for (_, b, on, tip) in self.screen.active_bindings.values()
                if b.show or (palette and b.key == self.app.COMMAND_PALETTE_BINDING)
            ),
        )

    async def recompose(self) -> None:
        """Textual recomposes the footer on every change of focus or bindings (4-5 times
        per screen shown, each mounting every key again: a third of the CPU of opening
        the ledger); the same keys are kept as they are."""
        if self.is_attached and self._keys_shown() == self._composed:
            return
        await super().recompose()

    def compose(self) -> ComposeResult:
        self._composed = self._keys_shown()
        widgets = list(super().compose())
        if any(isinstance(widget, KeyGroup) for widget in widgets):
            yield from widgets  # grouped keys keep Textual's order
            return
        ordered = sorted(widgets, key=_rank)  # stable: the rest keep their order
        self._fit_widths(ordered, [self._estimate(w) for w in ordered])
        yield from ordered
        self.call_after_refresh(self.fit)  # measured, once laid out

    def _estimate(self, widget: Widget) -> int:
        """A key's width before it is styled: Textual's footer pads " q Quit " (compact:
        "q Quit" and a margin); the palette's key has a bar before it. `fit` measures
        the keys again once they are laid out."""
        if not isinstance(widget, FooterKey):
            return 0
        width = len(widget.key_display) + len(widget.description) + (2 if self.compact else 3)
        return width + 2 if widget.has_class("-command-palette") else width

    def _fit_widths(self, widgets: list[Widget], widths: list[int]) -> None:
        """Show the keys in order while they fit whole beside the palette's key."""
        if self.size.width <= 0:
            return  # not laid out yet: nothing to measure against
        pairs = list(zip(widgets, widths, strict=True))
        room = self.size.width - sum(w for key, w in pairs if key.has_class("-command-palette"))
        used, fits = 0, True
        for widget, width in pairs:
            if not isinstance(widget, FooterKey) or widget.has_class("-command-palette"):
                continue
            fits = fits and used + width <= room
            widget.display = fits
            used += width if fits else 0

    def on_resize(self) -> None:
        """A new width: show the keys that fit now."""
        self.fit()

    def fit(self) -> None:
        """Show the keys, in order, while they fit whole (as drawn) beside the palette's."""
        keys = list(self.query(FooterKey))
        for key in keys:
            key.display = True  # measure each as drawn
        widths = [
            # the palette's key may not be laid out yet after a recompose (0 wide)
            max(key.outer_size.width, self._estimate(key))
            if key.has_class("-command-palette")
            else key.render().cell_len + key.styles.margin.width
            for key in keys
        ]
        self._fit_widths(list(keys), widths)

    @property
    def shown(self) -> list[str]:
        """The labels of the keys shown, left to right, but the palette's (for tests)."""
        keys = self.query(FooterKey)
        return [k.description for k in keys if k.display and not k.has_class("-command-palette")]
