"""The ledger cache: one SQLite file indexing every stored analysis, linked, for fast queries.

Invariant: a cache, never the truth. Everything in it is derived from the per-article
files (`AnalysisShelf`) and the reader's links (`LinkBook`), and `sync()` brings it up
to date before every answer: when the articles directory or the links file changed
since the stamp it recorded (of every article file's mtime, size and inode, and the
links file's), the changed articles are read again and the entities linked again, in one
transaction. So it can be deleted at any time; a missing or damaged cache (set aside,
never overwritten) is rebuilt with one warning. Writers keep it current, so a read
finds it fresh and costs a few indexed look-ups, not a pass over the library.

Why SQLite and not another TinyDB file: a query must not parse the whole library
(2,000 articles are ~40,000 claims), and linking across articles is global, so its
result is kept and looked up by name.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from reader.errors import StoreError
from reader.library import queries
from reader.library.entity import LibraryEntity
from reader.library.entry import ArticleEntry
from reader.library.links import LinkBook
from reader.library.model import StoredAnalysis
from reader.library.names import name_key
from reader.library.shelf import AnalysisShelf
from reader.library.tables import SCHEMA, create, entity, forget, remember, schema, transaction
from reader.safe_text import one_line

FRESH = 0.5
"""Seconds a sync is trusted for (changes made in this process always sync at once)."""


class LedgerCache:
    """The SQLite cache beside the note store, kept in step with the library's files."""

    def __init__(
        self, path: Path, shelf: AnalysisShelf, links: LinkBook, warn: Callable[[str], None]
    ) -> None:
        """Cache `shelf` and `links` in the SQLite file `path` (created when needed)."""
        self.path = path
        self.shelf = shelf
        self.links = links
        self.warn = warn
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.RLock()
        self._replaced = False  # a damaged cache was set aside: its rebuild is no news
        self._fresh_until = 0.0
        self._asking = threading.local()  # this thread's `question`: depth, synced in it

    # -- keeping it current ----------------------------------------------------------

    @contextlib.contextmanager
    def question(self) -> Iterator[None]:
        """The look-ups of one question: synced once, at the first, however long the
        question takes (on a loaded machine one `reader claims` outlasted `FRESH` and
        scanned the 2,000 files again half-way). Other threads are not held back."""
        asking = self._asking
        depth = getattr(asking, "depth", 0)
        asking.depth = depth + 1
        try:
            yield
        finally:
            asking.depth = depth
            if not depth:
                asking.synced = False

    @contextlib.contextmanager
    def current(self, force: bool = False) -> Iterator[sqlite3.Connection]:
        """The connection, synced with the files first (unless synced less than `FRESH`
        seconds ago and not `force`d: one question's several look-ups scan once); one
        thread at a time."""
        with self._lock, _as_store_error(self.path):
            conn = self._connection()
            held = getattr(self._asking, "synced", False)
            if force or (not held and time.monotonic() >= self._fresh_until):
                try:
                    self._sync(conn)
                except sqlite3.DatabaseError as error:
                    if isinstance(error, sqlite3.OperationalError):
                        raise  # locked or read-only: not damage
                    self._set_aside(error)
                    conn = self._connection()
                    self._sync(conn)
                self._fresh_until = time.monotonic() + FRESH
            if getattr(self._asking, "depth", 0):
                self._asking.synced = True
            yield conn

    def _connection(self) -> sqlite3.Connection:
        if self._conn is not None:
            return self._conn
        existed = self.path.exists()
        conn: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            version = schema(conn)
            # A cache: WAL with NORMAL sync never corrupts it, and commits need no fsync.
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
        except (sqlite3.DatabaseError, OSError) as error:
            if conn is not None:
                conn.close()
            damaged = not isinstance(error, (sqlite3.OperationalError, OSError))
            if existed and damaged:
                self._set_aside(error)
                return self._connection()
            self.warn(f"cannot write the ledger cache {one_line(str(self.path))} ({error}); "
                      "building it in memory for this run")  # fmt: skip
            conn = sqlite3.connect(":memory:", check_same_thread=False)
            version, self._replaced = None, True
        if version != SCHEMA:
            if version is None and not self._replaced and self.shelf.scan():
                self.warn(f"ledger cache {one_line(str(self.path))} was missing; "
                          "rebuilt it from the article files")  # fmt: skip
            create(conn)
        self._conn = conn
        return conn

    def _set_aside(self, error: Exception) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        stamp = time.strftime("%Y%m%dT%H%M%S")
        target = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        try:
            os.replace(self.path, target)
        except OSError:
            with contextlib.suppress(OSError):
                self.path.unlink()
            target = self.path
        for extra in (self.path.with_name(self.path.name + end) for end in ("-wal", "-shm")):
            with contextlib.suppress(OSError):
                extra.unlink()
        self.warn(f"ledger cache {one_line(str(self.path))} was damaged ({error}); kept it as "
                  f"{one_line(str(target))} and rebuilt it from the article files")  # fmt: skip
        self._replaced = True

    def put(self, analyses: Sequence[StoredAnalysis]) -> None:
        """Take in analyses just saved to their files, without reading the files back
        (each is stamped with its file as it is now; linking waits for the next sync)."""
        stamps = self.shelf.scan()
        with self._lock, _as_store_error(self.path):
            conn = self._connection()
            with transaction(conn):
                for stored in analyses:
                    forget(conn, stored.article_id)
                    if stored.article_id in stamps:
                        remember(conn, stored, stamps[stored.article_id])
                conn.execute("DELETE FROM meta WHERE key = 'linked'")

    def _sync(self, conn: sqlite3.Connection) -> None:
        """Bring the cache in step with the files: a directory scan when nothing changed."""
        listing = self.shelf.listing()
        files = listing.digest()
        links = self.links.stamp()
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("files") == files and meta.get("links") == links and meta.get("linked"):
            return
        with transaction(conn):
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            changed = meta.get("files") != files and self._sync_articles(conn, listing.stamps())
            if changed or meta.get("links") != links or meta.get("linked") != "1":
                self._relink(conn)
            conn.executemany(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                [("files", files), ("links", links), ("linked", "1")],
            )

    def _sync_articles(self, conn: sqlite3.Connection, on_disk: dict[str, str]) -> bool:
        cached = dict(conn.execute("SELECT id, file FROM articles").fetchall())
        changed = False
        for gone in cached.keys() - on_disk.keys():
            forget(conn, gone)
            changed = True
        for name, stamp in on_disk.items():
            if cached.get(name) == stamp:
                continue
            forget(conn, name)
            stored = self.shelf.analysis(name)
            if stored is not None:
                remember(conn, stored, stamp)
            changed = True
        return changed

    def _relink(self, conn: sqlite3.Connection) -> None:
        from reader.library.linking import (  # a question that finds it fresh never links
            EntityRow,
            link,
        )

        # One JSON list per article: decoding 40,000 small values one by one was most of it.
        rows = [
            EntityRow(article, e, n, k, tuple(al), m, tuple(ab), tuple(by))
            for article, blob in conn.execute("SELECT article, entities FROM rows")
            for e, n, k, al, m, ab, by in json.loads(blob)
        ]
        for table in ("entities", "members", "lookup"):
            conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
        entities, members, lookup = [], [], []
        for order, found in enumerate(link(rows, self.links.all())):
            e = found.entity
            entities.append(
                (e.id, order, e.name, e.kind, json.dumps(e.aliases), e.articles, e.mentions,
                 e.claims_about, e.claims_by, json.dumps(e.possibly), json.dumps(e.keys),
                 json.dumps(e.spellings))
            )  # fmt: skip
            members += [(r.article_id, r.entity_id, e.id) for r in found.members]
            keys = {key for _, key in e.keys}
            lookup += [(key, 0, e.id) for key in keys]
            lookup += [(k, 1, e.id) for k in {name_key(a) for a in e.aliases} - keys if k]
        # In key order, each table's B-tree grows at its end instead of splitting pages
        # all over (members: 44,000 rows keyed by article for 2,000 articles).
        entities.sort()
        members.sort()
        lookup.sort()
        conn.executemany("INSERT INTO entities VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", entities)
        conn.executemany("INSERT INTO members VALUES (?,?,?)", members)
        conn.executemany("INSERT INTO lookup VALUES (?,?,?)", lookup)

    # -- answers ---------------------------------------------------------------------

    def token(self) -> str:
        """A value that changes whenever what the cache answers may have (the article
        files' and the links' stamps it synced to): an answer kept with the token it was
        read under is still the answer while the token is the same."""
        with self.current() as conn:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        return f"{meta.get('files')}|{meta.get('links')}"

    def articles(self) -> list[ArticleEntry]:
        """Every stored article, newest first."""
        with self.current() as conn:
            rows = conn.execute(
                f"SELECT {queries.ENTRY_COLUMNS} FROM articles ORDER BY sort DESC, added DESC"
            ).fetchall()
        return [ArticleEntry(*row) for row in rows]

    def entities(self, kind: str | None = None) -> list[LibraryEntity]:
        """Library entities (of `kind`), those in most articles first."""
        where, args = ("WHERE kind = ?", (kind,)) if kind else ("", ())
        with self.current() as conn:
            rows = conn.execute(f"SELECT * FROM entities {where} ORDER BY ord", args).fetchall()
        return [entity(row) for row in rows]

    def find(self, name: str) -> list[LibraryEntity]:
        """Entities one of whose names has `name`'s key, else one of whose spellings has it,
        else whose id is `name`."""
        key = name_key(name)
        with self.current() as conn:
            found = conn.execute(
                "SELECT l.rank, e.* FROM lookup l JOIN entities e ON e.id = l.entity "
                "WHERE l.key = ? ORDER BY l.rank, e.ord",
                (key,),
            ).fetchall()
            if not found:
                found = conn.execute(
                    "SELECT 0, * FROM entities WHERE id = ?", (name.strip(),)
                ).fetchall()
        best = [row[1:] for row in found if row[0] == found[0][0]] if found else []
        return [entity(row) for row in best]

    def entity_of(self, article_id: str, entity_id: str) -> LibraryEntity | None:
        """The library entity one article's entity belongs to."""
        with self.current() as conn:
            row = conn.execute(
                "SELECT e.* FROM members m JOIN entities e ON e.id = m.entity "
                "WHERE m.article = ? AND m.eid = ?",
                (article_id, entity_id),
            ).fetchone()
        return entity(row) if row else None

    def claims(
        self,
        entities: Sequence[str] | None,
        sides: str,
        tag: str | None = None,
        articles: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> tuple[list[queries.ShownRow], dict[str, ArticleEntry]]:
        """Claims about (`sides` "a"), by ("b") or about or by ("ab") the `entities` (None:
        all), with `tag`, in `articles`, as the ledger shows them, newest article first
        (the first `limit`); and their articles (`queries.shown_claims`)."""
        with self.current() as conn:
            return queries.shown_claims(conn, entities, sides, tag, articles, limit)

    def entries(self, article_ids: Iterable[str]) -> dict[str, ArticleEntry]:
        """These articles' entries, newest first."""
        with self.current() as conn:
            return queries.entries(conn, article_ids)

    def members(self, article_ids: Iterable[str]) -> dict[tuple[str, str], str]:
        """(article id, article-local entity id) -> library entity id, for these articles."""
        with self.current() as conn:
            return queries.members(conn, article_ids)

    def kinds(self, article_ids: Iterable[str]) -> dict[str, dict[str, str]]:
        """Article id -> its entities' kinds by article-local id."""
        with self.current() as conn:
            return queries.kinds(conn, article_ids)

    def claims_at(self, keys: Iterable[tuple[str, str]]) -> list[queries.StoredRow]:
        """These claims ((article id, claim id) pairs), with article-local ids."""
        with self.current() as conn:
            return queries.claims_at(conn, keys)

    def claims_of(self, entity: str, denials: bool) -> list[queries.StoredRow]:
        """Denials about or by the library entity `entity` (`denials`), else the other
        claims about it."""
        with self.current() as conn:
            return queries.claims_of(conn, entity, denials)

    def quotes_by(self, entity: str) -> list[queries.StoredRow]:
        """The quotes attributed to the library entity `entity`."""
        with self.current() as conn:
            return queries.quotes_by(conn, entity)

    def close(self) -> None:
        """Close the connection (the next question opens it again)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


@contextlib.contextmanager
def _as_store_error(path: Path) -> Iterator[None]:
    """A cache that cannot be used (locked for long by another writer, read-only, a disk
    error) is a one-line `StoreError`, not an SQLite traceback."""
    try:
        yield
    except sqlite3.Error as error:
        raise StoreError(f"ledger cache {one_line(str(path))}: {error}") from error
