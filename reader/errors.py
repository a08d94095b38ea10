"""The small exception hierarchy the core raises.

Every message is one line a user can act on; the CLI prints it and exits 1,
the TUI shows it as a notification. Nothing else should escape to the user.
"""

from __future__ import annotations


class ReaderError(Exception):
    """Base class: `str(error)` is a complete, user-facing one-line message."""


class InputError(ReaderError):
    """The input could not be read or understood (missing, binary, empty, bad URL...)."""


class AnalysisError(ReaderError):
    """The analysis could not run (e.g. an optional backend or model is missing)."""


class StoreError(ReaderError):
    """The note store could not be read or written."""
