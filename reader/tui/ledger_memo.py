"""The ledger's entity list as last read, per note store: the ledger opens with it drawn.

Invariant: only a head start, never the answer. The ledger screen draws the remembered
list in its first frame and reads the library again just after (in its worker): the
cache's token first, the whole list only when the token changed, replacing the list
drawn when it differs; so a stale list is on screen for one read at most. Filled by
the ledger screen's own reads and by `prefetch`, which the library screen runs in a
thread once its articles are shown (the `e` that usually follows then opens at once).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.paths import store_path

if TYPE_CHECKING:
    from reader.library.linking import LibraryEntity

_KNOWN: dict[Path, tuple[str, list[LibraryEntity]]] = {}
"""By the note store's file (`--db`, else `$READER_HOME`'s store: a new home is a new
library)."""
_WARNINGS: dict[Path, list[str]] = {}
"""What a read-ahead met (a damaged cache set aside, say): told when the ledger opens."""
_LOCK = threading.Lock()
_READS: dict[Path, threading.Lock] = {}
"""One lock per note store: a read-ahead and the ledger's first read never open its
library at once (two threads setting aside the same damaged cache: one told, the other's
warning lost)."""


def _key(db: str | None) -> Path:
    return store_path(db).expanduser().absolute()


def known(db: str | None, token: str | None = None) -> list[LibraryEntity] | None:
    """The entity list last read for the note store `db`, if any (with `token`: only if
    it was read under that `LedgerCache.token`, so it is the library's list now)."""
    with _LOCK:
        found = _KNOWN.get(_key(db))
    if found is None or (token is not None and found[0] != token):
        return None
    return found[1]


def remember(db: str | None, token: str, entities: list[LibraryEntity]) -> None:
    """Keep `entities` as the list of `db`'s library, read under `token`."""
    with _LOCK:
        _KNOWN[_key(db)] = (token, entities)


def prefetch(db: str | None) -> None:
    """Read `db`'s entity list into the memo (for a thread; trouble is left for the
    ledger screen to report when it is opened: an error is met again there, a warning
    is kept for it, `warnings`)."""
    from reader.library.library import Library

    with reading(db):
        library = Library(db)
        try:
            token = library.cache.token()
            remember(db, token, library.entities())
        except ReaderError:
            pass
        finally:
            library.close()
            if library.warnings:
                with _LOCK:
                    _WARNINGS.setdefault(_key(db), []).extend(library.warnings)


def reading(db: str | None) -> threading.Lock:
    """The lock a thread holds while it reads `db`'s entity list (`prefetch`, the ledger's
    first read): the second waits, then finds the list and the warnings the first met."""
    with _LOCK:
        return _READS.setdefault(_key(db), threading.Lock())


def warnings(db: str | None) -> list[str]:
    """The warnings a read-ahead of `db` met since last asked (then forgotten)."""
    with _LOCK:
        return _WARNINGS.pop(_key(db), [])
