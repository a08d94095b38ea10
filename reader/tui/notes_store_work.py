"""The notes screen's store calls: run in a thread worker under one lock, never on the
event loop, with the result (or the error) handed back to the loop as a message.

`NotesStoreWork` is a mixin for `NotedReadingScreen` (see `reader.tui.notes_screen`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from textual import work
from textual.message import Message

from reader.errors import StoreError

if TYPE_CHECKING:
    # The store (tinydb, filelock) is imported when first needed, after the first frame.
    from reader.notes.store import NoteStore
    from reader.tui.reading_screen import ReadingScreen

    _Base = ReadingScreen
else:
    _Base = object

T = TypeVar("T")


class StoreDone(Message):
    """A store call made in a thread has finished; run `callback(value)` on the loop."""

    bubble = False

    def __init__(self, callback: Callable[[Any], Any], value: Any) -> None:
        super().__init__()
        self.callback = callback
        """What to do with the result."""
        self.value = value
        """The result (or the error message for `notify_error`)."""


class NotesStoreWork(_Base):
    """Store access for the notes screen: `_run` a job in a thread, `locked` in one."""

    store_path: str | None
    _lock: threading.Lock
    _warned: int

    @cached_property
    def store(self) -> NoteStore:
        """The note store (nothing is read until first use; see `NoteStore`)."""
        from reader.notes.store import NoteStore

        return NoteStore(db=self.store_path)

    def _run(
        self,
        job: Callable[[], T],
        done: Callable[[T], Any],
        failed: Callable[[str], Any] | None = None,
    ) -> None:
        """Run `job` in a thread under the store lock, then `done` (or `failed` with the
        error message; by default it is shown) on the event loop."""
        self._worker(job, done, failed or self.notify_error)

    @work(thread=True, group="notes")
    def _worker(
        self, job: Callable[[], Any], done: Callable[[Any], Any], failed: Callable[[str], Any]
    ) -> None:
        # Results go back as messages, not call_from_thread: posting never blocks, and a
        # save finishing as the app closes is simply not shown (it is saved all the same).
        try:
            result = self.locked(job)
        except StoreError as error:
            self.post_message(StoreDone(failed, str(error)))
            return
        self.post_message(StoreDone(done, result))

    def on_store_done(self, message: StoreDone) -> None:
        """Show any new store warnings, then hand the result to its callback."""
        self._show_warnings()
        message.callback(message.value)

    def notify_error(self, message: str) -> None:
        """Show a store error (the text the reader typed is kept by the caller)."""
        self.notify(message, severity="error", timeout=15)

    def _show_warnings(self) -> None:
        """Tell the reader about store trouble (a damaged file set aside) once each."""
        for warning in self.store.warnings[self._warned :]:
            self.notify(warning, severity="warning", timeout=15)
        self._warned = len(self.store.warnings)

    def locked(self, job: Callable[[], T]) -> T:
        """Run `job` holding the store lock (call from a thread, not the event loop)."""
        with self._lock:
            return job()
