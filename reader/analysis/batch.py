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

import os
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from reader.analysis.model import Analysis
from reader.analysis.workers import Answer, Pool, analyse_one
from reader.analysis.workers import start_method as default_start_method
from reader.errors import ReaderError
from reader.safe_text import one_line

T = TypeVar("T")

PLAIN_TEXT_EXTENSIONS = (".txt", ".text")
"""Plain text chooses itself by sniffing, so the registry lists no extension for it;
in a directory these names are read too."""

WINDOW_PER_JOB = 4
"""Documents per worker that may be in flight or done but not yet yielded."""


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


def expand(sources: Sequence[str], skip: Callable[[Path], bool] | None = None) -> list[str]:
    """Paths, directories, URLs and '-' to the list of inputs.

    A directory becomes its readable files (the extensions the document format
    registry knows, plus plain text's `.txt`), recursively, sorted, hidden files and
    directories, symlink loops and the directories `skip` says no to left out;
    everything else is kept as given (a missing path fails later, in order).
    """
    extensions = readable_extensions()
    out: list[str] = []
    for source in sources:
        if source != "-" and "://" not in source and os.path.isdir(source):
            out += _files_under(Path(source), extensions, skip or (lambda _: False))
        else:
            out.append(source)
    return out


def _files_under(root: Path, extensions: frozenset[str], skip: Callable[[Path], bool]) -> list[str]:
    """Readable regular files below `root`, sorted by path; each directory visited once."""
    found: list[str] = []
    seen: set[tuple[int, int]] = set()
    for directory, subdirs, files in os.walk(root, followlinks=True):
        try:
            info = os.stat(directory)
        except OSError:  # gone or unreadable since it was listed
            subdirs[:] = []
            continue
        if (info.st_dev, info.st_ino) in seen:  # a symlink loop, or a second way in
            subdirs[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        subdirs[:] = sorted(
            d for d in subdirs if not d.startswith(".") and not skip(Path(directory, d))
        )
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
    data: Sequence[bytes | None] | None = None,
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
        data: Per source, bytes already in hand (a feed item's carried content) to
            read as if they came from that source, or None to read the source.

    A source that fails gives an `Outcome` with `error` and the rest go on. Ctrl+C
    (KeyboardInterrupt in this process) stops the workers and propagates; so does
    closing the generator (`contextlib.closing`) before the end.
    """
    total = len(sources)
    given = list(data) if data is not None else [None] * total
    if len(given) != total:
        raise ValueError("analyse_many: data must have one entry per source")
    jobs = max(1, min(jobs or os.cpu_count() or 1, total or 1))
    if jobs == 1:
        yield from _in_process(sources, given, (backend, model), finish, progress)
        return
    method = start_method or default_start_method()
    yield from _in_workers(sources, given, jobs, (backend, model), finish, progress, method)


def _outcome(source: str, answer: Answer) -> Outcome[Any]:
    index, result, error, words = answer
    return Outcome(index, source, result, error, words)


def _in_process(
    sources: Sequence[str],
    data: Sequence[bytes | None],
    backend: tuple[str, str | None],
    finish: Callable[[Analysis], T],
    progress: Callable[[int, int], None] | None,
) -> Iterator[Outcome[T]]:
    for index, source in enumerate(sources):
        yield _outcome(source, analyse_one(index, source, data[index], backend, finish))
        if progress is not None:
            progress(index + 1, len(sources))


def _in_workers(
    sources: Sequence[str],
    data: Sequence[bytes | None],
    jobs: int,
    backend: tuple[str, str | None],
    finish: Callable[[Analysis], T],
    progress: Callable[[int, int], None] | None,
    method: str,
) -> Iterator[Outcome[T]]:
    total = len(sources)
    done: dict[int, Outcome[T]] = {}
    given = yielded = finished = 0
    pool = Pool(jobs, backend, finish, method)
    try:
        while yielded < total:
            while given < total and given - yielded < WINDOW_PER_JOB * jobs:
                slot = pool.idle()
                if slot is None:
                    break
                source = sources[given]
                if source == "-" and data[given] is None:
                    try:
                        pool.give(slot, given, source, _read_stdin(source))
                    except ReaderError as error:
                        done[given] = Outcome(given, source, None, one_line(str(error)), 0)
                        finished += 1
                else:
                    pool.give(slot, given, source, data[given])
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
