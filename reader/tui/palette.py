"""The command palette: Textual's, safe against keys in a burst.

Invariant: behaves as Textual's `CommandPalette` except where a race of Textual 8.2's
ended the app or closed the screen under it (each override says which).
"""

from __future__ import annotations

import contextlib

from textual import work
from textual.await_complete import AwaitComplete
from textual.command import CommandList, CommandPalette
from textual.css.query import NoMatches

from reader.tui.screens.dialog import on_top


class Palette(CommandPalette):
    """Textual's command palette, safe to page through when nothing matches and to close
    with keys in a burst."""

    def dismiss(self, result: object = None) -> AwaitComplete:
        # `Screen.dismiss` pops whatever is on top: two escapes read before the first
        # pop took effect closed the palette, then the reading screen (an empty stack).
        if on_top(self):
            return super().dismiss(result)  # type: ignore[arg-type]
        return AwaitComplete()

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        # Textual 8.2: a search started as the palette is torn down (keys in a burst)
        # finds no command list, and the worker's NoMatches ended the app.
        try:
            await CommandPalette._gather_commands.__wrapped__(self, search_value)  # type: ignore[attr-defined]
        except NoMatches:
            if self.is_attached and self.query(CommandList):
                raise  # the list is there: a real fault, not the race

    def _action_command_list(self, action: str) -> None:
        # Textual 8.2: page up / page down raise KeyError while the list has no lines
        # yet (empty, or not laid out since the last keystroke); paging nothing is a no-op.
        with contextlib.suppress(KeyError):
            super()._action_command_list(action)
