"""Run the analysis in a child process, so a long one never holds the UI's GIL.

Invariant: plain Python (no Textual: it lives with the analysis, not the UI); the
child (which may be started before the document is known: `Child`) says it is ready,
gets the `Document` (streamed: `send_document`), sends back progress fractions and
then exactly one outcome (the `Analysis`, a user-facing `ReaderError` message, or the
name of an unexpected exception); the parent can stop it at any time and the child is
always reaped. The parent never holds more than `CHUNK` characters of the text in
transit (`wire.CHUNK`): the UI process of a 30 MB book must not keep a second copy of it.
The child's side is `child_loop.py`; how it is started, `reader.child_entry`.

A child given the document's path loads it itself, as soon as it has started, and
analyses it without waiting for the parent: it says so with the document's
`fingerprint` in place of "ready". The parent uses that analysis only if its own
document has the same fingerprint (the file may have changed between the two reads);
otherwise it stops that child and sends its document to a new one.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from typing import Any

from reader.analysis.model import Analysis, ProgressCallback
from reader.analysis.wire import (  # the wire format, here for the reader's other children
    CHUNK,
    Found,
    Packed,
    fingerprint,
    pack,
    pack_found,
    receive_document,
    send_document,
    unpack,
    unpack_found,
)
from reader.child_entry import Child
from reader.document.model import Document
from reader.errors import AnalysisError, ReaderError

__all__ = [
    "CHUNK",
    "Child",
    "Found",
    "Packed",
    "Stopped",
    "analyse_in_process",
    "fingerprint",
    "pack",
    "pack_found",
    "receive_document",
    "send_document",
    "unpack",
    "unpack_found",
]

POLL = 0.05
"""Seconds between checks for cancellation while waiting on the child."""


class Stopped(Exception):
    """The caller asked the analysis to stop."""


def analyse_in_process(
    document: Document,
    progress: ProgressCallback | None = None,
    stopped: Callable[[], bool] = lambda: False,
    backend: str = "rules",
    child: Child | None = None,
) -> Analysis:
    """Analyse `document` in a child process (`child`, started ahead, else a new one),
    reporting progress; raise `Stopped` on request. The child is always closed.

    Raises:
        Stopped: `stopped()` became true; the child was terminated.
        ReaderError: The analysis failed with a message for the user.
        AnalysisError: The child failed unexpectedly (its exception's name is given).
    """
    runner = child if child is not None and child.backend == backend else Child(backend)
    if runner is not child and child is not None:
        child.close()
    try:
        while True:
            if stopped():
                raise Stopped
            message = _next(runner)
            if message is None:
                continue
            kind, payload = message
            if kind == "loaded" and payload != fingerprint(document):  # another text
                runner.close()
                runner = Child(backend)  # it will say "ready" and be sent `document`
            elif kind == "ready":  # it waits on the pipe now: the send never blocks for long
                try:
                    send_document(runner.inbox, document)
                except OSError:
                    continue  # the child died: the next turn says so
            elif kind == "progress" and progress is not None:
                progress(payload)
            elif kind == "done":
                entities, claims = unpack_found(payload)
                return Analysis(document, entities, claims)
            elif kind == "error":
                raise ReaderError(payload)
            elif kind == "bug":
                raise AnalysisError(f"internal error in the analysis ({payload})")
    finally:
        runner.close()


def _next(child: Child) -> tuple[str, Any] | None:
    """The child's next message, or None if it sends none within `POLL` seconds.

    Raises:
        AnalysisError: The child ended without its outcome (killed, crashed).
    """
    try:
        if child.out.poll(POLL):
            message: tuple[str, Any] = child.out.recv()
            return message
    except (EOFError, OSError):
        pass  # its end of the pipe is closed: it has ended, or is ending
    else:
        if child.alive():
            return None
    try:
        code = child.process.wait(timeout=POLL * 20)
    except subprocess.TimeoutExpired:
        code = None
    raise AnalysisError(f"the analysis process ended unexpectedly (exit code {code})")
