"""How wide the side panel is: its share of the screen until the reader resizes it, the
bounds of `<` / `>`, and the width below which it takes turns with the article.

Invariant: no widgets and no imports here; `ReadingBody` (`reader.tui.panel.wiring`)
applies them.
"""

from __future__ import annotations

PANEL_WIDTH = (24, 100)
"""Narrowest and widest the panel may be made with `<` / `>`."""

PANEL_SHARE = 0.38
"""Share of the screen width the panel takes until the reader resizes it."""


def default_width(screen_width: int) -> int:
    """The panel's width on a screen this wide: 30 at 80 columns, 60 at most."""
    return min(max(round(screen_width * PANEL_SHARE), 28), 60)


NARROW_WIDTH = 100
"""Below this many columns the panel does not squeeze the article: it is a full-width
view that `tab` / `p` swaps with the article (issue 14)."""
