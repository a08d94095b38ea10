"""Where the reader keeps its files (public contract 3).

The data directory is `$READER_HOME` when set, else the platform's user data
directory; the note store and crash logs live under it, and caches in its `cache`
folder (else in the platform's user cache directory).
"""

from __future__ import annotations

import os
from pathlib import Path

STORE_FILE = "notes.json"
"""File name of the note store's index inside the data directory."""


def data_dir() -> Path:
    """`$READER_HOME`, else the platform's user data directory for "reader"."""
    home = os.environ.get("READER_HOME")
    if home:
        return Path(home)
    import platformdirs  # only without $READER_HOME (a few ms of every command otherwise)

    return Path(platformdirs.user_data_dir("reader"))


def cache_dir() -> Path:
    """`$READER_HOME/cache` when set, else the platform's user cache directory for "reader"
    (compiled tables, extracted PDF text: anything that can be rebuilt)."""
    home = os.environ.get("READER_HOME")
    if home:
        return Path(home) / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("reader"))


def store_path(db: str | os.PathLike[str] | None = None) -> Path:
    """The note store's index file: ``db`` when given (``--db``), else in the data directory."""
    return Path(db) if db else data_dir() / STORE_FILE
