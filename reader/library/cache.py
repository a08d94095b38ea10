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
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from reader.errors import StoreError
from reader.library.entry import ArticleEntry
from reader.library.linking import EntityRow, LibraryEntity, link
from reader.library.links import LinkBook
from reader.library.model import StoredAnalysis
from reader.library.names import name_key
from reader.library.shelf import AnalysisShelf
from reader.library.tables import SCHEMA, create, entity, forget, remember, schema, transaction
from reader.safe_text import one_line

CLAIM_COLUMNS = (
    "c.article, c.id, c.start, c.stop, c.text, c.content, c.tags, c.source, "
    "c.source_words, c.entities, c.disputes"
)
FRESH = 0.5
"""Seconds a sync is trusted for (changes made in this process always sync at once)."""
BATCH = 900
"""Parameters per `IN (...)` list."""


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

    # -- keeping it current ----------------------------------------------------------

    @contextlib.contextmanager
    def current(self, force: bool = False) -> Iterator[sqlite3.Connection]:
        """The connection, synced with the files first (unless synced less than `FRESH`
        seconds ago and not `force`d: one question's several look-ups scan once); one
        thread at a time."""
        with self._lock, _as_store_error(self.path):
            conn = self._connection()
            if force or time.monotonic() >= self._fresh_until:
                try:
                    self._sync(conn)
                except sqlite3.DatabaseError as error:
                    if isinstance(error, sqlite3.OperationalError):
                        raise  # locked or read-only: not damage
                    self._set_aside(error)
                    conn = self._connection()
                    self._sync(conn)
                self._fresh_until = time.monotonic() + FRESH
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
        on_disk = self.shelf.scan()
        listing = repr(sorted(on_disk.items())).encode()
        files = f"{len(on_disk)}:{len(listing)}:{zlib.crc32(listing)}"
        links = self.links.stamp()
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("files") == files and meta.get("links") == links and meta.get("linked"):
            return
        with transaction(conn):
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            changed = meta.get("files") != files and self._sync_articles(conn, on_disk)
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
        conn.executemany("INSERT INTO entities VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", entities)
        conn.executemany("INSERT INTO members VALUES (?,?,?)", members)
        conn.executemany("INSERT INTO lookup VALUES (?,?,?)", lookup)

    # -- answers ---------------------------------------------------------------------

    def articles(self) -> list[ArticleEntry]:
        """Every stored article, newest first."""
        with self.current() as conn:
            rows = conn.execute(
                "SELECT id, content_hash, version, title, source, date, outlet, added, words, "
                "claims FROM articles ORDER BY sort DESC, added DESC"
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

    def claim_rows(
        self,
        entities: Sequence[str] | None,
        side: str,
        tag: str | None,
        articles: Sequence[str] | None,
    ) -> tuple[list[tuple[Any, ...]], dict[tuple[str, str], str], dict[str, ArticleEntry]]:
        """Claims (of the `entities`' claims on `side` "a"bout or "b"y, with `tag`, in
        `articles`), newest article first; the library names of their articles' entities;
        their articles."""
        sql = [f"SELECT DISTINCT {CLAIM_COLUMNS}, a.sort, a.added, c.ord FROM claims c "
               "JOIN articles a ON a.id = c.article"]  # fmt: skip
        where: list[str] = []
        args: list[Any] = []
        if entities is not None:
            sql.append(
                "JOIN mentions x ON x.article = c.article AND x.claim = c.id "
                "JOIN members m ON m.article = x.article AND m.eid = x.eid"
            )
            where.append(f"x.side = ? AND m.entity IN ({','.join('?' * len(entities))})")
            args += [side, *entities]
        if tag is not None:
            where.append("c.tags LIKE ?")
            args.append(f"%,{tag},%")
        with self.current() as conn:
            if articles is not None:
                conn.execute("CREATE TEMP TABLE IF NOT EXISTS chosen(id TEXT PRIMARY KEY)")
                conn.execute("DELETE FROM chosen")
                conn.executemany(
                    "INSERT OR IGNORE INTO chosen VALUES (?)", [(a,) for a in articles]
                )
                where.append("c.article IN (SELECT id FROM chosen)")
            if where:
                sql.append("WHERE " + " AND ".join(where))
            sql.append("ORDER BY a.sort DESC, a.added DESC, c.ord")
            rows = conn.execute(" ".join(sql), args).fetchall()
            ids = sorted({row[0] for row in rows})
            names: dict[tuple[str, str], str] = {}
            refs: dict[str, ArticleEntry] = {}
            for first in range(0, len(ids), BATCH):
                chunk = ids[first : first + BATCH]
                marks = ",".join("?" * len(chunk))
                for article, eid, name in conn.execute(
                    "SELECT m.article, m.eid, e.name FROM members m JOIN entities e "
                    f"ON e.id = m.entity WHERE m.article IN ({marks})",
                    chunk,
                ):
                    names[(article, eid)] = name
                for row in conn.execute(
                    "SELECT id, content_hash, version, title, source, date, outlet, added, "
                    f"words, claims FROM articles WHERE id IN ({marks})",
                    chunk,
                ):
                    refs[row[0]] = ArticleEntry(*row)
        return [row[:11] for row in rows], names, refs

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
