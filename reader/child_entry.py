"""The analysis child process (`Child`): how it is started, and where it starts.

Invariant: importing this module and starting a `Child` import nothing of the analysis,
in the parent or in the child before its `os.nice` (`run_child`); the child's loop is
`reader.analysis.child_loop._child`. The child of a long book is spawned as the reader
starts (`reader.tui.launch`), while the UI paints its first frame on a machine that may
have two cores: importing the analysis there, or at full priority in the child, competed
with that frame. Outside `reader.analysis`, whose package imports its model.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
from multiprocessing import resource_tracker
from typing import Any


def run_child(*args: Any) -> None:
    """Lower this process's priority (nice 10), then run the analysis child's loop."""
    # Background work: on a small machine the reader's own process (keys, drawing,
    # wrapping the rest of the text) must win a contended core.
    with contextlib.suppress(OSError, AttributeError):
        os.nice(10)
    from reader.analysis.child_loop import _child

    _child(*args)


def ensure_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with the real stderr.

    Inside Textual `sys.stderr` is a capture object whose `fileno()` is not a
    real descriptor, and spawning the tracker with it fails ("bad value(s) in
    fds_to_keep"); the tracker is started once, so swap stderr just for that.
    """
    real = sys.__stderr__
    if real is None or sys.stderr is real:
        return
    captured, sys.stderr = sys.stderr, real
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = captured


class Child:
    """A child process started before its document is known: its interpreter, imports
    and tables load meanwhile (a long book's whole text is still being read). Given the
    document's `path` (a local file), it loads and analyses the document on its own.
    Give it to `analyse_in_process`, or `close` it."""

    def __init__(self, backend: str = "rules", path: str | None = None) -> None:
        ensure_resource_tracker()
        context = multiprocessing.get_context("spawn")
        self.backend = backend
        receiving, self.inbox = context.Pipe(duplex=False)
        self.out: Any = context.Queue()
        self.process = context.Process(
            target=run_child, args=(receiving, backend, self.out, path), daemon=True
        )
        self.process.start()
        receiving.close()  # the child's end: the parent keeps only the sending one

    def close(self) -> None:
        """Stop the child (if it still runs) and reap it."""
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(timeout=2)
        self.inbox.close()
        self.out.close()
