"""The saved reading position, read before the first frame without opening the store.

The reader shows an article at its saved place from the first frame: the
store itself (TinyDB, the file lock, re-anchoring) opens after that frame, in
a thread. The index is replaced atomically on every write, so reading it
without the lock sees a whole file; anything unexpected in it means "no
saved place" here, and the store reports the damage when it opens.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from reader.notes.keys import content_hash, normalise_source
from reader.paths import store_path

MAX_INDEX_BYTES = 64 * 1024 * 1024
"""A bigger index is not read here (the store opens it later anyway)."""


def saved_position(
    db: str | os.PathLike[str] | None, source: str, text: str, *, length: int | None = None
) -> int:
    """The offset saved for the article read from ``source`` with ``text``; 0 if none.

    Found by source (a named file or URL), else by the text's hash (stdin, a moved file):
    the same rule as `NoteStore.open_article`, read-only. ``length``: the article's
    length when ``text`` is only its head (an offset past the head is returned as is).
    """
    path = Path(db).expanduser() if db else store_path()
    try:
        if path.stat().st_size > MAX_INDEX_BYTES:
            return 0
        index = json.loads(path.read_bytes())
        rows = list(index["articles"].values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return 0
    normal, digest = normalise_source(source), None
    found = [row for row in rows if isinstance(row, dict) and row.get("source") == normal]
    if not found or normal in ("", "-"):
        digest = content_hash(text)
        found = [row for row in rows if isinstance(row, dict) and row.get("content_hash") == digest]
    position = found[0].get("position", 0) if found else 0
    valid = isinstance(position, int) and not isinstance(position, bool)
    return position if valid and 0 <= position < (length or len(text)) else 0
