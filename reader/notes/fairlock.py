"""A cross-process lock that serves waiters in arrival order and gives up after a bound.

Invariant: at most one holder at a time (an exclusive `flock` on the lock file,
the same lock `filelock` takes, so older readers still exclude us); waiters
are served first come, first served, so under any load a waiter's wait is the
work queued ahead of it, not luck; a waiter that has waited `timeout` seconds
raises `LockTimeout`, and no wait is ever unbounded.

Why: polling a lock with sleeps (what `filelock` does) lets the process that
just released it take it again before a sleeping waiter wakes up; with 8
processes adding 400 notes each, 72 of 3,200 adds waited out 10 s that way.

How: each waiter takes a ticket, a file in `<lock>.queue/` named by its arrival
time, created under a temporary name, `flock`ed, then renamed in, so a ticket
in the queue is always locked by a live owner. The waiter whose ticket is first
takes the real lock. A ticket whose owner died (its `flock` can be taken) is
removed by whoever finds it, so a killed process never blocks the queue.
Tickets are per call, so a thread of this process waits its turn like any
other process; within one `FairLock` a thread lock serialises the threads.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
import uuid
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: filelock's own (unfair) lock
    fcntl = None  # type: ignore[assignment]

from filelock import FileLock
from filelock import Timeout as FileLockTimeout

POLL_MIN = 0.0005
"""First pause between looks at the queue, in seconds (doubles up to `POLL_MAX`)."""
POLL_MAX = 0.004
"""Longest pause between looks: a hand-over costs at most this much idle time."""
STALE_NEW = 60.0
"""Age after which an unfinished ticket file (its creator was killed) is removed."""


class LockTimeout(Exception):
    """The lock was not free within the timeout."""


class FairLock:
    """First come, first served exclusive lock on `path`, re-entrant per thread."""

    def __init__(self, path: Path, timeout: float):
        """Lock `path` (created on first use), waiting at most `timeout` seconds."""
        self.path = path
        self.queue = path.with_name(f"{path.name}.queue")
        self.timeout = timeout
        self._threads = threading.RLock()
        self._depth = 0
        self._fd: int | None = None
        self._ticket: tuple[int, Path] | None = None
        self._fallback = FileLock(str(path), timeout=timeout) if fcntl is None else None

    def acquire(self) -> None:
        """Take the lock, waiting in line.

        Raises:
            LockTimeout: if it was not our turn, or not free, within the timeout.
            OSError: if the lock or queue file cannot be created.
        """
        deadline = time.monotonic() + self.timeout
        if not self._threads.acquire(timeout=self.timeout):
            raise LockTimeout(str(self.path))
        if self._depth:
            self._depth += 1
            return
        try:
            self._take(deadline)
        except BaseException:
            self._threads.release()
            raise
        self._depth = 1

    def release(self) -> None:
        """Give the lock up (the outermost release hands it to the next in line)."""
        self._depth -= 1
        if self._depth == 0:
            self._give_back()
        self._threads.release()

    @property
    def depth(self) -> int:
        """How many times the holding thread has taken the lock (0: not held)."""
        return self._depth

    def __enter__(self) -> FairLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    # -- the queue --------------------------------------------------------

    def _take(self, deadline: float) -> None:
        if self._fallback is not None:  # pragma: no cover - Windows
            try:
                self._fallback.acquire(timeout=max(0.0, deadline - time.monotonic()))
            except FileLockTimeout as error:
                raise LockTimeout(str(self.path)) from error
            return
        self.queue.mkdir(parents=True, exist_ok=True)
        self._ticket = ticket = self._new_ticket()
        pause = POLL_MIN
        try:
            while True:
                if self._first(ticket[1].name):
                    fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
                    if _try_flock(fd):
                        self._fd = fd
                        return
                    os.close(fd)  # someone outside the queue (an older reader) has it
                if time.monotonic() >= deadline:
                    raise LockTimeout(str(self.path))
                time.sleep(pause)
                pause = min(pause * 2, POLL_MAX)
        except BaseException:
            self._drop_ticket()
            raise

    def _new_ticket(self) -> tuple[int, Path]:
        temp = self.queue / f".new-{uuid.uuid4().hex}"
        fd = os.open(temp, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)  # nobody else knows this file yet
            name = f"{time.time_ns():020d}-{os.getpid():010d}-{uuid.uuid4().hex[:8]}"
            os.rename(temp, self.queue / name)
        except BaseException:
            os.close(fd)
            with contextlib.suppress(OSError):
                temp.unlink()
            raise
        return fd, self.queue / name

    def _first(self, mine: str) -> bool:
        """Whether `mine` is the oldest live ticket (dead ones ahead are removed)."""
        names = sorted(n for n in os.listdir(self.queue) if not n.startswith("."))
        for name in names:
            if name >= mine:
                return True
            if _alive(self.queue / name):
                return False
        return True

    def _give_back(self) -> None:
        if self._fallback is not None:  # pragma: no cover - Windows
            self._fallback.release()
            return
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
        self._drop_ticket()

    def _drop_ticket(self) -> None:
        if self._ticket is None:
            return
        fd, path = self._ticket
        self._ticket = None
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        os.close(fd)
        self._sweep_new()

    def _sweep_new(self) -> None:
        """Remove ticket files a killed waiter left half made (rare; cheap when none)."""
        cutoff = time.time() - STALE_NEW
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.queue):
                if entry.name.startswith(".new-"):
                    with contextlib.suppress(OSError):
                        if entry.stat().st_mtime < cutoff:
                            os.unlink(entry.path)


def _try_flock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _alive(ticket: Path) -> bool:
    """Whether a ticket's owner still holds it; a dead owner's ticket is removed."""
    try:
        fd = os.open(ticket, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        if not _try_flock(fd):
            return True
        with contextlib.suppress(FileNotFoundError):
            ticket.unlink()
        return False
    finally:
        os.close(fd)
