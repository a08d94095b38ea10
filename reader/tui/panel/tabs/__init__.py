"""The side panel's tabs: one module per tab, each a `PanelTab`.

Invariant: a tab is a `TabPane` with a fixed title and id that composes its own
list and says which widget takes the focus when the tab is shown; it never reads
the store or runs the analysis (the panel and the screen fill it).
"""

from __future__ import annotations

from typing import ClassVar

from textual.widget import Widget
from textual.widgets import TabPane


class PanelTab(TabPane):
    """One tab of the side panel."""

    TITLE: ClassVar[str] = ""
    """The tab's label."""
    ID: ClassVar[str] = ""
    """The pane's id (`SidePanel.action_show_tab` takes it)."""
    HELP_TITLE: ClassVar[str] = "Panel"
    """The heading of the tab's keys in the help: "Panel: Claims tab" (set per subclass)."""

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)  # type: ignore[arg-type]
        cls.HELP_TITLE = f"Panel: {cls.TITLE} tab"

    def __init__(self) -> None:
        """A tab titled `TITLE` with id `ID`."""
        super().__init__(self.TITLE, id=self.ID)

    def focus_target(self) -> Widget | None:
        """The widget to focus when the tab is shown (default: its first focusable)."""
        return next((w for w in self.query("*") if w.focusable), None)
