"""Where the store's TinyDB files live, how they are locked, and their schema.

Invariant: every store file is opened through `Shelf.session(name)`, and a
writing session holds the store's lock from before TinyDB re-reads the file
to after the durable replace, so two processes never lose each other's
writes. Every file carries a `meta` table with its schema version; a file
from an older version is migrated when first written, one from a newer
version is refused (never overwritten).

Two shelves: `FileShelf` (the real store, one JSON file per article beside
an index file) and `MemoryShelf` (TinyDB `MemoryStorage`, for tests).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from reader.errors import StoreError
from reader.notes.storage import AtomicJSONStorage, DamageHandler

SCHEMA_VERSION = 1
"""The schema this code writes. Bump it and add a step to `MIGRATIONS`."""
INDEX = "index"
"""Name of the index file (articles, reading positions)."""
STALE_TEMP = 60.0
"""Age in seconds after which a leftover temporary store file is removed."""
LOCK_TIMEOUT = 10.0
"""Seconds to wait for another process' write before giving up with a message."""

Migration = Callable[[TinyDB], None]


def _from_v0(db: TinyDB) -> None:
    """v0 (no meta table) to v1: the data is already in v1's shape."""


MIGRATIONS: dict[int, Migration] = {0: _from_v0}
"""`MIGRATIONS[n]` turns a version-n file into version n+1, in place."""


class Shelf(Protocol):
    """A set of named TinyDB databases with a write lock."""

    def session(self, name: str, write: bool = False) -> Any:
        """Context manager yielding the TinyDB called `name`."""
        ...

    def names(self) -> list[str]:
        """Names of the article databases that exist."""
        ...

    def read(self, name: str) -> dict[str, dict[str, Any]]:
        """All tables of database `name` in one read (empty if it does not exist)."""
        ...


def _version(tables: dict[str, Any], name: str) -> int:
    """The schema version of a file's tables; refuses versions newer than ours."""
    record = tables.get("meta", {}).get("1")
    try:
        version = int(record["schema"]) if record else (0 if tables else SCHEMA_VERSION)
    except (KeyError, TypeError, ValueError) as error:
        raise StoreError(f"note store file '{name}' has an unreadable schema version") from error
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"note store file '{name}' has schema {version}, newer than this reader "
            f"({SCHEMA_VERSION}); upgrade reader"
        )
    return version


def check_schema(db: TinyDB, name: str, write: bool) -> None:
    """Refuse newer files; migrate older ones when writing."""
    tables = db.storage.read() or {}
    version = _version(tables, name)
    record = tables.get("meta", {}).get("1")
    if not write or (record and version == SCHEMA_VERSION):
        return
    meta = db.table("meta")
    while version < SCHEMA_VERSION:
        MIGRATIONS[version](db)
        version += 1
    if record:
        meta.update({"schema": SCHEMA_VERSION}, doc_ids=[1])
    else:
        meta.insert({"schema": SCHEMA_VERSION})


class FileShelf:
    """The real store: `<db>` is the index, `<db stem>.articles/<id>.json` the articles.

    One file per article keeps a note save proportional to that article's
    notes: TinyDB rewrites a whole file on every write, and a 5 MB single file
    costs ~54 ms per insert before any fsync.
    """

    def __init__(self, db: Path, on_damage: DamageHandler | None = None):
        """Use the index file `db` and the articles directory beside it."""
        self.db = db
        self.articles_dir = db.with_name(f"{db.stem}.articles")
        self.on_damage = on_damage
        self._lock = FileLock(str(db.with_name(f"{db.name}.lock")), timeout=LOCK_TIMEOUT)
        self._swept = False

    def path(self, name: str) -> Path:
        """The file of database `name`."""
        return self.db if name == INDEX else self.articles_dir / f"{name}.json"

    @contextmanager
    def session(self, name: str, write: bool = False) -> Iterator[TinyDB]:
        """Open database `name`; when writing, hold the store lock throughout."""
        if not write:
            yield self._open(name, write)
            return
        try:
            self.db.parent.mkdir(parents=True, exist_ok=True)
            self._lock.acquire()
        except Timeout as error:
            raise StoreError(f"note store {self.db} is locked by another reader") from error
        except OSError as error:
            raise StoreError(f"cannot lock note store {self.db}: {error.strerror}") from error
        try:
            if not self._swept:
                self._sweep()
            yield self._open(name, write)
        finally:
            self._lock.release()

    def _sweep(self) -> None:
        """Remove temporary files left by writers killed mid-write (once per shelf).

        Only files older than `STALE_TEMP` seconds go: a live writer's temporary
        file exists for milliseconds, and writers hold the lock we hold now.
        """
        self._swept = True
        cutoff = time.time() - STALE_TEMP
        for folder in (self.db.parent, self.articles_dir):
            for temp in folder.glob(".*.tmp") if folder.is_dir() else ():
                with contextlib.suppress(OSError):  # gone already, or not ours to remove
                    if temp.stat().st_mtime < cutoff:
                        temp.unlink()

    def names(self) -> list[str]:
        """Article ids that have a file."""
        if not self.articles_dir.is_dir():
            return []
        return sorted(path.stem for path in self.articles_dir.glob("*.json"))

    def read(self, name: str) -> dict[str, dict[str, Any]]:
        """All tables of database `name` in one read, without taking the lock.

        Safe because writes replace the file atomically: a read sees a whole file.
        """
        tables = AtomicJSONStorage(self.path(name), on_damage=self.on_damage).read() or {}
        _version(tables, name)
        return tables

    def _open(self, name: str, write: bool) -> TinyDB:
        db = TinyDB(self.path(name), storage=AtomicJSONStorage, on_damage=self.on_damage)
        check_schema(db, name, write)
        return db


class MemoryShelf:
    """TinyDB `MemoryStorage` databases kept for the shelf's lifetime (tests)."""

    def __init__(self) -> None:
        """Start empty."""
        self._dbs: dict[str, TinyDB] = {}
        self._lock = threading.RLock()

    @contextmanager
    def session(self, name: str, write: bool = False) -> Iterator[TinyDB]:
        """Open database `name` (created empty on first use)."""
        with self._lock:
            if name not in self._dbs:
                self._dbs[name] = TinyDB(storage=MemoryStorage)
            db = self._dbs[name]
            check_schema(db, name, write)
            yield db

    def read(self, name: str) -> dict[str, dict[str, Any]]:
        """All tables of database `name` (empty if never written)."""
        with self._lock:
            db = self._dbs.get(name)
            tables = (db.storage.read() if db is not None else None) or {}
            _version(tables, name)
            return tables

    def names(self) -> list[str]:
        """Article databases created so far."""
        return sorted(name for name in self._dbs if name != INDEX)
