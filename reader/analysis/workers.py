"""Worker processes for `batch`: each warm once, then one document at a time.

Invariant: a worker analyses one `(index, source, data)` task at a time and answers
with exactly one `(index, result, error, words)`, whatever the document does; a
worker that dies holding a task (killed, out of memory, a crash in C) makes that
task's answer an error and is replaced, so the others go on; `Pool.close` stops and
reaps every worker. Workers ignore Ctrl+C: the parent handles it and stops them.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import pickle
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, cast

from reader.analysis.model import Analysis
from reader.errors import ReaderError
from reader.safe_text import one_line

Answer = tuple[int, Any, "str | None", int]
"""What a worker sends back: index, result, error, words."""

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
    """One worker process, its end of the pipe and the task it holds."""

    process: multiprocessing.process.BaseProcess
    conn: Connection
    task: tuple[int, str] | None = None


class Pool:
    """Worker processes with one task each at a time; a dead worker's task is its failure."""

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
        """A worker with no task, if any."""
        return next((slot for slot in self.slots if slot.task is None), None)

    def busy(self) -> bool:
        """Whether any worker holds a task."""
        return any(slot.task is not None for slot in self.slots)

    def give(self, slot: Slot, index: int, source: str, data: bytes | None) -> None:
        """Send a task to an idle worker (a fresh one if this one died while idle)."""
        slot.task = (index, source)
        try:
            slot.conn.send((index, source, data))
        except OSError:
            self._replace(slot)
            slot.conn.send((index, source, data))

    def results(self) -> Iterator[Answer]:
        """Wait until a busy worker answers or dies; yield what came back."""
        waiting: dict[Any, Slot] = {}
        for slot in self.slots:
            if slot.task is not None:
                waiting[slot.conn] = slot
                waiting[slot.process.sentinel] = slot
        answered: set[int] = set()
        for ready in wait(list(waiting)):
            slot = waiting[ready]
            if id(slot) in answered or slot.task is None:
                continue
            answered.add(id(slot))
            yield self._collect(slot)

    def _collect(self, slot: Slot) -> Answer:
        assert slot.task is not None
        index, source = slot.task
        slot.task = None
        try:
            if slot.conn.poll():
                return cast(Answer, slot.conn.recv())
        except (EOFError, OSError):
            pass
        # The worker died holding this task (killed, out of memory, a crash in C).
        slot.process.join(timeout=1)
        code = slot.process.exitcode
        self._replace(slot)
        message = f"{source}: the analysis process ended unexpectedly (exit code {code})"
        return index, None, one_line(message), 0

    def _replace(self, slot: Slot) -> None:
        slot.conn.close()
        fresh = self._start()
        slot.process, slot.conn = fresh.process, fresh.conn

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
