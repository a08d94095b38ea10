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

from reader.library.entry import ArticleEntry, entity_rows
from reader.library.linking import EntityRow, LibraryEntity, link
from reader.library.links import LinkBook
from reader.library.model import StoredAnalysis
from reader.library.names import name_key
from reader.library.shelf import AnalysisShelf
from reader.safe_text import one_line

SCHEMA = "1"
"""Bump when the tables change: an older cache is rebuilt (silently)."""
SCHEMA_SQL = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE articles(id TEXT PRIMARY KEY, file TEXT, content_hash TEXT, version INTEGER,
  title TEXT, source TEXT, outlet TEXT, date TEXT, added TEXT, words INTEGER,
  claims INTEGER, sort TEXT);
CREATE TABLE claims(article TEXT, id TEXT, ord INTEGER, start INTEGER, stop INTEGER,
  text TEXT, content TEXT, tags TEXT, source TEXT, source_words TEXT, entities TEXT,
  disputes TEXT, PRIMARY KEY(article, id)) WITHOUT ROWID;
CREATE TABLE rows(article TEXT, eid TEXT, name TEXT, kind TEXT, aliases TEXT,
  mentions INTEGER, about TEXT, by_ TEXT, PRIMARY KEY(article, eid)) WITHOUT ROWID;
CREATE TABLE mentions(article TEXT, eid TEXT, side TEXT, claim TEXT);
CREATE INDEX mentions_by_entity ON mentions(article, eid, side);
CREATE TABLE entities(id TEXT PRIMARY KEY, ord INTEGER, name TEXT, kind TEXT,
  aliases TEXT, articles INTEGER, mentions INTEGER, claims_about INTEGER,
  claims_by INTEGER, possibly TEXT, keys TEXT, spellings TEXT);
CREATE TABLE members(article TEXT, eid TEXT, entity TEXT, PRIMARY KEY(article, eid))
  WITHOUT ROWID;
CREATE INDEX members_of_entity ON members(entity);
CREATE TABLE lookup(key TEXT, rank INTEGER, entity TEXT);
CREATE INDEX lookup_by_key ON lookup(key);
"""
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
        with self._lock:
            conn = self._connection()
            if force or time.monotonic() >= self._fresh_until:
                try:
                    self._sync(conn)
                except sqlite3.DatabaseError as error:
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
            conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            version = _schema(conn)
        except sqlite3.DatabaseError as error:
            if conn is not None:
                conn.close()
            if existed:
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
            _create(conn)
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
        for extra in (self.path.with_name(self.path.name + "-journal"),):
            with contextlib.suppress(OSError):
                extra.unlink()
        self.warn(f"ledger cache {one_line(str(self.path))} was damaged ({error}); kept it as "
                  f"{one_line(str(target))} and rebuilt it from the article files")  # fmt: skip
        self._replaced = True

    def _sync(self, conn: sqlite3.Connection) -> None:
        """Bring the cache in step with the files: a directory scan when nothing changed."""
        on_disk = self.shelf.scan()
        listing = repr(sorted(on_disk.items())).encode()
        files = f"{len(on_disk)}:{len(listing)}:{zlib.crc32(listing)}"
        links = self.links.stamp()
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("files") == files and meta.get("links") == links:
            return
        with _transaction(conn):
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
            _forget(conn, gone)
            changed = True
        for name, stamp in on_disk.items():
            if cached.get(name) == stamp:
                continue
            _forget(conn, name)
            stored = self.shelf.analysis(name)
            if stored is not None:
                _remember(conn, stored, stamp)
            changed = True
        return changed

    def _relink(self, conn: sqlite3.Connection) -> None:
        rows = [
            EntityRow(a, e, n, k, tuple(json.loads(al)), m, tuple(json.loads(ab)),
                      tuple(json.loads(by)))
            for a, e, n, k, al, m, ab, by in conn.execute("SELECT * FROM rows")
        ]  # fmt: skip
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
        return [_entity(row) for row in rows]

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
        return [_entity(row) for row in best]

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


def _schema(conn: sqlite3.Connection) -> str | None:
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    if "meta" not in tables:
        return None
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    return row[0] if row else None


def _create(conn: sqlite3.Connection) -> None:
    with _transaction(conn):
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
        ).fetchall():
            conn.execute(f'DROP TABLE IF EXISTS "{name}"')
        for statement in SCHEMA_SQL.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA,))


@contextlib.contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once (two syncing processes take turns)."""
    conn.isolation_level = None
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _forget(conn: sqlite3.Connection, article: str) -> None:
    for table, column in (("articles", "id"), ("claims", "article"), ("rows", "article"),
                          ("mentions", "article")):  # fmt: skip
        conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (article,))  # noqa: S608


def _remember(conn: sqlite3.Connection, stored: StoredAnalysis, stamp: str) -> None:
    entry = ArticleEntry.of(stored)
    sort = entry.newest_key[0]
    conn.execute(
        "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (entry.id, stamp, entry.content_hash, entry.version, entry.title, entry.source,
         entry.outlet, entry.date, entry.added, entry.words, entry.claims, sort),
    )  # fmt: skip
    texts = {claim.id: claim.text for claim in stored.claims}
    conn.executemany(
        "INSERT OR REPLACE INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (stored.article_id, c.id, order, c.start, c.end, c.text, c.content,
             "," + ",".join(c.tags) + ",", c.source, c.source_words, json.dumps(c.entities),
             json.dumps([[d, texts[d]] for d in c.disputes if d in texts]))
            for order, c in enumerate(stored.claims)
        ],
    )  # fmt: skip
    rows = entity_rows(stored)
    conn.executemany(
        "INSERT OR REPLACE INTO rows VALUES (?,?,?,?,?,?,?,?)",
        [(r.article_id, r.entity_id, r.name, r.kind, json.dumps(r.aliases), r.mentions,
          json.dumps(r.about), json.dumps(r.by)) for r in rows],
    )  # fmt: skip
    conn.executemany(
        "INSERT INTO mentions VALUES (?,?,?,?)",
        [(r.article_id, r.entity_id, "a", claim) for r in rows for claim in r.about]
        + [(r.article_id, r.entity_id, "b", claim) for r in rows for claim in r.by],
    )


def _entity(row: tuple[Any, ...]) -> LibraryEntity:
    (eid, _, name, kind, aliases, articles, mentions, about, by, possibly, keys,
     spellings) = row  # fmt: skip
    return LibraryEntity(
        id=eid,
        name=name,
        kind=kind,
        aliases=tuple(json.loads(aliases)),
        articles=articles,
        mentions=mentions,
        claims_about=about,
        claims_by=by,
        possibly=tuple(json.loads(possibly)),
        keys=tuple((k, v) for k, v in json.loads(keys)),
        spellings=tuple(json.loads(spellings)),
    )
