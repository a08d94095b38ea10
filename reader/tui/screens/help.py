"""The help screen: every active key binding, generated from the bindings.

Invariant: nothing here is hand-written per key; the list is built from the
`active_bindings` of the screen that opened it, so it cannot go stale.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from reader.tui.screens.dialog import Dialog


def binding_rows(bindings: Mapping[str, ActiveBinding]) -> list[tuple[str, str]]:
    """Group keys by action: ``[(keys, description), ...]`` in binding order."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for active in bindings.values():
        binding = active.binding
        if binding.system:
            continue
        label = binding.description or binding.action.replace("_", " ")
        keys = grouped.setdefault((binding.action, label), [])
        shown = active.node.app.get_key_display(binding)
        if shown not in keys:
            keys.append(shown)
    return [(", ".join(keys), label) for (_, label), keys in grouped.items()]


class HelpScreen(Dialog[None]):
    """A table of keys and what they do."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close")]

    def __init__(self, bindings: Mapping[str, ActiveBinding]) -> None:
        """Describe ``bindings`` (as from `Screen.active_bindings`)."""
        super().__init__()
        self.rows = binding_rows(bindings)

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for keys, description in self.rows:
            table.add_row(keys, description)
        table.add_row("", "")
        table.add_row("ctrl+p", "Command palette: every action by name")
        box = VerticalScroll(Static(table), id="help")
        box.border_title = "Keys"
        box.border_subtitle = "↑/↓ scroll · escape to close"
        yield box

    def action_close(self) -> None:
        """Close the help."""
        self.close(None)
