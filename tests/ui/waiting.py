"""Waiting in Pilot tests for what the user would wait for, with a bound.

A fixed `pilot.pause(0.3)` before an assertion passes on an idle machine and fails
under CI's load (the store opening, a worker thread, a child's analysis): wait for
the condition itself, and fail with what was awaited after `wait` seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot


async def until(
    pilot: Pilot[Any], ready: Callable[[], object], what: str, wait: float = 10.0
) -> None:
    """Pause until `ready()` is true; AssertionError naming `what` after `wait` s."""
    for _ in range(int(wait / 0.05)):
        if ready():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what}")
