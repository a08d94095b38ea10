"""Keep a long document's analysis in the library from a child process.

Storing a book's analysis (`reader.library.intake.keep_opened`: its text's snapshot, the
record of every claim as JSON, the search feed) and reading back what other articles say
about it (`across_lines`) built transient structures several times the text's size: for
a 30 MB book (85,000 claims) they were the UI process's peak, +400 MB over everything it
shows. Here a spawned child does both, so the UI process only ever holds what it shows.

Invariant: the parent sends the article, the document (streamed,
`reader.analysis.runner.send_document`) and the entities and claims in slices of `ROWS`
rows, never a serialised copy of them all at once; the child answers exactly once with
`(warning, lines)`, as `keep_opened` and `across_lines` would have in the UI process. A
child that ends without answering is one warning; the child is always reaped.
"""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing.connection import Connection
from typing import Any

from reader.analysis.model import Analysis
from reader.notes.model import Article
from reader.tui.panel.across import Lines

ROWS = 5000
"""Entities or claims per message to the child."""
LOST = "Not kept in the library: the process keeping it ended unexpectedly"
"""The warning when the child ends without answering."""

Db = str | os.PathLike[str] | None


def keep(db: Db, analysis: Analysis, article: Article, origin: str) -> tuple[str | None, Lines]:
    """Keep `analysis` in the library and read what other articles say about its claims:
    the warning to show (or None) and the panel's lines. In this thread for a short
    document, from a child process for one that is analysed in a child too
    (`wiring.SUBPROCESS_CHARS`: a short one's costs less than a child's start). Call it in
    a thread."""
    from reader.tui.panel.wiring import SUBPROCESS_CHARS  # here: the child needs no Textual

    if len(analysis.document.text) >= SUBPROCESS_CHARS:
        return keep_in_child(db, analysis, article, origin)
    from reader.library.intake import keep_opened
    from reader.tui.panel.across import across_lines

    return keep_opened(db, analysis, article, origin), across_lines(db, article.id)


def keep_in_child(
    db: Db, analysis: Analysis, article: Article, origin: str
) -> tuple[str | None, Lines]:
    """`keep_opened(db, analysis, article, origin)` and then `across_lines(db, article.id)`,
    run in a child process: the warning to show (or None) and the lines for the panel.
    Blocks until the child answers (call it in a thread); never raises."""
    from reader.analysis.runner import pack_found, send_document
    from reader.child_entry import ensure_resource_tracker

    ensure_resource_tracker()
    context = multiprocessing.get_context("spawn")
    mine, theirs = context.Pipe()
    process = context.Process(target=_child, args=(theirs,), daemon=True)
    try:
        process.start()
    except OSError as error:
        return f"Not kept in the library: {error.strerror or error}", {}
    theirs.close()
    try:
        mine.send((db, article, origin))
        send_document(mine, analysis.document)
        for rows in pack_found(analysis.entities, analysis.claims):
            _send_rows(mine, rows)
        answer: tuple[str | None, Lines] = mine.recv()
        return answer
    except (EOFError, OSError):
        return LOST, {}
    finally:
        mine.close()
        process.join(timeout=5)
        if process.is_alive():
            process.terminate()
            process.join(timeout=2)


def _send_rows(conn: Connection, rows: list[tuple[Any, ...]]) -> None:
    conn.send(len(rows))
    for start in range(0, len(rows), ROWS):
        conn.send(rows[start : start + ROWS])


def _receive_rows(conn: Connection) -> list[tuple[Any, ...]]:
    count: int = conn.recv()
    rows: list[tuple[Any, ...]] = []
    while len(rows) < count:
        rows.extend(conn.recv())
    return rows


def _child(conn: Connection) -> None:
    """The child: receive, keep, read back, answer (a fresh interpreter)."""
    from reader.analysis.runner import receive_document, unpack_found
    from reader.library.intake import keep_opened
    from reader.tui.panel.across import across_lines

    with conn:
        try:
            db, article, origin = conn.recv()
            document = receive_document(conn)
            found = (_receive_rows(conn), _receive_rows(conn))
        except (EOFError, OSError):
            return  # the parent went away: nothing to keep
        try:
            entities, claims = unpack_found(found)
            warning = keep_opened(db, Analysis(document, entities, claims), article, origin)
            lines = across_lines(db, article.id)
        except Exception as error:  # noqa: BLE001 - a traceback here would land on the screen
            warning, lines = f"Not kept in the library (internal error: {type(error).__name__})", {}
        conn.send((warning, lines))
