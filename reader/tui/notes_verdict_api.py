"""The claim verdict API of the notes screen, for the side panel.

`VerdictAPI` is a mixin for `NotedReadingScreen` (see `reader.tui.notes_screen`): the
verdicts load with the notes, in a thread, just after the first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.notes.verdicts import VerdictBook
    from reader.tui.note_keys import NoteKeys

    _Base = NoteKeys
else:
    _Base = object


class VerdictAPI(_Base):
    """`when_verdicts_loaded`, `verdict_at` and `cycle_verdict` for the side panel."""

    verdicts: VerdictBook | None
    unavailable: str
    _verdict_waiters: list[Callable[[], Any]]

    def when_verdicts_loaded(self, callback: Callable[[], Any]) -> None:
        """Run `callback` once the verdicts are loaded (now, if they are already)."""
        if self.verdicts is not None:
            callback()
        elif not self.unavailable:
            self._verdict_waiters.append(callback)

    def verdict_at(self, start: int, end: int) -> str | None:
        """The reader's verdict on the claim at `start..end`, if any."""
        return self.verdicts.get(start, end) if self.verdicts else None

    def cycle_verdict(
        self,
        start: int,
        end: int,
        claim_id: str | None = None,
        done: Callable[[str | None], Any] | None = None,
    ) -> None:
        """Move the claim's verdict to the next one (none → supported → ... → none), saved
        in a thread; `done` gets the new verdict on the event loop."""
        book = self.verdicts
        if book is None:
            self._not_ready()
            return
        self._run(lambda: book.cycle(start, end, claim_id), done or (lambda _: None))
