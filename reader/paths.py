"""Where the reader keeps its files (public contract 3).

The data directory is `$READER_HOME` when set, else the platform's user data
directory; the note store, crash logs and caches live under it.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    """`$READER_HOME`, else the platform's user data directory for "reader"."""
    home = os.environ.get("READER_HOME")
    return Path(home) if home else Path(platformdirs.user_data_dir("reader"))
