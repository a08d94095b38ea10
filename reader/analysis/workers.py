"""Worker processes for `batch`: each warm once, then one document at a time.

Invariant: a worker analyses its `(index, source, data)` tasks one at a time, in the
order given, and answers each with exactly one `(index, result, error, words)`,
whatever the document does. It holds up to `DEPTH` tasks, so the next one is already
in its pipe when it answers (it never waits for the parent to hand one out). A worker
that dies (killed, out of memory, a crash in C) makes the task it was on an error and
is replaced; the tasks queued behind it go to the replacement, so the others go on.
`Pool.close` stops and reaps every worker. Workers ignore Ctrl+C: the parent handles
it and stops them.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import pickle
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, cast

from reader.analysis.model import Analysis
from reader.errors import ReaderError
from reader.safe_text import one_line

Answer = tuple[int, Any, "str | None", int]
"""What a worker sends back: index, result, error, words."""

Task = tuple[int, str, "bytes | None"]
"""What a worker is given: index, source, data (None: read the source)."""

DEPTH = 2
"""Tasks a worker holds at once: the one it analyses and the next. With one, a worker
sat idle between documents while the parent, busy storing results, handed out the
next (1.8-2.4 s per 300 articles under load)."""

WARM_UP_TEXT = (
    "Warm Up Daily reported that Mayor Ana Ruiz of Paris allegedly met Acme Corp. "
    '"We deny it," her office said, according to officials in London.'
)
"""A tiny article analysed once per worker, so every lazy table is built before the first
real document (and, with fork, once in the parent for all workers)."""


def count_words(text: str) -> int:
    """Words of a document, as `Outcome.words` counts them."""
    return len(text.split())


def analyse_one(
    index: int,
    source: str,
    data: bytes | None,
    backend: tuple[str, str | None],
    finish: Callable[[Analysis], Any],
) -> Answer:
    """Load (or build from stdin's `data`) and analyse one source: `(index, result, error,
    words)`. Never raises but for an interrupt."""
    from reader.analysis import analyze
    from reader.document import load, load_text

    try:
        document = load(source) if data is None else load_text(data, source=source)
        analysis = analyze(document, backend=backend[0], model=backend[1])
        return index, finish(analysis), None, count_words(document.text)
    except ReaderError as error:
        return index, None, one_line(str(error)), 0
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # noqa: BLE001 - a bug or MemoryError: one line, the rest go on
        name = type(error).__name__
        return index, None, one_line(f"{source}: internal error in the analysis ({name})"), 0


def warm_up(backend: tuple[str, str | None]) -> None:
    """Build every lazily loaded table (imports, word lists, gazetteer, a model) once."""
    from reader.analysis import analyze
    from reader.document import load_text

    with contextlib.suppress(ReaderError):  # a missing backend fails each document instead
        analyze(load_text(WARM_UP_TEXT, source="warm-up.txt"), backend=backend[0], model=backend[1])


def worker(
    conn: Connection, backend: tuple[str, str | None], finish: Callable[[Analysis], Any], warm: bool
) -> None:
    """A worker process: take `(index, source, data)` tasks until None, send each result."""
    # The parent handles Ctrl+C and stops the workers; they must not print tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if warm:
        warm_up(backend)
    from reader.analysis.heap import tune_for_analysis

    tune_for_analysis()
    try:
        while (task := conn.recv()) is not None:
            index, source, data = task
            answer = analyse_one(index, source, data, backend, finish)
            try:
                conn.send(answer)
            except (pickle.PicklingError, TypeError, AttributeError) as error:  # a bad `finish`
                name = type(error).__name__
                conn.send((index, None, one_line(f"{source}: result not sendable ({name})"), 0))
    except (EOFError, BrokenPipeError, ConnectionResetError):
        pass  # the parent went away: nothing left to do


def start_method() -> str:
    """`fork` when it is safe (POSIX, no other thread), so workers inherit the warm tables."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "spawn"


@dataclass(slots=True)
class Slot:
    """One worker process, its end of the pipe and the tasks it holds, oldest first
    (the first is the one it is on)."""

    process: multiprocessing.process.BaseProcess
    conn: Connection
    tasks: deque[Task] = field(default_factory=deque)


class Pool:
    """Worker processes holding up to `DEPTH` tasks each; a dead worker's current task is
    its failure."""

    def __init__(
        self,
        jobs: int,
        backend: tuple[str, str | None],
        finish: Callable[[Analysis], Any],
        method: str,
    ) -> None:
        self._context: Any = multiprocessing.get_context(method)
        warm_in_parent = method == "fork"
        if warm_in_parent:
            warm_up(backend)
        self._args = (backend, finish, not warm_in_parent)
        self.slots = [self._start() for _ in range(jobs)]

    def _start(self) -> Slot:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=worker, args=(child, *self._args), daemon=True)
        # A forked worker inherits every table already built; frozen, the collector never
        # walks them there (no copy-on-write of their pages, about 10% less worker CPU).
        # Only for the fork: this process's own objects stay collectable.
        gc.freeze()
        try:
            process.start()
        finally:
            gc.unfreeze()
        child.close()
        return Slot(process, parent)

    def idle(self) -> Slot | None:
        """The worker holding the fewest tasks, if it can take one more."""
        slot = min(self.slots, key=lambda slot: len(slot.tasks))
        return slot if len(slot.tasks) < DEPTH else None

    def busy(self) -> bool:
        """Whether any worker holds a task."""
        return any(slot.tasks for slot in self.slots)

    def give(self, slot: Slot, index: int, source: str, data: bytes | None) -> None:
        """Send a task to a worker with room (a fresh one if this one died meanwhile)."""
        task = (index, source, data)
        slot.tasks.append(task)
        try:
            slot.conn.send(task)
        except OSError:
            self._replace(slot)  # sends it every task it holds, this one included

    def results(self) -> Iterator[Answer]:
        """Wait until a busy worker answers or dies; yield what came back."""
        waiting: dict[Any, Slot] = {}
        for slot in self.slots:
            if slot.tasks:
                waiting[slot.conn] = slot
                waiting[slot.process.sentinel] = slot
        answered: set[int] = set()
        for ready in wait(list(waiting)):
            slot = waiting[ready]
            if id(slot) in answered or not slot.tasks:
                continue
            answered.add(id(slot))
            yield self._collect(slot)

    def _collect(self, slot: Slot) -> Answer:
        index, source, _ = slot.tasks.popleft()
        try:
            if slot.conn.poll():
                return cast(Answer, slot.conn.recv())
        except (EOFError, OSError):
            pass
        # The worker died on this task (killed, out of memory, a crash in C).
        slot.process.join(timeout=1)
        code = slot.process.exitcode
        self._replace(slot)
        message = f"{source}: the analysis process ended unexpectedly (exit code {code})"
        return index, None, one_line(message), 0

    def _replace(self, slot: Slot) -> None:
        """A fresh worker in `slot`'s place, given the tasks queued there, in order."""
        slot.conn.close()
        fresh = self._start()
        slot.process, slot.conn = fresh.process, fresh.conn
        for task in slot.tasks:
            slot.conn.send(task)

    def close(self) -> None:
        """Stop every worker and reap it."""
        for slot in self.slots:
            with contextlib.suppress(OSError):
                slot.conn.close()
            if slot.process.is_alive():
                slot.process.terminate()
        for slot in self.slots:
            slot.process.join(timeout=2)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join()
