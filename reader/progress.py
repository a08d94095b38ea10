"""A one-line progress bar on stderr for long command-line runs.

Invariant: the bar only ever writes to the stream it was given, and only when
that stream is a terminal; otherwise every call is a no-op, so piped output and
logs stay clean.
"""

from __future__ import annotations

import sys
from typing import TextIO

BAR_WIDTH = 30


class ProgressBar:
    """Draws `label [#####.....]  42%` on one line, redrawing in place."""

    def __init__(self, label: str, stream: TextIO | None = None, *, enabled: bool | None = None):
        """Create a bar writing to `stream` (stderr by default).

        Args:
            label: Short text shown before the bar.
            stream: Where to draw; defaults to `sys.stderr`.
            enabled: Force drawing on or off; by default only when `stream` is a tty.
        """
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._last_percent = -1

    def __call__(self, fraction: float) -> None:
        """Show `fraction` (0.0 to 1.0) done; redraws only when the percentage changes."""
        if not self.enabled:
            return
        percent = int(min(max(fraction, 0.0), 1.0) * 100)
        if percent == self._last_percent:
            return
        self._last_percent = percent
        filled = percent * BAR_WIDTH // 100
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {percent:3d}%")
        self.stream.flush()

    def close(self) -> None:
        """Erase the bar so whatever follows starts on a clean line."""
        if self.enabled and self._last_percent >= 0:
            self.stream.write("\r" + " " * (len(self.label) + BAR_WIDTH + 8) + "\r")
            self.stream.flush()
        self._last_percent = -1
