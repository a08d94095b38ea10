"""A modal screen that closes once, however fast the keys come.

`Screen.dismiss` pops whatever screen is on top: two `escape`s read before
the first pop has been drawn would close the dialog and then the screen under
it (or empty the stack: a crash). Every modal of the reader derives from
`Dialog` and closes through `close`, which does nothing once the dialog has
left the top of the stack.
"""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen, Screen

ResultType = TypeVar("ResultType")


def on_top(screen: Screen[object]) -> bool:
    """True while ``screen`` is the one `dismiss` would pop (so closing it is safe)."""
    return screen.is_attached and screen.app.screen is screen


class Dialog(ModalScreen[ResultType]):
    """A modal screen whose `close` is idempotent."""

    def close(self, result: ResultType | None = None) -> None:
        """Dismiss with ``result`` if this dialog is still the top screen; else nothing."""
        if on_top(self):
            self.dismiss(result)
