"""The open article's session with the note store: notes, verdicts, the lock, the saves.

Invariant: plain Python, no Textual. Every store call runs through `run`: the job
is handed to the injected `run_in_thread` and executed there under one lock; its
`Outcome` (a value or an error message, never a callable) goes back through the
injected `hand_back`, and the loop calls `finish` with it, which runs the caller's
callback. So the store is never touched on the event loop, and a test can drive a
session with two plain functions.

The session also knows why notes are off (`unavailable`), keeps one note key pressed
before the store opened (`hold`) and the callers waiting for the verdicts.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from reader.errors import ReaderError, StoreError

if TYPE_CHECKING:
    # The store (tinydb, filelock) is imported when first needed, after the first frame.
    from reader.document.model import Document
    from reader.notes.session import ArticleNotes
    from reader.notes.store import NoteStore
    from reader.notes.verdicts import VerdictBook

T = TypeVar("T")

Callback = Callable[[Any], Any]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a store job came to: its `value`, or the `error` message of a `StoreError`."""

    ticket: int
    """Which `run` call this answers."""
    value: Any = None
    """The job's result (None after an error)."""
    error: str | None = None
    """The error message, when the job raised a `StoreError`."""


class ArticleSession:
    """One article's notes and verdicts, read and saved off the event loop."""

    def __init__(
        self,
        document: Document,
        origin: str,
        db: str | None,
        *,
        run_in_thread: Callable[[Callable[[], None]], Any],
        hand_back: Callable[[Outcome], Any],
        report_error: Callable[[str], Any],
    ) -> None:
        """A session for `document`, loaded from `origin`, with notes in `db`.

        `run_in_thread(job)` runs `job()` in a worker thread; `hand_back(outcome)` is called
        from that thread and must get `finish(outcome)` called on the event loop;
        `report_error(message)` shows a store error (the default `failed` of `run`)."""
        self.document = document
        self.origin = origin
        self.db = db
        self.notes: ArticleNotes | None = None
        """The article's notes, once loaded."""
        self.verdicts: VerdictBook | None = None
        """The article's claim verdicts, once loaded."""
        self.unavailable = ""
        """Why the store could not be opened (empty while loading or when it worked)."""
        self._run_in_thread = run_in_thread
        self._hand_back = hand_back
        self._report_error = report_error
        self._lock = threading.Lock()
        self._tickets = itertools.count()
        self._pending: dict[int, tuple[Callback, Callable[[str], Any]]] = {}
        self._warned = 0  # store warnings already handed out
        self._retry: Callable[[], Any] | None = None  # a note key pressed while loading
        self._verdict_waiters: list[Callable[[], Any]] = []
        self._settled = threading.Event()  # set once the notes opened or failed to

    @cached_property
    def store(self) -> NoteStore:
        """The note store (nothing is read until first use; see `NoteStore`)."""
        from reader.notes.store import NoteStore
        from reader.search import watch

        watch()  # notes saved here update the search index (issue 15)
        return NoteStore(db=self.db)

    # -- running store jobs ---------------------------------------------------------

    def run(
        self,
        job: Callable[[], T],
        done: Callable[[T], Any],
        failed: Callable[[str], Any] | None = None,
    ) -> None:
        """Run `job` in a thread under the store lock, then `done(result)` (or
        `failed(message)`; by default the error is reported) once `finish` is called."""
        ticket = next(self._tickets)
        self._pending[ticket] = (done, failed or self._report_error)
        self._run_in_thread(lambda: self._work(ticket, job))

    def _work(self, ticket: int, job: Callable[[], Any]) -> None:
        try:
            outcome = Outcome(ticket, value=self.locked(job))
        except StoreError as error:
            outcome = Outcome(ticket, error=str(error))
        self._hand_back(outcome)

    def finish(self, outcome: Outcome) -> None:
        """On the loop: hand a job's result (or error) to the callback given to `run`."""
        callbacks = self._pending.pop(outcome.ticket, None)
        if callbacks is None:
            return
        done, failed = callbacks
        if outcome.error is not None:
            failed(outcome.error)
        else:
            done(outcome.value)

    def locked(self, job: Callable[[], T]) -> T:
        """Run `job` holding the store lock (call from a thread, not the event loop)."""
        with self._lock:
            return job()

    def new_warnings(self) -> list[str]:
        """Store warnings (a damaged file set aside) not handed out before."""
        warnings = self.store.warnings[self._warned :]
        self._warned += len(warnings)
        return list(warnings)

    # -- opening ---------------------------------------------------------------------

    def open(self, opened: Callable[[], Any], failed: Callable[[str], Any]) -> None:
        """Open the article's notes and verdicts; then `opened()` (before any waiter and
        the held key) or `failed(message)` (notes are off, `unavailable` says why)."""
        self.run(self._open, lambda loaded: self._opened(loaded, opened), self._failed(failed))

    def _open(self) -> tuple[ArticleNotes, VerdictBook]:
        from reader.notes.session import ArticleNotes
        from reader.notes.verdicts import VerdictBook

        document = self.document
        notes = ArticleNotes.open(
            self.store, self.origin, document.text, document.title, document.pages
        )
        return notes, VerdictBook(self.store, notes.article, document.text, document.pages)

    def _failed(self, failed: Callable[[str], Any]) -> Callable[[str], Any]:
        def off(message: str) -> None:
            self.unavailable = message
            self._retry = None
            self._settled.set()
            failed(message)

        return off

    def _opened(self, loaded: tuple[ArticleNotes, VerdictBook], opened: Callable[[], Any]) -> None:
        self.notes, self.verdicts = loaded
        self._settled.set()
        opened()
        waiters, self._verdict_waiters = self._verdict_waiters, []
        for waiter in waiters:
            waiter()
        retry, self._retry = self._retry, None
        if retry is not None:
            retry()

    def index_text(self) -> None:
        """Give the article's text to the search index (issue 15). Call it in a thread (a
        book takes a second), not under the store lock (notes save meanwhile); the screen
        does, a moment after the notes opened. Trouble is not the reader's: the next
        rebuild reads the file again."""
        from reader.search import index_article

        notes, document = self.notes, self.document
        if notes is None:
            return
        with contextlib.suppress(OSError, ReaderError, ValueError):
            index_article(
                self.db,
                article_id=notes.article.id,
                title=document.title,
                source=notes.article.source,
                date=document.date,
                text=document.text,
            )

    def wait_for_notes(self, timeout: float = 30.0) -> ArticleNotes:
        """The notes, waiting for them to open (call from a thread, never holding the
        lock: the opening job needs it). A note typed while they load saves here."""
        if not self._settled.wait(timeout):
            raise StoreError("the notes are still loading; try ctrl+s again")
        if self.notes is None:
            raise StoreError(f"notes are off for this article: {self.unavailable}")
        return self.notes

    def hold(self, retry: Callable[[], Any]) -> None:
        """Run `retry` once the notes have opened (a key pressed before that)."""
        self._retry = retry

    # -- verdicts --------------------------------------------------------------------

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
    ) -> bool:
        """Move the claim's verdict to the next one (none → supported → ... → none), saved
        in a thread; `done` gets the new verdict. False (nothing done) before they load."""
        book = self.verdicts
        if book is None:
            return False
        self.run(lambda: book.cycle(start, end, claim_id), done or (lambda _: None))
        return True

    # -- the reading position --------------------------------------------------------

    def save_position(self, offset: int) -> None:
        """Save the reading position in a thread (nothing before the notes opened)."""
        notes = self.notes
        if notes is not None:
            self.run(lambda: notes.save_position(offset), lambda _: None)

    def save_position_now(self, offset: int) -> None:
        """Save the reading position on this thread, as the screen closes.

        A `StoreError` here has no screen left to show it; the session already reported
        the store's errors, so it is deliberately not raised into Textual's shutdown."""
        notes = self.notes
        if notes is not None:
            with contextlib.suppress(StoreError):
                self.locked(lambda: notes.save_position(offset))
