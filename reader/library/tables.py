"""The ledger cache's tables: the schema, and one article's rows in and out.

Invariant: the per-article tables (`articles`, `claims`, `rows`, `mentions`) hold
exactly what one `StoredAnalysis` says (`remember`, `forget`); the linked tables
(`entities`, `members`, `lookup`) are filled by `LedgerCache` from `rows` and the links.
Lists are stored as JSON text; tags as `,tag,tag,` so one `LIKE` finds a tag; a
claim's topic stems (lower-case words) as one space-separated string, as the claim
came with them (`StoredClaim.topics`) or worked out here when it did not.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from reader.library.entity import LibraryEntity
from reader.library.entry import ArticleEntry, entity_rows
from reader.library.model import StoredAnalysis, StoredClaim

_PLAIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:-")
"""The characters of an id whose JSON string is itself in quotes (nothing to escape); a
set, not a pattern: a question imports this module and never stores a claim."""
SCHEMA = "3"
"""Bump when the tables change: an older cache is rebuilt (silently)."""
SCHEMA_SQL = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE articles(id TEXT PRIMARY KEY, file TEXT, content_hash TEXT, version INTEGER,
  title TEXT, source TEXT, outlet TEXT, date TEXT, added TEXT, words INTEGER,
  claims INTEGER, sort TEXT);
CREATE TABLE claims(article TEXT, id TEXT, ord INTEGER, start INTEGER, stop INTEGER,
  text TEXT, content TEXT, tags TEXT, source TEXT, source_words TEXT, entities TEXT,
  disputes TEXT, topics TEXT, PRIMARY KEY(article, id)) WITHOUT ROWID;
CREATE TABLE rows(article TEXT PRIMARY KEY, entities TEXT) WITHOUT ROWID;
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


def schema(conn: sqlite3.Connection) -> str | None:
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    if "meta" not in tables:
        return None
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    return row[0] if row else None


def create(conn: sqlite3.Connection) -> None:
    with transaction(conn):
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
        ).fetchall():
            conn.execute(f'DROP TABLE IF EXISTS "{name}"')
        for statement in SCHEMA_SQL.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA,))


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once (two syncing processes take turns)."""
    conn.isolation_level = None
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def forget(conn: sqlite3.Connection, article: str) -> None:
    for table, column in (("articles", "id"), ("claims", "article"), ("rows", "article"),
                          ("mentions", "article")):  # fmt: skip
        conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (article,))  # noqa: S608


def remember(conn: sqlite3.Connection, stored: StoredAnalysis, stamp: str) -> None:
    entry = ArticleEntry.of(stored)
    sort = entry.newest_key[0]
    conn.execute(
        "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (entry.id, stamp, entry.content_hash, entry.version, entry.title, entry.source,
         entry.outlet, entry.date, entry.added, entry.words, entry.claims, sort),
    )  # fmt: skip
    texts = {claim.id: claim.text for claim in stored.claims}
    conn.executemany(
        "INSERT OR REPLACE INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (stored.article_id, c.id, order, c.start, c.end, c.text, c.content,
             "," + ",".join(c.tags) + ",", c.source, c.source_words, _ids(c.entities),
             _disputes(c.disputes, texts), _topics(c))
            for order, c in enumerate(stored.claims)
        ],
    )  # fmt: skip
    rows = entity_rows(stored)
    blob = [[r.entity_id, r.name, r.kind, r.aliases, r.mentions, r.about, r.by] for r in rows]
    conn.execute("INSERT OR REPLACE INTO rows VALUES (?,?)", (stored.article_id, json.dumps(blob)))
    conn.executemany(
        "INSERT INTO mentions VALUES (?,?,?,?)",
        [(r.article_id, r.entity_id, "a", claim) for r in rows for claim in r.about]
        + [(r.article_id, r.entity_id, "b", claim) for r in rows for claim in r.by],
    )


def _ids(ids: tuple[str, ...]) -> str:
    """`json.dumps(list(ids))`'s value; plain ids (`e12`, the analysis' own) are joined
    without the encoder (a call per claim was a tenth of storing a batch)."""
    if all(_PLAIN.issuperset(i) for i in ids):
        return '["' + '", "'.join(ids) + '"]' if ids else "[]"
    return json.dumps(ids)


def _disputes(ids: tuple[str, ...], texts: dict[str, str]) -> str:
    """The JSON `[[claim id, its text], ...]` of the disputed claims (most claims: none)."""
    return json.dumps([[d, texts[d]] for d in ids if d in texts]) if ids else "[]"


def _topics(claim: StoredClaim) -> str:
    if claim.topics is not None:
        return " ".join(claim.topics)
    from reader.library.topics import claim_topics  # read back from a file: work out

    return " ".join(claim_topics(claim.content, claim.source_words))


def entity(row: tuple[Any, ...]) -> LibraryEntity:
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
