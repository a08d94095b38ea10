"""The reading screen's search line: `/`, a word, enter (or escape).

Textual hands each key to the widget focused when the key is read, and a burst of keys
(a fast typist, a paste, `tmux send-keys`) is read before the first one acts. So in
`/word` enter `n`, the `n` was sent to this line, not to the article, and typed into
the closed line: the jump to the next match was lost.

Invariant: enter and escape close the line at once, in the line's own key handler (the
search runs then too, before any later key); a key that reaches the line once it is
closed is sent again, to the widget that has the focus now.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.widgets import Input

OPEN = "-active"
"""The class the line carries while it is open (shown, taking keys)."""


class SearchLine(Input):
    """An `Input` that calls `submit(value)` on enter and `cancel()` on escape, at once."""

    def __init__(
        self, submit: Callable[[str], object], cancel: Callable[[], object], **kwargs: str
    ) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._submit = submit
        self._cancel = cancel

    @property
    def is_open(self) -> bool:
        """Whether the line is open (see `open`)."""
        return self.has_class(OPEN)

    def open(self) -> None:
        """Show the line, empty (the caller moves the focus to it)."""
        self.add_class(OPEN)
        self.value = ""

    def close(self) -> None:
        """Hide the line (the caller moves the focus away)."""
        self.remove_class(OPEN)

    async def _on_key(self, event: events.Key) -> None:
        if not self.is_open:
            # Typed after enter or escape, in the same burst: not for this line.
            event.stop()
            event.prevent_default()
            if self.screen.focused is not self:  # (`has_focus` changes only after them)
                self.app.post_message(events.Key(event.key, event.character))
            return
        if event.key in ("enter", "escape"):
            event.stop()
            event.prevent_default()
            if event.key == "enter":
                self._submit(self.value)
            else:
                self._cancel()
            return

    async def action_submit(self) -> None:
        """Enter by any other way (a binding, the palette): the same as the key."""
        if self.is_open:
            self._submit(self.value)
