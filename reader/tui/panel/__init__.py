"""The side panel of issue 4: entities, claims, badges, filters and progress.

Invariant: everything here is Textual UI over a finished `Analysis`; the
look-ups live in `index` (plain Python), the drawing in `rows` and `looks`.
Hosts use `SidePanel` and its `EntitySelected` / `ClaimSelected` messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.tui.panel.index import PanelIndex
    from reader.tui.panel.panel import SidePanel

__all__ = ["PanelIndex", "SidePanel"]


def __getattr__(name: str) -> Any:
    """Import lazily, so `reader.tui.panel.index` can be used without loading Textual."""
    if name == "PanelIndex":
        from reader.tui.panel.index import PanelIndex

        return PanelIndex
    if name == "SidePanel":
        from reader.tui.panel.panel import SidePanel

        return SidePanel
    raise AttributeError(name)
