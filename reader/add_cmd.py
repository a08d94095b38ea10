"""`reader add PATH|URL|DIR ... [--jobs N]`: put articles in the library without the TUI.

Invariant: every input is loaded, analysed (in `--jobs` worker processes, default
the number of cores) and stored, or reported in one `reader: ...` line on stderr
while the rest go on; the exit code is 1 if any failed, 0 otherwise (2 for usage).
An article already stored for the same text by the current rules is left alone
(said once, in the summary); a changed one is re-analysed and its old claims
replaced; each new text is kept for `reader refresh` (`reader.library.snapshots`, by
the worker that read it). Articles are stored in batches, each all or none (by one
thread, while the analysis goes on: as many as are waiting when it is free, at least
`MIN_BATCH`, at most `BATCH`, so the batch left to store after the last analysis is
small), so an interrupted run keeps the batches already done; the entities are linked
across the library once, at the end. The progress bar draws on stderr only when it is
a terminal; the summary goes to stdout.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path

from reader.analysis.batch import analyse_many, expand
from reader.cli_common import parse, parse_jobs, run_on_library
from reader.library import intake
from reader.library.library import Library
from reader.library.model import StoredAnalysis
from reader.library.snapshots import snapshot_folder
from reader.paths import store_path
from reader.progress import ProgressBar
from reader.safe_text import one_line

BATCH = 100
"""Most articles stored per commit (one note store index write and one library commit each)."""
MIN_BATCH = 20
"""Fewest articles handed to a free storing thread (a commit has a cost of its own)."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader add",
        description="Add articles to the library (analysed and stored, ready for "
        "'reader entities' and 'reader claims'); a directory adds its readable files.",
    )
    parser.add_argument("source", nargs="+", help="file, directory, or http(s) URL")
    parser.add_argument(
        "--jobs", type=parse_jobs, metavar="N", help="worker processes (default: cores)"
    )
    parser.add_argument("--db", metavar="PATH", help="note store file")
    return parser


def main(argv: Sequence[str]) -> int:
    """Run `reader add ...`; return the exit code."""
    options = parse(_parser(), argv)
    if isinstance(options, int):
        return options
    library = Library(options.db)
    return run_on_library(library, lambda: _add(library, options))


def _add(library: Library, options: argparse.Namespace) -> int:
    store = store_path(options.db).resolve()

    def in_store(directory: Path) -> bool:
        # The store's own folders (`<stem>.library.snapshots`, ...) beside its file: added
        # from a folder holding the store, its kept texts came back as new articles.
        return directory.name.startswith(f"{store.stem}.") and directory.resolve().parent == (
            store.parent
        )

    sources = expand(options.source, skip=in_store)
    if not sources:
        given = ", ".join(options.source)
        print(one_line(f"reader: nothing to add: no readable files in {given}"), file=sys.stderr)
        return 1
    counts = add_sources(library, sources, jobs=options.jobs, db=options.db)
    print(summary(counts))
    return 1 if counts["failed"] else 0


def add_sources(
    library: Library,
    sources: Sequence[str],
    *,
    jobs: int | None,
    db: str | None,
    data: Sequence[bytes | None] | None = None,
    failures: list[int] | None = None,
) -> dict[str, int]:
    """Analyse and store `sources` (`data`: bytes already in hand per source, as for
    `analyse_many`); each failure is one `reader: ...` line on stderr, the rest go on.
    Returns the counts: added, updated, unchanged, failed, words; ``failures``, if
    given, gets the index in `sources` of each one that failed."""
    bar = ProgressBar("adding", sys.stderr)
    counts = {"added": 0, "updated": 0, "unchanged": 0, "failed": 0, "words": 0}
    pending: list[tuple[str, StoredAnalysis]] = []
    before = library.articles()

    def store(batch: list[tuple[str, StoredAnalysis]]) -> None:
        done = intake.add(library, batch, before, link=False)
        counts["added"] += len(done.added)
        counts["updated"] += len(done.updated)
        counts["unchanged"] += done.unchanged

    # Batches are stored by one thread while the workers go on analysing: a batch's
    # fsyncs and inserts overlap the analysis instead of pausing it.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="reader-add") as saver:
        saved: list[Future[None]] = []
        try:
            outcomes = analyse_many(
                sources,
                jobs=jobs,
                data=data,
                finish=partial(intake.prepare_kept, snapshot_folder(db)),
                progress=lambda done, total: bar(done / total),
            )
            for outcome in outcomes:
                if outcome.error is not None or outcome.result is None:
                    counts["failed"] += 1
                    if failures is not None:
                        failures.append(outcome.index)
                    bar.close()  # the error starts on a clean line; the bar redraws after it
                    print(one_line(f"reader: {outcome.error}"), file=sys.stderr)
                    continue
                counts["words"] += outcome.words
                pending.append((outcome.source, outcome.result))
                free = not saved or saved[-1].done()
                if len(pending) >= BATCH or (free and len(pending) >= MIN_BATCH):
                    saved.append(saver.submit(store, pending[:]))
                    pending.clear()
                    _raise_failed(saved)
            saved.append(saver.submit(store, pending[:]))
        finally:
            bar.close()
        for future in saved:
            future.result()
    library.sync()  # link the entities once, across everything added
    return counts


def _raise_failed(saved: list[Future[None]]) -> None:
    """Stop at the first batch that could not be stored (its error is the message)."""
    for future in saved:
        if future.done():
            future.result()


def summary(counts: dict[str, int]) -> str:
    parts = [f"added {counts['added']} article(s)"]
    if counts["updated"]:
        parts.append(f"re-analysed {counts['updated']} changed or analysed by older rules")
    if counts["unchanged"]:
        parts.append(f"{counts['unchanged']} already in the library, unchanged")
    if counts["failed"]:
        parts.append(f"{counts['failed']} failed")
    return one_line(f"{'; '.join(parts)} ({counts['words']:,} words)")
