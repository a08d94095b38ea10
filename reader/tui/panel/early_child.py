"""The analysis child of a long book, started before its whole text is in.

Invariant: at most one child is started per `EarlyChild`; it is either taken (and
then closed by `analyse_in_process`) or closed here (`discard`), never left running.
Starting it runs in a thread: spawning an interpreter must not hold the event loop.
A local book's child is made with its path as the reader starts (`reader.tui.launch`)
and started once the first frame is on screen (`ReaderApp.on_ready`), never before: a
process busy on the other core, even at nice 10, made a bare Textual app's first frame
~20% slower here (two cores that share one machine's caches); it then loads the book
on its own while the UI reads the rest.
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

    def __init__(self, path: str | None = None) -> None:
        """`path`: the document's local file, for the child to load itself."""
        self._path = path
        self._future: Future[Child | None] | None = None
        self._started = False

    def start(self) -> None:
        """Start the child (once): its interpreter, imports and tables load meanwhile;
        given the document's path, it loads and analyses the document meanwhile too."""
        if self._started:
            return
        self._started = True
        future: Future[Child | None] = Future()
        self._future = future
        thread = threading.Thread(
            target=_start, args=(future, self._path), name="analysis-child", daemon=True
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
