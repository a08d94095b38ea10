"""Where the store's TinyDB files live, how they are locked, and their schema.

Invariant: every store file is opened through `Shelf.session(name)`, and a
writing session holds the store's lock from before TinyDB re-reads the file
to after the durable replace, so two processes never lose each other's
writes; the lock (`FairLock`) serves waiters in arrival order with a bounded
wait. Every file carries a `meta` table with its schema version; a file from
an older version is migrated when first written, one from a newer version is
refused (never overwritten). Names are checked: only the index and article
ids of the store's own format (16 hex digits) name files, so no id is a path.
Reading (`read`) never changes a file; changing several files at once
(`store_all`) is all or none (`reader.notes.commit`), and taking the lock
first finishes or drops a change a killed writer left.

Two shelves: `FileShelf` (the real store, one JSON file per article beside
an index file) and `MemoryShelf` (TinyDB `MemoryStorage`, for tests).
"""

from __future__ import annotations

import contextlib
import copy
import json
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, Protocol

from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from reader.errors import StoreError
from reader.notes import commit
from reader.notes.fairlock import FairLock, LockTimeout
from reader.notes.model import is_article_id
from reader.notes.storage import AtomicJSONStorage, DamageHandler
from reader.safe_text import one_line

Tables = dict[str, dict[str, Any]]
"""A TinyDB file's content: table name to documents by id."""
Progress = Callable[[float], None]

SCHEMA_VERSION = 1
"""The schema this code writes. Bump it and add a step to `MIGRATIONS`."""
INDEX = "index"
"""Name of the index file (articles, reading positions)."""
STALE_TEMP = 60.0
"""Age in seconds after which a leftover temporary store file is removed."""
LOCK_TIMEOUT = 60.0
"""Seconds to wait in line for the store lock before giving up with a message. Waiters
are served in arrival order (`FairLock`), so this bounds a wait behind a long import or
a stuck process; it is not reached by many writers taking turns."""

Migration = Callable[[TinyDB], None]


def _from_v0(db: TinyDB) -> None:
    """v0 (no meta table) to v1: the data is already in v1's shape."""


MIGRATIONS: dict[int, Migration] = {0: _from_v0}
"""`MIGRATIONS[n]` turns a version-n file into version n+1, in place."""


class Shelf(Protocol):
    """A set of named TinyDB databases with a write lock."""

    def session(self, name: str, write: bool = False) -> AbstractContextManager[TinyDB]:
        """Context manager yielding the TinyDB called `name`."""
        ...

    def names(self) -> list[str]:
        """Names of the article databases that exist."""
        ...

    def read(self, name: str) -> Tables:
        """All tables of database `name` in one read (empty if it does not exist).

        Never changes anything. Raises `DamagedFile` for a damaged file and
        `StoreError` for one that cannot be read or has a newer schema.
        """
        ...

    def locked(self) -> AbstractContextManager[None]:
        """Hold the store's write lock (re-entrant in one thread)."""
        ...

    def load(self, name: str) -> Tables:
        """For a writer holding the lock: database `name`'s tables, at our schema.

        A damaged file is set aside (and reported); a newer one is refused.
        """
        ...

    def store_all(self, files: Mapping[str, Tables], progress: Progress | None = None) -> None:
        """For a writer holding the lock: replace these databases, all or none."""
        ...


def check_name(name: str) -> str:
    """`name` if it may name a store file (the index or an article id), else `StoreError`."""
    if name != INDEX and not is_article_id(name):
        raise StoreError(f"'{one_line(name)}' is not a note store article id (16 hex digits)")
    return name


def encode(tables: Tables) -> bytes:
    """A database's bytes on disk (what `AtomicJSONStorage` writes)."""
    return json.dumps(tables, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def upgraded(tables: Tables, name: str) -> Tables:
    """`tables` at this code's schema (migrated in memory); refuses newer ones."""
    version = _version(tables, name)
    if version == SCHEMA_VERSION and tables.get("meta", {}).get("1"):
        return tables
    db = TinyDB(storage=MemoryStorage)
    db.storage.write(copy.deepcopy(tables))
    check_schema(db, name, write=True)
    return db.storage.read() or {}


def _version(tables: Tables, name: str) -> int:
    """The schema version of a file's tables; refuses versions newer than ours."""
    record = tables.get("meta", {}).get("1")
    try:
        version = int(record["schema"]) if record else (0 if tables else SCHEMA_VERSION)
    except (KeyError, TypeError, ValueError) as error:
        raise StoreError(
            f"note store file '{one_line(name)}' has an unreadable schema version"
        ) from error
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"note store file '{one_line(name)}' has schema {version}, newer than this "
            f"reader ({SCHEMA_VERSION}); upgrade reader"
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
    costs ~54 ms per insert before any fsync. Changes of many files at once
    (import) go through `commit`, all or none.
    """

    def __init__(self, db: Path, on_damage: DamageHandler | None = None):
        """Use the index file `db` and the articles directory beside it."""
        self.db = db
        self.articles_dir = db.with_name(f"{db.stem}.articles")
        self.on_damage = on_damage
        self._lock = FairLock(db.with_name(f"{db.name}.lock"), timeout=LOCK_TIMEOUT)
        self._swept = False

    def path(self, name: str) -> Path:
        """The file of database `name` (an article id or `INDEX`; anything else is refused)."""
        return self.db if check_name(name) == INDEX else self.articles_dir / f"{name}.json"

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the store lock; on first taking it, finish or drop an interrupted commit."""
        try:
            self.db.parent.mkdir(parents=True, exist_ok=True)
            self._lock.acquire()
        except LockTimeout as error:
            raise StoreError(
                f"note store {one_line(str(self.db))} is locked by another reader "
                f"(waited {LOCK_TIMEOUT:.0f} s in line)"
            ) from error
        except OSError as error:
            raise StoreError(
                f"cannot lock note store {one_line(str(self.db))}: {error.strerror}"
            ) from error
        try:
            if self._lock.depth == 1:
                commit.recover(self.db, self.path)
                if not self._swept:
                    self._sweep()
            yield
        finally:
            self._lock.release()

    @contextmanager
    def session(self, name: str, write: bool = False) -> Iterator[TinyDB]:
        """Open database `name`; when writing, hold the store lock throughout."""
        if not write:
            yield self._open(name, write)
            return
        with self.locked():
            yield self._open(name, write)

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
        """Article ids that have a file (or a committed one not yet in place)."""
        found = set(commit.pending(self.db)) - {INDEX}
        if self.articles_dir.is_dir():
            found.update(path.stem for path in self.articles_dir.glob("*.json"))
        return sorted(name for name in found if is_article_id(name))

    def read(self, name: str) -> Tables:
        """All tables of database `name` in one read, without the lock, changing nothing.

        Safe because writes replace files atomically: a read sees a whole file. While
        a committed change is being put in place, its staged file is read instead.
        """
        target = self.path(name)
        staged = commit.pending(self.db).get(name)
        tables: Tables | None = None
        if staged is not None:
            with contextlib.suppress(FileNotFoundError):
                tables = AtomicJSONStorage(staged, set_aside=False).read()
                if tables is None:  # renamed into place meanwhile
                    staged = None
        if staged is None:
            tables = AtomicJSONStorage(target, set_aside=False).read()
        tables = tables or {}
        _version(tables, str(target))
        return tables

    def load(self, name: str) -> Tables:
        """For a writer holding the lock: the tables of `name` at our schema."""
        storage = AtomicJSONStorage(self.path(name), on_damage=self.on_damage)
        return upgraded(storage.read() or {}, str(self.path(name)))

    def store_all(self, files: Mapping[str, Tables], progress: Progress | None = None) -> None:
        """For a writer holding the lock: replace these databases, all or none (`commit`)."""
        payloads = {name: encode(tables) for name, tables in files.items()}
        try:
            commit.commit(self.db, self.path, payloads, progress)
        except OSError as error:
            raise StoreError(
                f"cannot save to note store {one_line(str(self.db))}: "
                f"{one_line(error.strerror or str(error))}"
            ) from error

    def _open(self, name: str, write: bool) -> TinyDB:
        path = self.path(name)
        db = TinyDB(path, storage=AtomicJSONStorage, on_damage=self.on_damage, set_aside=write)
        check_schema(db, str(path), write)
        return db


class MemoryShelf:
    """TinyDB `MemoryStorage` databases kept for the shelf's lifetime (tests)."""

    def __init__(self) -> None:
        """Start empty."""
        self._dbs: dict[str, TinyDB] = {}
        self._lock = threading.RLock()

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the shelf's lock."""
        with self._lock:
            yield

    @contextmanager
    def session(self, name: str, write: bool = False) -> Iterator[TinyDB]:
        """Open database `name` (created empty on first use)."""
        with self._lock:
            db = self._db(check_name(name))
            check_schema(db, name, write)
            yield db

    def read(self, name: str) -> Tables:
        """All tables of database `name` (empty if never written)."""
        with self._lock:
            db = self._dbs.get(check_name(name))
            tables = (db.storage.read() if db is not None else None) or {}
            _version(tables, name)
            return copy.deepcopy(tables)

    def load(self, name: str) -> Tables:
        """The tables of `name` at our schema."""
        return upgraded(self.read(name), name)

    def store_all(self, files: Mapping[str, Tables], progress: Progress | None = None) -> None:
        """Replace these databases."""
        with self._lock:
            for name, tables in files.items():
                self._db(check_name(name)).storage.write(copy.deepcopy(tables))
        if progress is not None:
            progress(1.0)

    def names(self) -> list[str]:
        """Article databases created so far."""
        return sorted(name for name in self._dbs if name != INDEX)

    def _db(self, name: str) -> TinyDB:
        if name not in self._dbs:
            self._dbs[name] = TinyDB(storage=MemoryStorage)
        return self._dbs[name]
