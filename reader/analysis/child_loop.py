"""The analysis child's loop (`_child`): what the child process started by
`reader.child_entry.Child` runs, and says, from its start to its one outcome.

Invariant: says "loaded" (with the document's fingerprint) or "ready" first, then
progress fractions, then exactly one of "done", "error" (a user-facing message) or
"bug" (an exception's name); never sends the document back.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from multiprocessing.connection import Connection

from reader.analysis.wire import fingerprint, pack_found, receive_document
from reader.document.model import Document
from reader.errors import ReaderError


def _own_copy(path: str | None) -> Document | None:
    """The document at `path`, loaded in the child; None if there is none to load."""
    if path is None:
        return None
    from reader.document import load

    try:
        return load(path)
    except Exception:  # noqa: BLE001 - then the parent sends the document it loaded
        return None


class _Orphaned(Exception):
    """The reader that started this child has died (kill -9, a closed terminal)."""


def _reporting(out: Connection, parent: int) -> Callable[[float], None]:
    """Progress to the parent; stops the analysis once the parent is gone: a child
    that loads its book itself would otherwise analyse all of it for nobody."""

    def report(fraction: float) -> None:
        if os.getppid() != parent:
            raise _Orphaned
        out.send(("progress", fraction))

    return report


def _child(inbox: Connection, backend: str, out: Connection, path: str | None = None) -> None:
    """Child process (a fresh interpreter, at nice 10: `reader.child_entry`): warm up;
    load the document at `path` and say so with its fingerprint, or say it is ready and
    receive the document; analyse it and report."""
    from reader.analysis import analyze
    from reader.analysis.heap import paused, tune_for_analysis
    from reader.analysis.workers import warm_up

    parent = os.getppid()
    warm_up((backend, None))  # the tables, while the parent may still be loading the text
    tune_for_analysis()
    document = _own_copy(path)
    if document is not None:
        out.send(("loaded", fingerprint(document)))
        inbox.close()
    else:
        out.send(("ready", None))
        try:
            document = receive_document(inbox)
        except (EOFError, OSError):
            return  # the parent closed the pipe: no document is coming
        finally:
            inbox.close()
    try:
        with paused(backend == "rules"):
            analysis = analyze(document, backend=backend, progress=_reporting(out, parent))
    except _Orphaned:
        return
    except ReaderError as error:
        out.send(("error", str(error)))
    except Exception as error:  # noqa: BLE001 - reported to the parent, which shows one line
        out.send(("bug", type(error).__name__))
    else:
        out.send(("done", pack_found(analysis.entities, analysis.claims)))
