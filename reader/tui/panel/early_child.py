"""The analysis child of a long book, started before its whole text is in.

Invariant: at most one child is started per `EarlyChild`; it is either taken (and
then closed by `analyse_in_process`) or closed here (`discard`), never left running.
Starting it runs in a thread: spawning an interpreter must not hold the event loop.
A local book's child is started with its path as the reader starts (`reader.tui.launch`),
before Textual is even imported: it loads the book on its own and has analysed part of
it by the first frame.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.child_entry import Child

START_WAIT = 10.0
"""Seconds `take` waits for the child's start before giving up on it."""


class EarlyChild:
    """A `child_entry.Child` being started in a thread, for the analysis to take later."""

    def __init__(self) -> None:
        self._future: Future[Child | None] | None = None

    def start(self, path: str | None = None) -> None:
        """Start the child (once): its interpreter, imports and tables load meanwhile;
        given the document's `path`, it loads and analyses the document meanwhile too."""
        if self._future is not None:
            return
        future: Future[Child | None] = Future()
        self._future = future
        thread = threading.Thread(
            target=_start, args=(future, path), name="analysis-child", daemon=True
        )
        thread.start()

    def take(self) -> Child | None:
        """The child, once started (None if it was never asked for or did not start)."""
        future, self._future = self._future, None
        if future is None:
            return None
        try:
            return future.result(timeout=START_WAIT)
        except TimeoutError:
            future.add_done_callback(_close)
            return None

    def discard(self) -> None:
        """Close the child if it was started and never taken (now or once it has started)."""
        future, self._future = self._future, None
        if future is not None:
            future.add_done_callback(_close)


def _start(future: Future[Child | None], path: str | None) -> None:
    try:
        from reader.child_entry import Child

        future.set_result(Child(path=path))
    except Exception:  # noqa: BLE001 - then the analysis starts a child of its own
        future.set_result(None)


def _close(future: Future[Child | None]) -> None:
    child = future.result()
    if child is not None:
        child.close()
