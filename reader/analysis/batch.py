"""Analyse many sources at once: directories expanded, worker processes, results in input order.

Invariant: `analyse_many` yields exactly one `Outcome` per input, in input order,
each as soon as it and every one before it are done; a source that fails (missing,
binary, a dead URL, too big, a bug in the analysis, even a worker that dies) gives
an `Outcome` with a one-line, terminal-safe `error` and the rest go on. Workers pay
their start-up (imports, word lists, gazetteer) once, not per document, and at most
`WINDOW_PER_JOB * jobs` documents are in flight or waiting to be yielded, so memory
stays bounded whatever the number of inputs. Every worker is stopped and reaped when
the iteration ends, however it ends (Ctrl+C included).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from reader.analysis.model import Analysis
from reader.errors import ReaderError
from reader.safe_text import one_line

T = TypeVar("T")

PLAIN_TEXT_EXTENSIONS = (".txt", ".text")
"""Plain text chooses itself by sniffing, so the registry lists no extension for it;
in a directory these names are read too."""

WINDOW_PER_JOB = 4
"""Documents per worker that may be in flight or done but not yet yielded."""

WARM_UP_TEXT = (
    "Warm Up Daily reported that Mayor Ana Ruiz of Paris allegedly met Acme Corp. "
    '"We deny it," her office said, according to officials in London.'
)
"""A tiny article analysed once per worker, so every lazy table is built before the first
real document (and, with fork, once in the parent for all workers)."""


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """What became of one input."""

    index: int
    """Position in the input list."""
    source: str
    """The input as given (path, URL or '-')."""
    result: T | None
    """`finish(analysis)` when it worked, else None."""
    error: str | None
    """One-line, terminal-safe message when it did not, else None."""
    words: int
    """Words of the document (0 on error)."""


def readable_extensions() -> frozenset[str]:
    """The file name suffixes a directory is searched for (lower case, with the dot)."""
    from reader.document.formats import REGISTRY

    known = {ext for fmt in REGISTRY for ext in fmt.extensions}
    return frozenset(known | set(PLAIN_TEXT_EXTENSIONS))


def expand(sources: Sequence[str]) -> list[str]:
    """Paths, directories, URLs and '-' to the list of inputs.

    A directory becomes its readable files (the extensions the document format
    registry knows, plus plain text's `.txt`), recursively, sorted, hidden files and
    directories and symlink loops skipped; everything else is kept as given (a
    missing path fails later, in order).
    """
    extensions = readable_extensions()
    out: list[str] = []
    for source in sources:
        if source != "-" and "://" not in source and os.path.isdir(source):
            out += _files_under(Path(source), extensions)
        else:
            out.append(source)
    return out


def _files_under(root: Path, extensions: frozenset[str]) -> list[str]:
    """Readable regular files below `root`, sorted by path; each directory visited once."""
    found: list[str] = []
    seen: set[tuple[int, int]] = set()
    for directory, subdirs, files in os.walk(root, followlinks=True):
        info = os.stat(directory)
        if (info.st_dev, info.st_ino) in seen:  # a symlink loop, or a second way in
            subdirs[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in files:
            path = os.path.join(directory, name)
            if (
                not name.startswith(".")
                and os.path.splitext(name)[1].lower() in extensions
                and os.path.isfile(path)
            ):
                found.append(path)
    return sorted(found, key=lambda p: Path(p).parts)


def _same(analysis: Analysis) -> Any:
    """The default `finish`: the analysis itself."""
    return analysis


def _count_words(text: str) -> int:
    return len(text.split())


def _analyse_one(
    index: int,
    source: str,
    data: bytes | None,
    backend: tuple[str, str | None],
    finish: Callable[[Analysis], Any],
) -> tuple[int, Any, str | None, int]:
    """Load (or build from stdin's `data`) and analyse one source: `(index, result, error,
    words)`. Never raises but for an interrupt."""
    from reader.analysis import analyze
    from reader.document import load, load_text

    try:
        document = load(source) if data is None else load_text(data, source=source)
        analysis = analyze(document, backend=backend[0], model=backend[1])
        return index, finish(analysis), None, _count_words(document.text)
    except ReaderError as error:
        return index, None, one_line(str(error)), 0
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # noqa: BLE001 - a bug or MemoryError: one line, the rest go on
        name = type(error).__name__
        return index, None, one_line(f"{source}: internal error in the analysis ({name})"), 0


def _warm_up(backend: tuple[str, str | None]) -> None:
    """Build every lazily loaded table (imports, word lists, gazetteer, a model) once."""
    from reader.analysis import analyze
    from reader.document import load_text

    with contextlib.suppress(ReaderError):  # a missing backend fails each document instead
        analyze(load_text(WARM_UP_TEXT, source="warm-up.txt"), backend=backend[0], model=backend[1])


def _worker(
    conn: Connection, backend: tuple[str, str | None], finish: Callable[[Analysis], Any], warm: bool
) -> None:
    """A worker process: take `(index, source, data)` tasks until None, send each result."""
    # The parent handles Ctrl+C and stops the workers; they must not print tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if warm:
        _warm_up(backend)
    try:
        while (task := conn.recv()) is not None:
            index, source, data = task
            conn.send(_analyse_one(index, source, data, backend, finish))
    except (EOFError, BrokenPipeError, ConnectionResetError):
        pass  # the parent went away: nothing left to do


def _start_method() -> str:
    """`fork` when it is safe (POSIX, no other thread), so workers inherit the warm tables."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "spawn"


@dataclass(slots=True)
class _Slot:
    """One worker process, its end of the pipe and the task it holds."""

    process: multiprocessing.process.BaseProcess
    conn: Connection
    task: tuple[int, str] | None = None


class _Pool:
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
            _warm_up(backend)
        self._args = (backend, finish, not warm_in_parent)
        self.slots = [self._start() for _ in range(jobs)]

    def _start(self) -> _Slot:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_worker, args=(child, *self._args), daemon=True)
        # A forked worker inherits every table already built; frozen, the collector never
        # walks them there (no copy-on-write of their pages, about 10% less worker CPU).
        # Only for the fork: this process's own objects stay collectable.
        gc.freeze()
        try:
            process.start()
        finally:
            gc.unfreeze()
        child.close()
        return _Slot(process, parent)

    def idle(self) -> _Slot | None:
        """A worker with no task, if any."""
        return next((slot for slot in self.slots if slot.task is None), None)

    def busy(self) -> bool:
        """Whether any worker holds a task."""
        return any(slot.task is not None for slot in self.slots)

    def give(self, slot: _Slot, index: int, source: str, data: bytes | None) -> None:
        """Send a task to an idle worker (a fresh one if this one died while idle)."""
        slot.task = (index, source)
        try:
            slot.conn.send((index, source, data))
        except OSError:
            self._replace(slot)
            slot.conn.send((index, source, data))

    def results(self) -> Iterator[tuple[int, Any, str | None, int]]:
        """Wait until a busy worker answers or dies; yield what came back."""
        waiting: dict[Any, _Slot] = {}
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

    def _collect(self, slot: _Slot) -> tuple[int, Any, str | None, int]:
        assert slot.task is not None
        index, source = slot.task
        slot.task = None
        try:
            if slot.conn.poll():
                return cast(tuple[int, Any, str | None, int], slot.conn.recv())
        except (EOFError, OSError):
            pass
        # The worker died holding this task (killed, out of memory, a crash in C).
        slot.process.join(timeout=1)
        code = slot.process.exitcode
        self._replace(slot)
        message = f"{source}: the analysis process ended unexpectedly (exit code {code})"
        return index, None, one_line(message), 0

    def _replace(self, slot: _Slot) -> None:
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


def _read_stdin(source: str) -> bytes:
    """The bytes of `-`, read in the parent (workers have no usable stdin)."""
    from reader.document.fetch import read_source

    return read_source(source).data


def analyse_many(
    sources: Sequence[str],
    *,
    jobs: int | None = None,
    backend: str = "rules",
    finish: Callable[[Analysis], T] = _same,
    progress: Callable[[int, int], None] | None = None,
    model: str | None = None,
    start_method: str | None = None,
) -> Generator[Outcome[T], None, None]:
    """Load and analyse each source, yielding outcomes in input order as soon as each is ready.

    Args:
        sources: Paths, URLs or '-' (already expanded: see `expand`).
        jobs: Worker processes (default `os.cpu_count()`); 1 runs in this process.
        backend: The analysis backend's name.
        finish: A module-level (picklable) function run in the worker on each
            `Analysis`, so only its result crosses back.
        progress: Called with `(done, total)` after each document is done.
        model: The spaCy model name or path (`backend="spacy"` only).
        start_method: How workers start (`fork`, `spawn`, `forkserver`); by default
            `fork` where it is safe (POSIX, no other thread: the workers inherit the
            warm tables), else `spawn` (each worker warms itself once).

    A source that fails gives an `Outcome` with `error` and the rest go on. Ctrl+C
    (KeyboardInterrupt in this process) stops the workers and propagates; so does
    closing the generator (`contextlib.closing`) before the end.
    """
    total = len(sources)
    jobs = max(1, min(jobs or os.cpu_count() or 1, total or 1))
    if jobs == 1:
        yield from _in_process(sources, (backend, model), finish, progress)
        return
    method = start_method or _start_method()
    yield from _in_workers(sources, jobs, (backend, model), finish, progress, method)


def _outcome(source: str, answer: tuple[int, Any, str | None, int]) -> Outcome[Any]:
    index, result, error, words = answer
    return Outcome(index, source, result, error, words)


def _in_process(
    sources: Sequence[str],
    backend: tuple[str, str | None],
    finish: Callable[[Analysis], T],
    progress: Callable[[int, int], None] | None,
) -> Iterator[Outcome[T]]:
    for index, source in enumerate(sources):
        yield _outcome(source, _analyse_one(index, source, None, backend, finish))
        if progress is not None:
            progress(index + 1, len(sources))


def _in_workers(
    sources: Sequence[str],
    jobs: int,
    backend: tuple[str, str | None],
    finish: Callable[[Analysis], T],
    progress: Callable[[int, int], None] | None,
    method: str,
) -> Iterator[Outcome[T]]:
    total = len(sources)
    done: dict[int, Outcome[T]] = {}
    given = yielded = finished = 0
    pool = _Pool(jobs, backend, finish, method)
    try:
        while yielded < total:
            while given < total and given - yielded < WINDOW_PER_JOB * jobs:
                slot = pool.idle()
                if slot is None:
                    break
                source = sources[given]
                if source == "-":
                    try:
                        pool.give(slot, given, source, _read_stdin(source))
                    except ReaderError as error:
                        done[given] = Outcome(given, source, None, one_line(str(error)), 0)
                        finished += 1
                else:
                    pool.give(slot, given, source, None)
                given += 1
            if pool.busy():
                for answer in pool.results():
                    done[answer[0]] = _outcome(sources[answer[0]], answer)
                    finished += 1
                    if progress is not None:
                        progress(finished, total)
            while yielded in done:
                yield done.pop(yielded)
                yielded += 1
    finally:
        pool.close()
