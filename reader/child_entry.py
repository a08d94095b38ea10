"""The analysis child process (`Child`): how it is started, and where it starts.

Invariant: starting a `Child` costs the parent one `fork_exec` and two pipes, and
imports nothing: not the analysis, not `multiprocessing` (its package, its spawn
preparation and its resource tracker cost the parent ~20 ms of CPU under the GIL and a
third interpreter). A long book's child is started at the first frame
(`reader.tui.panel.early_child`), while the UI reads and wraps the rest on a machine that
may have two cores: the parent's keys and drawing must win. The child lowers its priority
before it imports anything (`BOOT`); its loop is `reader.analysis.child_loop._child`.
Messages cross `multiprocessing.connection.Connection`s on the two pipes (pickled,
length-prefixed), built lazily on each side: the parent's only when it first reads or
writes, which is after the first frame. Outside `reader.analysis`, whose package imports
its model.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

BOOT = (
    "import os, sys\n"
    "try:\n"
    "    os.nice(10)\n"
    "except (OSError, AttributeError):\n"
    "    pass\n"
    "sys.path[:] = sys.argv[5:]\n"
    "from reader.child_entry import run_child\n"
    "run_child(sys.argv[1:5])\n"
)
"""The child's first lines: nice 10 (background work: on a small machine the reader's
own process, its keys and its drawing, must win a contended core), then the parent's
import path, then `run_child` with the backend, the two pipes' descriptors and the path."""

REAP_WAIT = 2.0
"""Seconds `Child.close` waits for a stopped child before killing it."""


def run_child(argv: list[str]) -> None:
    """In the child: wrap the pipes named by `argv` (backend, inbox fd, outbox fd, path
    or "") and run the analysis child's loop."""
    from multiprocessing.connection import Connection

    from reader.analysis.child_loop import _child

    backend, inbox, out, path = argv
    _child(
        Connection(int(inbox), writable=False),
        backend,
        Connection(int(out), readable=False),
        path or None,
    )


def ensure_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with the real stderr (for the reader's
    other, `multiprocessing` children: `reader.tui.library_child`).

    Inside Textual `sys.stderr` is a capture object whose `fileno()` is not a
    real descriptor, and spawning the tracker with it fails ("bad value(s) in
    fds_to_keep"); the tracker is started once, so swap stderr just for that.
    """
    from multiprocessing import resource_tracker

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
    Read its messages from `out`, send it a document on `inbox`; give it to
    `analyse_in_process`, or `close` it.

    Raises:
        OSError: The child could not be started (no pipes, no process).
    """

    def __init__(self, backend: str = "rules", path: str | None = None) -> None:
        self.backend = backend
        theirs_in, self._inbox_fd = os.pipe()  # the parent writes documents
        self._out_fd, theirs_out = os.pipe()  # the child writes messages
        self._inbox: Connection | None = None
        self._out: Connection | None = None
        try:
            args = [backend, str(theirs_in), str(theirs_out), path or "", *sys.path]
            # Its standard streams go nowhere: nothing from the child reaches the terminal.
            self.process = subprocess.Popen(
                [sys.executable, "-c", BOOT, *args],
                pass_fds=(theirs_in, theirs_out),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except BaseException:
            os.close(self._inbox_fd)
            os.close(self._out_fd)
            raise
        finally:  # the child's ends: the parent keeps only its own
            os.close(theirs_in)
            os.close(theirs_out)

    @property
    def inbox(self) -> Connection:
        """The pipe to the child (documents)."""
        if self._inbox is None:
            from multiprocessing.connection import Connection

            self._inbox = Connection(self._inbox_fd, readable=False)
        return self._inbox

    @property
    def out(self) -> Connection:
        """The pipe from the child (its messages: `reader.analysis.child_loop`)."""
        if self._out is None:
            from multiprocessing.connection import Connection

            self._out = Connection(self._out_fd, writable=False)
        return self._out

    def alive(self) -> bool:
        """Whether the child is still running."""
        return self.process.poll() is None

    def close(self) -> None:
        """Stop the child (if it still runs) and reap it; close both pipes."""
        if self.alive():
            with contextlib.suppress(OSError):
                self.process.terminate()
        try:
            self.process.wait(timeout=REAP_WAIT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for connection, fd in ((self._inbox, self._inbox_fd), (self._out, self._out_fd)):
            with contextlib.suppress(OSError):
                if connection is not None:
                    connection.close()
                else:
                    os.close(fd)
        self._inbox_fd = self._out_fd = -1
